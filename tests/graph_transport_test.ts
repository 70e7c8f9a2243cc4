import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { invokeCommand } from "../mod.ts";
import type { GraphConnection } from "../src/graph/connection.ts";
import { formatErrorRecord } from "../src/runtime/error_view.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const TOKEN = "transport-test-token";
const CLEAR = "Clear-MgCommunicationPresence";
const CLEAR_PATH = `/v1.0/communications/presences/${USER}/microsoft.graph.clearPresence`;
const ARGS = ["-PresenceId", USER, "-SessionId", APP, "-PassThru"];
const SUFFIX = "Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded";

function connectionTo(endpoint: string, extra: Partial<GraphConnection> = {}): GraphConnection {
  return {
    endpoint,
    getAccessToken: () => Promise.resolve(TOKEN),
    sleep: () => Promise.resolve(),
    ...extra,
  };
}

/** Starts a loopback server that returns one redirect response to every request and logs them. */
function startRedirector(status: number, location: (url: URL) => string | undefined) {
  const received: { method: string; path: string; authorization: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    await request.body?.cancel();
    received.push({
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get("authorization"),
    });
    const target = location(url);
    return new Response("redirected", {
      status,
      headers: target === undefined ? {} : { Location: target },
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    received,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/**
 * A fetch that sends requests for `localhost` to 127.0.0.1, because the tests may only open
 * 127.0.0.1. The redirect handler still compares the host `localhost`, which differs from 127.0.0.1.
 */
const localhostFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname === "localhost") url.hostname = "127.0.0.1";
  return fetch(url, init);
};

Deno.test("redirect 307 relative keeps POST and token", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.presence.setPresence(USER, { sessionId: APP, availability: "Away", activity: "Away" });
  // The server redirects every path to `/moved/<path>` and forwards `/moved/<path>` to the mock.
  const forwarded: { method: string; authorization: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith("/moved/")) {
      await request.body?.cancel();
      return new Response(null, { status: 307, headers: { Location: `/moved${url.pathname}` } });
    }
    forwarded.push({ method: request.method, authorization: request.headers.get("authorization") });
    return await fetch(`${mock.url}${url.pathname.slice("/moved".length)}`, {
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
  });
  const url = `http://127.0.0.1:${server.addr.port}`;

  try {
    const result = await invokeCommand(CLEAR, [...ARGS, "-Verbose"], {
      connection: connectionTo(url),
    });

    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.output, [true]);
    assert.deepEqual(forwarded, [{ method: "POST", authorization: `Bearer ${TOKEN}` }]);
    const final = mock.mock.requests[0];
    assert.equal(final.method, "POST");
    assert.equal(final.path, CLEAR_PATH);
    assert.deepEqual(final.body, { sessionId: APP });
    assert.ok(
      result.streams.verbose.includes(
        `Following 307 (TemporaryRedirect) to ${url}/moved${CLEAR_PATH} (redirect 1 of at most 5).`,
      ),
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("redirect 308 absolute on same host keeps token", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.presence.setPresence(USER, { sessionId: APP, availability: "Away", activity: "Away" });
  await using redirector = startRedirector(308, (url) => `${mock.url}${url.pathname}`);

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(redirector.url) });

  assert.deepEqual(result.errors, []);
  assert.equal(redirector.received.length, 1);
  assert.equal(mock.mock.requests.length, 1);
  assert.equal(mock.mock.requests[0].method, "POST");
  assert.equal(mock.mock.requests[0].headers.authorization, `Bearer ${TOKEN}`);
});

Deno.test("redirect to another host drops Authorization", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  await using redirector = startRedirector(
    302,
    (url) => `http://localhost:${mock.port}${url.pathname}`,
  );
  const connection = connectionTo(redirector.url, { fetch: localhostFetch });

  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.equal(redirector.received[0].authorization, `Bearer ${TOKEN}`);
  assert.equal(mock.mock.requests.length, 1);
  assert.equal(mock.mock.requests[0].method, "POST");
  assert.equal(mock.mock.requests[0].headers.authorization, undefined);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].fullyQualifiedErrorId, `InvalidAuthenticationToken,${SUFFIX}`);
});

