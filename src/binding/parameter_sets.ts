import {
  allSetsMask,
  attributesInSet,
  type CommandMetadata,
  setNamesInMask,
} from "./parameter_metadata.ts";

/** Outcome of choosing one parameter set from the candidates left after binding. */
export type SetResolution = { ok: true; setName: string } | { ok: false; reason: "ambiguous" };

/** Lists the mandatory parameters of a set that are not bound, in declaration order. */
export function unboundMandatoryParameters(
  command: CommandMetadata,
  setName: string,
  bound: ReadonlyMap<string, unknown>,
): string[] {
  return command.parameters
    .filter((parameter) =>
      attributesInSet(parameter, setName)?.mandatory && !bound.has(parameter.name)
    )
    .map((parameter) => parameter.name);
}

/**
 * Picks the parameter set as ValidateParameterSets does with setDefault. It is the default set
 * when nothing narrowed the candidates or the default is among them, else the only candidate.
 * Otherwise it is the only candidate with no unbound mandatory parameter
 * (ResolveParameterSetAmbiguityBasedOnMandatoryParameters).
 */
export function resolveParameterSet(
  command: CommandMetadata,
  mask: number,
  bound: ReadonlyMap<string, unknown>,
): SetResolution {
  if (mask === 0) return { ok: false, reason: "ambiguous" };
  const candidates = setNamesInMask(command, mask);
  if (mask === allSetsMask(command) || candidates.includes(command.defaultParameterSet)) {
    return { ok: true, setName: command.defaultParameterSet };
  }
  if (candidates.length === 1) return { ok: true, setName: candidates[0] };
  const complete = candidates.filter((setName) =>
    unboundMandatoryParameters(command, setName, bound).length === 0
  );
  if (complete.length === 1) return { ok: true, setName: complete[0] };
  return { ok: false, reason: "ambiguous" };
}
