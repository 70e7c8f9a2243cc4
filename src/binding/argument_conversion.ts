import type { ArgumentValue } from "./argument_parser.ts";
import type { ParameterMetadata } from "./parameter_metadata.ts";
import {
  argumentTransformationError,
  argumentValidationError,
  cannotConvertArgument,
  cannotConvertSwitchArgument,
  parameterBindingFailed,
} from "./binding_errors.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";
import { DuplicateHashtableKeyError, parseHashtableLiteral } from "./hashtable_literal.ts";
import { createErrorRecord } from "../runtime/error_record.ts";
import { parseNumberLiteral } from "./number_literal.ts";

/** Result of converting one argument to its parameter's type. */
export type ConversionResult = { ok: true; value: unknown } | { ok: false; record: ErrorRecord };

/** The ActionPreference names in enum order, which ambiguity messages list. */
export const ACTION_PREFERENCES = [
  "SilentlyContinue",
  "Stop",
  "Continue",
  "Inquire",
  "Ignore",
  "Suspend",
  "Break",
] as const;

/** One of PowerShell's ActionPreference values. */
export type ActionPreference = typeof ACTION_PREFERENCES[number];

/**
 * Reads command-line text the way PowerShell would have parsed the token. `$null`, `$true` and
 * `$false` become the literals, and anything else is a string.
 */
export function literalValue(argument: ArgumentValue): unknown {
  if (argument.kind === "object") return argument.value;
  switch (argument.text.toLowerCase()) {
    case "$null":
      return null;
    case "$true":
      return true;
    case "$false":
      return false;
    default:
      return argument.text;
  }
}

/** Converts an argument to the declared type of the parameter, with PowerShell's error records. */
export function convertArgument(
  command: string,
  parameter: ParameterMetadata,
  argument: ArgumentValue,
): ConversionResult {
  const value = literalValue(argument);
  switch (parameter.type) {
    case "String":
      return { ok: true, value: toPowerShellString(value) };
    case "VariableName":
      return convertVariableName(command, parameter, value);
    case "SwitchParameter":
      return convertSwitch(command, parameter, value);
    case "Int32":
      return convertInt32(command, parameter, value);
    case "ActionPreference":
      return convertActionPreference(command, parameter, value);
    case "Hashtable":
    case "Identity":
    case "BodyObject":
      return convertObject(command, parameter, value);
  }
}

/** Converts a value to a string as PowerShell's [string] conversion does. `$null` becomes "". */
export function toPowerShellString(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "object") {
    return Array.isArray(value)
      ? value.map(toPowerShellString).join(" ")
      : "System.Collections.Hashtable";
  }
  return String(value);
}

/**
 * Returns the .NET type name PowerShell reports for a value. Command-line text is a String, and
 * a library caller's plain object is reported as a Hashtable.
 */
export function dotNetTypeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "System.String";
  if (typeof value === "boolean") return "System.Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "System.Int32" : "System.Double";
  if (Array.isArray(value)) return "System.Object[]";
  return "System.Collections.Hashtable";
}

/** Reads a number the way PowerShell's tokenizer would have typed it: `1`, `0x1`, `1e0`, `1kb`. */
function numberFrom(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string") return parseNumberLiteral(value);
  return undefined;
}

/**
 * Converts a switch argument. Booleans, numbers and `$null` are accepted. A declared switch of an
 * advanced function rejects anything else in its ArgumentTypeConverterAttribute
 * (ParameterArgumentTransformationError), and a compiled one such as -Verbose or -Confirm in the
 * binder's own coercion (CannotConvertArgument). Both messages name the value's type, not the value.
 */
