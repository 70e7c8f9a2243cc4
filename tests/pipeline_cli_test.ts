import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { CLEAR_PRESENCE_BODY_TYPE, CLOUD_COMMUNICATIONS_IDENTITY_TYPE } from "../mod.ts";
import { CLI_PATH, type CliInput, runCli } from "./support/run_cli.ts";

const CLEAR = "Clear-MgCommunicationPresence";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const WHAT_IF_TARGET =
  "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation";
const NOT_BOUND =
  "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.";

interface PipeResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set names of the `What if:` lines, in order. */
  whatIfSets: string[];
  /** Errors of the JsonView lines on stderr. */
  errors: { fullyQualifiedErrorId: string; message: string; targetObject: unknown }[];
}

/**
 * Runs the CLI with stdin fed from `stdin` while stdout and stderr are read, so a large input
 * cannot block on a full output pipe. Errors are rendered as JsonView unless `env` sets ErrorView.
 */
async function pipeCli(
  args: readonly string[],
  stdin: CliInput | undefined,
  env: Record<string, string> = {},
): Promise<PipeResult> {
  const output = await runCli([CLEAR, ...args], { stdin, env: { ErrorView: "JsonView", ...env } });
  const stderr = output.stderr;
  const whatIfSets: string[] = [];
  const errors: PipeResult["errors"] = [];
  for (const line of stderr.split("\n")) {
    const whatIf = line.match(
      /^What if: Performing the operation "Clear-MgCommunicationPresence_(\w+)" on target "(.*)"\.$/,
    );
    if (whatIf) {
      assert.equal(whatIf[2], WHAT_IF_TARGET);
      whatIfSets.push(whatIf[1]);
    } else if (line.startsWith("{")) {
      errors.push(JSON.parse(line));
    }
  }
  return { code: output.code, stdout: output.stdout, stderr, whatIfSets, errors };
}

const O1 = JSON.stringify({ PSTypeName: CLOUD_COMMUNICATIONS_IDENTITY_TYPE, PresenceId: "o1" });
const O2 = JSON.stringify({ PSTypeName: CLOUD_COMMUNICATIONS_IDENTITY_TYPE, PresenceId: "o2" });
const B = JSON.stringify({ PSTypeName: CLEAR_PRESENCE_BODY_TYPE, sessionId: "s" });

/** Rows 43-56 of the binding reference through the CLI, `o` and `b` typed with PSTypeName. */
const ROWS: {
  row: string;
  stdin: string;
  args: string[];
  whatIfSets: string[];
  errors: string[];
  code: number;
}[] = [
  {
    row: "43",
    stdin: `${O1}\n`,
    args: [],
    whatIfSets: ["ClearViaIdentityExpanded"],
    errors: [],
    code: 0,
  },
  {
    row: "44",
    stdin: `${B}\n`,
    args: ["-PresenceId", "p"],
    whatIfSets: ["Clear"],
    errors: [],
    code: 0,
  },
  {
    row: "45",
    stdin: `${B}\n`,
    args: ["-InputObject", '{"PresenceId":"o"}'],
    whatIfSets: ["ClearViaIdentity"],
    errors: [],
    code: 0,
  },
  {
    row: "46",
    stdin: `${O1}\n`,
    args: ["-BodyParameter", '{"sessionId":"s"}'],
    whatIfSets: ["ClearViaIdentity"],
    errors: [],
    code: 0,
  },
  {
    row: "47",
    stdin: `${O1}\n`,
    args: ["-SessionId", "s"],
    whatIfSets: ["ClearViaIdentityExpanded"],
    errors: [],
    code: 0,
  },
  {
    row: "48",
    stdin: `${O1}\n${O2}\n`,
    args: ["-PresenceId", "p", "-SessionId", "s"],
    whatIfSets: [],
    errors: [`InputObjectNotBound,${CLEAR}`, `InputObjectNotBound,${CLEAR}`],
    code: 1,
  },
  {
    row: "49",
    stdin: `${B}\n`,
    args: [],
    whatIfSets: [],
    errors: [`InputObjectMissingMandatory,${CLEAR}`],
    code: 1,
  },
  {
    row: "50",
    stdin: '"x"\n',
    args: ["-PresenceId", "p"],
    whatIfSets: [],
    errors: [`InputObjectNotBound,${CLEAR}`],
    code: 1,
  },
  {
    row: "51",
    stdin: '{"PresenceId":"p"}',
    args: [],
    whatIfSets: ["ClearViaIdentity"],
    errors: [],
    code: 0,
  },
  { row: "52", stdin: "[]", args: [], whatIfSets: [], errors: [], code: 0 },
  {
    row: "53",
    stdin: "null",
    args: [],
    whatIfSets: [],
    errors: [`ParameterArgumentValidationErrorNullNotAllowed,${CLEAR}`],
    code: 1,
  },
  {
    row: "54",
    stdin: `[${O1},\n"x",\n${O2}]`,
    args: ["-SessionId", "s"],
    whatIfSets: ["ClearViaIdentityExpanded", "ClearViaIdentityExpanded"],
    errors: [`InputObjectNotBound,${CLEAR}`],
    code: 1,
  },
  {
    row: "54 with -ErrorAction Stop",
    stdin: `[${O1},\n"x",\n${O2}]`,
    args: ["-SessionId", "s", "-ErrorAction", "Stop"],
    whatIfSets: ["ClearViaIdentityExpanded"],
    errors: [`InputObjectNotBound,${CLEAR}`],
    code: 1,
  },
  {
    row: "54 with -ErrorAction SilentlyContinue",
    stdin: `[${O1},\n"x",\n${O2}]`,
    args: ["-SessionId", "s", "-ErrorAction", "SilentlyContinue"],
    whatIfSets: ["ClearViaIdentityExpanded", "ClearViaIdentityExpanded"],
    errors: [],
    code: 1,
  },
  {
    row: "55",
    stdin: `${O1}\n`,
    args: ["-PresenceId", "p", "-InputObject", '{"PresenceId":"o"}'],
    whatIfSets: [],
    errors: [`AmbiguousParameterSet,${CLEAR}`],
    code: 2,
  },
];

