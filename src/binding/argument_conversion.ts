import type { ArgumentValue } from "./argument_parser.ts";
import type { ParameterMetadata } from "./parameter_metadata.ts";
import {
  argumentTransformationError,
  cannotConvertArgument,
  parameterBindingFailed,
} from "./binding_errors.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";
import { parseHashtableLiteral } from "./hashtable_literal.ts";

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
 * Reads command-line text the way PowerShell would have parsed the token: `$null`, `$true` and
 * `$false` are the literals, anything else is a string.
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

/** Converts a value to a string as PowerShell's [string] conversion does; `$null` becomes "". */
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

function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "System.String";
  if (typeof value === "boolean") return "System.Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "System.Int32" : "System.Double";
  if (Array.isArray(value)) return "System.Object[]";
  return "System.Management.Automation.PSCustomObject";
}

function convertSwitch(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  if (typeof value === "boolean") return { ok: true, value };
  const number = typeof value === "number"
    ? value
    : typeof value === "string" && /^[+-]?\d+(\.\d+)?$/.test(value)
    ? Number(value)
    : NaN;
  if (!Number.isNaN(number)) return { ok: true, value: number !== 0 };
  return {
    ok: false,
    record: argumentTransformationError(
      command,
      parameter.name,
      `Cannot convert value "${
        toPowerShellString(value)
      }" to type "${parameter.typeFullName}". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
    ),
  };
}

function convertInt32(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  const text = toPowerShellString(value).trim();
  const number = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(number) || number < -2147483648 || number > 2147483647) {
    return {
      ok: false,
      record: cannotConvertArgument(
        command,
        parameter.name,
        toPowerShellString(value),
        "System.Int32",
        "Input string was not in a correct format.",
      ),
    };
  }
  return { ok: true, value: number };
}

function convertVariableName(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  const text = toPowerShellString(value);
  const name = text.startsWith("+") ? text.slice(1) : text;
  if (!/^[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) {
    return {
      ok: false,
      record: parameterBindingFailed(
        command,
        parameter.name,
        `The variable name '${text}' is not valid.`,
      ),
    };
  }
  return { ok: true, value: text };
}

function convertActionPreference(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  const text = toPowerShellString(value).trim();
  if (/^\d+$/.test(text)) {
    const preference = ACTION_PREFERENCES[Number(text)];
    if (preference) return checkSuspend(command, parameter, preference);
  }
  const exact = ACTION_PREFERENCES.find((name) => name.toLowerCase() === text.toLowerCase());
  if (exact) return checkSuspend(command, parameter, exact);
  const candidates = text === ""
    ? []
    : ACTION_PREFERENCES.filter((name) => name.toLowerCase().startsWith(text.toLowerCase()));
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
    record: cannotConvertArgument(command, parameter.name, text, parameter.typeFullName, reason),
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

function convertObject(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
): ConversionResult {
  if (value === null || (typeof value === "object" && !Array.isArray(value))) {
    return { ok: true, value };
  }
  if (typeof value === "string") {
    const parsed = parseObjectText(value);
    if (parsed !== undefined) return { ok: true, value: parsed };
  }
  return {
    ok: false,
    record: argumentTransformationError(
      command,
      parameter.name,
      `Cannot convert the "${toPowerShellString(value)}" value of type "${
        typeNameOf(value)
      }" to type "${parameter.typeFullName}".`,
    ),
  };
}

/** Parses JSON object text or a PowerShell hashtable literal; undefined when it is neither. */
function parseObjectText(text: string): Record<string, unknown> | undefined {
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
  if (trimmed.startsWith("@{")) return parseHashtableLiteral(trimmed);
  return undefined;
}
