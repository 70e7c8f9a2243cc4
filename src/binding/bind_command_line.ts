import type { ArgumentValue, CommandArgument } from "./argument_parser.ts";
import { convertArgument } from "./argument_conversion.ts";
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

/** Result of {@link bindCommandLine}. */
export type CommandLineBindingResult =
  | { ok: true; binding: CommandLineBinding }
  | { ok: false; record: ErrorRecord };

/** Options of {@link bindCommandLine}. */
export interface BindCommandLineOptions {
  /** True when pipeline input will follow, so sets that pipeline parameters can fill stay open. */
  expectingInput: boolean;
}

interface PairedArgument {
  parameter: ParameterMetadata;
  /** The name the ParameterAlreadyBound message shows for this occurrence. */
  displayName: string;
  value: ArgumentValue | undefined;
}

type Leftover = { kind: "named"; name: string } | { kind: "positional"; value: ArgumentValue };

/**
 * Binds command-line arguments in the order of CmdletParameterBinderController:
 * reparse (pair names with values), named binding with validation, the empty-set check,
 * leftovers, then set choice and the mandatory check.
 */
export function bindCommandLine(
  command: CommandMetadata,
  args: readonly CommandArgument[],
  options: BindCommandLineOptions,
): CommandLineBindingResult {
  const bindable = bindableParameters(command);
  const paired: (PairedArgument | Leftover)[] = [];

  // Reparse: pair each `-name` with its value.
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    if (argument.kind === "value") {
      paired.push({ kind: "positional", value: argument.value });
      continue;
    }
    const match = matchParameter(bindable, argument.name);
    if (match.kind === "ambiguous") {
      return fail(
        errors.ambiguousParameter(command.name, argument.name, match.candidates.map((p) => p.name)),
      );
    }
    if (match.kind === "notFound") {
      paired.push({ kind: "named", name: argument.name });
      continue;
    }
    const parameter = match.parameter;
    if (argument.attachedValue !== undefined || parameter.type === "SwitchParameter") {
      paired.push({ parameter, displayName: argument.name, value: argument.attachedValue });
      continue;
    }
    const next = args[index + 1];
    if (next === undefined) {
      return fail(errors.missingArgument(command.name, parameter.name, parameter.typeFullName));
    }
    if (next.kind === "parameter") {
      const nextMatch = matchParameter(bindable, next.name);
      if (next.attachedValue !== undefined || nextMatch.kind !== "notFound") {
        return fail(errors.missingArgument(command.name, parameter.name, parameter.typeFullName));
      }
      // An unknown `-x` after a parameter that needs a value is that value, as text.
      paired.push({
        parameter,
        displayName: parameter.name,
        value: { kind: "text", text: `-${next.name}` },
      });
      index++;
      continue;
    }
    paired.push({ parameter, displayName: parameter.name, value: next.value });
    index++;
  }

  // Named binding, left to right.
  const bound = new Map<string, unknown>();
  let mask = allSetsMask(command);
  const leftovers: Leftover[] = [];
  for (const entry of paired) {
    if ("kind" in entry) {
      leftovers.push(entry);
      continue;
    }
    const { parameter } = entry;
    if (bound.has(parameter.name)) {
      return fail(errors.parameterAlreadyBound(command.name, entry.displayName));
    }
    let value: unknown = true;
    if (entry.value !== undefined) {
      const converted = convertArgument(command.name, parameter, entry.value);
      if (!converted.ok) return fail(converted.record);
      value = converted.value;
    }
    if (isMandatoryInAnySet(parameter)) {
      const invalid = validateArgument(command.name, parameter, value);
      if (invalid) return fail(invalid);
    }
    bound.set(parameter.name, value);
    const setMask = parameterSetMask(command, parameter);
    if (setMask !== 0) mask &= setMask;
  }

  if (mask === 0) return fail(errors.ambiguousParameterSet(command.name));

  const leftover = leftovers[0];
  if (leftover?.kind === "named") {
    return fail(errors.namedParameterNotFound(command.name, leftover.name));
  }
  if (leftover?.kind === "positional") {
    const text = leftover.value.kind === "text"
      ? leftover.value.text
      : leftover.value.value === null
      ? "$null"
      : String(leftover.value.value);
    return fail(errors.positionalParameterNotFound(command.name, text));
  }

  const binding: CommandLineBinding = { command, bound, mask };
  if (options.expectingInput) return { ok: true, binding };

  const resolution = resolveParameterSet(command, mask, bound);
  if (!resolution.ok) return fail(errors.ambiguousParameterSet(command.name));
  const missing = unboundMandatoryParameters(command, resolution.setName, bound);
  if (missing.length > 0) return fail(errors.missingMandatoryParameter(command.name, missing));
  binding.parameterSetName = resolution.setName;
  return { ok: true, binding };
}

function fail(record: ErrorRecord): CommandLineBindingResult {
  return { ok: false, record };
}