Deno.test("redirect 303 turns POST into GET without body", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  await using redirector = startRedirector(303, () => `${mock.url}/v1.0/users/${USER}/presence`);

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(redirector.url) });

  assert.deepEqual(result.errors, []);
  assert.equal(redirector.received[0].method, "POST");
  const final = mock.mock.requests[0];
  assert.equal(final.method, "GET");
  assert.equal(final.body, undefined);
  assert.equal(final.headers["content-type"], undefined);
  assert.equal(final.status, 200);
});

Deno.test("redirect without Location is an error", async () => {
  await using redirector = startRedirector(301, () => undefined);

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(redirector.url) });

  assert.equal(result.errors.length, 1);
  const record = result.errors[0];
  assert.equal(record.fullyQualifiedErrorId, `System.InvalidOperationException,${SUFFIX}`);
  assert.equal(record.category, "NotSpecified");
  assert.equal(record.exceptionType, "InvalidOperationException");
  assert.equal(
    formatErrorRecord(record, "ConciseView"),
    "Clear-MgCommunicationPresence_ClearExpanded: Unable to perform redirect as Location Header is not set in response",
  );
});

Deno.test("redirect loop stops after five redirects", async () => {
  await using redirector = startRedirector(307, (url) => url.pathname);

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(redirector.url) });

  assert.equal(redirector.received.length, 6);
  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    `System.InvalidOperationException,${SUFFIX}`,
  );
  assert.equal(result.errors[0].message, "Too many redirects performed");
});

Deno.test("redirect limit comes from maxRedirects", async () => {
  await using redirector = startRedirector(307, (url) => url.pathname);

  const result = await invokeCommand(CLEAR, ARGS, {
    connection: connectionTo(redirector.url, { maxRedirects: 2 }),
  });

  assert.equal(redirector.received.length, 3);
  assert.equal(result.errors[0].message, "Too many redirects performed");
});

Deno.test("timeout names the host and the limit", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.faults.add({ path: CLEAR_PATH, latencyMs: 400 });

  const result = await invokeCommand(CLEAR, ARGS, {
    connection: connectionTo(mock.url, { timeoutMs: 100 }),
  });
  // Lets the mock's latency timer finish before the test ends.
  await new Promise((resolve) => setTimeout(resolve, 450));

  assert.equal(result.errors.length, 1);
  const record = result.errors[0];
  assert.equal(
    record.fullyQualifiedErrorId,
    `System.Threading.Tasks.TaskCanceledException,${SUFFIX}`,
  );
  assert.equal(record.category, "NotSpecified");
  assert.equal(record.exceptionType, "TaskCanceledException");
  assert.equal(
    formatErrorRecord(record, "ConciseView"),
    `Clear-MgCommunicationPresence_ClearExpanded: The request to 127.0.0.1:${mock.port} was canceled due to the configured HttpClient.Timeout of 0.1 seconds elapsing.`,
  );
});

Deno.test("timeout covers the retry waits", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.faults.add({ path: CLEAR_PATH, status: 429, retryAfter: 5 });
  const connection: GraphConnection = {
    endpoint: mock.url,
    getAccessToken: () => Promise.resolve(TOKEN),
    timeoutMs: 150,
  };

  const started = performance.now();
  const result = await invokeCommand(CLEAR, ARGS, { connection });

  assert.ok(performance.now() - started < 2000);
  assert.equal(mock.mock.requests.length, 1);
  assert.equal(result.errors[0].exceptionType, "TaskCanceledException");
});

Deno.test("refused connection names the host", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();

  const result = await invokeCommand(CLEAR, ARGS, {
    connection: connectionTo(`http://127.0.0.1:${port}`),
  });

  assert.equal(result.exitCode, 1);
  assert.equal(result.errors.length, 1);
  const record = result.errors[0];
  assert.equal(record.fullyQualifiedErrorId, `System.Net.Http.HttpRequestException,${SUFFIX}`);
  assert.equal(record.category, "NotSpecified");
  assert.equal(record.exceptionType, "HttpRequestException");
  assert.equal(
    formatErrorRecord(record, "ConciseView"),
    `Clear-MgCommunicationPresence_ClearExpanded: Connection refused (127.0.0.1:${port})`,
  );
});

