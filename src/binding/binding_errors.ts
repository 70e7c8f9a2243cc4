import { createErrorRecord, type ErrorRecord } from "../runtime/error_record.ts";

/**
 * ParameterBindingException records with the texts of PowerShell 7.4's ParameterBinderStrings.
 * The FullyQualifiedErrorId suffix is the command name, because the real cmdlet is an advanced
 * function and PowerShell uses the function name there.
 */

const BINDING = "ParameterBindingException";
const VALIDATION = "ParameterBindingValidationException";
const TRANSFORMATION = "ParameterBindingArgumentTransformationException";

function bindingRecord(
  command: string,
  errorId: string,
  message: string,
  options: { category?: ErrorRecord["category"]; exceptionType?: string; target?: unknown } = {},
): ErrorRecord {
  return createErrorRecord({
    errorId,
    errorIdSuffix: command,
    category: options.category ?? "InvalidArgument",
    message,
    exceptionType: options.exceptionType ?? BINDING,
    commandName: command,
    targetObject: options.target,
  });
}

export function namedParameterNotFound(command: string, name: string): ErrorRecord {
  return bindingRecord(
    command,
    "NamedParameterNotFound",
    `A parameter cannot be found that matches parameter name '${name}'.`,
  );
}

export function positionalParameterNotFound(command: string, argument: string): ErrorRecord {
  return bindingRecord(
    command,
    "PositionalParameterNotFound",
    `A positional parameter cannot be found that accepts argument '${argument}'.`,
  );
}

export function missingArgument(command: string, name: string, typeFullName: string): ErrorRecord {
  return bindingRecord(
    command,
    "MissingArgument",
    `Missing an argument for parameter '${name}'. Specify a parameter of type '${typeFullName}' and try again.`,
  );
}

export function ambiguousParameter(
  command: string,
  typed: string,
  candidates: readonly string[],
): ErrorRecord {
  const list = candidates.map((name) => ` -${name}`).join("");
  return bindingRecord(
    command,
    "AmbiguousParameter",
    `Parameter cannot be processed because the parameter name '${typed}' is ambiguous. Possible matches include:${list}.`,
  );
}

export function ambiguousParameterSet(command: string, target?: unknown): ErrorRecord {
  return bindingRecord(
    command,
    "AmbiguousParameterSet",
    "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
    { target },
  );
}

export function missingMandatoryParameter(command: string, names: readonly string[]): ErrorRecord {
  const list = names.map((name) => ` ${name}`).join("");
  return bindingRecord(
    command,
    "MissingMandatoryParameter",
    `Cannot process command because of one or more missing mandatory parameters:${list}.`,
  );
}

export function parameterAlreadyBound(command: string, name: string): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterAlreadyBound",
    `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
  );
}

export function emptyStringNotAllowed(
  command: string,
  name: string,
  target?: unknown,
): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterArgumentValidationErrorEmptyStringNotAllowed",
    `Cannot bind argument to parameter '${name}' because it is an empty string.`,
    { category: "InvalidData", exceptionType: VALIDATION, target },
  );
}

export function nullNotAllowed(command: string, name: string, target?: unknown): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterArgumentValidationErrorNullNotAllowed",
    `Cannot bind argument to parameter '${name}' because it is null.`,
    { category: "InvalidData", exceptionType: VALIDATION, target },
  );
}

export function inputObjectNotBound(command: string, target: unknown): ErrorRecord {
  return bindingRecord(
    command,
    "InputObjectNotBound",
    "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
    { target },
  );
}

/** The engine's text has two spaces before the first name and no final period. */
export function inputObjectMissingMandatory(
  command: string,
  names: readonly string[],
  target: unknown,
): ErrorRecord {
  const list = names.map((name) => ` ${name}`).join("");
  return bindingRecord(
    command,
    "InputObjectMissingMandatory",
    `The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: ${list}`,
    { target },
  );
}

/** Builds the record of a compiled parameter's failed conversion; `reason` is the inner PSInvalidCastException message. */
export function cannotConvertArgument(command: string, name: string, reason: string): ErrorRecord {
  return bindingRecord(
    command,
    "CannotConvertArgumentNoMessage",
    `Cannot bind parameter '${name}'. ${reason}`,
  );
}

/** Builds the record of a value other than a Boolean or number for a compiled switch, such as -Confirm. */
export function cannotConvertSwitchArgument(
  command: string,
  name: string,
  valueTypeName: string,
  typeFullName: string,
): ErrorRecord {
  return bindingRecord(
    command,
    "CannotConvertArgument",
    `Cannot convert '${valueTypeName}' to the type '${typeFullName}' required by parameter '${name}'.`,
  );
}

/** Builds the record of a failed validation attribute such as ValidateRange; `reason` is its message. */
export function argumentValidationError(
  command: string,
  name: string,
  reason: string,
): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterArgumentValidationError",
    `Cannot validate argument on parameter '${name}'. ${reason}`,
    { category: "InvalidData", exceptionType: VALIDATION },
  );
}

export function argumentTransformationError(
  command: string,
  name: string,
  reason: string,
): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterArgumentTransformationError",
    `Cannot process argument transformation on parameter '${name}'. ${reason}`,
    { category: "InvalidData", exceptionType: TRANSFORMATION },
  );
}

export function parameterBindingFailed(command: string, name: string, reason: string): ErrorRecord {
  return bindingRecord(
    command,
    "ParameterBindingFailed",
    `Cannot bind parameter '${name}' to the target. Exception setting "${name}": "${reason}"`,
    { category: "WriteError" },
  );
}

export function commandNotFound(name: string): ErrorRecord {
  return createErrorRecord({
    errorId: "CommandNotFoundException",
    errorIdSuffix: "",
    category: "ObjectNotFound",
    message:
      `The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    exceptionType: "CommandNotFoundException",
    commandName: name,
    targetObject: name,
    targetType: "String",
  });
}
