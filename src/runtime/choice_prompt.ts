import { createErrorRecord, TerminatingError } from "./error_record.ts";
import type { Host } from "./host.ts";

/** One choice of a prompt; `&` in the label marks the hotkey, as in ChoiceDescription. */
export interface Choice {
  label: string;
  help: string;
}

/** The choices of MshCommandRuntime.InquireHelper, with CommandBaseStrings' labels and help. */
export const CHOICES = {
  yes: { label: "&Yes", help: "Continue with only the next step of the operation." },
  yesToAll: { label: "Yes to &All", help: "Continue with all the steps of the operation." },
  no: { label: "&No", help: "Skip this operation and proceed with the next operation." },
  noToAll: { label: "No to A&ll", help: "Skip this operation and all subsequent operations." },
  halt: { label: "&Halt Command", help: "Stop this command." },
  suspend: {
    label: "&Suspend",
    help:
      'Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.',
  },
} as const satisfies Record<string, Choice>;

/** Splits `Yes to &All` into the hotkey `A` and the plain label `Yes to All`. */
function hotkeyAndLabel(choice: Choice): { hotkey: string; label: string } {
  const index = choice.label.indexOf("&");
  if (index < 0 || index === choice.label.length - 1) return { hotkey: "", label: choice.label };
  return {
    hotkey: choice.label[index + 1].toUpperCase(),
    label: choice.label.slice(0, index) + choice.label.slice(index + 1),
  };
}

/**
 * Asks the user to pick a choice as the console host's PromptForChoice does: a blank line, the
 * caption, the message, then `[K] Label  ` per choice, `[?] Help ` and `(default is "K"): `.
 * An empty answer picks the default. `?` prints `K - help` per choice. An answer matches a
 * plain label, then a hotkey, case-insensitively, after trimming. Anything else asks again.
 * Returns the index of the choice. Throws the NonInteractive error without a terminal, and
 * PipelineStopped when the terminal reaches end of input.
 */
export async function promptForChoice(
  host: Host,
  request: {
    caption: string;
    message: string;
    choices: readonly Choice[];
    defaultChoice: number;
    /** The command whose error a NonInteractive failure is. */
    errorSource: { commandName: string; errorIdSuffix: string };
  },
): Promise<number> {
  const { caption, message, choices, defaultChoice, errorSource } = request;
  if (!host.readLine) throw nonInteractiveError(errorSource);
  const keys = choices.map(hotkeyAndLabel);

  if (caption !== "") {
    host.writeLine("host", "");
    host.writeLine("host", caption);
  }
  if (message !== "") host.writeLine("host", message);
  const choiceText = keys.map(({ hotkey, label }) => `[${hotkey}] ${label}  `).join("");
  const defaultText = defaultChoice >= 0
    ? `(default is "${keys[defaultChoice].hotkey || keys[defaultChoice].label}")`
    : "";
  const promptText = `${choiceText}[?] Help ${defaultText}: `;

  for (;;) {
    const response = await host.readLine(promptText);
    if (response === undefined) throw pipelineStoppedError(errorSource);
    if (response.length === 0) {
      if (defaultChoice >= 0) return defaultChoice;
      continue;
    }
    const answer = response.trim().toLowerCase();
    if (answer === "?") {
      keys.forEach(({ hotkey, label }, index) =>
        host.writeLine("host", `${hotkey || label} - ${choices[index].help}`)
      );
      continue;
    }
    let picked = keys.findIndex(({ label }) => label.toLowerCase() === answer);
    if (picked < 0) {
      picked = keys.findIndex(({ hotkey }) => hotkey !== "" && hotkey.toLowerCase() === answer);
    }
    if (picked >= 0) return picked;
  }
}

/**
 * The error the console host raises when it cannot prompt (`pwsh -NonInteractive`): a
 * PSInvalidOperationException, whose ErrorRecord has the ErrorId InvalidOperation.
 */
export function nonInteractiveError(
  source: { commandName: string; errorIdSuffix: string },
): TerminatingError {
  return new TerminatingError(createErrorRecord({
    errorId: "InvalidOperation",
    errorIdSuffix: source.errorIdSuffix,
    category: "InvalidOperation",
    message:
      "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
    exceptionType: "PSInvalidOperationException",
    commandName: source.commandName,
  }));
}

function pipelineStoppedError(
  source: { commandName: string; errorIdSuffix: string },
): TerminatingError {
  return new TerminatingError(createErrorRecord({
    errorId: "PipelineStopped",
    errorIdSuffix: source.errorIdSuffix,
    category: "OperationStopped",
    message: "The pipeline has been stopped.",
    exceptionType: "PipelineStoppedException",
    commandName: source.commandName,
  }));
}
