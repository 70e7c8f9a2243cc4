import assert from "node:assert/strict";
import {
  clearPresenceBody,
  cloudCommunicationsIdentity,
  type GraphConnection,
  type Host,
  invokeCommand,
} from "../mod.ts";
import { bindCommandLine } from "../src/binding/bind_command_line.ts";
import { parseArguments } from "../src/binding/argument_parser.ts";
import type { CommandMetadata } from "../src/binding/parameter_metadata.ts";
import { bindPipelineObject, preparePipelineBinding } from "../src/binding/pipeline_binding.ts";

const CLEAR = "Clear-MgCommunicationPresence";
const WHAT_IF_TARGET =
  "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation";
const NOT_BOUND =
  "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.";
const MISSING_INPUT_OBJECT =
  "The input object cannot be bound because it did not contain the information required to bind all mandatory parameters:  InputObject";

function whatIf(setName: string): string {
  return `What if: Performing the operation "${CLEAR}_${setName}" on target "${WHAT_IF_TARGET}".`;
}

/** Creates a connection whose fetch returns 204 and records each request path, in order. */
function recordingConnection(): { connection: GraphConnection; paths: string[] } {
  const paths: string[] = [];
  const connection: GraphConnection = {
    endpoint: "http://127.0.0.1:9",
    getAccessToken: () => Promise.resolve("token"),
    fetch: (input) => {
      paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return Promise.resolve(new Response(null, { status: 204 }));
    },
  };
  return { connection, paths };
}

function presencePath(id: string): string {
  return `/v1.0/communications/presences/${id}/microsoft.graph.clearPresence`;
}

const o = cloudCommunicationsIdentity({ PresenceId: "o" });
const o2 = cloudCommunicationsIdentity({ PresenceId: "o2" });
const b = clearPresenceBody({ sessionId: "s" });

/** Rows 43-56 of the binding reference, with exact objects where the row uses `o` or `b`. */
const ROWS: {
  row: number;
  input: unknown[];
  args: string[];
  host: string[];
  errors: string[];
  exitCode: number;
}[] = [
  {
    row: 43,
    input: [o],
    args: [],
    host: [whatIf("ClearViaIdentityExpanded")],
    errors: [],
    exitCode: 0,
  },
  {
    row: 44,
    input: [b],
    args: ["-PresenceId", "p"],
    host: [whatIf("Clear")],
    errors: [],
    exitCode: 0,
  },
  {
    row: 45,
    input: [b],
    args: ["-InputObject", '{"PresenceId":"o"}'],
    host: [whatIf("ClearViaIdentity")],
    errors: [],
    exitCode: 0,
  },
  {
    row: 46,
    input: [o],
    args: ["-BodyParameter", '{"sessionId":"s"}'],
    host: [whatIf("ClearViaIdentity")],
    errors: [],
    exitCode: 0,
  },
  {
    row: 47,
    input: [o],
    args: ["-SessionId", "s"],
    host: [whatIf("ClearViaIdentityExpanded")],
    errors: [],
    exitCode: 0,
  },
  {
    row: 48,
    input: [o, o2],
    args: ["-PresenceId", "p", "-SessionId", "s"],
    host: [],
    errors: [`InputObjectNotBound,${CLEAR}`, `InputObjectNotBound,${CLEAR}`],
    exitCode: 1,
  },
  {
    row: 49,
    input: [b],
    args: [],
    host: [],
    errors: [`InputObjectMissingMandatory,${CLEAR}`],
    exitCode: 1,
  },
  {
    row: 50,
    input: ["x"],
    args: ["-PresenceId", "p"],
    host: [],
    errors: [`InputObjectNotBound,${CLEAR}`],
    exitCode: 1,
  },
  {
    row: 51,
    input: [{ PresenceId: "p" }],
    args: [],
    host: [whatIf("ClearViaIdentity")],
    errors: [],
    exitCode: 0,
  },
  { row: 52, input: [], args: [], host: [], errors: [], exitCode: 0 },
  {
    row: 53,
    input: [null],
    args: [],
    host: [],
    errors: [`ParameterArgumentValidationErrorNullNotAllowed,${CLEAR}`],
    exitCode: 1,
  },
  {
    row: 54,
    input: [o, "x", o2],
    args: ["-SessionId", "s"],
    host: [whatIf("ClearViaIdentityExpanded"), whatIf("ClearViaIdentityExpanded")],
    errors: [`InputObjectNotBound,${CLEAR}`],
    exitCode: 1,
  },
  {
    row: 55,
    input: [o],
    args: ["-PresenceId", "p", "-InputObject", '{"PresenceId":"o"}'],
    host: [],
    errors: [`AmbiguousParameterSet,${CLEAR}`],
    exitCode: 2,
  },
];

