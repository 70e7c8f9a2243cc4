import { COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS } from "./common_parameters.ts";
import type { CommandMetadata, ParameterMetadata } from "./parameter_metadata.ts";

const cache = new WeakMap<CommandMetadata, readonly ParameterMetadata[]>();

/** Returns the declared parameters, then the common ones, then WhatIf and Confirm: the engine's bindable order. */
export function bindableParameters(command: CommandMetadata): readonly ParameterMetadata[] {
  let list = cache.get(command);
  if (!list) {
    list = [
      ...command.parameters,
      ...COMMON_PARAMETERS,
      ...(command.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : []),
    ];
    cache.set(command, list);
  }
  return list;
}
