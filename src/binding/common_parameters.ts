import type { ParameterMetadata } from "./parameter_metadata.ts";

const ACTION_PREFERENCE_TYPE = "System.Management.Automation.ActionPreference";

/**
 * The common parameters of PowerShell 7.4 in the engine's bindable order, which is the order
 * AmbiguousParameter lists them in. ProgressAction exists from 7.4 on.
 */
export const COMMON_PARAMETERS: readonly ParameterMetadata[] = [
  common("Verbose", "SwitchParameter", "System.Management.Automation.SwitchParameter", ["vb"]),
  common("Debug", "SwitchParameter", "System.Management.Automation.SwitchParameter", ["db"]),
  common("ErrorAction", "ActionPreference", ACTION_PREFERENCE_TYPE, ["ea"]),
  common("WarningAction", "ActionPreference", ACTION_PREFERENCE_TYPE, ["wa"]),
  common("InformationAction", "ActionPreference", ACTION_PREFERENCE_TYPE, ["infa"]),
  common("ProgressAction", "ActionPreference", ACTION_PREFERENCE_TYPE, ["proga"]),
  common("ErrorVariable", "VariableName", "System.String", ["ev"]),
  common("WarningVariable", "VariableName", "System.String", ["wv"]),
  common("InformationVariable", "VariableName", "System.String", ["iv"]),
  common("OutVariable", "VariableName", "System.String", ["ov"]),
  { ...common("OutBuffer", "Int32", "System.Int32", ["ob"]), minimum: 0 },
  common("PipelineVariable", "VariableName", "System.String", ["pv"]),
];

/** The risk-mitigation parameters of a cmdlet with SupportsShouldProcess. */
export const SHOULD_PROCESS_PARAMETERS: readonly ParameterMetadata[] = [
  common("WhatIf", "SwitchParameter", "System.Management.Automation.SwitchParameter", ["wi"]),
  common("Confirm", "SwitchParameter", "System.Management.Automation.SwitchParameter", ["cf"]),
];

function common(
  name: string,
  type: ParameterMetadata["type"],
  typeFullName: string,
  aliases: string[],
): ParameterMetadata {
  return { name, type, typeFullName, aliases, common: true };
}
