import assert from "node:assert/strict";
import { type GraphConnection, invokeCommand } from "../mod.ts";

const APP_ID = "22553876-f5ab-4529-bffb-cfe50aa89f87";

Deno.test("parallel items waiting for the pacer do not time out", async () => {
  let calls = 0;
  // The first request is throttled for one second; every later one succeeds.
  const throttlingFetch: typeof fetch = () => {
    calls++;
    if (calls === 1) {
      return Promise.resolve(
        Response.json({ error: { code: "TooManyRequests", message: "Throttled." } }, {
          status: 429,
          headers: { "Retry-After": "1" },
        }),
      );
    }
    return Promise.resolve(new Response(null, { status: 200 }));
  };
  const connection: GraphConnection = {
    endpoint: "http://127.0.0.1:9",
    getAccessToken: () => Promise.resolve("t"),
    fetch: throttlingFetch,
    retry: { maxRetries: 0 },
    timeoutMs: 300,
  };
  const input = ["a", "b", "c", "d"].map((id) => ({ PresenceId: `user-${id}` }));

  const result = await invokeCommand(
    "Clear-MgCommunicationPresence",
    ["-SessionId", APP_ID, "-PassThru"],
    { input, connection, throttleLimit: 4 },
  );

  assert.deepEqual(result.output, [true, true, true]);
  assert.deepEqual(
    result.errors.map((record) => record.fullyQualifiedErrorId),
    ["TooManyRequests,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearViaIdentityExpanded"],
  );
  assert.equal(calls, 4);
});