function convertSwitch(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  if (value === null) return { ok: true, value: false };
  if (typeof value === "boolean") return { ok: true, value };
  const number = numberFrom(value);
  if (number !== undefined) return { ok: true, value: number !== 0 };
  const typeName = dotNetTypeName(value);
  if (parameter.common) {
    return {
      ok: false,
      record: cannotConvertSwitchArgument(
        command,
        parameter.name,
        typeName,
        parameter.typeFullName,
      ),
    };
  }
  return {
    ok: false,
    record: argumentTransformationError(
      command,
      parameter.name,
      `Cannot convert value "${typeName}" to type "${parameter.typeFullName}". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
    ),
  };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Rounds half to even, as .NET does when it converts a Double to an Int32. */
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Converts to Int32 as LanguagePrimitives does from a string, then applies OutBuffer's
 * ValidateRange(0, Int32.MaxValue). The FormatException text is .NET 8's, which PowerShell 7.4 uses.
 */
function convertInt32(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  const text = toPowerShellString(value);
  const number = value === null ? 0 : numberFrom(typeof value === "string" ? text.trim() : value);
  const reason = number === undefined
    ? `The input string '${text}' was not in a correct format.`
    : roundHalfToEven(number) < INT32_MIN || roundHalfToEven(number) > INT32_MAX
    ? "Value was either too large or too small for an Int32."
    : undefined;
  if (number === undefined || reason !== undefined) {
    return {
      ok: false,
      record: cannotConvertArgument(
        command,
        parameter.name,
        `Cannot convert value "${text}" to type "System.Int32". Error: "${reason}"`,
      ),
    };
  }
  const integer = roundHalfToEven(number);
  if (parameter.minimum !== undefined && integer < parameter.minimum) {
    return {
      ok: false,
      record: argumentValidationError(
        command,
        parameter.name,
        `The ${integer} argument is less than the minimum allowed range of ${parameter.minimum}. Supply an argument that is greater than or equal to ${parameter.minimum} and then try the command again.`,
      ),
    };
  }
  return { ok: true, value: integer };
}

/** Scopes and the `variable:` drive, the qualifiers VariablePath.IsVariable accepts. */
const VARIABLE_QUALIFIERS = new Set(["global", "local", "private", "script", "using", "variable"]);

/**
 * Validates a *Variable name as the common parameters' ValidateVariableName does: an optional
 * leading `+` (append) is removed, and the rest must be a variable path, so a drive qualifier
 * other than a scope or `variable:` (for example `env:x`) is rejected.
 */
function convertVariableName(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  if (value === null) return { ok: true, value: null };
  const text = toPowerShellString(value);
  const name = text.startsWith("+") ? text.slice(1) : text;
  const colon = name.indexOf(":");
  const qualifier = colon > 0 ? name.slice(0, colon).toLowerCase() : undefined;
  if (qualifier !== undefined && !VARIABLE_QUALIFIERS.has(qualifier)) {
    return {
      ok: false,
      record: argumentValidationError(
        command,
        parameter.name,
        `Cannot validate argument '${name}' because it is not a valid variable name.`,
      ),
    };
  }
  return { ok: true, value: text };
}

/**
 * Converts to ActionPreference as PowerShell converts a string to an enum: a name or a unique
 * prefix, case-insensitively, or a defined number. The Suspend value is rejected by the common
 * parameters' setters, which surfaces as ParameterBindingFailed.
 */
function convertActionPreference(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  const typeName = parameter.typeFullName;
  if (value === null) {
    return {
      ok: false,
      record: cannotConvertArgument(
        command,
        parameter.name,
        `Cannot convert null to type "${typeName}".`,
      ),
    };
  }

  const text = toPowerShellString(value).trim();
  const number = numberFrom(text);
  if (number !== undefined && Number.isInteger(number)) {
    const preference = ACTION_PREFERENCES[number];
    if (preference) return checkSuspend(command, parameter, preference);
  }

  const lower = text.toLowerCase();
  const exact = ACTION_PREFERENCES.find((name) => name.toLowerCase() === lower);
  if (exact) return checkSuspend(command, parameter, exact);
  const candidates = text === ""
    ? []
    : ACTION_PREFERENCES.filter((name) => name.toLowerCase().startsWith(lower));
  if (candidates.length === 1) return checkSuspend(command, parameter, candidates[0]);

  const reason = candidates.length > 1
    ? `The identifier name ${text} cannot be processed because it is either too similar or identical to the following enumerator names: ${
      candidates.join(", ")
    }. Use a more specific identifier name.`
    : `Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again:\n${
      ACTION_PREFERENCES.join(", ")
    }`;
  return {
    ok: false,
    record: cannotConvertArgument(
      command,
      parameter.name,
      `Cannot convert value "${text}" to type "${typeName}". Error: "${reason}"`,
    ),
  };
}

function checkSuspend(
  command: string,
  parameter: ParameterMetadata,
  preference: ActionPreference,
): ConversionResult {
  if (preference !== "Suspend") return { ok: true, value: preference };
  return {
    ok: false,
    record: parameterBindingFailed(
      command,
      parameter.name,
      "The Suspend ActionPreference value is reserved for future use and is not supported at this time. Set the value to a supported ActionPreference, and then try again.",
    ),
  };
}

/**
 * Converts to a Hashtable or a Graph model type. Objects pass through; text must be a JSON
 * object or a PowerShell hashtable literal. Anything else fails in the advanced function's
 * ArgumentTypeConverterAttribute, naming the parameter.
 */
function convertObject(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  if (value === null || (typeof value === "object" && !Array.isArray(value))) {
    return { ok: true, value };
  }
  if (typeof value === "string") {
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = parseObjectText(value);
    } catch (error) {
      if (!(error instanceof DuplicateHashtableKeyError)) throw error;
      return { ok: false, record: duplicateKeyParseError(command, error) };
    }
    if (parsed !== undefined) return { ok: true, value: parsed };
  }
  return {
    ok: false,
    record: argumentTransformationError(
      command,
      parameter.name,
      `Cannot convert the "${toPowerShellString(value)}" value of type "${
        dotNetTypeName(value)
      }" to type "${parameter.typeFullName}".`,
    ),
  };
}

/**
 * Parses JSON object text or a PowerShell hashtable literal. Returns undefined when the text is
 * neither.
 */
export function parseObjectText(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? parsed
        : undefined;
    } catch {
      return undefined;
    }
  }
  return parseHashtableLiteral(trimmed);
}

/**
 * Builds PowerShell's parse error for a repeated hashtable key. In PowerShell the command line
 * fails to parse, so the record has the parser's error id and no command suffix.
 */
function duplicateKeyParseError(command: string, error: DuplicateHashtableKeyError): ErrorRecord {
  return createErrorRecord({
    errorId: "DuplicateKeyInHashLiteral",
    errorIdSuffix: "",
    category: "ParserError",
    message: error.message,
    exceptionType: "ParseException",
    commandName: command,
  });
}
