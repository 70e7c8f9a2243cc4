import type { ActionPreference } from "../binding/argument_conversion.ts";
import type { CommandMetadata } from "../binding/parameter_metadata.ts";
import type { CommandRuntime } from "./cmdlet.ts";
import { CHOICES, promptForChoice } from "./choice_prompt.ts";
import { createErrorRecord, type ErrorRecord, TerminatingError } from "./error_record.ts";
import type { Host } from "./host.ts";
import type { Preferences } from "./preferences.ts";
import { ShouldProcessState } from "./should_process.ts";

/** The handling of an error record under -ErrorAction. */
export type ErrorDisposition = "shown" | "silent" | "ignored";

/**
 * The values a command run left in the variables named by -ErrorVariable, -WarningVariable,
 * -InformationVariable and -OutVariable, keyed by name without the `+` prefix. `append` is true
 * when the name had the `+` prefix, which appends to the variable's earlier contents.
 */
export type CommandVariables = Map<string, { append: boolean; values: unknown[] }>;

/**
 * Thrown inside the run when an action preference of Stop, or Halt Command at an Inquire prompt,
 * ends the pipeline. The record was already reported.
 */
export class PipelineStopped extends Error {}

/** Inputs of {@link createCommandStreams}. */
export interface CommandStreamsOptions {
  command: CommandMetadata;
  /** Parameters bound from the command line, common ones included. */
  bound: ReadonlyMap<string, unknown>;
  preferences: Preferences;
  host: Host;
  onOutput(value: unknown): void;
  onError(record: ErrorRecord, disposition: ErrorDisposition, terminating: boolean): void;
}

/** The runtime a process step writes to, with what it collected for the run's result. */
export interface CommandStreams {
  runtime: CommandRuntime;
  /** Number of error records written through `writeError`, including hidden ones. */
  readonly errorCount: number;
  variables: CommandVariables;
  /** Adds an error that ended the run to the -ErrorVariable, as PowerShell does. */
  recordTerminatingError(record: ErrorRecord): void;
}

type StreamName = "verbose" | "debug" | "warning";

const STREAM_PREFERENCE_NAMES: Readonly<Record<StreamName, string>> = {
  verbose: "VerbosePreference",
  debug: "DebugPreference",
  warning: "WarningPreference",
};

function actionParameter(
  bound: ReadonlyMap<string, unknown>,
  name: string,
): ActionPreference | undefined {
  return bound.get(name) as ActionPreference | undefined;
}

/**
 * Returns the preference a switch sets: Continue for -Verbose, SilentlyContinue for
 * `-Verbose:$false`. Since PowerShell 7, -Debug also means Continue, not Inquire.
 */
function switchPreference(
  bound: ReadonlyMap<string, unknown>,
  name: string,
  fallback: ActionPreference,
): ActionPreference {
  if (!bound.has(name)) return fallback;
  return bound.get(name) === true ? "Continue" : "SilentlyContinue";
}

/**
 * Reads a *Variable argument. `+name` appends and `name` replaces. Returns undefined when no name
 * is given (no argument, `""` or `+`).
 */
function variableTarget(bound: ReadonlyMap<string, unknown>, parameter: string) {
  const text = bound.get(parameter);
  if (typeof text !== "string" || text === "" || text === "+") return undefined;
  return text.startsWith("+")
    ? { name: text.slice(1), append: true }
    : { name: text, append: false };
}

/**
 * Builds the runtime of one command run from the common parameters and preference variables:
 * -ErrorAction (with the Inquire prompt), -WarningAction, -Verbose, -Debug, -WhatIf, -Confirm and
 * the *Variable parameters. ErrorVariable receives every written error, also those that
 * SilentlyContinue hides, but not those that Ignore drops.
 */
