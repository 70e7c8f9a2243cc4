import { createErrorRecord, type ErrorRecord } from "../runtime/error_record.ts";
import { GraphRequestError } from "./graph_request_error.ts";
import { httpStatusName } from "./http_status.ts";
import { type GraphResponse, parseGraphErrorBody } from "./graph_response.ts";

/**
 * Variant command of a generated Graph cmdlet, which implements one parameter set. Error records
 * name it as their source.
 */
export interface GraphCmdletVariant {
  /** The cmdlet name, e.g. `Clear-MgCommunicationPresence`. */
  cmdletName: string;
  /** The parameter set the variant implements, e.g. `ClearExpanded`. */
  parameterSetName: string;
}

/** Returns `Clear-MgCommunicationPresence_ClearExpanded`, the name errors and -WhatIf show. */
export function variantCommandName(variant: GraphCmdletVariant): string {
  return `${variant.cmdletName}_${variant.parameterSetName}`;
}

/** Returns `Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded`. */
export function variantTypeName(variant: GraphCmdletVariant): string {
  return `Microsoft.Graph.PowerShell.Cmdlets.${
    variant.cmdletName.replace("-", "")
  }_${variant.parameterSetName}`;
}

/**
 * Names of .NET content headers. HttpResponseMessage.Headers leaves them out, so the error text
 * does too.
 */
const CONTENT_HEADERS: ReadonlySet<string> = new Set([
  "allow",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-length",
  "content-location",
  "content-md5",
  "content-range",
  "content-type",
  "expires",
  "last-modified",
]);

/**
 * Formats the SDK 2.x error text: the Graph message, a blank line, then `Status: 404 (NotFound)`,
 * `ErrorCode: …`, `Date: …`, `Headers:` and the response headers, each name padded to 30 columns.
 * Content headers such as Content-Type are left out, as .NET keeps them apart.
 */
export function formatGraphErrorMessage(
  response: GraphResponse,
  error: { code: string; message: string; date?: string },
): string {
  const lines = [
    error.message,
    "",
    `Status: ${response.status} (${httpStatusName(response.status)})`,
    `ErrorCode: ${error.code}`,
    `Date: ${error.date ?? ""}`,
    "Headers:",
  ];
  // NOTE: fetch lower-cases header names and sorts them, where .NET keeps the server's case and order.
  response.headers.forEach((value, name) => {
    if (!CONTENT_HEADERS.has(name)) lines.push(`${name.padEnd(30)}: ${value}`);
  });
  return lines.join("\n");
}

/**
 * Reads the code and message of a body that is not Graph error JSON, as RestException does. The
 * code is a JSON body's top-level `code`, else the status name. The message is a JSON body's
 * top-level `message`, else the text of a body that is not JSON. An empty message becomes
 * `The server responded with a Request Error, Status: NotFound`, with "a Server Error" for 5xx
 * and "an unrecognized response" below 400.
 */
function restExceptionError(response: GraphResponse): { code: string; message: string } {
  const statusName = httpStatusName(response.status);
  let code = statusName;
  let message = "";
  try {
    const parsed: unknown = JSON.parse(response.bodyText);
    if (parsed !== null && typeof parsed === "object") {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.code === "string") code = fields.code;
      if (typeof fields.message === "string") message = fields.message;
    }
  } catch {
    message = response.bodyText.trim();
  }
  if (message === "") {
    const kind = response.status >= 500
      ? "a Server Error"
      : response.status >= 400
      ? "a Request Error"
      : "an unrecognized response";
    message = `The server responded with ${kind}, Status: ${statusName}`;
  }
  return { code, message };
}

/**
 * Turns a non-2xx Graph response into the record the generated cmdlet writes: errorId = the Graph
 * error code, category InvalidOperation. A body that is not Graph error JSON (an HTML page from a
 * proxy, an empty body) gives the RestException text, with the status name as errorId.
 */
export function graphErrorRecord(
  response: GraphResponse,
  variant: GraphCmdletVariant,
  targetObject: unknown,
): ErrorRecord {
  const parsed = parseGraphErrorBody(response.bodyText);
  const error = parsed ?? restExceptionError(response);
  return createErrorRecord({
    errorId: error.code,
    errorIdSuffix: variantTypeName(variant),
    category: "InvalidOperation",
    message: formatGraphErrorMessage(response, error),
    exceptionType: parsed ? "Exception" : "RestException`1",
    commandName: variantCommandName(variant),
    targetObject,
    targetType: "<>f__AnonymousType0`3",
  });
}

/**
 * Creates the record that the generated cmdlet's catch-all writes for transport and other
 * exceptions. The cmdlet sets no errorId, so PowerShell uses the exception type. The category is
 * NotSpecified.
 */
export function exceptionErrorRecord(
  exceptionTypeFullName: string,
  message: string,
  variant: GraphCmdletVariant,
): ErrorRecord {
  return createErrorRecord({
    errorId: exceptionTypeFullName,
    errorIdSuffix: variantTypeName(variant),
    category: "NotSpecified",
    message,
    exceptionType: exceptionTypeFullName.slice(exceptionTypeFullName.lastIndexOf(".") + 1),
    commandName: variantCommandName(variant),
  });
}

/**
 * Turns a failed call into the catch-all's record: a {@link GraphRequestError} keeps its .NET
 * exception type, and any other error becomes `System.Exception`. The message is the error's
 * message only, never a stack trace.
 */
export function requestFailureRecord(error: unknown, variant: GraphCmdletVariant): ErrorRecord {
  if (error instanceof GraphRequestError) {
    return exceptionErrorRecord(error.exceptionType, error.message, variant);
  }
  const message = error instanceof Error ? error.message : String(error);
  return exceptionErrorRecord("System.Exception", message, variant);
}
