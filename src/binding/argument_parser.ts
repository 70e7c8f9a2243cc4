/**
 * Turns raw argv into PowerShell command arguments by the tokenizer's rules for parameters.
 * `-Name` and `-Name:value` are parameters, and the first `--` ends parameter parsing and is
 * dropped. Numbers such as `-5` and a lone `-` are values.
 */

/** One command argument after tokenizing. */
export type CommandArgument =
  | {
    kind: "parameter";
    /** The name as typed, without the leading dash. */
    name: string;
    /** The value given with `-Name:value`, if any. */
    attachedValue?: ArgumentValue;
  }
  | { kind: "value"; value: ArgumentValue };

/** A value as it came from the command line or from a library caller. */
export type ArgumentValue =
  | { kind: "text"; text: string }
  | { kind: "object"; value: unknown };

/** Result of {@link parseArguments}. */
export interface ParsedArguments {
  arguments: CommandArgument[];
  /** True when `-?` appeared. It requests the command's help, so binding is skipped. */
  helpRequested: boolean;
  /** A parse error such as `Parameter -Name: requires an argument.`, if any. */
  parseError?: string;
}

/** PowerShell's tokenizer takes an en dash, em dash or horizontal bar for `-` too. */
const PARAMETER_TOKEN = /^[-\u2013\u2014\u2015]([A-Za-z_?][^:]*)(:(.*))?$/s;
const NUMBER_TOKEN = /^-(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Returns whether PowerShell's tokenizer reads an argv token as a parameter name. */
export function isParameterToken(token: string): boolean {
  return PARAMETER_TOKEN.test(token) && !NUMBER_TOKEN.test(token);
}

/**
 * Parses argv into command arguments. String values stay text, so that the binder can convert
 * them to each parameter's type.
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const parsed: ParsedArguments = { arguments: [], helpRequested: false };
  let endOfParameters = false;

  for (let index = 0; index < argv.length; index++) {
    const token = argv[index];
    if (endOfParameters) {
      parsed.arguments.push({ kind: "value", value: { kind: "text", text: token } });
      continue;
    }
    if (token === "--") {
      endOfParameters = true;
      continue;
    }
    if (token === "-?") {
      parsed.helpRequested = true;
      continue;
    }
    const match = isParameterToken(token) ? PARAMETER_TOKEN.exec(token) : null;
    if (!match) {
      parsed.arguments.push({ kind: "value", value: { kind: "text", text: token } });
      continue;
    }
    const name = match[1];
    if (match[2] === undefined) {
      parsed.arguments.push({ kind: "parameter", name });
      continue;
    }
    // `-Name:value`, or `-Name: value` where PowerShell allows white space after the colon.
    let text = match[3];
    if (text === "") {
      if (index + 1 >= argv.length) {
        parsed.parseError ??= `Parameter -${name}: requires an argument.`;
        continue;
      }
      text = argv[++index];
    }
    parsed.arguments.push({ kind: "parameter", name, attachedValue: { kind: "text", text } });
  }
  return parsed;
}