for (const row of ROWS) {
  Deno.test(`CLI pipeline row ${row.row}`, async () => {
    const result = await pipeCli([...row.args, "-WhatIf"], row.stdin);

    assert.deepEqual(result.whatIfSets, row.whatIfSets);
    assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), row.errors);
    assert.equal(result.stdout, "");
    assert.equal(result.code, row.code);
  });
}

Deno.test("CLI pipeline row 50 error record", async () => {
  const result = await pipeCli(["-PresenceId", "p"], '"x"', { ErrorView: "CategoryView" });

  assert.equal(
    result.stderr,
    "InvalidArgument: (x:String) [Clear-MgCommunicationPresence], ParameterBindingException\n",
  );
  assert.equal(result.code, 1);
});

Deno.test("CLI pipeline -ErrorAction Stop shows the original error", async () => {
  const result = await pipeCli(["-SessionId", "s", "-WhatIf", "-ea", "Stop"], `"x"\n${O1}\n`, {
    ErrorView: "ConciseView",
  });

  assert.equal(result.stderr, `${CLEAR}: ${NOT_BOUND}\n`);
  assert.equal(result.code, 1);
});

Deno.test("CLI pipeline row 56 -Confirm without a terminal", async () => {
  // Prompts read the terminal, never stdin, so with no terminal the prompt fails as in
  // PowerShell's NonInteractive mode and no object is processed.
  const result = await pipeCli(["-SessionId", "s", "-Confirm"], `${O1}\n${O2}\n`);

  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].message,
    "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
  );
  assert.equal(result.stdout, "");
  assert.equal(result.code, 1);
});

Deno.test("CLI empty stdin is no pipeline input", async () => {
  for (const stdin of ["", " \n\t\r\n"]) {
    const result = await pipeCli(["-PresenceId", "p", "-WhatIf"], stdin);
    assert.deepEqual(result.whatIfSets, ["ClearExpanded"]);
    assert.equal(result.code, 0);

    const bare = await pipeCli([], stdin);
    assert.deepEqual(bare.errors.map((error) => error.fullyQualifiedErrorId), [
      `MissingMandatoryParameter,${CLEAR}`,
    ]);
    assert.equal(bare.code, 2);
  }
});