Deno.test("network error fault is an HttpRequestException", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.faults.add({ path: CLEAR_PATH, networkError: true });

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(mock.url) });

  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].exceptionType, "HttpRequestException");
  assert.equal(
    result.errors[0].message,
    `The response ended prematurely. (127.0.0.1:${mock.port})`,
  );
});

/** Replaces the mock's random request-id in an error text so the text can be compared. */
function withoutRequestId(text: string): string {
  return text.replace(/(request-id {20}: )[0-9a-f-]{36}/, "$1<request-id>");
}

Deno.test("Graph error JSON renders the status block", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.faults.add({
    path: CLEAR_PATH,
    status: 403,
    body: {
      error: {
        code: "Forbidden",
        message: "Insufficient privileges to complete the operation.",
        innerError: { date: "2026-01-15T09:30:00", "request-id": "r", "client-request-id": "c" },
      },
    },
  });

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(mock.url) });

  const record = result.errors[0];
  const logged = mock.mock.requests[0];
  assert.equal(record.fullyQualifiedErrorId, `Forbidden,${SUFFIX}`);
  assert.equal(record.category, "InvalidOperation");
  assert.equal(record.exceptionType, "Exception");
  const lines = withoutRequestId(formatErrorRecord(record, "ConciseView")).split("\n");
  assert.deepEqual(lines.slice(0, 6), [
    "Clear-MgCommunicationPresence_ClearExpanded: Insufficient privileges to complete the operation.",
    "",
    "Status: 403 (Forbidden)",
    "ErrorCode: Forbidden",
    "Date: 2026-01-15T09:30:00",
    "Headers:",
  ]);
  // The loopback server adds connection headers of its own, so only the mock's lines are checked.
  const headerLines = lines.slice(6);
  assert.ok(
    headerLines.includes(`client-request-id             : ${logged.headers["client-request-id"]}`),
  );
  assert.ok(headerLines.includes("request-id                    : <request-id>"));
  assert.ok(headerLines.some((line) => line.startsWith("date                          : ")));
  assert.ok(!headerLines.some((line) => line.startsWith("content-")));
});

Deno.test("HTML body renders the RestException message", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  mock.mock.faults.add({ path: CLEAR_PATH, status: 502, body: page });

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(mock.url) });

  const record = result.errors[0];
  assert.equal(record.fullyQualifiedErrorId, `BadGateway,${SUFFIX}`);
  assert.equal(record.category, "InvalidOperation");
  assert.equal(record.exceptionType, "RestException`1");
  const lines = withoutRequestId(record.message).split("\n");
  assert.deepEqual(lines.slice(0, 6), [
    page,
    "",
    "Status: 502 (BadGateway)",
    "ErrorCode: BadGateway",
    "Date: ",
    "Headers:",
  ]);
  assert.ok(!record.message.includes("content-type"));
});

Deno.test("empty body renders the status sentence", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.faults.add({ path: CLEAR_PATH, status: 404, body: "" });

  const result = await invokeCommand(CLEAR, ARGS, { connection: connectionTo(mock.url) });

  const record = result.errors[0];
  assert.equal(record.fullyQualifiedErrorId, `NotFound,${SUFFIX}`);
  assert.equal(record.exceptionType, "RestException`1");
  assert.deepEqual(record.message.split("\n").slice(0, 5), [
    "The server responded with a Request Error, Status: NotFound",
    "",
    "Status: 404 (NotFound)",
    "ErrorCode: NotFound",
    "Date: ",
  ]);
});

Deno.test("request sends SdkVersion and User-Agent", async () => {
  await using mock = await startGraphMockServer({ users: [] });
  mock.mock.presence.setPresence(USER, { sessionId: APP, availability: "Away", activity: "Away" });

  await invokeCommand(CLEAR, ARGS, { connection: connectionTo(mock.url) });

  const headers = mock.mock.requests[0].headers;
  assert.match(headers["sdkversion"], /^mg-presence\/\d+\.\d+\.\d+$/);
  assert.match(headers["user-agent"], /^mg-presence\/\d+\.\d+\.\d+ Deno\/\d+\.\d+\.\d+$/);
  assert.match(headers["client-request-id"], /^[0-9a-f-]{36}$/);
});
