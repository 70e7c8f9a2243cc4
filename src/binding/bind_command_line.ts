import type { ArgumentValue, CommandArgument } from "./argument_parser.ts";
import { convertArgument, literalValue, toPowerShellString } from "./argument_conversion.ts";
import { bindableParameters } from "./bindable_parameters.ts";
import * as errors from "./binding_errors.ts";
import { matchParameter } from "./parameter_lookup.ts";
import {
  allSetsMask,
  type CommandMetadata,
  isMandatoryInAnySet,
  type ParameterMetadata,
  parameterSetMask,
} from "./parameter_metadata.ts";
import { resolveParameterSet, unboundMandatoryParameters } from "./parameter_sets.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";
import { validateArgument } from "./argument_validation.ts";

/** Parameters bound from the command line, with the candidate parameter sets they leave. */
export interface CommandLineBinding {
  command: CommandMetadata;
  /** Bound values by parameter name. */
  bound: Map<string, unknown>;
  /** Bit mask of the parameter sets still possible. */
  mask: number;
  /** The chosen set when no pipeline input is expected; undefined while pipeline input can still decide. */
  parameterSetName?: string;
}

/**
 * Mandatory parameters of the chosen set that the command line left unbound. A host that can
 * prompt requests them ({@link promptForMandatoryParameters}). Otherwise the record is the result.
 */
export interface PendingMandatoryParameters {
  /** The binding so far, with `parameterSetName` set to the chosen set. */
  binding: CommandLineBinding;
  /** The unbound mandatory parameters, in declaration order. */
  missing: ParameterMetadata[];
}

/** Result of {@link bindCommandLine}. */
export type CommandLineBindingResult =
  | { ok: true; binding: CommandLineBinding }
  | { ok: false; record: ErrorRecord; pendingMandatory?: PendingMandatoryParameters };

/** Options of {@link bindCommandLine}. */
export interface BindCommandLineOptions {
  /** True when pipeline input will follow, so sets that pipeline parameters can fill stay open. */
  expectingInput: boolean;
}

/** A `-name` argument after reparse, with its value if it has one. */
interface NamedArgument {
  kind: "named";
  /** The name the ParameterAlreadyBound message shows: the full name once reparse paired a value. */
  name: string;
  /** The parameter reparse resolved; undefined for `-name:value` and unknown names. */
  parameter?: ParameterMetadata;
  /** The value; undefined for a switch given without one, which means present. */
  value?: ArgumentValue;
}

type ReparsedArgument = NamedArgument | { kind: "positional"; value: ArgumentValue };

class BindingFailure extends Error {
  constructor(readonly record: ErrorRecord) {
    super(record.message);
  }
}

/**
 * Binds command-line arguments in the order of CmdletParameterBinderController:
 * reparse (pair names with values), named binding with validation, the empty-set check,
 * leftovers, then set choice and the mandatory check. Returns every binding failure as one
 * record instead of throwing.
 */
export function bindCommandLine(
  command: CommandMetadata,
  args: readonly CommandArgument[],
  options: BindCommandLineOptions,
): CommandLineBindingResult {
  try {
    const bindable = bindableParameters(command);
    const reparsed = reparseArguments(command, bindable, args);
    const { bound, mask, leftovers } = bindNamedArguments(command, bindable, reparsed);

    if (mask === 0) return fail(errors.ambiguousParameterSet(command.name));
    const leftover = leftovers[0];
    if (leftover?.kind === "named") {
      return fail(errors.namedParameterNotFound(command.name, leftover.name));
    }
    if (leftover?.kind === "positional") {
      return fail(errors.positionalParameterNotFound(command.name, positionalText(leftover.value)));
    }

    const binding: CommandLineBinding = { command, bound, mask };
    if (options.expectingInput) return { ok: true, binding };

    const resolution = resolveParameterSet(command, mask, bound);
    if (!resolution.ok) return fail(errors.ambiguousParameterSet(command.name));
    binding.parameterSetName = resolution.setName;
    const missing = unboundMandatoryParameters(command, resolution.setName, bound);
    if (missing.length > 0) {
      return {
        ok: false,
        record: errors.missingMandatoryParameter(command.name, missing),
        pendingMandatory: {
          binding,
          missing: missing.map((name) => command.parameters.find((p) => p.name === name)!),
        },
      };
    }
    return { ok: true, binding };
  } catch (error) {
    if (error instanceof BindingFailure) return fail(error.record);
    throw error;
  }
}

