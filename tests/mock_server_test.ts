import "../mocks/bc_shim.ts";
import assert from "node:assert/strict";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import {
  createGraphMock,
  createMockClock,
  SAMPLE_APP_A_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
  startGraphMockServer,
} from "../mocks/mod.ts";

const AUTH = { Authorization: "Bearer opaque" };
const JSON_AUTH = { ...AUTH, "Content-Type": "application/json" };

Deno.test("setupServer serves the mock and honours server.use", async () => {
  const mock = createGraphMock(SAMPLE_TENANT);
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const url = `https://graph.microsoft.com/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
    const before = await fetch(url, { headers: AUTH });
    assert.equal((await before.json()).activity, "InACall");

    server.use(
      http.get(
        "https://graph.microsoft.com/v1.0/users/:id/presence",
        ({ params }) =>
          HttpResponse.json({ id: params.id, availability: "Away", activity: "Away" }),
      ),
    );
    const overridden = await fetch(url, { headers: AUTH });
    assert.deepEqual(await overridden.json(), {
      id: SAMPLE_USER_1_ID,
      availability: "Away",
      activity: "Away",
    });

    const clear = await fetch(`${url}/clearPresence`, {
      method: "POST",
      headers: JSON_AUTH,
      body: JSON.stringify({ sessionId: SAMPLE_APP_A_ID }),
    });
    assert.equal(clear.status, 200);
    assert.equal(await clear.text(), "");

    server.resetHandlers();
    const after = await fetch(url, { headers: AUTH });
    assert.equal((await after.json()).activity, "Available");
    assert.deepEqual(mock.requests.map((entry) => entry.method), ["GET", "POST", "GET"]);
  } finally {
    server.close();
  }
});

Deno.test("setupServer network error fault rejects fetch", async () => {
  const mock = createGraphMock(SAMPLE_TENANT);
  mock.faults.add({ nth: 1, networkError: true });
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const url = `https://graph.microsoft.com/v1.0/users/${SAMPLE_USER_2_ID}/presence`;
    await assert.rejects(fetch(url, { headers: AUTH }), TypeError);
    assert.equal((await fetch(url, { headers: AUTH })).status, 200);
  } finally {
    server.close();
  }
});

Deno.test("startGraphMockServer serves over loopback", async () => {
  const lines: string[] = [];
  await using server = await startGraphMockServer({
    ...SAMPLE_TENANT,
    clock: createMockClock("2025-03-01T08:00:00Z"),
    log: (line) => lines.push(line),
  });
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);

  const presence = await fetch(`${server.url}/v1.0/users/${SAMPLE_USER_1_ID}/presence`, {
    headers: { ...AUTH, "client-request-id": "abc" },
  });
  assert.equal(presence.status, 200);
  assert.equal(presence.headers.get("content-type"), "application/json");
  assert.equal(presence.headers.get("client-request-id"), "abc");
  assert.equal(presence.headers.get("date"), "Sat, 01 Mar 2025 08:00:00 GMT");
  const body = await presence.json();
  assert.equal(
    body["@odata.context"],
    `${server.url}/v1.0/$metadata#users('${SAMPLE_USER_1_ID}')/presence/$entity`,
  );

  const clear = await fetch(
    `${server.url}/v1.0/communications/presences/${SAMPLE_USER_1_ID}/clearPresence`,
    { method: "POST", headers: JSON_AUTH, body: JSON.stringify({ sessionId: SAMPLE_APP_A_ID }) },
  );
  assert.equal(clear.status, 200);
  assert.equal(clear.headers.get("content-type"), null);
  assert.equal(clear.headers.get("content-length"), "0");
  assert.equal(clear.headers.get("connection"), "close");
  assert.equal(await clear.text(), "");
  assert.equal(server.mock.presence.get(SAMPLE_USER_1_ID).activity, "Available");

  assert.equal(lines.length, 2);
  assert.match(lines[0], new RegExp(`^GET /v1\\.0/users/${SAMPLE_USER_1_ID}/presence 200 \\d+ms$`));
  assert.match(lines[1], /^POST \/v1\.0\/communications\/presences\/.+\/clearPresence 200 \d+ms$/);
});

Deno.test("startGraphMockServer answers unknown paths with 404", async () => {
  await using server = await startGraphMockServer();
  const response = await fetch(`${server.url}/v2.0/users`, { headers: AUTH });
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.equal(body.error.code, "NotFound");
  assert.equal(
    body.error.message,
    "The mock Graph service serves only /v1.0 and /beta paths, not '/v2.0/users'.",
  );
});

Deno.test("startGraphMockServer resets connection on network error", async () => {
  const mock = createGraphMock(SAMPLE_TENANT);
  const lines: string[] = [];
  await using server = await startGraphMockServer({ mock, log: (line) => lines.push(line) });
  assert.equal(server.mock, mock);
  mock.faults.add({ nth: 2, networkError: true });
  const url = `${server.url}/v1.0/users/${SAMPLE_USER_2_ID}/presence`;

  const first = await fetch(url, { headers: AUTH });
  await first.body?.cancel();
  await assert.rejects(fetch(url, { headers: AUTH }), TypeError);
  const third = await fetch(url, { headers: AUTH });
  assert.equal(third.status, 200);
  await third.body?.cancel();

  assert.deepEqual(mock.requests.map((entry) => entry.status), [200, 0, 200]);
  assert.match(lines[1], /^GET \/v1\.0\/users\/.+\/presence reset \d+ms$/);
});