for (const row of ROWS) {
  Deno.test(`pipeline binding row ${row.row}`, async () => {
    const result = await invokeCommand(CLEAR, [...row.args, "-WhatIf"], { input: row.input });

    assert.deepEqual(result.streams.host, row.host);
    assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), row.errors);
    assert.equal(result.exitCode, row.exitCode);
    assert.deepEqual(result.output, []);
  });
}

Deno.test("pipeline binding error records carry exact texts and targets", async () => {
  const notBound = await invokeCommand(CLEAR, ["-PresenceId", "p", "-WhatIf"], { input: ["x"] });
  assert.equal(notBound.errors[0].message, NOT_BOUND);
  assert.equal(notBound.errors[0].category, "InvalidArgument");
  assert.equal(notBound.errors[0].exceptionType, "ParameterBindingException");
  assert.equal(notBound.errors[0].targetObject, "x");
  assert.equal(notBound.terminatingError, undefined);

  const missing = await invokeCommand(CLEAR, ["-WhatIf"], { input: [b] });
  assert.equal(missing.errors[0].message, MISSING_INPUT_OBJECT);
  assert.equal(missing.errors[0].targetObject, b);

  const nullItem = await invokeCommand(CLEAR, ["-WhatIf"], { input: [null] });
  assert.equal(
    nullItem.errors[0].message,
    "Cannot bind argument to parameter 'BodyParameter' because it is null.",
  );
  assert.equal(nullItem.errors[0].category, "InvalidData");
  assert.equal(nullItem.errors[0].exceptionType, "ParameterBindingValidationException");
});

Deno.test("pipeline binding reads values of every JSON kind", async () => {
  const input = [1, true, "s", [{ PresenceId: "a" }], { PresenceId: "b" }];
  const result = await invokeCommand(CLEAR, ["-WhatIf"], { input });

  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `InputObjectNotBound,${CLEAR}`,
    `InputObjectNotBound,${CLEAR}`,
    `InputObjectNotBound,${CLEAR}`,
    `InputObjectNotBound,${CLEAR}`,
  ]);
  assert.deepEqual(result.errors.map((error) => error.targetObject), input.slice(0, 4));
  assert.deepEqual(result.streams.host, [whatIf("ClearViaIdentity")]);
});

Deno.test("pipeline binding resolves each object's set on its own", async () => {
  const input = [o, { PresenceId: "p" }, b, o2];
  const result = await invokeCommand(CLEAR, ["-WhatIf"], { input });

  assert.deepEqual(result.streams.host, [
    whatIf("ClearViaIdentityExpanded"),
    whatIf("ClearViaIdentity"),
    whatIf("ClearViaIdentityExpanded"),
  ]);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `InputObjectMissingMandatory,${CLEAR}`,
  ]);
});

Deno.test("pipeline binding takes PSTypeName as the exact type", async () => {
  const input = [
    {
      PSTypeName: "Microsoft.Graph.PowerShell.Models.ICloudCommunicationsIdentity",
      PresenceId: "o",
    },
    { pstypename: "System.Object", PresenceId: "p" },
  ];
  const result = await invokeCommand(CLEAR, ["-WhatIf"], { input });

  // An object of an unrelated type converts to neither parameter type.
  assert.deepEqual(result.streams.host, [whatIf("ClearViaIdentityExpanded")]);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `InputObjectNotBound,${CLEAR}`,
  ]);
});

Deno.test("pipeline binding sends the body without PSTypeName", async () => {
  const { connection, paths } = recordingConnection();
  const bodies: unknown[] = [];
  const recordingFetch = connection.fetch!;
  connection.fetch = async (input, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    return await recordingFetch(input, init);
  };
  const input = [{
    PSTypeName:
      "Microsoft.Graph.PowerShell.Models.IPaths1Ca0Rf4CommunicationsPresencesPresenceIdMicrosoftGraphClearpresencePostRequestbodyContentApplicationJsonSchema",
    sessionId: "s",
  }];
  const result = await invokeCommand(CLEAR, ["-PresenceId", "p", "-PassThru"], {
    input,
    connection,
  });

  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, [true]);
  assert.deepEqual(paths, [presencePath("p")]);
  assert.deepEqual(bodies, [{ sessionId: "s" }]);
});

