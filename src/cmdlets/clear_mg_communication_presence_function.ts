import type { CommandArgument } from "../binding/argument_parser.ts";
import type { ActionPreference } from "../binding/argument_conversion.ts";
import type { GraphConnection } from "../graph/connection.ts";
import type { BulkOptions } from "../runtime/bulk_options.ts";
import { TerminatingError } from "../runtime/error_record.ts";
import { collectCommandRun, type InvokeCommandResult } from "../runtime/invoke_command.ts";
import type { Host } from "../runtime/host.ts";
import type { Preferences } from "../runtime/preferences.ts";

/** An ICloudCommunicationsIdentity: the ViaIdentity sets read its PresenceId (case-insensitively). */
export interface CloudCommunicationsIdentity {
  /** The user's object id. */
  PresenceId?: string;
  /** Other identity properties (UserId, CallId, …), ignored by this cmdlet. */
  [property: string]: unknown;
}

/** The clearPresence request body: sessionId (the calling app's id) and any other properties. */
export interface ClearPresenceBody {
  /** The application id whose presence session is cleared. */
  sessionId?: string;
  /** Additional properties, sent as top-level JSON members. */
  [property: string]: unknown;
}

/** Common parameters and -PassThru, -WhatIf and -Confirm, which every parameter set has. */
export interface ClearPresenceCommonParameters {
  /** Writes `true` to the output for each cleared session. */
  PassThru?: boolean;
  /** Writes `What if: …` instead of calling Graph. */
  WhatIf?: boolean;
  /** Asks before each call (true), or never (false), whatever the ConfirmPreference value. */
  Confirm?: boolean;
  /** Action on a non-terminating error: Continue, SilentlyContinue, Ignore, Stop or Inquire. */
  ErrorAction?: ActionPreference;
  /** Action on a warning. */
  WarningAction?: ActionPreference;
  /** Writes the verbose stream: the HTTP method and URL of each call. */
  Verbose?: boolean;
  /** Writes the debug stream: each request and response, with the Authorization value redacted. */
  Debug?: boolean;
}

/** Parameters of the ClearExpanded set (the default). */
export interface ClearExpandedParameters extends ClearPresenceCommonParameters {
  /** The user's object id. */
  PresenceId: string;
  /** The application id whose session is cleared. */
  SessionId?: string;
  /** More body properties, sent as top-level JSON members. */
  AdditionalProperties?: Record<string, unknown>;
}

/** Parameters of the Clear set. */
export interface ClearParameters extends ClearPresenceCommonParameters {
  /** The user's object id. */
  PresenceId: string;
  /** The request body, sent as it is. */
  BodyParameter: ClearPresenceBody;
}

/** Parameters of the ClearViaIdentity set. */
export interface ClearViaIdentityParameters extends ClearPresenceCommonParameters {
  /** The identity whose PresenceId names the user. */
  InputObject: CloudCommunicationsIdentity;
  /** The request body, sent as it is. */
  BodyParameter: ClearPresenceBody;
}

/** Parameters of the ClearViaIdentityExpanded set. */
export interface ClearViaIdentityExpandedParameters extends ClearPresenceCommonParameters {
  /** The identity whose PresenceId names the user. */
  InputObject: CloudCommunicationsIdentity;
  /** The application id whose session is cleared. */
  SessionId?: string;
  /** More body properties, sent as top-level JSON members. */
  AdditionalProperties?: Record<string, unknown>;
}

/** The union over the four parameter sets of Clear-MgCommunicationPresence. */
export type ClearMgCommunicationPresenceParameters =
  | ClearExpandedParameters
  | ClearParameters
  | ClearViaIdentityParameters
  | ClearViaIdentityExpandedParameters;

/**
 * Options of {@link clearMgCommunicationPresence}. `throttleLimit` and `batch` clear many
 * sessions concurrently and in `$batch` calls; output and errors stay in input order.
 */
export interface CommandFunctionOptions extends BulkOptions {
  /** How to reach Graph. */
  connection: GraphConnection;
  /** Pipeline input, bound ByValue per object as in PowerShell. */
  input?: AsyncIterable<unknown> | Iterable<unknown>;
  /** Preference variables; PowerShell's defaults when absent. */
  preferences?: Partial<Preferences>;
  /** Receives stream lines and answers prompts; collected into the result when absent. */
  host?: Host;
}

/** Turns named parameters into command arguments with object values, so no text conversion applies. */
export function parametersToArguments(parameters: object): CommandArgument[] {
  return Object.entries(parameters)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({
      kind: "parameter",
      name,
      attachedValue: { kind: "object", value },
    }));
}

/**
 * Clears the application's presence session for a user, as Clear-MgCommunicationPresence does.
 * Non-terminating errors (a Graph 404, say) are in `errors`; a terminating one is thrown as a
 * {@link TerminatingError}.
 *
 * @example
 * ```ts ignore
 * const result = await clearMgCommunicationPresence(
 *   { PresenceId: "fa8bf3dc-eca7-46b7-bad1-db199b62afc3", SessionId: "22553876-f5ab-4529-bffb-cfe50aa89f87", PassThru: true },
 *   { connection: { endpoint: "https://graph.microsoft.com", getAccessToken: () => Promise.resolve(token) } },
 * );
 * console.log(result.output); // [ true ]
 * ```
 */
export async function clearMgCommunicationPresence(
  parameters: ClearMgCommunicationPresenceParameters,
  options: CommandFunctionOptions,
): Promise<InvokeCommandResult> {
  const result = await collectCommandRun(
    "Clear-MgCommunicationPresence",
    parametersToArguments(parameters),
    options,
  );
  if (result.terminatingError) {
    throw new TerminatingError(result.terminatingError, { bindingFailure: result.exitCode === 2 });
  }
  return result;
}
