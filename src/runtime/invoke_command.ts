import { type CommandArgument, parseArguments } from "../binding/argument_parser.ts";
import { commandNotFound } from "../binding/binding_errors.ts";
import { findCmdlet } from "../cmdlets/registry.ts";
import type { GraphConnection } from "../graph/connection.ts";
import { missingCredentialsError } from "../graph/environment_connection.ts";
import { createErrorRecord, type ErrorRecord } from "./error_record.ts";
import type { Host, HostStream } from "./host.ts";
import {
  type CommandVariables,
  type ErrorDisposition,
  type ExitCode,
  runCommand,
} from "./command_runner.ts";
import type { BulkOptions } from "./bulk_options.ts";
import { formatCommandHelp } from "./help.ts";
import { DEFAULT_PREFERENCES, type Preferences } from "./preferences.ts";

/**
 * Options of {@link invokeCommand}. `throttleLimit` and `batch` process pipeline objects
 * concurrently and batch their Graph requests. Output and errors still come in input order.
 */
export interface InvokeCommandOptions extends BulkOptions {
  /** Pipeline input: each element is one pipeline object. Undefined means no pipeline. */
  input?: AsyncIterable<unknown> | Iterable<unknown>;
  /**
   * The Graph connection. Without it, commands that call Graph fail with an authentication error.
   */
  connection?: GraphConnection;
  /** Preference variables. Those absent take PowerShell's defaults. */
  preferences?: Partial<Preferences>;
  /**
   * Host that receives stream lines and answers prompts. When absent, stream lines are collected
   * into the result, and prompts fail as in NonInteractive mode.
   */
  host?: Host;
  /**
   * Earlier contents of variables, by name without `$`. A `+name` argument of -ErrorVariable,
   * -WarningVariable, -InformationVariable or -OutVariable appends to these.
   */
  variables?: Readonly<Record<string, readonly unknown[]>>;
}

/** Output, errors, exit code, stream lines and variables of one command run. */
export interface InvokeCommandResult {
  /** Objects written to the output stream, in order. */
  output: unknown[];
  /** Error records written, including those hidden by SilentlyContinue (not those of Ignore). */
  errors: ErrorRecord[];
  /**
   * Exit code: 0 without errors, 1 when an error record was written, 2 when the command line
   * failed to bind.
   */
  exitCode: ExitCode;
  /**
   * The error that ended the run, if any. It is a binding failure, a terminating error or an
   * error under -ErrorAction Stop.
   */
  terminatingError?: ErrorRecord;
  /** Lines of the verbose, debug, warning, information and host streams, without prefixes. */
  streams: Record<HostStream, string[]>;
  /**
   * Contents of the variables named by -ErrorVariable (error records), -WarningVariable
   * (warning texts), -InformationVariable and -OutVariable (output objects), by name without `+`.
   * A name without `+` gets only this run's values. With `+`, they follow
   * `options.variables[name]`.
   */
  variables: Record<string, unknown[]>;
}

/** Callbacks through which {@link startCommand} reports output and errors as they happen. */
export interface CommandSinks {
  /** Receives each object written to the output stream. */
  onOutput(value: unknown): void;
  /** Receives each error record. `terminating` is true for the one that ended the run. */
  onError(record: ErrorRecord, disposition: ErrorDisposition, terminating: boolean): void;
  /** Receives the `-?` help text. Without this sink, the text is written as one output object. */
  onHelp?(text: string): void;
  /** Receives the *Variable contents once the run has ended. */
  onVariables?(variables: CommandVariables): void;
}

/**
 * Runs a command by name with command-line arguments and pipeline input, streaming output and
 * errors to the sinks. The CLI and {@link invokeCommand} share this path.
 */
