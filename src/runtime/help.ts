import type {
  CommandMetadata,
  ParameterMetadata,
  ParameterSetAttributes,
} from "../binding/parameter_metadata.ts";

/** Help texts of the ShouldProcess parameters, as the Graph module's documentation words them. */
const SHOULD_PROCESS_HELP: readonly { name: string; help: string; alias: string }[] = [
  {
    name: "WhatIf",
    help: "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
    alias: "wi",
  },
  { name: "Confirm", help: "Prompts you for confirmation before running the cmdlet.", alias: "cf" },
];

const COMMON_PARAMETERS_HELP = [
  "This cmdlet supports the common parameters: Verbose, Debug,",
  "ErrorAction, ErrorVariable, WarningAction, WarningVariable,",
  "OutBuffer, PipelineVariable, and OutVariable. For more information, see",
  "about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).",
];

/** Returns the short type name Get-Help shows in `<…>`, e.g. `String` for `System.String`. */
function shortTypeName(parameter: ParameterMetadata): string {
  return parameter.typeFullName.slice(parameter.typeFullName.lastIndexOf(".") + 1);
}

function parameterSyntax(parameter: ParameterMetadata, mandatory: boolean): string {
  if (parameter.type === "SwitchParameter") return `[-${parameter.name}]`;
  const text = `-${parameter.name} <${shortTypeName(parameter)}>`;
  return mandatory ? text : `[${text}]`;
}

function attributesIn(
  parameter: ParameterMetadata,
  setName: string,
): ParameterSetAttributes | undefined {
  return parameter.sets ? parameter.sets[setName] : {};
}

/**
 * Orders the sets as the cmdlet's documentation does: the default set first, then each set
 * followed by its ViaIdentity counterparts in declaration order.
 */
function documentedSetOrder(command: CommandMetadata): string[] {
  const rest = command.parameterSets.filter((name) => name !== command.defaultParameterSet);
  return [
    command.defaultParameterSet,
    ...rest.sort((a, b) => {
      const identityA = a.includes("ViaIdentity") ? 1 : 0;
      const identityB = b.includes("ViaIdentity") ? 1 : 0;
      if (identityA !== identityB) return identityA - identityB;
      const expandedA = a.endsWith("Expanded") ? 0 : 1;
      const expandedB = b.endsWith("Expanded") ? 0 : 1;
      return expandedA - expandedB;
    }),
  ];
}

/**
 * Formats one syntax line per parameter set: the set's mandatory parameters, then its optional
 * ones in declaration order, then -WhatIf, -Confirm and `[<CommonParameters>]`.
 */
export function syntaxLines(command: CommandMetadata): string[] {
  return documentedSetOrder(command).map((setName) => {
    const inSet = command.parameters.filter((parameter) => attributesIn(parameter, setName));
    const mandatory = inSet.filter((parameter) => attributesIn(parameter, setName)?.mandatory);
    const optional = inSet.filter((parameter) => !attributesIn(parameter, setName)?.mandatory);
    const parts = [
      command.name,
      ...mandatory.map((parameter) => parameterSyntax(parameter, true)),
      ...optional.map((parameter) => parameterSyntax(parameter, false)),
      ...(command.supportsShouldProcess ? ["[-WhatIf]", "[-Confirm]"] : []),
      "[<CommonParameters>]",
    ];
    return parts.join(" ");
  });
}

function parameterEntry(
  heading: string,
  help: string,
  attributes: { required: boolean; pipeline: boolean; aliases: readonly string[] },
): string[] {
  return [
    `    ${heading}`,
    `        ${help}`,
    "        ",
    `        Required?                    ${attributes.required}`,
    "        Position?                    named",
    "        Default value                ",
    `        Accept pipeline input?       ${attributes.pipeline ? "true (ByValue)" : "false"}`,
    `        Aliases                      ${attributes.aliases.join(", ")}`,
    "        Accept wildcard characters?  false",
    "        ",
  ];
}

/**
 * Formats the `-?` help in Get-Help's layout (NAME, SYNOPSIS, SYNTAX, DESCRIPTION, PARAMETERS,
 * OUTPUTS), generated from the cmdlet's metadata. A parameter is shown as required when it is
 * Mandatory in any of its sets.
 */
export function formatCommandHelp(command: CommandMetadata): string {
  const lines = [
    "",
    "NAME",
    `    ${command.name}`,
    "    ",
    "SYNOPSIS",
    `    ${command.synopsis}`,
    "    ",
    "    ",
    "SYNTAX",
  ];
  for (const syntax of syntaxLines(command)) lines.push(`    ${syntax}`, "    ");
  lines.push("    ", "DESCRIPTION", `    ${command.description}`, "    ", "", "PARAMETERS");

  for (const parameter of command.parameters) {
    const sets = Object.values(parameter.sets ?? {});
    const heading = parameter.type === "SwitchParameter"
      ? `-${parameter.name} [<SwitchParameter>]`
      : `-${parameter.name} <${shortTypeName(parameter)}>`;
    lines.push(...parameterEntry(heading, parameter.help ?? "", {
      required: sets.some((attributes) => attributes.mandatory === true),
      pipeline: sets.some((attributes) => attributes.valueFromPipeline === true),
      aliases: parameter.aliases ?? [],
    }));
  }
  if (command.supportsShouldProcess) {
    for (const { name, help, alias } of SHOULD_PROCESS_HELP) {
      lines.push(...parameterEntry(`-${name} [<SwitchParameter>]`, help, {
        required: false,
        pipeline: false,
        aliases: [alias],
      }));
    }
  }
  lines.push("    <CommonParameters>", ...COMMON_PARAMETERS_HELP.map((line) => `        ${line}`));
  lines.push("    ", "OUTPUTS", `    ${command.outputType}`, "    ", "");
  return lines.join("\n");
}
