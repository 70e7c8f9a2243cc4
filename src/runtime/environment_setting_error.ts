import { createErrorRecord, TerminatingError } from "./error_record.ts";

/**
 * Creates the error for an environment variable whose value is invalid, such as MG_ENVIRONMENT
 * or WhatIfPreference. It stops the run before anything is sent.
 */
export function invalidSettingError(commandName: string, message: string): TerminatingError {
  return new TerminatingError(createErrorRecord({
    errorId: "InvalidEnvironmentVariable",
    errorIdSuffix: commandName,
    category: "InvalidArgument",
    message,
    exceptionType: "PSArgumentException",
    commandName,
  }));
}
