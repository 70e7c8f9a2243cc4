import assert from "node:assert/strict";
import { type GraphConnection, invokeCommand } from "../mod.ts";

const APP_ID = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const USERS = [
  "fa8bf3dc-eca7-46b7-bad1-db199b62afc3",
  "0b3c1a2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  "6e7a9b2c-3d4f-4a1b-8c5d-0e9f1a2b3c4d",
];

/** Returns 200 for every `$batch` step, without a network. */
const batchFetch: typeof fetch = (_input, init) => {
  const { requests } = JSON.parse(String(init?.body)) as { requests: { id: string }[] };
  const responses = requests.map((step) => ({ id: step.id, status: 200, headers: {} }));
  return Promise.resolve(Response.json({ responses }));
};

Deno.test("batched -Debug dumps each $batch call once", async () => {
  const connection: GraphConnection = {
    endpoint: "http://127.0.0.1:9",
    getAccessToken: () => Promise.resolve("t"),
    fetch: batchFetch,
  };

  const result = await invokeCommand(
    "Clear-MgCommunicationPresence",
    ["-SessionId", APP_ID, "-PassThru", "-Debug", "-Verbose"],
    { input: USERS.map((PresenceId) => ({ PresenceId })), connection, batch: true },
  );

  assert.deepEqual(result.output, [true, true, true]);
  const requestDumps = result.streams.debug.filter((line) => line.includes("HTTP REQUEST"));
  assert.equal(requestDumps.length, 1);
  const stepLines = result.streams.verbose.filter((line) => line.includes("of the $batch request"));
  assert.equal(stepLines.length, USERS.length);
});