Deno.test("startGraphMockServer close is idempotent", async () => {
  const server = await startGraphMockServer();
  const response = await fetch(`${server.url}/v1.0/users/p/presence`, { headers: AUTH });
  assert.equal(response.status, 404);
  await response.body?.cancel();
  await server.close();
  await server.close();
  await assert.rejects(fetch(`${server.url}/v1.0/users/p/presence`), TypeError);
});

/** Reads a process's stdout line by line. */
async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
    }
  }
  if (buffer !== "") yield buffer;
}

function mockServerCommand(...args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["task", "mock-server", ...args],
    cwd: new URL("..", import.meta.url).pathname,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
  }).spawn();
}

Deno.test("mock-server task serves and stops on SIGTERM", async () => {
  const child = mockServerCommand("--port", "0", "--rate-limit", "2/60");
  const stderr = new Response(child.stderr).text();
  const stdout = lines(child.stdout);
  try {
    const first = await stdout.next();
    const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(first.value ?? "");
    assert.ok(match !== null, `first line: ${first.value}`);
    assert.equal(first.value, `Mock Graph server listening on http://127.0.0.1:${match[1]}/`);

    const url = `http://127.0.0.1:${match[1]}/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(url, { headers: AUTH });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  } finally {
    child.kill("SIGTERM");
  }
  const status = await child.status;
  for await (const _ of stdout) { /* drain */ }
  const log = await stderr;

  assert.equal(status.code, 0);
  assert.match(log, new RegExp(`\\nGET /v1\\.0/users/${SAMPLE_USER_1_ID}/presence 200 \\d+ms\\n`));
  assert.match(log, /presence 429 \d+ms\n/);
  assert.match(log, /\nMock Graph server stopped\.\n$/);
});

Deno.test("mock-server task loads a seed file", async () => {
  const seedPath = await Deno.makeTempFile({ dir: "/tmp", suffix: ".json" });
  const userId = "12345678-1234-4234-8234-123456789abc";
  await Deno.writeTextFile(
    seedPath,
    JSON.stringify({
      fixedUsers: true,
      users: [{
        id: userId,
        sessions: [{ sessionId: "s", availability: "Busy", activity: "InAMeeting" }],
      }],
    }),
  );
  const child = mockServerCommand("--port=0", "--seed", seedPath, "--latency", "1");
  const stderr = new Response(child.stderr).text();
  const stdout = lines(child.stdout);
  try {
    const first = await stdout.next();
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(first.value ?? "")?.[0];
    assert.ok(base !== undefined, `first line: ${first.value}`);

    const seeded = await fetch(`${base}/v1.0/users/${userId}/presence`, { headers: AUTH });
    assert.equal((await seeded.json()).activity, "InAMeeting");
    const sample = await fetch(`${base}/v1.0/users/${SAMPLE_USER_1_ID}/presence`, {
      headers: AUTH,
    });
    assert.equal(sample.status, 404);
    await sample.body?.cancel();
  } finally {
    child.kill("SIGINT");
    await Deno.remove(seedPath);
  }
  assert.equal((await child.status).code, 0);
  for await (const _ of stdout) { /* drain */ }
  await stderr;
});

Deno.test("mock-server task injects --fault-rate faults", async () => {
  const child = mockServerCommand("--port", "0", "--fault-rate", "1", "--seed-random", "5");
  const stderr = new Response(child.stderr).text();
  const stdout = lines(child.stdout);
  try {
    const first = await stdout.next();
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(first.value ?? "")?.[0];
    assert.ok(base !== undefined, `first line: ${first.value}`);

    const response = await fetch(`${base}/v1.0/users/${SAMPLE_USER_1_ID}/presence`, {
      headers: AUTH,
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    assert.equal((await response.json()).error.code, "ServiceUnavailable");
  } finally {
    child.kill("SIGTERM");
  }
  assert.equal((await child.status).code, 0);
  for await (const _ of stdout) { /* drain */ }
  assert.match(await stderr, /presence 503 \d+ms\n/);
});

Deno.test("mock-server task rejects bad flags with exit 2", async () => {
  const cases: Array<[string[], string]> = [
    [
      ["--port", "abc"],
      "mock-server: invalid --port 'abc': expected an integer from 0 to 65535. Run with --help for usage.",
    ],
    [
      ["--rate-limit", "fast"],
      "mock-server: invalid --rate-limit 'fast': expected N/S with positive integers, e.g. 1500/30, or off. Run with --help for usage.",
    ],
    [
      ["--fault-rate", "2"],
      "mock-server: invalid --fault-rate '2': expected a number from 0 to 1. Run with --help for usage.",
    ],
    [
      ["--bogus"],
      "mock-server: Unknown option '--bogus'. Run with --help for usage.",
    ],
    [
      ["--seed", "/tmp/no-such-seed.json"],
      "mock-server: cannot read --seed '/tmp/no-such-seed.json': No such file or directory (os error 2): readfile '/tmp/no-such-seed.json'. Run with --help for usage.",
    ],
  ];
  for (const [args, message] of cases) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["task", "mock-server", ...args],
      cwd: new URL("..", import.meta.url).pathname,
      stdin: "null",
      env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    }).output();
    const stderr = new TextDecoder().decode(output.stderr).trim().split("\n");
    assert.equal(output.code, 2, args.join(" "));
    assert.equal(stderr.at(-1), message);
    assert.equal(new TextDecoder().decode(output.stdout), "");
  }
});
