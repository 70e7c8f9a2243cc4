import assert from "node:assert/strict";
import { invokeCommand } from "../mod.ts";
import { startCommand } from "../src/runtime/invoke_command.ts";
import type { ErrorRecord } from "../src/runtime/error_record.ts";
import {
  APP,
  clearPath,
  createBulkMock,
  inProcessConnection,
  presenceInput,
  range,
  userId,
} from "./support/bulk_mock.ts";
import { runCli } from "./support/run_cli.ts";

const CLEAR = "Clear-MgCommunicationPresence";
/** The variant a piped object with PresenceId binds to. */
const VARIANT =
  "Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearViaIdentityExpanded";
const NOT_FOUND_ID = `NotFound,${VARIANT}`;
/** Instant retry waits, so failing items cost no real time. */
const NO_WAIT = { sleep: () => Promise.resolve() };

/** A latency from 0 to 40 ms that differs between neighbouring items. */
function itemLatency(index: number): number {
  return (index * 37) % 41;
}

function summary(errors: ErrorRecord[]) {
  return errors.map((record) => ({
    id: record.fullyQualifiedErrorId,
    target: record.targetObject,
  }));
}

Deno.test("parallel output keeps input order under random latency", async () => {
  const items = range(24);
  const withSession = items.filter((index) => index % 3 !== 0);
  const run = async (throttleLimit: number) => {
    const mock = createBulkMock(withSession);
    for (const index of items) {
      mock.faults.add({ path: clearPath(index), latencyMs: itemLatency(index) });
    }
    const result = await invokeCommand(CLEAR, ["-SessionId", APP, "-PassThru", "-Verbose"], {
      connection: inProcessConnection(mock),
      input: presenceInput(items),
      throttleLimit,
    });
    return { result, requests: mock.requests.length };
  };

  const serial = await run(1);
  const parallel = await run(8);

  assert.equal(parallel.requests, 24);
  assert.deepEqual(parallel.result.output, serial.result.output);
  assert.equal(parallel.result.output.length, 16);
  assert.deepEqual(summary(parallel.result.errors), summary(serial.result.errors));
  assert.deepEqual(
    parallel.result.errors.map((record) =>
      (record.targetObject as { PresenceId: string }).PresenceId
    ),
    items.filter((index) => index % 3 === 0).map(userId),
  );
  assert.deepEqual(parallel.result.streams.verbose, serial.result.streams.verbose);
  assert.equal(parallel.result.exitCode, 1);
});

Deno.test("parallel items yield output or one error each", async () => {
  const items = range(30);
  const kinds = ["cleared", "missing", "unavailable", "reset", "cleared"] as const;
  const kindOf = (index: number) => kinds[index % kinds.length];
  const mock = createBulkMock(items.filter((index) => kindOf(index) !== "missing"));
  for (const index of items) {
    if (kindOf(index) === "unavailable") {
      mock.faults.add({ path: clearPath(index), status: 503, times: 10 });
    }
    if (kindOf(index) === "reset") mock.faults.add({ path: clearPath(index), networkError: true });
    mock.faults.add({ path: clearPath(index), latencyMs: itemLatency(index) });
  }

  // One log in write order, so interleaving of output and errors shows.
  const written: string[] = [];
  const exitCode = await startCommand(CLEAR, ["-SessionId", APP, "-PassThru"], {
    connection: inProcessConnection(mock, NO_WAIT),
    input: presenceInput(items),
    host: { writeLine: () => {} },
    throttleLimit: 6,
  }, {
    onOutput: (value) => written.push(`output ${value}`),
    onError: (record) => {
      const target = record.targetObject as { PresenceId?: string } | null;
      written.push(`error ${record.fullyQualifiedErrorId} ${target?.PresenceId ?? ""}`.trim());
    },
  });

  const expected = items.map((index) => {
    switch (kindOf(index)) {
      case "cleared":
        return "output true";
      case "missing":
        return `error ${NOT_FOUND_ID} ${userId(index)}`;
      case "unavailable":
        return `error System.AggregateException,${VARIANT}`;
      case "reset":
        return `error System.Net.Http.HttpRequestException,${VARIANT}`;
    }
  });
  assert.deepEqual(written, expected);
  assert.equal(exitCode, 1);
});

Deno.test("parallel -ErrorAction Stop writes nothing after the failing item", async () => {
  const items = range(20);
  const failing = 5;
  const mock = createBulkMock(items.filter((index) => index !== failing));
  // Items up to the failing one are slow, so later items finish first.
  for (const index of items) {
    mock.faults.add({ path: clearPath(index), latencyMs: index <= failing ? 60 : 0 });
  }

  const result = await invokeCommand(CLEAR, [
    "-SessionId",
    APP,
    "-PassThru",
    "-ErrorAction",
    "Stop",
  ], {
    connection: inProcessConnection(mock),
    input: presenceInput(items),
    throttleLimit: 10,
  });

  assert.deepEqual(result.output, [true, true, true, true, true]);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].fullyQualifiedErrorId, NOT_FOUND_ID);
  assert.deepEqual(result.errors[0].targetObject, {
    PresenceId: userId(failing),
    body: { sessionId: APP },
  });
  assert.equal(result.terminatingError?.fullyQualifiedErrorId, NOT_FOUND_ID);
  assert.equal(result.exitCode, 1);
});

