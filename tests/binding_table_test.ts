// The binding cases of PowerShell 7.4 for Clear-MgCommunicationPresence, numbered as in the
// project's binding research table, plus one case per error of the binder's catalogue.
import assert from "node:assert/strict";
import { parseArguments } from "../src/binding/argument_parser.ts";
import { withTypeName } from "../src/binding/pipeline_object_type.ts";
import { categoryInfo } from "../src/runtime/error_view.ts";
import { invokeCommand } from "../src/runtime/invoke_command.ts";
import {
  bindArgv,
  BODY,
  COMMAND,
  IDENTITY,
  recordingConnection,
  scriptedHost,
} from "./binding_support.ts";

type Expected =
  | { set: string; bound?: Record<string, unknown> }
  | { errorId: string; category?: string; exceptionType?: string; message?: string };

interface Row {
  row: number;
  argv: string[];
  expected: Expected;
}

const AMBIGUOUS_SET =
  "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.";
const MISSING_PRESENCE_ID =
  "Cannot process command because of one or more missing mandatory parameters: PresenceId.";
const BINDING = "ParameterBindingException";
const VALIDATION = "ParameterBindingValidationException";

const ROWS: Row[] = [
  { row: 1, argv: ["-PresenceId", "p"], expected: { set: "ClearExpanded" } },
  {
    row: 2,
    argv: ["-PresenceId", "p", "-SessionId", "s", "-AdditionalProperties", "@{a=1}"],
    expected: { set: "ClearExpanded", bound: { SessionId: "s", AdditionalProperties: { a: 1 } } },
  },
  { row: 3, argv: ["-PresenceId", "p", "-BodyParameter", BODY], expected: { set: "Clear" } },
  {
    row: 4,
    argv: ["-InputObject", IDENTITY, "-BodyParameter", BODY],
    expected: { set: "ClearViaIdentity" },
  },
  {
    row: 5,
    argv: ["-InputObject", IDENTITY, "-SessionId", "s"],
    expected: { set: "ClearViaIdentityExpanded" },
  },
  { row: 6, argv: ["-InputObject", IDENTITY], expected: { set: "ClearViaIdentityExpanded" } },
  {
    row: 7,
    argv: ["-PresenceId", "p", "-InputObject", IDENTITY],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 7,
    argv: ["-InputObject", IDENTITY, "-PresenceId", "p"],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 8,
    argv: ["-PresenceId", "p", "-BodyParameter", BODY, "-SessionId", "s"],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 9,
    argv: ["-BodyParameter", BODY],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 10,
    argv: ["-InputObject", IDENTITY, "-BodyParameter", BODY, "-AdditionalProperties", "@{}"],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 11,
    argv: [],
    expected: { errorId: "MissingMandatoryParameter", message: MISSING_PRESENCE_ID },
  },
  {
    row: 12,
    argv: ["-SessionId", "s"],
    expected: { errorId: "MissingMandatoryParameter", message: MISSING_PRESENCE_ID },
  },
  {
    row: 13,
    argv: ["-PassThru"],
    expected: { errorId: "MissingMandatoryParameter", message: MISSING_PRESENCE_ID },
  },
  { row: 14, argv: ["-Pres", "p"], expected: { set: "ClearExpanded", bound: { PresenceId: "p" } } },
  { row: 14, argv: ["-presenceid", "p"], expected: { set: "ClearExpanded" } },
  {
    row: 14,
    argv: ["-PRESENCEID:p"],
    expected: { set: "ClearExpanded", bound: { PresenceId: "p" } },
  },
  {
    row: 15,
    argv: ["-S", "s", "-Pre", "p"],
    expected: { set: "ClearExpanded", bound: { SessionId: "s", PresenceId: "p" } },
  },
  {
    row: 16,
    argv: ["-P", "p"],
    expected: {
      errorId: "AmbiguousParameter",
      message:
        "Parameter cannot be processed because the parameter name 'P' is ambiguous. Possible matches include: -PresenceId -PassThru -ProgressAction -PipelineVariable.",
    },
  },
  { row: 17, argv: ["-Pr", "p"], expected: { set: "ClearExpanded", bound: { PresenceId: "p" } } },
  { row: 18, argv: ["-I", IDENTITY], expected: { set: "ClearViaIdentityExpanded" } },
  { row: 18, argv: ["-In", IDENTITY], expected: { set: "ClearViaIdentityExpanded" } },
  {
    row: 19,
    argv: ["-PresenceId", "p", "-O", "v"],
    expected: {
      errorId: "AmbiguousParameter",
      message:
        "Parameter cannot be processed because the parameter name 'O' is ambiguous. Possible matches include: -OutVariable -OutBuffer.",
    },
  },
  {
    row: 20,
    argv: ["-PresenceId", "p", "-Foo", "1"],
    expected: {
      errorId: "NamedParameterNotFound",
      message: "A parameter cannot be found that matches parameter name 'Foo'.",
    },
  },
  {
    row: 21,
    argv: ["-PresenceId", "p", "extra"],
    expected: {
      errorId: "PositionalParameterNotFound",
      message: "A positional parameter cannot be found that accepts argument 'extra'.",
    },
  },
  {
    row: 22,
    argv: ["-PresenceId"],
    expected: {
      errorId: "MissingArgument",
      message:
        "Missing an argument for parameter 'PresenceId'. Specify a parameter of type 'System.String' and try again.",
    },
  },
  {
    row: 23,
    argv: ["-Pres", "-SessionId", "s"],
    expected: {
      errorId: "MissingArgument",
      message:
        "Missing an argument for parameter 'PresenceId'. Specify a parameter of type 'System.String' and try again.",
    },
  },
  {
    row: 24,
    argv: ["-PresenceId", "-Foo"],
    expected: { set: "ClearExpanded", bound: { PresenceId: "-Foo" } },
  },
  {
    row: 25,
    argv: ["-PresenceId", "p", "-PresenceId", "q"],
    expected: {
      errorId: "ParameterAlreadyBound",
      message:
        `Cannot bind parameter because parameter 'PresenceId' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
    },
  },
  {
    row: 26,
    argv: ["-PresenceId", "p", "-pres:q"],
    expected: {
      errorId: "ParameterAlreadyBound",
      message:
        `Cannot bind parameter because parameter 'pres' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
    },
  },
  {
    row: 27,
    argv: ["-PresenceId", ""],
    expected: {
      errorId: "ParameterArgumentValidationErrorEmptyStringNotAllowed",
      category: "InvalidData",
      exceptionType: VALIDATION,
      message: "Cannot bind argument to parameter 'PresenceId' because it is an empty string.",
    },
  },
  {
    row: 28,
    argv: ["-PresenceId", "$null"],
    expected: {
      errorId: "ParameterArgumentValidationErrorEmptyStringNotAllowed",
      category: "InvalidData",
      exceptionType: VALIDATION,
      message: "Cannot bind argument to parameter 'PresenceId' because it is an empty string.",
    },
  },
  {
    row: 29,
    argv: ["-PresenceId", "p", "-SessionId", ""],
    expected: { set: "ClearExpanded", bound: { SessionId: "" } },
  },
  {
    row: 30,
    argv: ["-InputObject", "$null"],
    expected: {
      errorId: "ParameterArgumentValidationErrorNullNotAllowed",
      category: "InvalidData",
      exceptionType: VALIDATION,
      message: "Cannot bind argument to parameter 'InputObject' because it is null.",
    },
  },
  {
    row: 31,
    argv: ["-PresenceId", "p", "-PassThru:$false"],
    expected: { set: "ClearExpanded", bound: { PassThru: false } },
  },
  {
    row: 32,
    argv: ["-PresenceId", "p", "-PassThru", "$false"],
    expected: {
      errorId: "PositionalParameterNotFound",
      message: "A positional parameter cannot be found that accepts argument 'False'.",
    },
  },
  {
    row: 33,
    argv: ["-PresenceId", "p", "--", "-SessionId"],
    expected: {
      errorId: "PositionalParameterNotFound",
      message: "A positional parameter cannot be found that accepts argument '-SessionId'.",
    },
  },
  {
    row: 34,
    argv: ["-PresenceId", "p", "-InputObject", IDENTITY, "-Foo"],
    expected: { errorId: "AmbiguousParameterSet", message: AMBIGUOUS_SET },
  },
  {
    row: 35,
    argv: ["-Foo", "-PresenceId", ""],
    expected: {
      errorId: "ParameterArgumentValidationErrorEmptyStringNotAllowed",
      category: "InvalidData",
      exceptionType: VALIDATION,
      message: "Cannot bind argument to parameter 'PresenceId' because it is an empty string.",
    },
  },
  {
    row: 37,
    argv: ["-PresenceId", "p", "-WhatIf"],
    expected: { set: "ClearExpanded", bound: { WhatIf: true } },
  },
  {
    row: 37,
    argv: ["-PresenceId", "p", "-wi"],
    expected: { set: "ClearExpanded", bound: { WhatIf: true } },
  },
  {
    row: 38,
    argv: ["-PresenceId", "p", "-cf"],
    expected: { set: "ClearExpanded", bound: { Confirm: true } },
  },
  {
    row: 39,
    argv: ["-PresenceId", "p", "-Confirm:$false"],
    expected: { set: "ClearExpanded", bound: { Confirm: false } },
  },
  {
    row: 40,
    argv: ["-PresenceId", "p", "-ea", "s"],
    expected: {
      errorId: "CannotConvertArgumentNoMessage",
      message:
        `Cannot bind parameter 'ErrorAction'. Cannot convert value "s" to type "System.Management.Automation.ActionPreference". Error: "The identifier name s cannot be processed because it is either too similar or identical to the following enumerator names: SilentlyContinue, Stop, Suspend. Use a more specific identifier name."`,
    },
  },
  {
    row: 41,
    argv: ["-PresenceId", "p", "-ea", "Suspend"],
    expected: {
      errorId: "ParameterBindingFailed",
      category: "WriteError",
      message:
        `Cannot bind parameter 'ErrorAction' to the target. Exception setting "ErrorAction": "The Suspend ActionPreference value is reserved for future use and is not supported at this time. Set the value to a supported ActionPreference, and then try again."`,
    },
  },
  {
    row: 42,
    argv: ["-PresenceId", "p", "-proga", "0"],
    expected: { set: "ClearExpanded", bound: { ProgressAction: "SilentlyContinue" } },
  },
];

