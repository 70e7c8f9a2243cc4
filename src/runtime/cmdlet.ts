import type { CommandMetadata } from "../binding/parameter_metadata.ts";
import type { GraphConnection } from "../graph/connection.ts";
import type { GraphRequestSender } from "../graph/graph_request.ts";
import type { ErrorRecord } from "./error_record.ts";

/** What a cmdlet's process step can do, after Cmdlet's WriteObject, WriteError and friends. */
export interface CommandRuntime {
  /** Writes one object to the output stream. */
  writeObject(value: unknown): void;
  /** Writes a non-terminating error, subject to -ErrorAction. */
  writeError(record: ErrorRecord): Promise<void>;
  /** Stops the pipeline with a terminating error. */
  throwTerminatingError(record: ErrorRecord): never;
  /** Asks ShouldProcess: -WhatIf, -Confirm and ConfirmImpact decide; true means go ahead. */
  shouldProcess(target: string, action: string): Promise<boolean>;
  writeVerbose(text: string): void;
  writeDebug(text: string): void;
  writeWarning(text: string): void;
}

/** The inputs of one process step: one per pipeline object, or one without pipeline input. */
export interface ProcessContext {
  parameterSetName: string;
  /** Bound parameters by full name, including common ones. */
  bound: ReadonlyMap<string, unknown>;
  runtime: CommandRuntime;
  /** Returns the Graph connection; throws a TerminatingError when none is configured. */
  connection: () => Promise<GraphConnection>;
  /**
   * Sends a Graph request for this pipeline object: directly, through the run's pacer, or as a
   * step of a `$batch` call, as the run's options select. Rejects when the pipeline stops before
   * the object's output is written.
   */
  sendGraphRequest: GraphRequestSender;
}

/** A cmdlet: its metadata, and the process step that runs once per bound pipeline object. */
export interface CmdletDefinition {
  metadata: CommandMetadata;
  process(context: ProcessContext): Promise<void>;
}
