import * as errors from "./binding_errors.ts";
import type { CommandLineBinding } from "./bind_command_line.ts";
import { validateArgument } from "./argument_validation.ts";
import {
  allSetsMask,
  attributesInSet,
  type CommandMetadata,
  isMandatoryInAnySet,
  type ParameterMetadata,
  parameterSetMask,
  setNamesInMask,
} from "./parameter_metadata.ts";
import { resolveParameterSet, unboundMandatoryParameters } from "./parameter_sets.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";

/** Result of binding one pipeline object: the parameters for one process step, or one error. */
export type PipelineObjectBinding =
  | { ok: true; bound: Map<string, unknown>; parameterSetName: string }
  | { ok: false; record: ErrorRecord };

function takesPipelineInput(parameter: ParameterMetadata, setName: string): boolean {
  return attributesInSet(parameter, setName)?.valueFromPipeline === true;
}

/**
 * Narrows the candidate sets before the first pipeline object, as
 * FilterParameterSetsTakingNoPipelineInput does: with several sets left, drop those in which no
 * unbound parameter takes pipeline input.
 */
export function preparePipelineBinding(
  binding: CommandLineBinding,
): { ok: true } | { ok: false; record: ErrorRecord } {
  const { command, bound } = binding;
  const candidates = setNamesInMask(command, binding.mask);
  if (candidates.length > 1) {
    let mask = 0;
    candidates.forEach((setName) => {
      const open = command.parameters.some((parameter) =>
        !bound.has(parameter.name) && takesPipelineInput(parameter, setName)
      );
      if (open) mask |= 1 << command.parameterSets.indexOf(setName);
    });
    if (mask !== 0) binding.mask = mask;
  }
  // TODO: the pipeline-mode mandatory check (prompt or MissingMandatoryParameter for parameters
  // the pipeline cannot fill) and the latching heuristics of GetMissingMandatoryParameters.
  return { ok: true };
}

/** Tells whether a pipeline object converts to a parameter's type: JSON objects convert to both object types. */
function convertsTo(parameter: ParameterMetadata, item: unknown): boolean {
  if (parameter.type !== "Identity" && parameter.type !== "BodyObject") return false;
  return item === null || (typeof item === "object" && !Array.isArray(item));
}

/**
 * Binds one pipeline object ByValue on top of the command-line binding. The object is resolved
 * independently of earlier objects; every unbound pipeline parameter that accepts it binds, tried
 * in reverse declaration order, the default set's parameters first.
 */
export function bindPipelineObject(
  binding: CommandLineBinding,
  item: unknown,
): PipelineObjectBinding {
  const command: CommandMetadata = binding.command;
  const bound = new Map(binding.bound);
  let mask = binding.mask === 0 ? allSetsMask(command) : binding.mask;

  const tryBind = (setNames: string[]): ErrorRecord | boolean => {
    let any = false;
    for (const parameter of [...command.parameters].reverse()) {
      if (bound.has(parameter.name)) continue;
      if (!setNames.some((setName) => takesPipelineInput(parameter, setName))) continue;
      if (!convertsTo(parameter, item)) continue;
      if (isMandatoryInAnySet(parameter)) {
        const invalid = validateArgument(command.name, parameter, item, item);
        if (invalid) return invalid;
      }
      bound.set(parameter.name, item);
      mask &= parameterSetMask(command, parameter) || mask;
      any = true;
    }
    return any;
  };

  const candidates = setNamesInMask(command, mask);
  let result: ErrorRecord | boolean = false;
  if (candidates.includes(command.defaultParameterSet)) {
    result = tryBind([command.defaultParameterSet]);
  }
  if (result === false) result = tryBind(candidates);
  if (typeof result === "object") return { ok: false, record: result };
  if (!result) return { ok: false, record: errors.inputObjectNotBound(command.name, item) };
  if (mask === 0) return { ok: false, record: errors.ambiguousParameterSet(command.name, item) };

  const resolution = resolveParameterSet(command, mask, bound);
  if (!resolution.ok) {
    return { ok: false, record: errors.ambiguousParameterSet(command.name, item) };
  }
  const missing = unboundMandatoryParameters(command, resolution.setName, bound);
  if (missing.length > 0) {
    return { ok: false, record: errors.inputObjectMissingMandatory(command.name, missing, item) };
  }
  return { ok: true, bound, parameterSetName: resolution.setName };
}
