import * as errors from "./binding_errors.ts";
import type { CommandLineBinding } from "./bind_command_line.ts";
import { validateArgument } from "./argument_validation.ts";
import {
  attributesInSet,
  type CommandMetadata,
  isMandatoryInAnySet,
  type ParameterMetadata,
  parameterSetMask,
  setNamesInMask,
} from "./parameter_metadata.ts";
import { resolveParameterSet, unboundMandatoryParameters } from "./parameter_sets.ts";
import { applyTypeNameProperty, typeNameOf } from "./pipeline_object_type.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";

/**
 * The command-line binding made ready for pipeline input: the candidate sets left before the
 * first object, and the set whose parameters each binding pass tries first.
 */
export interface PipelineBindingPlan {
  binding: CommandLineBinding;
  /** Bit mask of the candidate parameter sets that every pipeline object starts from. */
  mask: number;
  /** The set tried first in each pass: the default set, unless the mandatory check chose another. */
  prioritizedSet: string;
}

/** Result of {@link preparePipelineBinding}: a plan, or the statement-terminating binding error. */
export type PipelineBindingPlanResult =
  | { ok: true; plan: PipelineBindingPlan }
  | { ok: false; record: ErrorRecord };

/** Result of binding one pipeline object: the parameters for one process step, or one error. */
export type PipelineObjectBinding =
  | { ok: true; bound: Map<string, unknown>; parameterSetName: string }
  | { ok: false; record: ErrorRecord };

function takesPipelineInput(parameter: ParameterMetadata, setName: string): boolean {
  return attributesInSet(parameter, setName)?.valueFromPipeline === true;
}

function setBit(command: CommandMetadata, setName: string): number {
  return 1 << command.parameterSets.indexOf(setName);
}

function maskOfSets(command: CommandMetadata, setNames: readonly string[]): number {
  return setNames.reduce((mask, setName) => mask | setBit(command, setName), 0);
}

/** The unbound mandatory parameters of one set, split by whether the pipeline can fill them. */
interface SetMandatoryState {
  setName: string;
  bit: number;
  pipeline: string[];
  nonPipeline: string[];
}

function mandatoryState(
  command: CommandMetadata,
  setName: string,
  bound: ReadonlyMap<string, unknown>,
): SetMandatoryState {
  const state: SetMandatoryState = {
    setName,
    bit: setBit(command, setName),
    pipeline: [],
    nonPipeline: [],
  };
  for (const parameter of command.parameters) {
    if (bound.has(parameter.name) || !attributesInSet(parameter, setName)?.mandatory) continue;
    if (takesPipelineInput(parameter, setName)) state.pipeline.push(parameter.name);
    else state.nonPipeline.push(parameter.name);
  }
  return state;
}

/**
 * Prepares pipeline binding before the first object, in the engine's order:
 * 1. ValidateParameterSets before pipeline input: several candidate sets may stay open only while
 *    some unbound parameter in them takes pipeline input, else the set is chosen now.
 * 2. FilterParameterSetsTakingNoPipelineInput: with several sets left, drop those in which no
 *    unbound parameter takes pipeline input.
 * 3. The mandatory check in pipeline mode (GetMissingMandatoryParameters). Mandatory parameters
 *    that take pipeline input wait for the objects. A mandatory parameter the pipeline cannot
 *    fill gives MissingMandatoryParameter before any input.
 * The errors are statement-terminating, as on the command line.
 */