for (const { row, argv, expected } of ROWS) {
  Deno.test(`binding row ${row}: ${COMMAND} ${argv.join(" ")}`, () => {
    const result = bindArgv(argv);
    if ("set" in expected) {
      assert.ok(result.ok, result.ok ? "" : result.record.message);
      assert.equal(result.binding.parameterSetName, expected.set);
      for (const [name, value] of Object.entries(expected.bound ?? {})) {
        assert.deepEqual(result.binding.bound.get(name), value, name);
      }
      return;
    }
    assert.ok(!result.ok, "binding succeeded");
    const record = result.record;
    assert.equal(record.fullyQualifiedErrorId, `${expected.errorId},${COMMAND}`);
    assert.equal(record.category, expected.category ?? "InvalidArgument");
    assert.equal(record.exceptionType, expected.exceptionType ?? BINDING);
    if (expected.message !== undefined) assert.equal(record.message, expected.message);
    assert.equal(record.targetObject, null);
  });
}

Deno.test("binding row 36: -? asks for help and binds nothing", async () => {
  assert.equal(parseArguments(["-PresenceId", "p", "-?"]).helpRequested, true);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-?"]);
  assert.equal(result.exitCode, 0);
  assert.equal(result.errors.length, 0);
  assert.equal(result.output.length, 1);
  assert.match(String(result.output[0]), /^\nNAME\n {4}Clear-MgCommunicationPresence\n/);
});