Deno.test("CLI tells JSON Lines from one document", async () => {
  const lines = await pipeCli(["-WhatIf"], '{"PresenceId":"a"}\n{"PresenceId":"b"}');
  assert.deepEqual(lines.whatIfSets, ["ClearViaIdentity", "ClearViaIdentity"]);

  const pretty = await pipeCli(["-WhatIf"], '{\n  "PresenceId": "a",\n  "sessionId": "s"\n}\n');
  assert.deepEqual(pretty.whatIfSets, ["ClearViaIdentity"]);
  assert.deepEqual(pretty.errors, []);

  const array = await pipeCli(["-WhatIf"], "[1,\n2]");
  assert.deepEqual(array.errors.map((error) => error.targetObject), [1, 2]);
  assert.deepEqual(array.errors.map((error) => error.message), [NOT_BOUND, NOT_BOUND]);
});

Deno.test("CLI enumerates a top-level array one level", async () => {
  const result = await pipeCli(
    ["-WhatIf"],
    '[{"PresenceId":"a"}, [{"PresenceId":"b"}, {"PresenceId":"c"}], {"PresenceId":"d"}]',
  );

  assert.deepEqual(result.whatIfSets, ["ClearViaIdentity", "ClearViaIdentity"]);
  assert.deepEqual(result.errors.map((error) => error.targetObject), [
    [{ PresenceId: "b" }, { PresenceId: "c" }],
  ]);
  assert.equal(result.code, 1);
});

Deno.test("CLI mixed good and bad items each give one result", async () => {
  const stdin = [
    '{"PresenceId":"a"}',
    "{not json",
    '"text"',
    "",
    '{"PresenceId":"b"}',
    "42",
    "null",
    `{"deep":${"[".repeat(100)}${"]".repeat(100)}}`,
    '{"PresenceId":"c"}',
  ].join("\n");
  const result = await pipeCli(["-WhatIf"], stdin);

  assert.equal(result.whatIfSets.length, 3);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `PipelineInputInvalidJson,${CLEAR}`,
    `InputObjectNotBound,${CLEAR}`,
    `InputObjectNotBound,${CLEAR}`,
    `ParameterArgumentValidationErrorNullNotAllowed,${CLEAR}`,
    `PipelineInputItemTooDeep,${CLEAR}`,
  ]);
  assert.match(result.errors[0].message, /^Pipeline input line 2 is not valid JSON: /);
  assert.equal(
    result.errors[4].message,
    "Pipeline input line 8 nests arrays and objects deeper than the maximum of 64 levels.",
  );
  assert.equal(result.code, 1);
});

Deno.test("CLI truncated document ends with one terminating error", async () => {
  const result = await pipeCli(
    ["-WhatIf"],
    '[{"PresenceId":"a"},\n {"PresenceId":"b"},\n {"PresenceId":',
  );

  assert.deepEqual(result.whatIfSets, ["ClearViaIdentity", "ClearViaIdentity"]);
  assert.deepEqual(result.errors, [{
    fullyQualifiedErrorId: `PipelineInputInvalidJson,${CLEAR}`,
    category: "ParserError",
    message:
      "Pipeline input is not a valid JSON document: the input ended before the top-level array was closed (line 3). Send one JSON document, or one JSON value per line.",
    exceptionType: "ArgumentException",
    targetObject: null,
  }]);
  assert.equal(result.code, 1);
});

Deno.test("CLI malformed document ends the pipeline under SilentlyContinue too", async () => {
  const result = await pipeCli(["-WhatIf", "-ea", "SilentlyContinue"], '{\n"PresenceId": "a",\n}');

  assert.deepEqual(result.whatIfSets, []);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `PipelineInputInvalidJson,${CLEAR}`,
  ]);
  assert.equal(result.code, 1);
});

Deno.test("CLI reads a line of 10 MB", async () => {
  const padding = "x".repeat(10 * 1024 * 1024);
  const stdin = `{"PresenceId":"a"}\n{"PresenceId":"big","pad":"${padding}"}\n{"PresenceId":"c"}\n`;

  const accepted = await pipeCli(["-WhatIf"], stdin);
  assert.equal(accepted.whatIfSets.length, 3);
  assert.deepEqual(accepted.errors, []);
  assert.equal(accepted.code, 0);

  const rejected = await pipeCli(["-WhatIf"], stdin, { MG_PIPELINE_MAX_ITEM_BYTES: "1048576" });
  assert.equal(rejected.whatIfSets.length, 2);
  assert.deepEqual(rejected.errors.map((error) => error.message), [
    "Pipeline input line 2 is larger than the maximum of 1048576 bytes per item.",
  ]);
  assert.equal(rejected.code, 1);
});

