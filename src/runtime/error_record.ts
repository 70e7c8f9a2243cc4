/** PowerShell's ErrorCategory names that this project writes. */
export type ErrorCategory =
  | "NotSpecified"
  | "InvalidArgument"
  | "InvalidData"
  | "InvalidOperation"
  | "ObjectNotFound"
  | "OperationStopped"
  | "ConnectionError"
  | "AuthenticationError"
  | "PermissionDenied"
  | "OperationTimeout"
  | "WriteError"
  | "ReadError"
  | "ParserError"
  | "ResourceUnavailable";

/** An error as PowerShell's ErrorRecord carries it, reduced to what the error views show. */
export interface ErrorRecord {
  /** `<ErrorId>,<command or implementing type>`, e.g. `NamedParameterNotFound,Clear-MgCommunicationPresence`. */
  fullyQualifiedErrorId: string;
  /** The ErrorCategory, e.g. `InvalidArgument`. */
  category: ErrorCategory;
  /** The text ConciseView prints after the command name (ErrorDetails.Message, else the exception's). */
  message: string;
  /** The exception's short type name, the Reason of CategoryInfo, e.g. `ParameterBindingException`. */
  exceptionType: string;
  /** The object the error is about, as JSON, or null. */
  targetObject: unknown;
  /** The command that wrote the error: the ConciseView prefix and the Activity of CategoryInfo. */
  commandName: string;
  /** The .NET type short name of the target that CategoryInfo shows; derived from the target when absent. */
  targetType?: string;
  /** The text CategoryInfo shows for the target; derived from the target when absent. */
  targetName?: string;
}

/** Options of {@link createErrorRecord}. */
export interface ErrorRecordInit {
  errorId: string;
  /** The suffix after the comma in FullyQualifiedErrorId; empty for none. */
  errorIdSuffix: string;
  category: ErrorCategory;
  message: string;
  exceptionType: string;
  commandName: string;
  targetObject?: unknown;
  targetType?: string;
  targetName?: string;
}

/** Builds an ErrorRecord; an empty errorId is replaced by the exception's full type name, as PowerShell does. */
export function createErrorRecord(init: ErrorRecordInit): ErrorRecord {
  const record: ErrorRecord = {
    fullyQualifiedErrorId: init.errorIdSuffix
      ? `${init.errorId},${init.errorIdSuffix}`
      : init.errorId,
    category: init.category,
    message: init.message,
    exceptionType: init.exceptionType,
    targetObject: init.targetObject ?? null,
    commandName: init.commandName,
  };
  if (init.targetType !== undefined) record.targetType = init.targetType;
  if (init.targetName !== undefined) record.targetName = init.targetName;
  return record;
}

/**
 * An error that stops the pipeline, as ThrowTerminatingError or a statement-terminating
 * ParameterBindingException does. `bindingFailure` marks errors of the command line itself,
 * which exit with code 2.
 */
export class TerminatingError extends Error {
  /** The record the error views render. */
  readonly record: ErrorRecord;
  /** True when the command line failed to bind, so nothing ran. */
  readonly bindingFailure: boolean;

  /** Wraps a record; `options.bindingFailure` marks a command line that failed to bind. */
  constructor(record: ErrorRecord, options: { bindingFailure?: boolean } = {}) {
    super(record.message);
    this.name = "TerminatingError";
    this.record = record;
    this.bindingFailure = options.bindingFailure ?? false;
  }
}