Deno.test("binding row 37: -WhatIf writes the What if line and sends nothing", async () => {
  const connection = recordingConnection();
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-wi", "-PassThru"], {
    connection,
  });
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.output, []);
  assert.deepEqual(result.streams.host, [
    `What if: Performing the operation "Clear-MgCommunicationPresence_ClearExpanded" on target "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation".`,
  ]);
  assert.equal(connection.requests.length, 0);
});

Deno.test("binding row 38: -Confirm answered N sends nothing", async () => {
  const connection = recordingConnection();
  const host = scriptedHost(["N"]);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-cf"], { connection, host });
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.errors, []);
  assert.equal(host.prompts.length, 1);
  assert.equal(connection.requests.length, 0);
});

Deno.test("binding row 39: -Confirm:$false beats ConfirmPreference Low", async () => {
  const connection = recordingConnection();
  const host = scriptedHost([]);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-Confirm:$false"], {
    connection,
    host,
    preferences: { confirm: "Low" },
  });
  assert.equal(result.exitCode, 0);
  assert.equal(host.prompts.length, 0);
  assert.equal(connection.requests.length, 1);
});

Deno.test("binding row 20 through invokeCommand exits 2", async () => {
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-Foo", "1"]);
  assert.equal(result.exitCode, 2);
  assert.equal(result.errors.length, 1);
  assert.equal(result.terminatingError?.fullyQualifiedErrorId, `NamedParameterNotFound,${COMMAND}`);
  assert.equal(
    categoryInfo(result.errors[0]),
    "InvalidArgument: (:) [Clear-MgCommunicationPresence], ParameterBindingException",
  );
});