Deno.test("CLI honours MG_PIPELINE_MAX_DEPTH", async () => {
  const result = await pipeCli(["-WhatIf"], '{"PresenceId":"a","x":[[1]]}\n{"PresenceId":"b"}', {
    MG_PIPELINE_MAX_DEPTH: "2",
  });

  assert.deepEqual(result.whatIfSets, ["ClearViaIdentity"]);
  assert.deepEqual(result.errors.map((error) => error.fullyQualifiedErrorId), [
    `PipelineInputItemTooDeep,${CLEAR}`,
  ]);
});

Deno.test("CLI reports invalid UTF-8 without crashing", async () => {
  const encoder = new TextEncoder();
  const stdin = new Uint8Array([
    ...encoder.encode('{"PresenceId":"a"}\n{"PresenceId":"'),
    0xc3,
    0x28,
    ...encoder.encode('"}\n{"PresenceId":"c"}\n'),
  ]);
  const result = await pipeCli(["-WhatIf"], stdin);

  assert.equal(result.whatIfSets.length, 2);
  assert.deepEqual(result.errors.map((error) => error.message), [
    "Pipeline input line 2 is not valid UTF-8 text.",
  ]);
  assert.equal(result.code, 1);
});

/** Returns a GUID per index, so each item is its own mock user. */
function userId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

Deno.test("CLI clears 10,000 JSON Lines sessions on the mock", async () => {
  const count = 10_000;
  await using server = await startGraphMockServer({ users: [], rateLimit: false });
  for (let index = 0; index < count; index++) {
    server.mock.presence.setPresence(userId(index), {
      sessionId: APP,
      availability: "Busy",
      activity: "InACall",
    });
  }

  function* lines() {
    for (let index = 0; index < count; index += 500) {
      let batch = "";
      for (let item = index; item < Math.min(index + 500, count); item++) {
        batch += `{"PresenceId":"${userId(item)}"}\n`;
      }
      yield batch;
    }
  }
  const result = await pipeCli(["-SessionId", APP, "-PassThru"], lines(), {
    MG_GRAPH_ENDPOINT: server.url,
    MG_ACCESS_TOKEN: "pipeline-test-token",
  });

  assert.equal(result.stderr, "");
  assert.equal(result.stdout, "true\n".repeat(count));
  assert.equal(result.code, 0);
  let remaining = 0;
  for (let index = 0; index < count; index++) {
    remaining += server.mock.presence.sessions(userId(index)).length;
  }
  assert.equal(remaining, 0);
});

/** Tells whether util-linux `script` is installed, which gives the CLI a terminal for prompts. */
function hasScriptCommand(): boolean {
  try {
    return new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "CLI pipeline row 56 Yes to All on a terminal",
  ignore: !hasScriptCommand(),
  fn: async () => {
    await using server = await startGraphMockServer({ users: [], rateLimit: false });
    const users = [userId(1), userId(2)];
    for (const user of users) {
      server.mock.presence.setPresence(user, {
        sessionId: APP,
        availability: "Busy",
        activity: "InACall",
      });
    }
    const pipeline = `printf '${users.map((user) => `{"PresenceId":"${user}"}\\n`).join("")}' | ` +
      `'${Deno.execPath()}' run -A '${CLI_PATH}' ${CLEAR} -SessionId ${APP} -Confirm -PassThru`;

    // `script` runs the pipeline on a new terminal and passes its own stdin to that terminal,
    // so "A" answers the Confirm prompt while the items still come through the pipe.
    const child = new Deno.Command("script", {
      args: ["-q", "-e", "-c", pipeline, "/dev/null"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: {
        NO_COLOR: "1",
        MG_GRAPH_ENDPOINT: server.url,
        MG_ACCESS_TOKEN: "pipeline-test-token",
      },
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("A\n"));
    await writer.close();
    const output = await child.output();
    const terminalText = new TextDecoder().decode(output.stdout).replaceAll("\r", "");

    assert.equal(terminalText.split("[A] Yes to All").length - 1, 1);
    // The terminal echoes the answer, and the output lines follow the prompt on the same screen.
    assert.equal(terminalText.match(/true\n/g)?.length, 2);
    assert.equal(output.code, 0);
    assert.deepEqual(users.map((user) => server.mock.presence.sessions(user).length), [0, 0]);
  },
});
