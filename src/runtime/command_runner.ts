import type { CommandArgument } from "../binding/argument_parser.ts";
import { bindCommandLine } from "../binding/bind_command_line.ts";
import { promptForMandatoryParameters } from "../binding/mandatory_prompt.ts";
import {
  bindPipelineObject,
  type PipelineBindingPlan,
  preparePipelineBinding,
} from "../binding/pipeline_binding.ts";
import type { GraphConnection } from "../graph/connection.ts";
import type { GraphRequestSender } from "../graph/graph_request.ts";
import { type BulkOptions, createRunSender, resolveThrottleLimit } from "./bulk_options.ts";
import type { CmdletDefinition, CommandRuntime } from "./cmdlet.ts";
import {
  type CommandVariables,
  createCommandStreams,
  type ErrorDisposition,
  PipelineStopped,
} from "./command_streams.ts";
import { createErrorRecord, type ErrorRecord, TerminatingError } from "./error_record.ts";
import type { Host } from "./host.ts";
import type { Preferences } from "./preferences.ts";
import { PipelineInputError } from "./pipeline_input_error.ts";
import { createSwitchingHost, runParallelPipeline } from "./parallel_pipeline.ts";

export type { CommandVariables, ErrorDisposition } from "./command_streams.ts";

/** Everything one command run needs. */
export interface RunCommandOptions extends BulkOptions {
  cmdlet: CmdletDefinition;
  arguments: readonly CommandArgument[];
  /**
   * Pipeline input, one pipeline object per element. Undefined when the command gets no pipeline
   * input. A {@link PipelineInputError} element is written as an error in place of an object,
   * and a terminating one thrown by the iterator ends the pipeline.
   */
  input?: AsyncIterable<unknown> | Iterable<unknown>;
  connection: () => Promise<GraphConnection>;
  preferences: Preferences;
  host: Host;
  onOutput(value: unknown): void;
  /** Receives each error record. `terminating` is true for the one that ended the run. */
  onError(record: ErrorRecord, disposition: ErrorDisposition, terminating: boolean): void;
  /** Receives the *Variable contents once the run has ended, when the command line bound. */
  onVariables?(variables: CommandVariables): void;
}

/**
 * Exit status of a run: 0 without errors, 1 when any error record was written, 2 when binding
 * failed.
 */
export type ExitCode = 0 | 1 | 2;

/** Runs one command: binds the command line, then runs the process step per pipeline object. */
export async function runCommand(options: RunCommandOptions): Promise<ExitCode> {
  const { cmdlet, host } = options;
  const throttleLimit = resolveThrottleLimit(options);
  const sender = createRunSender(options, throttleLimit);
  const expectingInput = options.input !== undefined;
  let bindingResult = bindCommandLine(cmdlet.metadata, options.arguments, { expectingInput });
  if (!bindingResult.ok && bindingResult.pendingMandatory) {
    bindingResult = await promptForMandatoryParameters(bindingResult.pendingMandatory, host);
  }
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
  const parallel = plan !== undefined && throttleLimit > 1;
  // In a parallel run, runParallelPipeline points this host at the buffer of the item whose
  // ShouldProcess call is running.
  const shouldProcessHost = createSwitchingHost(host);
  const streams = createCommandStreams({
    command: cmdlet.metadata,
    bound,
    preferences: options.preferences,
    host: parallel ? shouldProcessHost : host,
    onOutput: options.onOutput,
    onError: options.onError,
  });
  const runtime = streams.runtime;
  try {
    return await processInput();
  } finally {
    options.onVariables?.(streams.variables);
  }

  /** Binds one pipeline object and runs the process step for it, writing to `itemRuntime`. */
  async function processItem(
    item: unknown,
    itemPlan: PipelineBindingPlan,
    itemRuntime: CommandRuntime,
    signal?: AbortSignal,
  ): Promise<void> {
    if (item instanceof PipelineInputError) {
      await itemRuntime.writeError(item.toErrorRecord(cmdlet.metadata.name));
      return;
    }
    const itemBinding = bindPipelineObject(itemPlan, item);
    if (!itemBinding.ok) {
      await itemRuntime.writeError(itemBinding.record);
      return;
    }
    await cmdlet.process({
      parameterSetName: itemBinding.parameterSetName,
      bound: itemBinding.bound,
      runtime: itemRuntime,
      connection: options.connection,
      sendGraphRequest: signal ? senderWithSignal(sender, signal) : sender,
    });
  }

  async function processInput(): Promise<ExitCode> {
    try {
      if (!options.input || !plan) {
        await cmdlet.process({
          parameterSetName: binding.parameterSetName!,
          bound,
          runtime,
          connection: options.connection,
          sendGraphRequest: sender,
        });
      } else if (!parallel) {
        // Objects are bound and processed one at a time, in input order. The next one is read
        // only after the process step of the previous one has finished.
        for await (const item of pipelineObjects(options.input)) {
          await processItem(item, plan, runtime);
        }
      } else {
        const itemPlan = plan;
        await runParallelPipeline({
          items: pipelineObjects(options.input),
          throttleLimit,
          runtime,
          shouldProcessHost,
          stopAtFirstError:
            (bound.get("ErrorAction") ?? options.preferences.errorAction) === "Stop",
          processItem: (item, context) =>
            processItem(item, itemPlan, context.runtime, context.signal),
        });
      }
    } catch (error) {
      if (error instanceof PipelineStopped) return 1;
      if (error instanceof TerminatingError) {
        streams.recordTerminatingError(error.record);
        options.onError(error.record, "shown", true);
        return error.bindingFailure ? 2 : 1;
      }
      if (error instanceof PipelineInputError) {
        options.onError(error.toErrorRecord(cmdlet.metadata.name), "shown", true);
        return 1;
      }
      // Anything else (an input iterator or a property getter that throws, a failure of this
      // package) still ends as one record, so the output and errors written so far are kept.
      const record = unexpectedErrorRecord(cmdlet.metadata.name, error);
      streams.recordTerminatingError(record);
      options.onError(record, "shown", true);
      return 1;
    }
    return streams.errorCount > 0 ? 1 : 0;
  }
}

/** Binds a pipeline object's abort signal into every call it sends. */
function senderWithSignal(sender: GraphRequestSender, signal: AbortSignal): GraphRequestSender {
  return (connection, request, diagnostics, options) =>
    sender(connection, request, diagnostics, { signal, ...options });
}

/**
 * Returns the pipeline objects of an input. A string is one object, because PowerShell does not
 * enumerate a piped string, while any other iterable gives one object per element.
 */
function pipelineObjects(
  input: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncIterable<unknown> | Iterable<unknown> {
  const iterable = input !== null && typeof input === "object" &&
    (Symbol.iterator in input || Symbol.asyncIterator in input);
  // A scalar or a plain object is one pipeline object, as `5 | cmd` is in PowerShell.
  return iterable ? input : [input];
}

/**
 * Creates the error record for an unexpected exception: category NotSpecified, the exception's
 * name as error id, and its message without a stack trace.
 */
function unexpectedErrorRecord(commandName: string, error: unknown): ErrorRecord {
  const exceptionType = error instanceof Error ? error.name : "Error";
  return createErrorRecord({
    errorId: exceptionType,
    errorIdSuffix: commandName,
    category: "NotSpecified",
    message: error instanceof Error ? error.message : String(error),
    exceptionType,
    commandName,
  });
}
