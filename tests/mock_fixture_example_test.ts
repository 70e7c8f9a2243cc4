// The examples of the README's "Mock Graph fixture" section, run as tests. Another project
// imports "@mgdeno/presence/mock" where this file imports "../mocks/mod.ts".
import "../mocks/bc_shim.ts";
import assert from "node:assert/strict";
import { setupServer } from "msw/node";
import {
  createGraphMock,
  createMockClock,
  SAMPLE_APP_A_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  startGraphMockServer,
} from "../mocks/mod.ts";

const GRAPH = "https://graph.microsoft.com/v1.0";

Deno.test("fixture in-process with setupServer", async () => {
  const mock = createGraphMock({
    ...SAMPLE_TENANT,
    clock: createMockClock("2025-01-01T09:00:00Z"),
  });
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const response = await fetch(`${GRAPH}/users/${SAMPLE_USER_1_ID}/presence/clearPresence`, {
      method: "POST",
      headers: { Authorization: "Bearer test-token", "Content-Type": "application/json" },
      body: JSON.stringify({ sessionId: SAMPLE_APP_A_ID }),
    });

    assert.equal(response.status, 200);
    assert.equal(mock.presence.get(SAMPLE_USER_1_ID).availability, "Available");
    assert.deepEqual(mock.requests[0].body, { sessionId: SAMPLE_APP_A_ID });
  } finally {
    server.close();
  }
});

Deno.test("fixture over loopback with startGraphMockServer", async () => {
  await using server = await startGraphMockServer(SAMPLE_TENANT);
  server.mock.faults.add({ nth: 1, status: 503, retryAfter: 1 });

  const url = `${server.url}/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
  const headers = { Authorization: "Bearer test-token" };
  const first = await fetch(url, { headers });
  const second = await fetch(url, { headers });

  assert.equal(first.status, 503);
  assert.equal(first.headers.get("retry-after"), "1");
  assert.equal((await first.json()).error.code, "ServiceUnavailable");
  assert.equal((await second.json()).activity, "InACall");
});
