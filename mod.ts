/**
 * mg-presence: Microsoft Graph PowerShell's Clear-MgCommunicationPresence for Deno, with
 * PowerShell's parameter binding, pipeline and error semantics.
 *
 * @example
 * ```ts ignore
 * import { invokeCommand } from "@mgdeno/presence";
 * const result = await invokeCommand(
 *   "Clear-MgCommunicationPresence",
 *   ["-PresenceId", "fa8bf3dc-eca7-46b7-bad1-db199b62afc3", "-WhatIf"],
 * );
 * console.log(result.streams.host[0]); // What if: Performing the operation "Clear-MgCommunicationPresence_ClearExpanded" …
 * ```
 *
 * @module
 */
export {
  type CommandSinks,
  invokeCommand,
  type InvokeCommandOptions,
  type InvokeCommandResult,
} from "./src/runtime/invoke_command.ts";
export {
  type ClearExpandedParameters,
  clearMgCommunicationPresence,
  type ClearMgCommunicationPresenceParameters,
  type ClearParameters,
  type ClearPresenceBody,
  type ClearPresenceCommonParameters,
  type ClearViaIdentityExpandedParameters,
  type ClearViaIdentityParameters,
  type CloudCommunicationsIdentity,
  type CommandFunctionOptions,
} from "./src/cmdlets/clear_mg_communication_presence_function.ts";
export {
  clearPresenceBody,
  cloudCommunicationsIdentity,
} from "./src/cmdlets/clear_mg_communication_presence_objects.ts";
export {
  BODY_TYPE as CLEAR_PRESENCE_BODY_TYPE,
  IDENTITY_TYPE as CLOUD_COMMUNICATIONS_IDENTITY_TYPE,
} from "./src/cmdlets/clear_mg_communication_presence.ts";
export type { BulkOptions } from "./src/runtime/bulk_options.ts";
export { openPipelineInput, type PipelineInputLimits } from "./src/runtime/stdin_reader.ts";
export {
  PipelineInputError,
  type PipelineInputErrorId,
} from "./src/runtime/pipeline_input_error.ts";
export {
  type ErrorCategory,
  type ErrorRecord,
  TerminatingError,
} from "./src/runtime/error_record.ts";
export { type ErrorViewName, formatErrorRecord } from "./src/runtime/error_view.ts";
export type { Host, HostStream } from "./src/runtime/host.ts";
export type { Preferences } from "./src/runtime/preferences.ts";
export { ACTION_PREFERENCES, type ActionPreference } from "./src/binding/argument_conversion.ts";
export type { CommandVariables, ErrorDisposition, ExitCode } from "./src/runtime/command_runner.ts";
export type { AccessTokenProvider, GraphConnection, RetryOptions } from "./src/graph/connection.ts";
export {
  type ClientCredentialsOptions,
  createClientCredentialsTokenProvider,
} from "./src/graph/client_credentials.ts";
export { GRAPH_ENVIRONMENTS, type GraphEnvironment } from "./src/graph/graph_environments.ts";
export {
  connectionFromEnvironment,
  type EnvironmentReader,
} from "./src/graph/environment_connection.ts";
