import type { CommandLineBindingResult, PendingMandatoryParameters } from "./bind_command_line.ts";
import { convertArgument } from "./argument_conversion.ts";
import { validateArgument } from "./argument_validation.ts";
import { missingMandatoryParameter } from "./binding_errors.ts";
import { parameterSetMask } from "./parameter_metadata.ts";
import type { Host } from "../runtime/host.ts";

/**
 * Prompts for missing mandatory parameters as the console host does, then binds the answers:
 * a blank line, the caption `cmdlet <Name> at command pipeline position 1`, the line
 * `Supply values for the following parameters:`, and one `<Name>: ` field per parameter. Each
 * answer is text, converted and validated like a command-line value, so an empty answer to a
 * String parameter fails with EmptyStringNotAllowed. Without a terminal, or when the terminal
 * reaches end of input, the result is MissingMandatoryParameter for the parameters still missing.
 */
export async function promptForMandatoryParameters(
  pending: PendingMandatoryParameters,
  host: Host,
): Promise<CommandLineBindingResult> {
  const { binding, missing } = pending;
  const command = binding.command;
  const missingNames = missing.map((parameter) => parameter.name);
  if (!host.readLine) {
    return { ok: false, record: missingMandatoryParameter(command.name, missingNames) };
  }

  host.writeLine("host", "");
  host.writeLine("host", `cmdlet ${command.name} at command pipeline position 1`);
  host.writeLine("host", "Supply values for the following parameters:");
  const answers: string[] = [];
  for (const parameter of missing) {
    const answer = await host.readLine(`${parameter.name}: `);
    if (answer === undefined) {
      return {
        ok: false,
        record: missingMandatoryParameter(command.name, missingNames.slice(answers.length)),
      };
    }
    answers.push(answer);
  }

  const bound = new Map(binding.bound);
  let mask = binding.mask;
  for (const [index, parameter] of missing.entries()) {
    // A prompt answer is a plain string: `$null` typed at the prompt is the text "$null".
    const converted = convertArgument(command.name, parameter, {
      kind: "object",
      value: answers[index],
    });
    if (!converted.ok) return { ok: false, record: converted.record };
    const invalid = validateArgument(command.name, parameter, converted.value);
    if (invalid) return { ok: false, record: invalid };
    bound.set(parameter.name, converted.value);
    const setMask = parameterSetMask(command, parameter);
    if (setMask !== 0) mask &= setMask;
  }
  return { ok: true, binding: { ...binding, bound, mask } };
}
