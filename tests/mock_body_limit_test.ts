import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { MAX_REQUEST_BODY_BYTES } from "../mocks/mock_exchange.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";

Deno.test("mock rejects an oversized body with 413", async () => {
  await using server = await startGraphMockServer({ users: [] });
  const body = JSON.stringify({ sessionId: "x".repeat(MAX_REQUEST_BODY_BYTES) });

  const response = await fetch(`${server.url}/v1.0/users/${USER}/presence/clearPresence`, {
    method: "POST",
    headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
    body,
  });
  const error = (await response.json()).error;

  assert.equal(response.status, 413);
  assert.equal(error.code, "RequestEntityTooLarge");
  assert.equal(error.message, `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`);
  assert.equal(server.mock.requests.length, 1);
  assert.equal(server.mock.requests[0].status, 413);
  assert.equal(server.mock.requests[0].body, undefined);
});

Deno.test("mock accepts a body at the limit", async () => {
  await using server = await startGraphMockServer({ users: [] });
  const padding = MAX_REQUEST_BODY_BYTES - JSON.stringify({ sessionId: "" }).length;
  const body = JSON.stringify({ sessionId: "x".repeat(padding) });

  const response = await fetch(`${server.url}/v1.0/users/${USER}/presence/clearPresence`, {
    method: "POST",
    headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
    body,
  });
  await response.body?.cancel();

  assert.equal(body.length, MAX_REQUEST_BODY_BYTES);
  assert.equal(response.status, 404);
});