export async function startCommand(
  name: string,
  args: readonly string[] | readonly CommandArgument[],
  options: Omit<InvokeCommandOptions, "host"> & { host: Host },
  sinks: CommandSinks,
): Promise<ExitCode> {
  const cmdlet = findCmdlet(name);
  if (!cmdlet) {
    sinks.onError(commandNotFound(name), "shown", true);
    return 2;
  }
  let commandArguments: readonly CommandArgument[];
  if (args.every((arg) => typeof arg === "string")) {
    const parsed = parseArguments(args as readonly string[]);
    if (parsed.parseError) {
      sinks.onError(parseErrorRecord(cmdlet.metadata.name, parsed.parseError), "shown", true);
      return 2;
    }
    if (parsed.helpRequested) {
      // `-?` anywhere in the arguments shows the command's help. Nothing is bound and nothing runs.
      const help = formatCommandHelp(cmdlet.metadata);
      if (sinks.onHelp) sinks.onHelp(help);
      else sinks.onOutput(help);
      return 0;
    }
    commandArguments = parsed.arguments;
  } else {
    commandArguments = args as readonly CommandArgument[];
  }
  const connection = options.connection;
  return await runCommand({
    cmdlet,
    arguments: commandArguments,
    input: options.input,
    connection: () =>
      connection
        ? Promise.resolve(connection)
        : Promise.reject(missingCredentialsError(cmdlet.metadata.name)),
    preferences: { ...DEFAULT_PREFERENCES, ...options.preferences },
    host: options.host,
    throttleLimit: options.throttleLimit,
    batch: options.batch,
    onOutput: sinks.onOutput,
    onError: sinks.onError,
    onVariables: sinks.onVariables,
  });
}

function parseErrorRecord(commandName: string, message: string): ErrorRecord {
  return createErrorRecord({
    errorId: "ParameterRequiresArgument",
    errorIdSuffix: "",
    category: "ParserError",
    message,
    exceptionType: "ParseException",
    commandName,
  });
}

/**
 * Binds string arguments and pipeline items exactly as the CLI does and collects the results.
 *
 * @example
 * ```ts
 * import { invokeCommand } from "./invoke_command.ts";
 * const result = await invokeCommand("Clear-MgCommunicationPresence", ["-PresenceId", "p", "-WhatIf"]);
 * console.log(result.exitCode, result.streams.host); // 0 [ 'What if: Performing the operation …' ]
 * ```
 */
export function invokeCommand(
  name: string,
  args: readonly string[],
  options: InvokeCommandOptions = {},
): Promise<InvokeCommandResult> {
  const index = args.findIndex((arg) => typeof arg !== "string");
  if (index !== -1) {
    const type = typeof args[index];
    return Promise.reject(
      new TypeError(
        `invokeCommand: argument ${index} is a ${type}, but every argument must be a string, ` +
          `as on a command line.`,
      ),
    );
  }
  return collectCommandRun(name, args, options);
}

/**
 * Runs a command and collects its output, errors, streams and variables. The typed cmdlet
 * functions pass already-typed arguments here, and {@link invokeCommand} passes command-line text.
 */
export async function collectCommandRun(
  name: string,
  args: readonly string[] | readonly CommandArgument[],
  options: InvokeCommandOptions = {},
): Promise<InvokeCommandResult> {
  const streams: Record<HostStream, string[]> = {
    verbose: [],
    debug: [],
    warning: [],
    information: [],
    host: [],
  };
  const host: Host = options.host ?? { writeLine: (stream, text) => streams[stream].push(text) };
  const output: unknown[] = [];
  const errors: ErrorRecord[] = [];
  let terminatingError: ErrorRecord | undefined;
  const variables: Record<string, unknown[]> = {};
  const exitCode = await startCommand(name, args, { ...options, host }, {
    onOutput: (value) => output.push(value),
    onError: (record, disposition, terminating) => {
      if (disposition !== "ignored") errors.push(record);
      if (terminating) terminatingError = record;
    },
    onVariables: (collected) => {
      for (const [variable, { append, values }] of collected) {
        const earlier = append ? options.variables?.[variable] ?? [] : [];
        variables[variable] = [...earlier, ...values];
      }
    },
  });
  return {
    output,
    errors,
    exitCode,
    streams,
    variables,
    ...(terminatingError ? { terminatingError } : {}),
  };
}
