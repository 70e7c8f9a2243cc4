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
  SAMPLE_APP_B_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
} from "../mocks/mod.ts";

const GRAPH = "https://graph.microsoft.com";
const START = "2025-03-01T08:00:00Z";

interface BatchItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: {
    availability?: string;
    activity?: string;
    error?: { code: string; message: string; innerError?: Record<string, string> };
  };
}

function newMock(options: GraphMockOptions = {}): GraphMock {
  return createGraphMock({ ...SAMPLE_TENANT, clock: createMockClock(START), ...options });
}

async function postBatch(
  mock: GraphMock,
  body: unknown,
  authorization = "Bearer opaque",
): Promise<Response> {
  const response = await getResponse(
    mock.handlers,
    new Request(`${GRAPH}/v1.0/$batch`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  assert.ok(response !== undefined);
  return response;
}

async function batchItems(mock: GraphMock, requests: unknown[]): Promise<BatchItem[]> {
  const response = await postBatch(mock, { requests });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  return (await response.json()).responses;
}

async function assertBatchRejected(mock: GraphMock, body: unknown, message: string) {
  const response = await postBatch(mock, body);
  assert.equal(response.status, 400);
  const json = await response.json();
  assert.equal(json.error.code, "BadRequest");
  assert.equal(json.error.message, message);
}

function clearStep(id: string, userId: string, sessionId: string, url?: string) {
  return {
    id,
    method: "POST",
    url: url ?? `/users/${userId}/presence/clearPresence`,
    headers: { "Content-Type": "application/json" },
    body: { sessionId },
  };
}

Deno.test("$batch runs steps and returns items in order", async () => {
  const mock = newMock();
  const items = await batchItems(mock, [
    clearStep("1", SAMPLE_USER_1_ID, SAMPLE_APP_A_ID),
    { id: "2", method: "GET", url: `/v1.0/users/${SAMPLE_USER_1_ID}/presence` },
    { id: "3", method: "get", url: `${GRAPH}/v1.0/communications/presences/${SAMPLE_USER_2_ID}` },
    { id: "4", method: "GET", url: `users/${SAMPLE_USER_2_ID}/presence?$select=activity` },
  ]);

  assert.deepEqual(items.map((item) => [item.id, item.status]), [
    ["1", 200],
    ["2", 200],
    ["3", 200],
    ["4", 200],
  ]);
  assert.deepEqual(items[0].headers, {});
  assert.equal(items[0].body, undefined);
  assert.deepEqual(items[1].headers, { "Content-Type": "application/json" });
  assert.equal(`${items[1].body?.availability}/${items[1].body?.activity}`, "Available/Available");
  assert.equal(items[2].body?.availability, "Available");
  assert.deepEqual(items[3].body, {
    "@odata.context": `${GRAPH}/v1.0/$metadata#users('${SAMPLE_USER_2_ID}')/presence/$entity`,
    id: SAMPLE_USER_2_ID,
    activity: "Available",
  });
});

Deno.test("$batch accepts base64 bodies and any header case", async () => {
  const mock = newMock();
  const items = await batchItems(mock, [
    {
      id: "kiota",
      method: "POST",
      url: `/users/${SAMPLE_USER_1_ID}/presence/clearPresence`,
      body: btoa(JSON.stringify({ sessionId: SAMPLE_APP_A_ID })),
    },
    {
      id: "lower",
      method: "POST",
      url: `/v1.0/users/${SAMPLE_USER_1_ID}/presence/clearPresence`,
      headers: { "content-type": "application/json" },
      body: { sessionId: SAMPLE_APP_B_ID },
    },
    {
      id: "broken",
      method: "POST",
      url: `/users/${SAMPLE_USER_2_ID}/presence/clearPresence`,
      body: btoa("{not json"),
    },
  ]);
  assert.deepEqual(items.map((item) => item.status), [200, 200, 400]);
  assert.equal(
    items[2].body?.error?.message,
    "Unable to read JSON request payload. Please ensure Content-Type header is set and " +
      "payload is of valid JSON format.",
  );
  assert.equal(mock.presence.sessions(SAMPLE_USER_1_ID).length, 0);
});

Deno.test("$batch step errors are per item", async () => {
  const mock = newMock();
  const items = await batchItems(mock, [
    clearStep("missing", SAMPLE_USER_1_ID, "no-such-session"),
    { id: "route", method: "GET", url: "/users/p/presence" },
    { id: "segment", method: "GET", url: `/users/${SAMPLE_USER_1_ID}/presense` },
    { id: "method", method: "DELETE", url: `/users/${SAMPLE_USER_1_ID}/presence` },
    { id: "nested", method: "POST", url: "/$batch", body: { requests: [] } },
  ]);
  assert.deepEqual(
    items.map((item) => [item.id, item.status, item.body?.error?.code]),
    [
      ["missing", 404, "NotFound"],
      ["route", 404, "Request_ResourceNotFound"],
      ["segment", 404, "RequestBroker--ParseUri"],
      ["method", 405, "MethodNotAllowed"],
      ["nested", 400, "BadRequest"],
    ],
  );
  assert.deepEqual(items[3].headers, { "Allow": "GET", "Content-Type": "application/json" });
  assert.equal(items[4].body?.error?.message, "A $batch request cannot contain a $batch step.");
});

Deno.test("$batch dependsOn runs dependencies first", async () => {
  const mock = newMock();
  const items = await batchItems(mock, [
    { id: "read", method: "GET", url: `/users/${SAMPLE_USER_2_ID}/presence`, dependsOn: ["CLEAR"] },
    clearStep("clear", SAMPLE_USER_2_ID, SAMPLE_APP_A_ID),
  ]);
  assert.deepEqual(items.map((item) => [item.id, item.status]), [["read", 200], ["clear", 200]]);
  assert.equal(items[0].body?.availability, "Offline");
});

Deno.test("$batch failed dependency gives 424", async () => {
  const mock = newMock();
  const items = await batchItems(mock, [
    clearStep("1", SAMPLE_USER_1_ID, "no-such-session"),
    { ...clearStep("2", SAMPLE_USER_1_ID, SAMPLE_APP_A_ID), dependsOn: ["1"] },
    { id: "3", method: "GET", url: `/users/${SAMPLE_USER_1_ID}/presence`, dependsOn: ["2"] },
  ]);
  assert.deepEqual(items.map((item) => item.status), [404, 424, 424]);
  assert.deepEqual(items[1].body?.error, {
    code: "FailedDependency",
    message:
      "The request '2' was not run because the request '1' it depends on failed with status 404.",
    innerError: {
      date: "2025-03-01T08:00:00",
      "request-id": items[1].body?.error?.innerError?.["request-id"],
      "client-request-id": items[1].body?.error?.innerError?.["client-request-id"],
    },
  });
  assert.equal(mock.presence.get(SAMPLE_USER_1_ID).activity, "InACall");
});

Deno.test("$batch limits to 20 steps", async () => {
  const step = (index: number) => ({
    id: String(index),
    method: "GET",
    url: `/users/${SAMPLE_USER_1_ID}/presence`,
  });
  const mock = newMock();
  const twenty = await batchItems(mock, Array.from({ length: 20 }, (_, i) => step(i)));
  assert.equal(twenty.length, 20);

  await assertBatchRejected(
    mock,
    { requests: Array.from({ length: 21 }, (_, i) => step(i)) },
    "The batch request contains 21 requests; at most 20 are allowed.",
  );
});

Deno.test("$batch rejects malformed batches whole", async () => {
  const mock = newMock();
  const get = { method: "GET", url: `/users/${SAMPLE_USER_1_ID}/presence` };
  const cases: Array<[unknown, string]> = [
    [
      { requests: [{ id: "a", ...get }, { id: "A", ...get }] },
      "The batch request id 'A' is used more than once; ids must be unique, ignoring case.",
    ],
    [{ requests: [{ id: "1", method: "GET" }] }, "Batch request 1 has no string 'url'."],
    [{ requests: [get] }, "Batch request 1 has no string 'id'."],
    [{ value: [] }, "The batch request body must be a JSON object with a 'requests' array."],
    [
      { requests: [{ id: "1", ...get, dependsOn: ["9"] }] },
      "The batch request '1' depends on '9', which is not in the batch.",
    ],
    [
      { requests: [{ id: "1", ...get, dependsOn: "2" }] },
      "The 'dependsOn' of batch request '1' must be an array of ids.",
    ],
    [
      { requests: [{ id: "1", ...get, dependsOn: ["2"] }, { id: "2", ...get, dependsOn: ["1"] }] },
      "The batch request '1' is part of a dependency cycle.",
    ],
    [
      "{requests:",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and " +
      "payload is of valid JSON format.",
    ],
  ];
  for (const [body, message] of cases) {
    await assertBatchRejected(mock, body, message);
  }
  assert.equal(mock.presence.get(SAMPLE_USER_1_ID).activity, "InACall");
});

Deno.test("$batch throttles steps individually", async () => {
  const mock = newMock({ rateLimit: { requests: 2, perSeconds: 30 } });
  const get = (id: string) => ({ id, method: "GET", url: `/users/${SAMPLE_USER_1_ID}/presence` });
  const items = await batchItems(mock, [get("1"), get("2"), get("3")]);

  assert.deepEqual(items.map((item) => item.status), [200, 200, 429]);
  assert.deepEqual(items[2].headers, { "Retry-After": "30", "Content-Type": "application/json" });
  assert.equal(items[2].body?.error?.code, "TooManyRequests");

  mock.clock.advance("PT30S");
  const later = await batchItems(mock, [get("4")]);
  assert.equal(later[0].status, 200);
});

Deno.test("$batch steps use the outer token", async () => {
  const mock = newMock();
  const reader = `Bearer ${createUnsignedJwt({ scp: "Presence.Read", oid: SAMPLE_USER_1_ID })}`;
  const response = await postBatch(mock, {
    requests: [
      { id: "me", method: "GET", url: "/me/presence" },
      clearStep("clear", SAMPLE_USER_1_ID, SAMPLE_APP_A_ID),
    ],
  }, reader);
  const items: BatchItem[] = (await response.json()).responses;
  assert.deepEqual(items.map((item) => item.status), [200, 403]);
  assert.equal(items[0].body?.activity, "InACall");

  const anonymous = await postBatch(mock, { requests: [] }, "");
  assert.equal(anonymous.status, 401);
});