export function preparePipelineBinding(binding: CommandLineBinding): PipelineBindingPlanResult {
  const { command, bound } = binding;
  let mask = binding.mask;
  const candidates = setNamesInMask(command, mask);
  const takesInput = (setName: string) =>
    command.parameters.some((parameter) =>
      !bound.has(parameter.name) && takesPipelineInput(parameter, setName)
    );

  if (candidates.length > 1) {
    const open = candidates.filter(takesInput);
    if (open.length === 0) {
      const resolution = resolveParameterSet(command, mask, bound);
      if (!resolution.ok) return { ok: false, record: errors.ambiguousParameterSet(command.name) };
      mask = setBit(command, resolution.setName);
    } else {
      mask = maskOfSets(command, open);
    }
  }

  const check = checkMandatoryForPipeline(command, mask, bound);
  if (!check.ok) return { ok: false, record: errors.ambiguousParameterSet(command.name) };
  if (check.missing.length > 0) {
    // NOTE: an interactive host would prompt for these parameters; this binder never prompts here.
    return { ok: false, record: errors.missingMandatoryParameter(command.name, check.missing) };
  }
  return {
    ok: true,
    plan: {
      binding,
      mask: check.mask,
      prioritizedSet: check.prioritizedSet ?? command.defaultParameterSet,
    },
  };
}

type MandatoryCheck =
  | { ok: true; mask: number; missing: string[]; prioritizedSet?: string }
  | { ok: false };

/**
 * Finds the mandatory parameters that pipeline input can never fill, and narrows the candidate
 * sets the way GetMissingMandatoryParameters latches onto one when several remain. This model has
 * no ValueFromPipelineByPropertyName and no mandatory parameter in every set, so the rules for
 * those are left out.
 */
function checkMandatoryForPipeline(
  command: CommandMetadata,
  initialMask: number,
  bound: ReadonlyMap<string, unknown>,
): MandatoryCheck {
  let mask = initialMask;
  const states = setNamesInMask(command, mask).map((setName) =>
    mandatoryState(command, setName, bound)
  );
  const withMandatory = states.filter((state) =>
    state.pipeline.length + state.nonPipeline.length > 0
  );
  if (withMandatory.length === 0) return { ok: true, mask, missing: [] };

  const defaultBit = setBit(command, command.defaultParameterSet);
  let mandatoryMask = withMandatory.reduce((bits, state) => bits | state.bit, 0);
  let prioritizedSet: string | undefined;

  // The default set has nothing unbound that is mandatory: keep it and the other sets without
  // unbound mandatory parameters, unless another set can be filled from the pipeline.
  if (
    states.length > 1 && (mask & defaultBit) !== 0 && (mandatoryMask & defaultBit) === 0 &&
    !withMandatory.some((state) => state.pipeline.length > 0)
  ) {
    mask &= ~mandatoryMask;
    mandatoryMask = mask;
    if (mask !== defaultBit) prioritizedSet = command.defaultParameterSet;
  }

  const chosen = states.filter((state) => (state.bit & mandatoryMask) !== 0);
  if (mandatoryMask === 0) return { ok: false };
  if (chosen.length <= 1) {
    return { ok: true, mask, missing: chosen[0]?.nonPipeline ?? [], prioritizedSet };
  }
  if (prioritizedSet !== undefined) return { ok: true, mask, missing: [], prioritizedSet };

  // Several sets still lack mandatory parameters. Latch onto the default set when no other set
  // can be filled from the pipeline alone.
  const defaultState = chosen.find((state) => state.bit === defaultBit);
  if (defaultState) {
    const anotherFillable = chosen.some((state) =>
      state !== defaultState && state.pipeline.length > 0 && state.nonPipeline.length === 0
    );
    if (!anotherFillable) {
      return { ok: true, mask: defaultBit, missing: defaultState.nonPipeline };
    }
  }

  // Latch onto the only set whose mandatory parameters take pipeline input.
  const fillable = chosen.filter((state) => state.pipeline.length > 0);
  if (fillable.length === 1) {
    const [set] = fillable;
    if (set.nonPipeline.length > 0) return { ok: true, mask: set.bit, missing: set.nonPipeline };
    const others = chosen.filter((state) => state !== set).reduce((bits, s) => bits | s.bit, 0);
    mask &= ~others;
    return {
      ok: true,
      mask,
      missing: [],
      prioritizedSet: mask !== set.bit ? set.setName : undefined,
    };
  }

  // Several sets take pipeline input: drop those that also need a parameter the pipeline cannot
  // fill, because nothing will bind it later.
  const blocked = chosen.filter((state) => state.nonPipeline.length > 0);
  if (blocked.length > 0) {
    if (fillable.length < 2) return { ok: false };
    mask &= ~blocked.reduce((bits, state) => bits | state.bit, 0);
    if (mask === 0) return { ok: false };
  }
  return { ok: true, mask, missing: [] };
}

