import { toPowerShellString } from "../binding/argument_conversion.ts";
import type { CommandMetadata } from "../binding/parameter_metadata.ts";
import { escapeDataString, isDotSegment } from "../graph/escape_data_string.ts";
import {
  type GraphCmdletVariant,
  graphErrorRecord,
  requestFailureRecord,
  variantCommandName,
  variantTypeName,
} from "../graph/graph_error_record.ts";
import type { GraphResponse } from "../graph/graph_response.ts";
import type { CmdletDefinition, ProcessContext } from "../runtime/cmdlet.ts";
import { createErrorRecord } from "../runtime/error_record.ts";

/** The .NET type of -InputObject; a pipeline object marked with it binds without coercion. */
export const IDENTITY_TYPE = "Microsoft.Graph.PowerShell.Models.ICloudCommunicationsIdentity";
/** The .NET type of -BodyParameter; a pipeline object marked with it binds without coercion. */
export const BODY_TYPE =
  "Microsoft.Graph.PowerShell.Models.IPaths1Ca0Rf4CommunicationsPresencesPresenceIdMicrosoftGraphClearpresencePostRequestbodyContentApplicationJsonSchema";

/** The REST operation as the SDK's ShouldProcess target names it: the path template, not the id. */
const OPERATION_TARGET =
  "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation";

/** Parameters and sets of Clear-MgCommunicationPresence (Microsoft.Graph.CloudCommunications 2.x, v1.0). */
export const CLEAR_MG_COMMUNICATION_PRESENCE_METADATA: CommandMetadata = {
  name: "Clear-MgCommunicationPresence",
  implementingType: "Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence",
  defaultParameterSet: "ClearExpanded",
  parameterSets: ["ClearExpanded", "Clear", "ClearViaIdentity", "ClearViaIdentityExpanded"],
  supportsShouldProcess: true,
  confirmImpact: "Medium",
  outputType: "System.Boolean",
  synopsis: "Clear the application's presence session for a user.",
  description:
    "Clear the application's presence session for a user. If it is the user's only presence session, the user's presence will change to Offline/Offline.",
  parameters: [
    {
      name: "PresenceId",
      type: "String",
      typeFullName: "System.String",
      sets: { ClearExpanded: { mandatory: true }, Clear: { mandatory: true } },
      help: "The unique identifier of presence",
    },
    {
      name: "InputObject",
      type: "Identity",
      typeFullName: IDENTITY_TYPE,
      sets: {
        ClearViaIdentity: { mandatory: true, valueFromPipeline: true },
        ClearViaIdentityExpanded: { mandatory: true, valueFromPipeline: true },
      },
      help: "Identity Parameter",
    },
    {
      name: "BodyParameter",
      type: "BodyObject",
      typeFullName: BODY_TYPE,
      sets: {
        Clear: { mandatory: true, valueFromPipeline: true },
        ClearViaIdentity: { mandatory: true, valueFromPipeline: true },
      },
      help: "Request body of clearPresence: sessionId and any additional properties.",
    },
    {
      name: "AdditionalProperties",
      type: "Hashtable",
      typeFullName: "System.Collections.Hashtable",
      sets: { ClearExpanded: {}, ClearViaIdentityExpanded: {} },
      help: "Additional Parameters",
    },
    {
      name: "SessionId",
      type: "String",
      typeFullName: "System.String",
      sets: { ClearExpanded: {}, ClearViaIdentityExpanded: {} },
      help: ".",
    },
    {
      name: "PassThru",
      type: "SwitchParameter",
      typeFullName: "System.Management.Automation.SwitchParameter",
      help: "Returns true when the command succeeds",
    },
  ],
};

/** Reads a property case-insensitively, as the identity's type converter matches keys. */
function readProperty(object: unknown, name: string): unknown {
  if (object === null || typeof object !== "object") return undefined;
  const key = Object.keys(object).find((candidate) =>
    candidate.toLowerCase() === name.toLowerCase()
  );
  return key === undefined ? undefined : (object as Record<string, unknown>)[key];
}