/**
 * Pairs each `-name` with its value as ReparseUnboundArguments does. A switch takes no value.
 * The next argument is the value unless it is `-x:y` or a known parameter name (then
 * MissingArgument); an unknown `-x` becomes the text value "-x". Unknown names stay as they are.
 * Names with an attached value are resolved later, during named binding.
 */
function reparseArguments(
  command: CommandMetadata,
  bindable: readonly ParameterMetadata[],
  args: readonly CommandArgument[],
): ReparsedArgument[] {
  const reparsed: ReparsedArgument[] = [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    if (argument.kind === "value") {
      reparsed.push({ kind: "positional", value: argument.value });
      continue;
    }
    if (argument.attachedValue !== undefined) {
      reparsed.push({ kind: "named", name: argument.name, value: argument.attachedValue });
      continue;
    }
    const parameter = resolveName(command, bindable, argument.name);
    if (parameter === undefined) {
      reparsed.push({ kind: "named", name: argument.name });
      continue;
    }
    if (parameter.type === "SwitchParameter") {
      reparsed.push({ kind: "named", name: argument.name, parameter });
      continue;
    }

    const next = args[index + 1];
    if (next === undefined) {
      throw new BindingFailure(
        errors.missingArgument(command.name, parameter.name, parameter.typeFullName),
      );
    }
    let value: ArgumentValue;
    if (next.kind === "parameter") {
      const nextParameter = resolveName(command, bindable, next.name);
      if (next.attachedValue !== undefined || nextParameter !== undefined) {
        throw new BindingFailure(
          errors.missingArgument(command.name, parameter.name, parameter.typeFullName),
        );
      }
      value = { kind: "text", text: `-${next.name}` };
    } else {
      value = next.value;
    }
    index++;
    reparsed.push({ kind: "named", name: parameter.name, parameter, value });
  }
  return reparsed;
}

/** Resolves a typed name; undefined when unknown, and AmbiguousParameter thrown as a failure. */
function resolveName(
  command: CommandMetadata,
  bindable: readonly ParameterMetadata[],
  typedName: string,
): ParameterMetadata | undefined {
  const match = matchParameter(bindable, typedName);
  if (match.kind === "ambiguous") {
    throw new BindingFailure(
      errors.ambiguousParameter(command.name, typedName, match.candidates.map((p) => p.name)),
    );
  }
  return match.kind === "found" ? match.parameter : undefined;
}

/**
 * Binds named arguments left to right as BindNamedParameters does: ParameterAlreadyBound,
 * conversion, and the null and empty checks of parameters that are Mandatory in some set, each
 * in argument order. Each bound parameter narrows the candidate sets.
 */
function bindNamedArguments(
  command: CommandMetadata,
  bindable: readonly ParameterMetadata[],
  reparsed: readonly ReparsedArgument[],
): { bound: Map<string, unknown>; mask: number; leftovers: ReparsedArgument[] } {
  const bound = new Map<string, unknown>();
  let mask = allSetsMask(command);
  const leftovers: ReparsedArgument[] = [];
  for (const argument of reparsed) {
    if (argument.kind === "positional") {
      leftovers.push(argument);
      continue;
    }
    const parameter = argument.parameter ?? resolveName(command, bindable, argument.name);
    if (parameter === undefined) {
      leftovers.push(argument);
      continue;
    }
    if (bound.has(parameter.name)) {
      throw new BindingFailure(errors.parameterAlreadyBound(command.name, argument.name));
    }
    let value: unknown = true;
    if (argument.value !== undefined) {
      const converted = convertArgument(command.name, parameter, argument.value);
      if (!converted.ok) throw new BindingFailure(converted.record);
      value = converted.value;
    }
    if (isMandatoryInAnySet(parameter)) {
      const invalid = validateArgument(command.name, parameter, value);
      if (invalid) throw new BindingFailure(invalid);
    }
    bound.set(parameter.name, value);
    const setMask = parameterSetMask(command, parameter);
    if (setMask !== 0) mask &= setMask;
  }
  return { bound, mask, leftovers };
}

/** Returns the text PositionalParameterNotFound shows: the value's ToString(), `$null` for null. */
function positionalText(value: ArgumentValue): string {
  const literal = literalValue(value);
  return literal === null || literal === undefined ? "$null" : toPowerShellString(literal);
}

function fail(record: ErrorRecord): CommandLineBindingResult {
  return { ok: false, record };
}