/** Tells whether an object already is an instance of the parameter's type (pass 1, no coercion). */
function isInstanceOf(parameter: ParameterMetadata, item: unknown): boolean {
  if (parameter.type === "String") return typeof item === "string";
  const typeName = typeNameOf(item);
  return typeName !== undefined && typeName.toLowerCase() === parameter.typeFullName.toLowerCase();
}

/**
 * Tells whether an object converts to the parameter's type (pass 3, with coercion). A JSON
 * object is a PSCustomObject, which the Graph model converters accept for both the identity and
 * the body type. An object marked with one model type does not convert to the other. `null`
 * converts to any object type, so the null check that follows rejects it.
 */
function convertsTo(parameter: ParameterMetadata, item: unknown): boolean {
  if (parameter.type !== "Identity" && parameter.type !== "BodyObject") return false;
  if (item === null) return true;
  if (typeof item !== "object" || Array.isArray(item)) return false;
  const typeName = typeNameOf(item);
  return typeName === undefined || typeName.toLowerCase() === parameter.typeFullName.toLowerCase();
}

/**
 * Binds one pipeline object on top of the command-line binding, as BindPipelineParametersPrivate
 * does. Each object starts again from the plan, so its parameter set is resolved independently.
 * The passes are ValueFromPipeline without coercion, then with coercion. The ByPropertyName passes
 * are skipped because no parameter of this model declares ValueFromPipelineByPropertyName. In each
 * pass the prioritized set's parameters are tried first, and all candidate sets only if none of
 * those binds. Every unbound pipeline parameter that accepts the object binds, in reverse
 * declaration order.
 */
export function bindPipelineObject(
  plan: PipelineBindingPlan,
  item: unknown,
): PipelineObjectBinding {
  const command: CommandMetadata = plan.binding.command;
  const value = applyTypeNameProperty(item);
  const bound = new Map(plan.binding.bound);
  let mask = plan.mask;
  let boundAny = false;

  const bindPass = (setNames: string[], coercion: boolean): ErrorRecord | boolean => {
    let boundInPass = false;
    for (const parameter of [...command.parameters].reverse()) {
      if (bound.has(parameter.name)) continue;
      if (!setNames.some((setName) => takesPipelineInput(parameter, setName))) continue;
      const accepts = coercion ? convertsTo(parameter, value) : isInstanceOf(parameter, value);
      if (!accepts) continue;
      if (isMandatoryInAnySet(parameter)) {
        const invalid = validateArgument(command.name, parameter, value, item);
        if (invalid) return invalid;
      }
      bound.set(parameter.name, value);
      const parameterMask = parameterSetMask(command, parameter);
      if (parameterMask !== 0) mask &= parameterMask;
      boundInPass = true;
    }
    return boundInPass;
  };

  for (const coercion of [false, true]) {
    let result: ErrorRecord | boolean = false;
    if ((mask & setBit(command, plan.prioritizedSet)) !== 0) {
      result = bindPass([plan.prioritizedSet], coercion);
    }
    if (result === false) result = bindPass(setNamesInMask(command, mask), coercion);
    if (typeof result === "object") return { ok: false, record: result };
    if (result) {
      boundAny = true;
      if (mask === 0) {
        return { ok: false, record: errors.ambiguousParameterSet(command.name, item) };
      }
    }
  }

  if (!boundAny) return { ok: false, record: errors.inputObjectNotBound(command.name, item) };
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
