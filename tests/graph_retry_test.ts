import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { invokeCommand } from "../mod.ts";
import type { GraphConnection } from "../src/graph/connection.ts";
import { formatErrorRecord } from "../src/runtime/error_view.ts";
import { jsonLines, runCli } from "./support/run_cli.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const TOKEN = "retry-test-token";
const CLEAR = "Clear-MgCommunicationPresence";
const CLEAR_PATH = `/v1.0/communications/presences/${USER}/microsoft.graph.clearPresence`;
const ARGS = ["-PresenceId", USER, "-SessionId", APP, "-PassThru"];
/** A whole second, so a Retry-After date rendered by toUTCString loses nothing. */
const NOW_MS = Date.UTC(2026, 0, 15, 9, 30, 0);

/** Creates a connection to a mock server that records its retry waits instead of sleeping. */
function recordingConnection(url: string, extra: Partial<GraphConnection> = {}) {
  const waits: number[] = [];
  const connection: GraphConnection = {
    endpoint: url,
    getAccessToken: () => Promise.resolve(TOKEN),
    sleep: (milliseconds) => {
      waits.push(milliseconds);
      return Promise.resolve();
    },
    now: () => NOW_MS,
    ...extra,
  };
  return { connection, waits };
}

Deno.test("retry 429 once then succeeds", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  server.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 1, times: 1 });
  const { connection, waits } = recordingConnection(server.url);

  const result = await invokeCommand(CLEAR, [...ARGS, "-Verbose"], { connection });

  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, [true]);
  assert.deepEqual(waits, [1000]);
  const requests = server.mock.requests;
  assert.deepEqual(requests.map((request) => request.status), [429, 200]);
  assert.equal(requests[0].headers["retry-attempt"], undefined);
  assert.equal(requests[1].headers["retry-attempt"], "1");
  assert.equal(requests[1].headers["client-request-id"], requests[0].headers["client-request-id"]);
  assert.deepEqual(requests[1].body, { sessionId: APP });
  assert.deepEqual(result.streams.verbose, [
    `Performing the operation "Clear-MgCommunicationPresence_ClearExpanded" on target "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation".`,
    `POST ${server.url}${CLEAR_PATH}`,
    `POST ${server.url}${CLEAR_PATH} 429 (TooManyRequests)`,
    "Received 429 (TooManyRequests); waiting 1 second (Retry-After: 1) before retry 1 of 3.",
    `POST ${server.url}${CLEAR_PATH}`,
    `POST ${server.url}${CLEAR_PATH} 200 (OK)`,
  ]);
});

Deno.test("retry 503 waits until Retry-After date", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  const retryAt = new Date(NOW_MS + 7000);
  server.mock.faults.add({ path: CLEAR_PATH, status: 503, retryAfter: retryAt, times: 1 });
  const { connection, waits } = recordingConnection(server.url);

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.deepEqual(result.errors, []);
  assert.deepEqual(waits, [7000]);
  assert.deepEqual(server.mock.requests.map((request) => request.status), [503, 200]);
  assert.equal(server.mock.requests[1].headers["retry-attempt"], "1");
});

Deno.test("retry 504 without Retry-After backs off exponentially", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  server.mock.faults.add({ path: CLEAR_PATH, status: 504, times: 3 });
  const { connection, waits } = recordingConnection(server.url);

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, [true]);
  assert.deepEqual(waits, [3000, 6000, 12000]);
  const requests = server.mock.requests;
  assert.deepEqual(requests.map((request) => request.status), [504, 504, 504, 200]);
  assert.deepEqual(
    requests.map((request) => request.headers["retry-attempt"]),
    [undefined, "1", "2", "3"],
  );
});

Deno.test("retry waits are capped and use the configured base", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  server.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 600, times: 1 });
  server.mock.faults.add({ path: CLEAR_PATH, status: 504, nth: 2, times: 2 });
  const { connection, waits } = recordingConnection(server.url, {
    retry: { maxRetries: 5, delaySeconds: 10, maxDelaySeconds: 15 },
  });

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.deepEqual(result.errors, []);
  // 600 s of Retry-After and 2 × 10 s are capped at 15 s; the first exponential wait is 2^1 × 10.
  assert.deepEqual(waits, [15000, 15000, 15000]);
  assert.equal(server.mock.requests.length, 4);
});

