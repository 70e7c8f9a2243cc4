import assert from "node:assert/strict";
import { invokeCommand } from "../mod.ts";
import {
  APP,
  createBulkMock,
  createVirtualTime,
  inProcessConnection,
  presenceInput,
  range,
  userId,
} from "./support/bulk_mock.ts";
import { runCli } from "./support/run_cli.ts";

const CLEAR = "Clear-MgCommunicationPresence";
const VARIANT =
  "Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearViaIdentityExpanded";
const ARGS = ["-SessionId", APP, "-PassThru"];

/** The `$batch` step the cmdlet sends for user `index`. */
function clearStep(id: string, index: number, headers: Record<string, string> = {}) {
  return {
    id,
    method: "POST",
    url: `/communications/presences/${userId(index)}/microsoft.graph.clearPresence`,
    headers: { "Content-Type": "application/json", ...headers },
    body: { sessionId: APP },
  };
}

Deno.test("batch sends steps of at most 20", async () => {
  const items = range(25);
  const mock = createBulkMock(items);

  const result = await invokeCommand(CLEAR, ARGS, {
    connection: inProcessConnection(mock),
    input: presenceInput(items),
    batch: true,
  });

  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, items.map(() => true));
  assert.deepEqual(mock.requests.map((request) => `${request.method} ${request.path}`), [
    "POST /v1.0/$batch",
    "POST /v1.0/$batch",
  ]);
  assert.deepEqual(mock.requests[0].body, {
    requests: range(20).map((index) => clearStep(String(index + 1), index)),
  });
  assert.deepEqual(mock.requests[1].body, {
    requests: range(5).map((offset) => clearStep(String(offset + 1), 20 + offset)),
  });
  assert.equal(mock.requests[0].headers["authorization"], "Bearer bulk-test-token");
  assert.equal(mock.requests[0].headers["content-type"], "application/json");
  for (const index of items) assert.equal(mock.presence.get(userId(index)).availability, "Offline");
});

Deno.test("batch step 404 gives the unbatched error record", async () => {
  const items = range(4);
  const withSession = [0, 2];
  const run = async (batch: boolean) => {
    const mock = createBulkMock(withSession);
    return await invokeCommand(CLEAR, ARGS, {
      connection: inProcessConnection(mock),
      input: presenceInput(items),
      batch,
    });
  };

  const direct = await run(false);
  const batched = await run(true);

  assert.deepEqual(batched.output, [true, true]);
  assert.equal(batched.errors.length, 2);
  batched.errors.forEach((record, position) => {
    const expected = direct.errors[position];
    assert.equal(record.fullyQualifiedErrorId, `NotFound,${VARIANT}`);
    assert.equal(record.fullyQualifiedErrorId, expected.fullyQualifiedErrorId);
    assert.equal(record.category, expected.category);
    assert.equal(record.exceptionType, expected.exceptionType);
    assert.deepEqual(record.targetObject, expected.targetObject);
    assert.deepEqual(record.targetObject, {
      PresenceId: userId(items[[1, 3][position]]),
      body: { sessionId: APP },
    });
    // The step response has no request-id or Date header, so only the text above them matches.
    const [batchedHead] = record.message.split("\nHeaders:");
    const [directHead] = expected.message.split("\nHeaders:");
    assert.equal(batchedHead, directHead);
    assert.match(batchedHead, /\nStatus: 404 \(NotFound\)\nErrorCode: NotFound\n/);
  });
  assert.equal(batched.exitCode, 1);
});

Deno.test("batch retries a step 429 after its Retry-After", async () => {
  const items = range(5);
  const mock = createBulkMock(items, { rateLimit: { requests: 3, perSeconds: 10 } });
  const time = createVirtualTime(mock);

  const result = await time.drive(invokeCommand(CLEAR, [...ARGS, "-Verbose"], {
    connection: inProcessConnection(mock, { now: time.now, sleep: time.sleep }),
    input: presenceInput(items),
    batch: true,
  }));

  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, items.map(() => true));
  assert.equal(mock.requests.length, 2);
  assert.deepEqual(mock.requests[1].body, {
    requests: [
      clearStep("1", 3, { "Retry-Attempt": "1" }),
      clearStep("2", 4, { "Retry-Attempt": "1" }),
    ],
  });
  // The 10 s Retry-After, then 2 s for the second step at the pacer's lowest rate of 0.5 per
  // second: 3 accepted steps in 10 s would give 0.3.
  assert.equal(time.elapsed, 12_000);
  assert.ok(
    result.streams.verbose.includes(
      "Received 429 (TooManyRequests) for step 4; waiting 10 seconds (Retry-After: 10) before retry 1 of 3.",
    ),
  );
});

Deno.test("batch step 429 fails after the retries", async () => {
  const mock = createBulkMock([0], { rateLimit: { requests: 1, perSeconds: 3600 } });
  mock.presence.setPresence(userId(1), {
    sessionId: "other",
    availability: "Away",
    activity: "Away",
  });
  const time = createVirtualTime(mock);
  // The first clear takes the hour's only slot, so the second stays throttled.
  const result = await time.drive(invokeCommand(CLEAR, ARGS, {
    connection: inProcessConnection(mock, {
      now: time.now,
      sleep: time.sleep,
      retry: { maxRetries: 2 },
    }),
    input: presenceInput([0, 1]),
    batch: true,
  }));

  assert.deepEqual(result.output, [true]);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].fullyQualifiedErrorId, `System.AggregateException,${VARIANT}`);
  assert.equal(
    result.errors[0].message,
    "Too many retries performed. More than 2 retries encountered while sending the request.",
  );
  assert.equal(mock.requests.length, 3);
});

for (const mode of [{ batch: true }, { throttleLimit: 10 }]) {
  Deno.test(`rate-limited ${mode.batch ? "batch" : "parallel"} run fails no item`, async () => {
    const items = range(120);
    const mock = createBulkMock(items, { rateLimit: { requests: 20, perSeconds: 10 } });
    const time = createVirtualTime(mock);

    const result = await time.drive(invokeCommand(CLEAR, ARGS, {
      connection: inProcessConnection(mock, { now: time.now, sleep: time.sleep }),
      input: presenceInput(items),
      ...mode,
    }));

    assert.deepEqual(result.errors, []);
    assert.equal(result.output.length, 120);
    assert.equal(result.exitCode, 0);
    // 120 clears at 20 per 10 s need at least 50 s after the first window: the limit bound the run.
    assert.ok(time.elapsed >= 50_000, `virtual run took ${time.elapsed} ms`);
    for (const index of items) {
      assert.equal(mock.presence.get(userId(index)).availability, "Offline");
    }
  });
}

Deno.test("CLI --batch clears through $batch", async () => {
  const stdin = presenceInput(range(3)).map((item) => JSON.stringify(item)).join("\n");
  const result = await runCli(["--batch", "--mock", CLEAR, "-SessionId", APP, "-Verbose"], {
    stdin,
    env: { ErrorView: "JsonView" },
  });

  assert.equal(result.code, 1);
  const lines = result.stderr.trim().split("\n");
  const errors = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
  assert.deepEqual(
    errors.map((error) => error.fullyQualifiedErrorId),
    range(3).map(() => `NotFound,${VARIANT}`),
  );
  assert.deepEqual(errors.map((error) => error.targetObject.PresenceId), range(3).map(userId));
  assert.ok(lines.includes("VERBOSE: POST https://graph.microsoft.com/v1.0/$batch 200 (OK)"));
});