Deno.test("binding row 11 through invokeCommand without a terminal", async () => {
  const result = await invokeCommand(COMMAND, []);
  assert.equal(result.exitCode, 2);
  assert.equal(result.errors[0].message, MISSING_PRESENCE_ID);
});

Deno.test("binding row 40 through invokeCommand exits 2", async () => {
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-ea", "s"]);
  assert.equal(result.exitCode, 2);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    `CannotConvertArgumentNoMessage,${COMMAND}`,
  );
});

// The error catalogue: every error id the binder writes, with category, exception and message.
interface CatalogueEntry {
  errorId: string;
  category: string;
  exceptionType: string;
  message: string;
  run: () => Promise<import("../src/runtime/error_record.ts").ErrorRecord>;
  categoryInfo?: string;
}

async function firstError(
  argv: string[],
  input?: unknown[],
): Promise<import("../src/runtime/error_record.ts").ErrorRecord> {
  const result = await invokeCommand(COMMAND, argv, {
    connection: recordingConnection(),
    ...(input ? { input } : {}),
  });
  assert.ok(result.errors.length > 0, "no error record");
  return result.errors[0];
}

const BODY_TYPE =
  "Microsoft.Graph.PowerShell.Models.IPaths1Ca0Rf4CommunicationsPresencesPresenceIdMicrosoftGraphClearpresencePostRequestbodyContentApplicationJsonSchema";

