import type { ParameterMetadata } from "./parameter_metadata.ts";

/** Outcome of matching a typed name against a command's bindable parameters. */
export type ParameterMatch =
  | { kind: "found"; parameter: ParameterMetadata }
  | { kind: "notFound" }
  | { kind: "ambiguous"; candidates: ParameterMetadata[] };

/**
 * Matches a typed parameter name as MergedCommandParameterMetadata.GetMatchingParameter does,
 * case-insensitively. An exact name, then an exact alias, wins at once. Otherwise every name and
 * then every alias that starts with the typed text is a candidate. Among several candidates, a
 * single declared parameter beats the common ones. Any other tie makes the name ambiguous.
 */
export function matchParameter(
  bindable: readonly ParameterMetadata[],
  typedName: string,
): ParameterMatch {
  const typed = typedName.toLowerCase();
  for (const parameter of bindable) {
    if (parameter.name.toLowerCase() === typed) return { kind: "found", parameter };
  }
  for (const parameter of bindable) {
    if (parameter.aliases?.some((alias) => alias.toLowerCase() === typed)) {
      return { kind: "found", parameter };
    }
  }

  const candidates: ParameterMetadata[] = [];
  for (const parameter of bindable) {
    if (parameter.name.toLowerCase().startsWith(typed)) candidates.push(parameter);
  }
  for (const parameter of bindable) {
    const aliasMatches = parameter.aliases?.some((alias) => alias.toLowerCase().startsWith(typed));
    if (aliasMatches && !candidates.includes(parameter)) candidates.push(parameter);
  }

  if (candidates.length === 0) return { kind: "notFound" };
  if (candidates.length === 1) return { kind: "found", parameter: candidates[0] };
  const declared = candidates.filter((parameter) => !parameter.common);
  if (declared.length === 1) return { kind: "found", parameter: declared[0] };
  return { kind: "ambiguous", candidates };
}
