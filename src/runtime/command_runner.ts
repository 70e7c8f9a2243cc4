import type { ActionPreference } from "../binding/argument_conversion.ts";
import type { CommandArgument } from "../binding/argument_parser.ts";
import { bindCommandLine } from "../binding/bind_command_line.ts";
import {
  bindPipelineObject,
  type PipelineBindingPlan,
  preparePipelineBinding,
} from "../binding/pipeline_binding.ts";
import type { GraphConnection } from "../graph/connection.ts";
import type { CmdletDefinition, CommandRuntime } from "./cmdlet.ts";
import { type ErrorRecord, TerminatingError } from "./error_record.ts";
import type { Host } from "./host.ts";
import type { Preferences } from "./preferences.ts";
import { ShouldProcessState } from "./should_process.ts";
import { PipelineInputError } from "./pipeline_input_error.ts";

/** How an error record was handled under -ErrorAction. */
export type ErrorDisposition = "shown" | "silent" | "ignored";

/** Everything one command run needs. */
export interface RunCommandOptions {
  cmdlet: CmdletDefinition;
  arguments: readonly CommandArgument[];
  /**
   * Pipeline input, one pipeline object per element; undefined when the command is not fed by a
   * pipeline. A {@link PipelineInputError} element is written as an error in place of an object,
   * and a terminating one thrown by the iterator ends the pipeline.
   */
  input?: AsyncIterable<unknown> | Iterable<unknown>;
  connection: () => Promise<GraphConnection>;
  preferences: Preferences;
  host: Host;
  onOutput(value: unknown): void;
  /** Receives each error record; `terminating` is true for the one that ended the run. */
  onError(record: ErrorRecord, disposition: ErrorDisposition, terminating: boolean): void;
}

/** Exit status of a run: 0 without errors, 1 when any error record was written, 2 when binding failed. */
export type ExitCode = 0 | 1 | 2;

/** Thrown inside the run when -ErrorAction Stop turns an error into the end of the pipeline. */
class PipelineStopped extends Error {}

/** Runs one command: binds the command line, then runs the process step per pipeline object. */
export async function runCommand(options: RunCommandOptions): Promise<ExitCode> {
  const { cmdlet, host } = options;
  const expectingInput = options.input !== undefined;
  const bindingResult = bindCommandLine(cmdlet.metadata, options.arguments, { expectingInput });
  if (!bindingResult.ok) {
    options.onError(bindingResult.record, "shown", true);
    return 2;
  }
  const binding = bindingResult.binding;
  let plan: PipelineBindingPlan | undefined;
  if (expectingInput) {
    const prepared = preparePipelineBinding(binding);
    if (!prepared.ok) {
      options.onError(prepared.record, "shown", true);
      return 2;
    }
    plan = prepared.plan;
  }

  const bound = binding.bound;
  const preferences = options.preferences;
  const errorAction = (bound.get("ErrorAction") as ActionPreference | undefined) ??
    preferences.errorAction;
  const verbose = bound.has("Verbose")
    ? bound.get("Verbose") === true
    : preferences.verbose === "Continue";
  const debug = bound.has("Debug") ? bound.get("Debug") === true : preferences.debug === "Continue";
  const warningAction = (bound.get("WarningAction") as ActionPreference | undefined) ??
    preferences.warningAction;
  const confirm = bound.get("Confirm");
  const shouldProcess = new ShouldProcessState(cmdlet.metadata, {
    whatIf: bound.has("WhatIf") ? bound.get("WhatIf") === true : preferences.whatIf,
    confirmPreference: confirm === true ? "Low" : confirm === false ? "None" : preferences.confirm,
    verbose,
  }, host);

  let errorCount = 0;
  const runtime: CommandRuntime = {
    writeObject: (value) => options.onOutput(value),
    writeError: (record) => {
      errorCount++;
      switch (errorAction) {
        case "SilentlyContinue":
          options.onError(record, "silent", false);
          return Promise.resolve();
        case "Ignore":
          options.onError(record, "ignored", false);
          return Promise.resolve();
        case "Stop":
          options.onError(record, "shown", true);
          throw new PipelineStopped();
        default:
          // TODO: Inquire asks the host before going on.
          options.onError(record, "shown", false);
          return Promise.resolve();
      }
    },
    throwTerminatingError: (record) => {
      throw new TerminatingError(record);
    },
    shouldProcess: (target, action) => shouldProcess.shouldProcess(target, action),
    writeVerbose: (text) => verbose && host.writeLine("verbose", text),
    writeDebug: (text) => debug && host.writeLine("debug", text),
    writeWarning: (text) => {
      if (warningAction !== "SilentlyContinue" && warningAction !== "Ignore") {
        host.writeLine("warning", text);
      }
    },
  };

  try {
    if (!options.input || !plan) {
      await cmdlet.process({
        parameterSetName: binding.parameterSetName!,
        bound,
        runtime,
        connection: options.connection,
      });
    } else {
      // Objects are bound and processed one at a time, in input order; the next one is read
      // only after the process step of the previous one has finished.
      for await (const item of pipelineObjects(options.input)) {
        if (item instanceof PipelineInputError) {
          await runtime.writeError(item.toErrorRecord(cmdlet.metadata.name));
          continue;
        }
        const itemBinding = bindPipelineObject(plan, item);
        if (!itemBinding.ok) {
          await runtime.writeError(itemBinding.record);
          continue;
        }
        await cmdlet.process({
          parameterSetName: itemBinding.parameterSetName,
          bound: itemBinding.bound,
          runtime,
          connection: options.connection,
        });
      }
    }
  } catch (error) {
    if (error instanceof PipelineStopped) return 1;
    if (error instanceof TerminatingError) {
      options.onError(error.record, "shown", true);
      return error.bindingFailure ? 2 : 1;
    }
    if (error instanceof PipelineInputError) {
      options.onError(error.toErrorRecord(cmdlet.metadata.name), "shown", true);
      return 1;
    }
    throw error;
  }
  return errorCount > 0 ? 1 : 0;
}

/**
 * Returns the pipeline objects of an input. A string is one object, because PowerShell does not
 * enumerate a piped string, while any other iterable gives one object per element.
 */
function pipelineObjects(
  input: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncIterable<unknown> | Iterable<unknown> {
  return typeof input === "string" ? [input] : input;
}
