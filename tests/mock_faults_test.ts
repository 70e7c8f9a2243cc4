import "../mocks/bc_shim.ts";
import assert from "node:assert/strict";
import { getResponse } from "msw";
import {
  createGraphMock,
  createMockClock,
  createUnsignedJwt,
  type GraphMock,
  type GraphMockOptions,
  SAMPLE_APP_A_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
} from "../mocks/mod.ts";

const GRAPH = "https://graph.microsoft.com";
const START = "2025-03-01T08:00:00Z";
const PRESENCE_1 = `/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
const PRESENCE_2 = `/v1.0/users/${SAMPLE_USER_2_ID}/presence`;
const CLEAR_1 = `${PRESENCE_1}/clearPresence`;

function newMock(options: GraphMockOptions = {}): GraphMock {
  return createGraphMock({ ...SAMPLE_TENANT, clock: createMockClock(START), ...options });
}

async function send(
  mock: GraphMock,
  method: string,
  path: string,
  body?: unknown,
  authorization = "Bearer opaque",
): Promise<Response> {
  const response = await getResponse(
    mock.handlers,
    new Request(`${GRAPH}${path}`, {
      method,
      headers: { Authorization: authorization, "X-Test": "yes" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  assert.ok(response !== undefined);
  return response;
}

async function statuses(mock: GraphMock, count: number, path = PRESENCE_1): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await send(mock, "GET", path);
    result.push(response.type === "error" ? 0 : response.status);
  }
  return result;
}

Deno.test("fault on nth request fires once", async () => {
  const mock = newMock();
  const handle = mock.faults.add({ path: PRESENCE_1, nth: 2, status: 503 });
  assert.deepEqual(await statuses(mock, 4), [200, 503, 200, 200]);
  assert.equal(handle.matched, 4);
  assert.equal(handle.fired, 1);
});

Deno.test("fault nth with times fires a run", async () => {
  const mock = newMock();
  mock.faults.add({ nth: 2, times: 2, status: 500 });
  assert.deepEqual(await statuses(mock, 5), [200, 500, 500, 200, 200]);
});

Deno.test("fault without nth fires every time", async () => {
  const mock = newMock();
  mock.faults.add({ method: "get", path: /\/presence$/, status: 504 });
  assert.deepEqual(await statuses(mock, 3), [504, 504, 504]);
  const post = await send(mock, "POST", CLEAR_1, { sessionId: SAMPLE_APP_A_ID });
  assert.equal(post.status, 200);
});

Deno.test("fault path matches with or without version", async () => {
  const mock = newMock();
  mock.faults.add({ path: `/users/${SAMPLE_USER_2_ID}/presence`, status: 502 });
  assert.deepEqual(await statuses(mock, 1, PRESENCE_2), [502]);
  assert.deepEqual(await statuses(mock, 1, PRESENCE_1), [200]);
  assert.deepEqual(await statuses(mock, 1, `/beta/users/${SAMPLE_USER_2_ID}/presence`), [502]);
});

Deno.test("fault response has Graph error body", async () => {
  const mock = newMock();
  mock.faults.add({ status: 429, retryAfter: 7, times: 1 });
  const response = await send(mock, "GET", PRESENCE_1);
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "7");
  const body = await response.json();
  assert.equal(body.error.code, "TooManyRequests");
  assert.equal(body.error.message, "Too many requests. Retry after the time given in Retry-After.");
  assert.equal(body.error.innerError["request-id"], response.headers.get("request-id"));
});

Deno.test("fault Retry-After as HTTP date", async () => {
  const mock = newMock();
  const date = new Date("2025-03-01T08:00:05Z");
  mock.faults.add({ nth: 1, status: 503, retryAfter: date });
  mock.faults.add({ nth: 2, status: 503, retryAfter: "Sat, 01 Mar 2025 08:01:00 GMT" });
  const first = await send(mock, "GET", PRESENCE_1);
  const second = await send(mock, "GET", PRESENCE_1);
  assert.equal(first.headers.get("retry-after"), "Sat, 01 Mar 2025 08:00:05 GMT");
  assert.equal(second.headers.get("retry-after"), "Sat, 01 Mar 2025 08:01:00 GMT");
  assert.equal((await second.json()).error.code, "ServiceUnavailable");
});

Deno.test("fault custom body and status", async () => {
  const mock = newMock();
  mock.faults.add({ nth: 1, status: 418, body: { teapot: true } });
  mock.faults.add({ nth: 2, status: 500, body: "plain failure" });
  const json = await send(mock, "GET", PRESENCE_1);
  assert.equal(json.status, 418);
  assert.deepEqual(await json.json(), { teapot: true });
  const text = await send(mock, "GET", PRESENCE_1);
  assert.equal(text.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(await text.text(), "plain failure");
});

Deno.test("fault probability is repeatable with a seed", async () => {
  const run = async () => {
    const mock = newMock({ random: 42 });
    mock.faults.add({ probability: 0.5, status: 503 });
    return await statuses(mock, 20);
  };
  const first = await run();
  const second = await run();
  assert.deepEqual(first, second);
  const failures = first.filter((status) => status === 503).length;
  assert.ok(failures > 2, `${failures} of 20 failed`);
  assert.ok(failures < 18, `${failures} of 20 failed`);

  const never = newMock({ random: 1 });
  never.faults.add({ probability: 0, status: 503 });
  assert.deepEqual(await statuses(never, 5), [200, 200, 200, 200, 200]);
});

Deno.test("fault latency delays the answer", async () => {
  const mock = newMock();
  mock.faults.add({ nth: 1, latencyMs: 120 });
  const started = performance.now();
  const response = await send(mock, "GET", PRESENCE_1);
  const elapsed = performance.now() - started;
  assert.equal(response.status, 200);
  assert.ok(elapsed >= 110, `answered after ${elapsed} ms`);
  assert.ok(mock.requests[0].durationMs >= 110);
});

Deno.test("mock latency option delays every request", async () => {
  const mock = newMock({ latencyMs: 60 });
  const started = performance.now();
  await statuses(mock, 2);
  assert.ok(performance.now() - started >= 110);
});

Deno.test("network error fault returns Response.error", async () => {
  const mock = newMock();
  mock.faults.add({ nth: 1, networkError: true });
  const response = await send(mock, "POST", CLEAR_1, { sessionId: SAMPLE_APP_A_ID });
  assert.equal(response.type, "error");
  assert.equal(mock.requests[0].status, 0);
  assert.equal(mock.presence.get(SAMPLE_USER_1_ID).activity, "InACall");
});

Deno.test("invalid fault rules are rejected", () => {
  const mock = newMock();
  const cases: Array<[Parameters<typeof mock.faults.add>[0], string]> = [
    [{}, "Invalid fault rule: it needs status, networkError or latencyMs."],
    [{ status: 503, nth: 0 }, "Invalid fault rule: nth must be an integer of at least 1, not 0."],
    [
      { status: 503, times: 1.5 },
      "Invalid fault rule: times must be an integer of at least 1, not 1.5.",
    ],
    [
      { status: 503, probability: 2 },
      "Invalid fault rule: probability must be from 0 to 1, not 2.",
    ],
    [{ status: 99 }, "Invalid fault rule: status must be an HTTP status from 200 to 599, not 99."],
    [{ latencyMs: -1 }, "Invalid fault rule: latencyMs must be 0 or more, not -1."],
  ];
  for (const [rule, message] of cases) {
    assert.throws(() => mock.faults.add(rule), new TypeError(message));
  }
  assert.equal(mock.faults.size, 0);
});

Deno.test("fault handle remove and plan clear", async () => {
  const mock = newMock();
  const handle = mock.faults.add({ status: 500 });
  assert.deepEqual(await statuses(mock, 1), [500]);
  handle.remove();
  assert.deepEqual(await statuses(mock, 1), [200]);
  mock.faults.add({ status: 500 });
  mock.faults.clear();
  assert.deepEqual(await statuses(mock, 1), [200]);
});

Deno.test("rate limiter uses a sliding window", async () => {
  const mock = newMock({ rateLimit: { requests: 3, perSeconds: 10 } });
  assert.deepEqual(await statuses(mock, 2), [200, 200]);
  mock.clock.advance("PT4S");
  assert.deepEqual(await statuses(mock, 2), [200, 429]);

  const throttled = await send(mock, "GET", PRESENCE_1);
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers.get("retry-after"), "6");
  const body = await throttled.json();
  assert.equal(body.error.code, "TooManyRequests");
  assert.equal(
    body.error.message,
    "Too many requests for application '00000000-0000-0000-0000-000000000000' in tenant " +
      `'${SAMPLE_TENANT.tenantId}'. Retry after 6 seconds.`,
  );

  mock.clock.advance("PT6S");
  assert.deepEqual(await statuses(mock, 3), [200, 200, 429]);
});

Deno.test("rate limiter keys by app", async () => {
  const mock = newMock({ rateLimit: { requests: 1, perSeconds: 30 } });
  const token = (appid: string, tid: string) =>
    `Bearer ${createUnsignedJwt({ roles: ["Presence.Read.All"], appid, tid })}`;
  const status = async (authorization: string) =>
    (await send(mock, "GET", PRESENCE_1, undefined, authorization)).status;

  assert.equal(await status(token("app-1", mock.tenantId)), 200);
  assert.equal(await status(token("app-1", mock.tenantId.toUpperCase())), 429);
  assert.equal(await status(token("app-2", mock.tenantId)), 200);
});

Deno.test("token of another tenant is unauthenticated", async () => {
  const mock = newMock();
  const authorization = `Bearer ${
    createUnsignedJwt({ roles: ["Presence.Read.All"], tid: "tenant-2" })
  }`;

  const response = await send(mock, "GET", PRESENCE_1, undefined, authorization);
  const error = (await response.json()).error;

  assert.equal(response.status, 401);
  assert.equal(error.code, "InvalidAuthenticationToken");
  assert.equal(
    error.message,
    "Access token validation failure. The token is for tenant 'tenant-2', not this one.",
  );
});

Deno.test("token with a non-numeric exp is unauthenticated", async () => {
  const mock = newMock();
  const authorization = `Bearer ${
    createUnsignedJwt({ roles: ["Presence.Read.All"], exp: "soon" })
  }`;

  const response = await send(mock, "GET", PRESENCE_1, undefined, authorization);

  assert.equal(response.status, 401);
  assert.equal(
    (await response.json()).error.message,
    "Invalid JWT token. The 'exp' claim is not a number.",
  );
});

Deno.test("rate limiter defaults to 1500 per 30 seconds", async () => {
  const mock = newMock();
  const all = await statuses(mock, 1501);
  assert.equal(all.filter((status) => status === 200).length, 1500);
  assert.equal(all[1500], 429);
  mock.clock.advance("PT30S");
  assert.deepEqual(await statuses(mock, 1), [200]);

  const unlimited = newMock({ rateLimit: false });
  const many = await statuses(unlimited, 1600);
  assert.equal(many.every((status) => status === 200), true);
});

Deno.test("request log records requests", async () => {
  const mock = newMock();
  await send(mock, "POST", CLEAR_1, { sessionId: SAMPLE_APP_A_ID });
  mock.clock.advance("PT1M");
  await send(mock, "GET", `${PRESENCE_1}?$select=activity`, undefined, "");

  assert.equal(mock.requests.length, 2);
  const [clear, get] = mock.requests;
  assert.equal(clear.method, "POST");
  assert.equal(clear.url, `${GRAPH}${CLEAR_1}`);
  assert.equal(clear.path, CLEAR_1);
  assert.equal(clear.headers["authorization"], "Bearer opaque");
  assert.equal(clear.headers["x-test"], "yes");
  assert.deepEqual(clear.body, { sessionId: SAMPLE_APP_A_ID });
  assert.equal(clear.status, 200);
  assert.equal(clear.time.toISOString(), "2025-03-01T08:00:00.000Z");

  assert.equal(get.path, PRESENCE_1);
  assert.equal(get.body, undefined);
  assert.equal(get.status, 401);
  assert.equal(get.time.toISOString(), "2025-03-01T08:01:00.000Z");

  assert.deepEqual(mock.requests.map((entry) => entry.status), [200, 401]);
  assert.equal(Array.isArray(mock.requests.filter(() => true)), true);
  mock.requests.clear();
  assert.equal(mock.requests.length, 0);
});

Deno.test("request log keeps a non-JSON body as text", async () => {
  const mock = newMock();
  await getResponse(
    mock.handlers,
    new Request(`${GRAPH}${CLEAR_1}`, {
      method: "POST",
      body: "not json",
      headers: { Authorization: "Bearer t" },
    }),
  );
  assert.equal(mock.requests[0].body, "not json");
  assert.equal(mock.requests[0].status, 400);
});

Deno.test("reset restores seed and clears state", async () => {
  const mock = newMock({ rateLimit: { requests: 10, perSeconds: 60 }, random: 7 });
  mock.faults.add({ probability: 0.5, status: 503 });
  const before = await statuses(mock, 6, PRESENCE_2);
  assert.ok(before.includes(200), `statuses ${before}`);
  assert.ok(before.includes(503), `statuses ${before}`);
  mock.faults.clear();
  const untilThrottled = await statuses(mock, 10, PRESENCE_2);
  assert.equal(untilThrottled.at(-1), 429);
  mock.faults.add({ status: 500 });
  mock.presence.clearPresence(SAMPLE_USER_1_ID, SAMPLE_APP_A_ID);
  mock.presence.setPresence("33333333-2222-4333-8444-555555555555", {
    sessionId: "s",
    availability: "Away",
    activity: "Away",
  });

  mock.reset();

  assert.equal(mock.requests.length, 0);
  assert.equal(mock.faults.size, 0);
  assert.equal(mock.presence.get(SAMPLE_USER_1_ID).activity, "InACall");
  assert.deepEqual(mock.presence.users(), [SAMPLE_USER_1_ID, SAMPLE_USER_2_ID]);
  assert.equal(mock.clock.now().toISOString(), "2025-03-01T08:00:00.000Z");
  assert.deepEqual(await statuses(mock, 1), [200]);

  mock.faults.add({ probability: 0.5, status: 503 });
  assert.deepEqual(await statuses(mock, 6, PRESENCE_2), before);
});
