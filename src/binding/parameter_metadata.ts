/**
 * Cmdlet metadata as data: parameters, parameter sets and their attributes. The generic binder in
 * this folder reads only these declarations, so a sibling cmdlet is one small file.
 */

/** The .NET type a parameter is declared with; it selects the argument conversion. */
export type ParameterTypeName =
  | "String"
  | "SwitchParameter"
  | "Hashtable"
  | "Int32"
  | "ActionPreference"
  | "VariableName"
  | "Identity"
  | "BodyObject";

/** A parameter's attributes inside one parameter set. */
export interface ParameterSetAttributes {
  /** Whether the set needs the parameter bound. */
  mandatory?: boolean;
  /** Whether a pipeline object can bind the parameter ByValue. */
  valueFromPipeline?: boolean;
}

/** One declared parameter. `sets` omitted means the parameter is in every set. */
export interface ParameterMetadata {
  name: string;
  type: ParameterTypeName;
  /** The full .NET type name that error messages show, such as `System.String`. */
  typeFullName: string;
  aliases?: readonly string[];
  /** Per-set attributes, keyed by parameter set name. */
  sets?: Readonly<Record<string, ParameterSetAttributes>>;
  /** Help text for the PARAMETERS section of `-?`. */
  help?: string;
  /** True for the common and ShouldProcess parameters that PowerShell adds to every cmdlet. */
  common?: boolean;
  /** The lower bound of a ValidateRange attribute on an Int32 parameter. */
  minimum?: number;
}

/** A cmdlet's declaration: everything the binder and the help writer need. */
export interface CommandMetadata {
  name: string;
  /** The .NET-style noun used for error suffixes of the cmdlet's own errors. */
  implementingType: string;
  defaultParameterSet: string;
  parameterSets: readonly string[];
  /** Declared parameters in declaration order; the order shows in ambiguity lists. */
  parameters: readonly ParameterMetadata[];
  supportsShouldProcess: boolean;
  confirmImpact: "None" | "Low" | "Medium" | "High";
  outputType: string;
  synopsis: string;
  description: string;
}

/** Returns a bit mask of the sets a parameter belongs to; 0 means every set. */
export function parameterSetMask(command: CommandMetadata, parameter: ParameterMetadata): number {
  if (!parameter.sets) return 0;
  let mask = 0;
  command.parameterSets.forEach((setName, index) => {
    if (parameter.sets && setName in parameter.sets) mask |= 1 << index;
  });
  return mask;
}

/** Returns the mask that stands for every parameter set of the command. */
export function allSetsMask(command: CommandMetadata): number {
  return (1 << command.parameterSets.length) - 1;
}

/** Returns the set names in a mask, in declaration order. */
export function setNamesInMask(command: CommandMetadata, mask: number): string[] {
  return command.parameterSets.filter((_, index) => (mask & (1 << index)) !== 0);
}

/** Returns the parameter's attributes in one set, or undefined when it is not in that set. */
export function attributesInSet(
  parameter: ParameterMetadata,
  setName: string,
): ParameterSetAttributes | undefined {
  if (!parameter.sets) return {};
  return parameter.sets[setName];
}

/** Tells whether the parameter is Mandatory in at least one set. */
export function isMandatoryInAnySet(parameter: ParameterMetadata): boolean {
  return Object.values(parameter.sets ?? {}).some((attributes) => attributes.mandatory === true);
}