const CATALOGUE: CatalogueEntry[] = [
  {
    errorId: "NamedParameterNotFound",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message: "A parameter cannot be found that matches parameter name 'Foo'.",
    run: () => firstError(["-PresenceId", "p", "-Foo", "1"]),
  },
  {
    errorId: "PositionalParameterNotFound",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message: "A positional parameter cannot be found that accepts argument 'x'.",
    run: () => firstError(["-PresenceId", "p", "x"]),
  },
  {
    errorId: "MissingArgument",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      "Missing an argument for parameter 'AdditionalProperties'. Specify a parameter of type 'System.Collections.Hashtable' and try again.",
    run: () => firstError(["-PresenceId", "p", "-Add"]),
  },
  {
    errorId: "AmbiguousParameter",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      "Parameter cannot be processed because the parameter name 'W' is ambiguous. Possible matches include: -WarningAction -WarningVariable -WhatIf.",
    run: () => firstError(["-PresenceId", "p", "-W"]),
  },
  {
    errorId: "AmbiguousParameterSet",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message: AMBIGUOUS_SET,
    run: () => firstError(["-BodyParameter", BODY]),
  },
  {
    errorId: "MissingMandatoryParameter",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message: MISSING_PRESENCE_ID,
    run: () => firstError(["-SessionId", "s"]),
  },
  {
    errorId: "ParameterAlreadyBound",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      `Cannot bind parameter because parameter 'PassThru' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
    run: () => firstError(["-PresenceId", "p", "-PassThru", "-PassThru"]),
  },
  {
    errorId: "ParameterArgumentValidationErrorEmptyStringNotAllowed",
    category: "InvalidData",
    exceptionType: VALIDATION,
    message: "Cannot bind argument to parameter 'PresenceId' because it is an empty string.",
    run: () => firstError(["-PresenceId", ""]),
  },
  {
    errorId: "ParameterArgumentValidationErrorNullNotAllowed",
    category: "InvalidData",
    exceptionType: VALIDATION,
    message: "Cannot bind argument to parameter 'BodyParameter' because it is null.",
    run: () => firstError(["-PresenceId", "p", "-BodyParameter", "$null"]),
  },
  {
    errorId: "InputObjectNotBound",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
    categoryInfo:
      "InvalidArgument: (x:String) [Clear-MgCommunicationPresence], ParameterBindingException",
    run: () => firstError(["-PresenceId", "p"], ["x"]),
  },
  {
    errorId: "InputObjectMissingMandatory",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      "The input object cannot be bound because it did not contain the information required to bind all mandatory parameters:  InputObject",
    run: () => firstError([], [withTypeName({ sessionId: "s" }, BODY_TYPE)]),
  },
  {
    errorId: "CannotConvertArgumentNoMessage",
    category: "InvalidArgument",
    exceptionType: BINDING,
    message:
      `Cannot bind parameter 'WarningAction'. Cannot convert value "x" to type "System.Management.Automation.ActionPreference". Error: "Unable to match the identifier name x to a valid enumerator name. Specify one of the following enumerator names and try again:\nSilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend, Break"`,
    run: () => firstError(["-PresenceId", "p", "-wa", "x"]),
  },
  {
    errorId: "ParameterArgumentTransformationError",
    category: "InvalidData",
    exceptionType: "ParameterBindingArgumentTransformationException",
    message:
      `Cannot process argument transformation on parameter 'AdditionalProperties'. Cannot convert the "abc" value of type "System.String" to type "System.Collections.Hashtable".`,
    run: () => firstError(["-PresenceId", "p", "-AdditionalProperties", "abc"]),
  },
  {
    errorId: "ParameterBindingFailed",
    category: "WriteError",
    exceptionType: BINDING,
    message:
      `Cannot bind parameter 'WarningAction' to the target. Exception setting "WarningAction": "The Suspend ActionPreference value is reserved for future use and is not supported at this time. Set the value to a supported ActionPreference, and then try again."`,
    run: () => firstError(["-PresenceId", "p", "-WarningAction", "suspend"]),
  },
];

for (const entry of CATALOGUE) {
  Deno.test(`binding catalogue: ${entry.errorId}`, async () => {
    const record = await entry.run();
    assert.equal(record.fullyQualifiedErrorId, `${entry.errorId},${COMMAND}`);
    assert.equal(record.category, entry.category);
    assert.equal(record.exceptionType, entry.exceptionType);
    assert.equal(record.message, entry.message);
    if (entry.categoryInfo) assert.equal(categoryInfo(record), entry.categoryInfo);
  });
}
