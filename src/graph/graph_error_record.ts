import { createErrorRecord, type ErrorRecord } from "../runtime/error_record.ts";
import { httpStatusName } from "./http_status.ts";
import { type GraphResponse, parseGraphErrorBody } from "./graph_response.ts";

/** Where an error of a generated Graph cmdlet comes from: the variant command of one parameter set. */
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
 * Formats the SDK 2.x error text: the Graph message, a blank line, then `Status: 404 (NotFound)`,
 * `ErrorCode: …`, `Date: …` and the response headers, each name padded to 30 columns.
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
    "",
    "Headers:",
  ];
  response.headers.forEach((value, name) => lines.push(`${name.padEnd(30)}: ${value}`));
  return lines.join("\n");
}

/**
 * Turns a non-2xx Graph response into the record the generated cmdlet writes: errorId = the Graph
 * error code, category InvalidOperation. A body that is not Graph error JSON gives the
 * RestException text with the status name as errorId.
 */
export function graphErrorRecord(
  response: GraphResponse,
  variant: GraphCmdletVariant,
  targetObject: unknown,
): ErrorRecord {
  const parsed = parseGraphErrorBody(response.bodyText);
  const statusName = httpStatusName(response.status);
  const kind = response.status >= 500 ? "Server Error" : "Request Error";
  const error = parsed ?? {
    code: statusName,
    message: response.bodyText.trim() !== ""
      ? response.bodyText.trim()
      : `The server responded with a ${kind}, Status: ${statusName}`,
  };
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
 * The record of the generated cmdlet's catch-all for transport and other exceptions: no errorId,
 * so PowerShell uses the exception type; category NotSpecified.
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