Deno.test("parallel -WhatIf writes the same lines as serial", async () => {
  const input: unknown[] = [...presenceInput(range(6))];
  input.splice(3, 0, 42); // a number binds to no parameter set
  const run = async (throttleLimit: number) => {
    const mock = createBulkMock([]);
    const log: string[] = [];
    const exitCode = await startCommand(CLEAR, ["-SessionId", APP, "-WhatIf"], {
      connection: inProcessConnection(mock),
      input,
      host: { writeLine: (stream, text) => log.push(`${stream}: ${text}`) },
      throttleLimit,
    }, {
      onOutput: (value) => log.push(`output: ${JSON.stringify(value)}`),
      onError: (record) => log.push(`error: ${record.fullyQualifiedErrorId}`),
    });
    return { log, exitCode, requests: mock.requests.length };
  };

  const serial = await run(1);
  const parallel = await run(4);

  assert.deepEqual(parallel.log, serial.log);
  assert.equal(parallel.log.length, 7);
  assert.match(parallel.log[3], /^error: InputObjectNotBound,/);
  assert.equal(parallel.requests, 0);
  assert.equal(parallel.exitCode, 1);
});

Deno.test("parallel -Confirm prompts once for Yes to All", async () => {
  const items = range(8);
  const mock = createBulkMock(items);
  const prompts: string[] = [];
  const result = await invokeCommand(CLEAR, ["-SessionId", APP, "-PassThru", "-Confirm"], {
    connection: inProcessConnection(mock),
    input: presenceInput(items),
    throttleLimit: 4,
    host: {
      writeLine: () => {},
      readLine: (prompt) => {
        prompts.push(prompt);
        return Promise.resolve("A");
      },
    },
  });

  assert.equal(prompts.length, 1);
  assert.deepEqual(result.output, items.map(() => true));
  assert.equal(mock.requests.length, 8);
});

Deno.test("parallel -Confirm No to All sends nothing", async () => {
  const items = range(8);
  const mock = createBulkMock(items);
  let prompts = 0;
  const result = await invokeCommand(CLEAR, ["-SessionId", APP, "-Confirm"], {
    connection: inProcessConnection(mock),
    input: presenceInput(items),
    throttleLimit: 4,
    host: {
      writeLine: () => {},
      readLine: () => {
        prompts++;
        return Promise.resolve("L");
      },
    },
  });

  assert.equal(prompts, 1);
  assert.deepEqual(result.output, []);
  assert.deepEqual(result.errors, []);
  assert.equal(mock.requests.length, 0);
});

Deno.test("throttleLimit rejects a value out of range", async () => {
  await assert.rejects(
    () => invokeCommand(CLEAR, ["-PresenceId", "p", "-WhatIf"], { throttleLimit: 0 }),
    new RangeError("The throttle limit must be an integer from 1 to 1000, not 0."),
  );
});

Deno.test("CLI --throttle-limit rejects invalid values", async () => {
  const command = [CLEAR, "-PresenceId", "p", "-WhatIf"];
  const expected = (problem: string) =>
    `mg: ${problem} for --throttle-limit: expected an integer from 1 to 1000.\n`;
  const cases: [string[], string][] = [
    [["--throttle-limit", "abc", ...command], expected("invalid value 'abc'")],
    [["--throttle-limit=0", ...command], expected("invalid value '0'")],
    [["--throttle-limit", "1001", ...command], expected("invalid value '1001'")],
    [["--throttle-limit", "-1", ...command], expected("invalid value '-1'")],
    [["--throttle-limit"], expected("missing value")],
  ];
  for (const [argv, message] of cases) {
    const result = await runCli(argv);
    assert.equal(result.code, 2, argv.join(" "));
    assert.equal(result.stderr, message);
    assert.equal(result.stdout, "");
  }
});

Deno.test("CLI --throttle-limit keeps input order", async () => {
  const stdin = presenceInput(range(5)).map((item) => JSON.stringify(item)).join("\n");
  const result = await runCli([
    "--mock",
    "--throttle-limit",
    "3",
    CLEAR,
    "-SessionId",
    APP,
    "-PassThru",
  ], {
    stdin,
    env: { ErrorView: "JsonView" },
  });

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  const targets = result.stderr.trim().split("\n").map((line) =>
    JSON.parse(line).targetObject.PresenceId
  );
  assert.deepEqual(targets, range(5).map(userId));
});