/**
 * Serializes a -BodyParameter value as the SDK's body model does. Its type converter matches the
 * declared property SessionId case-insensitively and writes it as `sessionId`. Every other key is
 * an additional property, written as given.
 */
function serializeBodyParameter(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value ?? {};
  const body: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(value)) {
    body[key.toLowerCase() === "sessionid" ? "sessionId" : key] = property;
  }
  return body;
}

function requestBody(context: ProcessContext): unknown {
  const { bound } = context;
  if (context.parameterSetName === "Clear" || context.parameterSetName === "ClearViaIdentity") {
    return serializeBodyParameter(bound.get("BodyParameter"));
  }
  const body: Record<string, unknown> = {};
  const sessionId = bound.get("SessionId");
  if (typeof sessionId === "string") body.sessionId = sessionId;
  const additional = bound.get("AdditionalProperties");
  if (additional && typeof additional === "object") Object.assign(body, additional);
  return body;
}

/** Runs the process step: one clearPresence call per bound pipeline object. */
async function processClearPresence(context: ProcessContext): Promise<void> {
  const variant: GraphCmdletVariant = {
    cmdletName: CLEAR_MG_COMMUNICATION_PRESENCE_METADATA.name,
    parameterSetName: context.parameterSetName,
  };
  const { runtime, bound } = context;
  if (!(await runtime.shouldProcess(OPERATION_TARGET, variantCommandName(variant)))) return;

  let presenceId: unknown;
  if (context.parameterSetName.startsWith("ClearViaIdentity")) {
    const inputObject = bound.get("InputObject");
    presenceId = readProperty(inputObject, "PresenceId");
    if (presenceId === null || presenceId === undefined) {
      runtime.throwTerminatingError(createErrorRecord({
        errorId: "System.Exception",
        errorIdSuffix: variantTypeName(variant),
        category: "InvalidArgument",
        message: "InputObject has null value for InputObject.PresenceId",
        exceptionType: "Exception",
        commandName: variantCommandName(variant),
        targetObject: inputObject,
      }));
    }
  } else {
    presenceId = bound.get("PresenceId");
  }

  // A piped identity may carry any JSON value; the SDK's [string] property converts it as PowerShell does.
  const id = toPowerShellString(presenceId);
  const body = requestBody(context);
  if (isDotSegment(id)) {
    await runtime.writeError(createErrorRecord({
      errorId: "System.ArgumentException",
      errorIdSuffix: variantTypeName(variant),
      category: "InvalidArgument",
      message:
        `PresenceId '${id}' cannot be sent as a path segment, because a URL reads '.' and '..' as navigation. Use the user's object id.`,
      exceptionType: "ArgumentException",
      commandName: variantCommandName(variant),
      targetObject: { PresenceId: id, body },
    }));
    return;
  }
  const connection = await context.connection();
  let response: GraphResponse;
  try {
    response = await context.sendGraphRequest(connection, {
      method: "POST",
      path: `/v1.0/communications/presences/${escapeDataString(id)}/microsoft.graph.clearPresence`,
      body,
    }, { verbose: runtime.writeVerbose, debug: runtime.writeDebug });
  } catch (error) {
    // The generated cmdlet's catch-all: one NotSpecified record per failed call, named after the
    // .NET exception (AggregateException, HttpRequestException, TaskCanceledException, …).
    await runtime.writeError(requestFailureRecord(error, variant));
    return;
  }

  if (response.status >= 200 && response.status < 300) {
    if (bound.get("PassThru") === true) runtime.writeObject(true);
    return;
  }
  await runtime.writeError(graphErrorRecord(response, variant, { PresenceId: id, body }));
}

/** Clear-MgCommunicationPresence: metadata plus process step. */
export const clearMgCommunicationPresence: CmdletDefinition = {
  metadata: CLEAR_MG_COMMUNICATION_PRESENCE_METADATA,
  process: processClearPresence,
};