Deno.test("retry always 429 raises AggregateException", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 0 });
  const { connection, waits } = recordingConnection(server.url);

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.equal(server.mock.requests.length, 4);
  assert.deepEqual(
    server.mock.requests.map((request) => request.headers["retry-attempt"]),
    [undefined, "1", "2", "3"],
  );
  assert.deepEqual(waits, [0, 0, 0]);
  assert.equal(result.exitCode, 1);
  assert.deepEqual(result.output, []);
  assert.equal(result.errors.length, 1);
  const record = result.errors[0];
  assert.equal(
    record.fullyQualifiedErrorId,
    "System.AggregateException,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
  assert.equal(record.category, "NotSpecified");
  assert.equal(record.exceptionType, "AggregateException");
  assert.equal(record.targetObject, null);
  assert.equal(
    formatErrorRecord(record, "ConciseView"),
    "Clear-MgCommunicationPresence_ClearExpanded: Too many retries performed. More than 3 retries encountered while sending the request.",
  );
  assert.equal(
    formatErrorRecord(record, "CategoryView"),
    "NotSpecified: (:) [Clear-MgCommunicati…sence_ClearExpanded], AggregateException",
  );
});

Deno.test("retry skips 500 and reports the Graph error", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.faults.add({ path: CLEAR_PATH, status: 500, retryAfter: 1 });
  const { connection, waits } = recordingConnection(server.url);

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.equal(server.mock.requests.length, 1);
  assert.deepEqual(waits, []);
  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    "InternalServerError,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
  assert.equal(result.errors[0].category, "InvalidOperation");
});

Deno.test("retry with maxRetries 0 returns the 429", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 0 });
  const { connection, waits } = recordingConnection(server.url, { retry: { maxRetries: 0 } });

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.equal(server.mock.requests.length, 1);
  assert.deepEqual(waits, []);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    "TooManyRequests,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
});

Deno.test("retry sleeps for real by default", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  server.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 1, times: 1 });
  const connection: GraphConnection = {
    endpoint: server.url,
    getAccessToken: () => Promise.resolve(TOKEN),
  };

  const started = performance.now();
  const result = await invokeCommand(CLEAR, ARGS, { connection });
  const elapsed = performance.now() - started;

  assert.deepEqual(result.errors, []);
  assert.ok(elapsed >= 1000, `expected a wait of at least 1000 ms, got ${elapsed} ms`);
  assert.equal(server.mock.requests.length, 2);
});

Deno.test("CLI retry settings come from MG_MAX_RETRY and MG_RETRY_DELAY", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.faults.add({ path: CLEAR_PATH, status: 503 });

  const result = await runCli([CLEAR, ...ARGS, "-Verbose"], {
    env: {
      MG_GRAPH_ENDPOINT: server.url,
      MG_ACCESS_TOKEN: TOKEN,
      MG_MAX_RETRY: "2",
      MG_RETRY_DELAY: "0.05",
      ErrorView: "JsonView",
    },
  });

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  assert.equal(server.mock.requests.length, 3);
  const verbose = result.stderr.split("\n").filter((line) => line.startsWith("VERBOSE: Received"));
  assert.deepEqual(verbose, [
    "VERBOSE: Received 503 (ServiceUnavailable); waiting 0.05 seconds (exponential back-off) before retry 1 of 2.",
    "VERBOSE: Received 503 (ServiceUnavailable); waiting 0.1 seconds (exponential back-off) before retry 2 of 2.",
  ]);
  assert.deepEqual(jsonLines(result.stderr), [{
    fullyQualifiedErrorId:
      "System.AggregateException,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
    category: "NotSpecified",
    message:
      "Too many retries performed. More than 2 retries encountered while sending the request.",
    exceptionType: "AggregateException",
    targetObject: null,
  }]);
});