Deno.test("pipeline input accepts an AsyncIterable in input order", async () => {
  const { connection, paths } = recordingConnection();
  async function* identities() {
    for (let index = 0; index < 5; index++) {
      await new Promise((resolve) => setTimeout(resolve, 5 - index));
      yield { PresenceId: `user-${index}` };
    }
  }
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-PassThru"], {
    input: identities(),
    connection,
  });

  assert.deepEqual(result.output, [true, true, true, true, true]);
  assert.deepEqual(paths, [0, 1, 2, 3, 4].map((index) => presencePath(`user-${index}`)));
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline input reads PresenceId case-insensitively", async () => {
  const { connection, paths } = recordingConnection();
  const result = await invokeCommand(CLEAR, ["-SessionId", "s"], {
    input: [{ presenceid: "lower" }, { PRESENCEID: "upper" }],
    connection,
  });

  assert.deepEqual(paths, [presencePath("lower"), presencePath("upper")]);
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline input without PresenceId stops the pipeline", async () => {
  const { connection, paths } = recordingConnection();
  const result = await invokeCommand(CLEAR, ["-SessionId", "s"], {
    input: [{ PresenceId: "first" }, { Id: "no-presence-id" }, { PresenceId: "never" }],
    connection,
  });

  assert.deepEqual(paths, [presencePath("first")]);
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.terminatingError?.message,
    "InputObject has null value for InputObject.PresenceId",
  );
  assert.equal(result.terminatingError?.category, "InvalidArgument");
  assert.equal(
    result.terminatingError?.fullyQualifiedErrorId,
    "System.Exception,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearViaIdentityExpanded",
  );
  assert.deepEqual(result.terminatingError?.targetObject, { Id: "no-presence-id" });
});

Deno.test("pipeline -ErrorAction Stop ends at the first error", async () => {
  const result = await invokeCommand(
    CLEAR,
    ["-SessionId", "s", "-WhatIf", "-ErrorAction", "Stop"],
    {
      input: [o, "x", o2],
    },
  );

  assert.deepEqual(result.streams.host, [whatIf("ClearViaIdentityExpanded")]);
  assert.equal(result.terminatingError?.fullyQualifiedErrorId, `InputObjectNotBound,${CLEAR}`);
  assert.equal(result.terminatingError?.message, NOT_BOUND);
  assert.equal(result.exitCode, 1);
});

Deno.test("pipeline -ErrorAction SilentlyContinue keeps the error and exit code", async () => {
  const result = await invokeCommand(
    CLEAR,
    ["-SessionId", "s", "-WhatIf", "-ErrorAction", "SilentlyContinue"],
    { input: [o, "x", o2] },
  );

  assert.equal(result.streams.host.length, 2);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `InputObjectNotBound,${CLEAR}`,
  ]);
  assert.equal(result.terminatingError, undefined);
  assert.equal(result.exitCode, 1);
});

Deno.test("pipeline -ErrorAction Ignore drops the error but exits 1", async () => {
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-WhatIf", "-ea", "Ignore"], {
    input: [o, "x", o2],
  });

  assert.equal(result.streams.host.length, 2);
  assert.deepEqual(result.errors, []);
  assert.equal(result.exitCode, 1);
});

Deno.test("pipeline ErrorActionPreference Stop applies without the parameter", async () => {
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-WhatIf"], {
    input: ["x", o],
    preferences: { errorAction: "Stop" },
  });

  assert.deepEqual(result.streams.host, []);
  assert.equal(result.exitCode, 1);
});

/** Creates a host that returns prompt answers from a list and records each prompt. */
function answeringHost(answers: string[]): { host: Host; prompts: string[]; lines: string[] } {
  const prompts: string[] = [];
  const lines: string[] = [];
  const host: Host = {
    writeLine: (_stream, text) => lines.push(text),
    readLine: (prompt) => {
      prompts.push(prompt);
      return Promise.resolve(answers.shift());
    },
  };
  return { host, prompts, lines };
}

