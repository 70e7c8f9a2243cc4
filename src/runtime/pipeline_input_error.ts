import { createErrorRecord, type ErrorCategory, type ErrorRecord } from "./error_record.ts";

/** The kinds of failure that reading pipeline input from JSON can report. */
export type PipelineInputErrorId =
  | "PipelineInputInvalidJson"
  | "PipelineInputInvalidUtf8"
  | "PipelineInputItemTooLarge"
  | "PipelineInputItemTooDeep";

const CATEGORIES: Readonly<Record<PipelineInputErrorId, ErrorCategory>> = {
  PipelineInputInvalidJson: "ParserError",
  PipelineInputInvalidUtf8: "InvalidData",
  PipelineInputItemTooLarge: "InvalidData",
  PipelineInputItemTooDeep: "InvalidData",
};

/**
 * A pipeline input item that could not be read. The reader yields a non-terminating one in place
 * of the item it replaces, and throws a terminating one when the rest of the input cannot be
 * read (a malformed JSON document).
 */
export class PipelineInputError extends Error {
  /** The ErrorId part of the record's FullyQualifiedErrorId. */
  readonly errorId: PipelineInputErrorId;
  /** True when no later item can be read, so the pipeline ends. */
  readonly terminating: boolean;

  /** Creates the error; `options.terminating` marks input that cannot be read past this point. */
  constructor(errorId: PipelineInputErrorId, message: string, options: { terminating: boolean }) {
    super(message);
    this.name = "PipelineInputError";
    this.errorId = errorId;
    this.terminating = options.terminating;
  }

  /**
   * Builds the error record that the command writes. The exception type is ArgumentException,
   * the type ConvertFrom-Json reports for input it cannot convert.
   */
  toErrorRecord(commandName: string): ErrorRecord {
    return createErrorRecord({
      errorId: this.errorId,
      errorIdSuffix: commandName,
      category: CATEGORIES[this.errorId],
      message: this.message,
      exceptionType: "ArgumentException",
      commandName,
    });
  }
}
