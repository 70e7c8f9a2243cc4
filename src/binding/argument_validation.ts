import { emptyStringNotAllowed, nullNotAllowed } from "./binding_errors.ts";
import type { ParameterMetadata } from "./parameter_metadata.ts";
import type { ErrorRecord } from "../runtime/error_record.ts";

/**
 * Applies the engine's checks for parameters that are Mandatory in some set: a string parameter
 * rejects "" (an advanced function has already turned `$null` into ""), other types reject null.
 */
export function validateArgument(
  command: string,
  parameter: ParameterMetadata,
  value: unknown,
  target?: unknown,
): ErrorRecord | undefined {
  if (parameter.type === "String" && value === "") {
    return emptyStringNotAllowed(command, parameter.name, target);
  }
  if (value === null || value === undefined) return nullNotAllowed(command, parameter.name, target);
  return undefined;
}