export function createCommandStreams(options: CommandStreamsOptions): CommandStreams {
  const { command, bound, preferences, host } = options;
  let errorAction = actionParameter(bound, "ErrorAction") ?? preferences.errorAction;
  const streamPreferences: Record<StreamName, ActionPreference> = {
    verbose: switchPreference(bound, "Verbose", preferences.verbose),
    debug: switchPreference(bound, "Debug", preferences.debug),
    warning: actionParameter(bound, "WarningAction") ?? preferences.warningAction,
  };
  // -Confirm lowers ConfirmPreference to Low, and -Confirm:$false turns confirmation off.
  const confirm = bound.get("Confirm");
  let confirmPreference: Preferences["confirm"] = preferences.confirm;
  if (confirm === true) confirmPreference = "Low";
  else if (confirm === false) confirmPreference = "None";
  const shouldProcess = new ShouldProcessState(command, {
    whatIf: bound.has("WhatIf") ? bound.get("WhatIf") === true : preferences.whatIf,
    confirmPreference,
    verbose: streamPreferences.verbose === "Continue",
  }, host);

  const variables: CommandVariables = new Map();
  const collect = (parameter: string) => {
    const target = variableTarget(bound, parameter);
    if (!target) return undefined;
    const entry = variables.get(target.name) ?? { append: target.append, values: [] };
    variables.set(target.name, entry);
    return entry.values;
  };
  const errorVariable = collect("ErrorVariable");
  const warningVariable = collect("WarningVariable");
  collect("InformationVariable");
  const outVariable = collect("OutVariable");

  const stop = (preferenceName: string, message: string): never => {
    const record = createErrorRecord({
      errorId: "ActionPreferenceStop",
      errorIdSuffix: command.name,
      category: "OperationStopped",
      message:
        `The running command stopped because the preference variable "${preferenceName}" or common parameter is set to Stop: ${message}`,
      exceptionType: "ActionPreferenceStopException",
      commandName: command.name,
    });
    errorVariable?.push(record);
    options.onError(record, "shown", true);
    throw new PipelineStopped();
  };

  const writeStream = (stream: StreamName, text: string) => {
    const preference = streamPreferences[stream];
    if (preference === "Ignore") return;
    if (stream === "warning") warningVariable?.push(text);
    if (preference === "SilentlyContinue") return;
    // NOTE: Inquire and Break write the line like Continue. The stream writers are synchronous,
    // so they cannot wait for a prompt answer.
    host.writeLine(stream, text);
    if (preference === "Stop") stop(STREAM_PREFERENCE_NAMES[stream], text);
  };

  let errorCount = 0;
  const inquire = async (record: ErrorRecord) => {
    const choices = [CHOICES.yes, CHOICES.yesToAll, CHOICES.halt, CHOICES.suspend];
    for (;;) {
      const choice = choices[
        await promptForChoice(host, {
          caption: "Confirm",
          message: record.message,
          choices,
          defaultChoice: 0,
          errorSource: { commandName: command.name, errorIdSuffix: command.name },
        })
      ];
      if (choice === CHOICES.yes) return;
      if (choice === CHOICES.yesToAll) {
        errorAction = "Continue";
        return;
      }
      if (choice === CHOICES.halt) {
        const halted = createErrorRecord({
          errorId: "ActionPreferenceStop",
          errorIdSuffix: command.name,
          category: "OperationStopped",
          message: "The running command stopped because the user selected the Stop option.",
          exceptionType: "ActionPreferenceStopException",
          commandName: command.name,
        });
        options.onError(halted, "shown", true);
        throw new PipelineStopped();
      }
      // Suspend: PowerShell prompts again after its nested prompt ends, but this host has no
      // nested prompt, so it prompts again at once.
    }
  };

  const runtime: CommandRuntime = {
    writeObject: (value) => {
      outVariable?.push(value);
      options.onOutput(value);
    },
    writeError: async (record) => {
      errorCount++;
      if (errorAction !== "Ignore") errorVariable?.push(record);
      switch (errorAction) {
        case "SilentlyContinue":
          options.onError(record, "silent", false);
          return;
        case "Ignore":
          options.onError(record, "ignored", false);
          return;
        case "Stop":
          options.onError(record, "shown", true);
          throw new PipelineStopped();
        case "Inquire":
          options.onError(record, "shown", false);
          await inquire(record);
          return;
        default:
          options.onError(record, "shown", false);
      }
    },
    throwTerminatingError: (record) => {
      throw new TerminatingError(record);
    },
    shouldProcess: (target, action) => shouldProcess.shouldProcess(target, action),
    writeVerbose: (text) => writeStream("verbose", text),
    writeDebug: (text) => writeStream("debug", text),
    writeWarning: (text) => writeStream("warning", text),
  };

  return {
    runtime,
    get errorCount() {
      return errorCount;
    },
    variables,
    recordTerminatingError: (record) => errorVariable?.push(record),
  };
}