Deno.test("pipeline -Confirm Yes to All prompts once", async () => {
  const { connection, paths } = recordingConnection();
  const { host, prompts } = answeringHost(["A"]);
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-Confirm"], {
    input: [o, o2],
    connection,
    host,
  });

  assert.equal(prompts.length, 1);
  assert.match(prompts[0], /\[A\] Yes to All/);
  assert.deepEqual(paths, [presencePath("o"), presencePath("o2")]);
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline -Confirm No to All prompts once", async () => {
  const { connection, paths } = recordingConnection();
  const { host, prompts } = answeringHost(["L"]);
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-Confirm"], {
    input: [o, o2, { PresenceId: "p" }],
    connection,
    host,
  });

  assert.equal(prompts.length, 1);
  assert.deepEqual(paths, []);
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline -Confirm asks for every object", async () => {
  const { connection, paths } = recordingConnection();
  const { host, prompts } = answeringHost(["N", "Y"]);
  const result = await invokeCommand(CLEAR, ["-SessionId", "s", "-Confirm"], {
    input: [o, o2],
    connection,
    host,
  });

  assert.equal(prompts.length, 2);
  assert.deepEqual(paths, [presencePath("o2")]);
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline empty input never runs the process step", async () => {
  const { connection, paths } = recordingConnection();
  const result = await invokeCommand(CLEAR, ["-PresenceId", "p"], { input: [], connection });

  assert.deepEqual(paths, []);
  assert.deepEqual(result.errors, []);
  assert.equal(result.exitCode, 0);
});

Deno.test("pipeline input string is one object", async () => {
  const result = await invokeCommand(CLEAR, ["-PresenceId", "p", "-WhatIf"], {
    input: "abc" as unknown as string[],
  });

  assert.deepEqual(result.errors.map((error) => error.targetObject), ["abc"]);
});

/**
 * A command with sets A (default; Name mandatory, not from the pipeline), B (Item mandatory from
 * the pipeline, Key mandatory, not from the pipeline) and C (Item mandatory from the pipeline).
 */
const SAMPLE: CommandMetadata = {
  name: "Test-Sample",
  implementingType: "TestSample",
  defaultParameterSet: "A",
  parameterSets: ["A", "B", "C"],
  supportsShouldProcess: false,
  confirmImpact: "Medium",
  outputType: "System.Object",
  synopsis: "",
  description: "",
  parameters: [
    {
      name: "Name",
      type: "String",
      typeFullName: "System.String",
      sets: { A: { mandatory: true } },
    },
    {
      name: "Item",
      type: "BodyObject",
      typeFullName: "Sample.Item",
      sets: {
        B: { mandatory: true, valueFromPipeline: true },
        C: { mandatory: true, valueFromPipeline: true },
      },
    },
    {
      name: "Key",
      type: "String",
      typeFullName: "System.String",
      sets: { B: { mandatory: true } },
    },
    { name: "Tag", type: "String", typeFullName: "System.String", sets: { B: {} } },
  ],
};

function planFor(command: CommandMetadata, text: string[]) {
  const parsed = parseArguments(text);
  const binding = bindCommandLine(command, parsed.arguments, { expectingInput: true });
  assert.ok(binding.ok);
  return preparePipelineBinding(binding.binding);
}

Deno.test("preparePipelineBinding reports mandatory parameters the pipeline cannot fill", () => {
  const result = planFor(SAMPLE, ["-Tag", "t"]);

  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.record.fullyQualifiedErrorId, "MissingMandatoryParameter,Test-Sample");
  assert.equal(
    result.record.message,
    "Cannot process command because of one or more missing mandatory parameters: Key.",
  );
});

Deno.test("preparePipelineBinding drops sets that stay incomplete", () => {
  // A takes no pipeline input and is filtered out. B still needs Key, which nothing will bind,
  // so C is the only set left.
  const result = planFor(SAMPLE, []);

  assert.ok(result.ok);
  assert.equal(result.plan.mask, 0b100);
  const item = bindPipelineObject(result.plan, {});
  assert.ok(item.ok);
  assert.equal(item.parameterSetName, "C");
});

Deno.test("preparePipelineBinding keeps a set the command line completed", () => {
  const result = planFor(SAMPLE, ["-Key", "k"]);

  assert.ok(result.ok);
  assert.equal(result.plan.mask, 0b010);
  const item = bindPipelineObject(result.plan, {});
  assert.ok(item.ok);
  assert.equal(item.parameterSetName, "B");
});
