// The README promises that tokens and secrets never appear in any output, -Debug included, and the
// library takes the CLI's settings as GraphConnection fields. The CLI rejects an MG_GRAPH_ENDPOINT
// with user information, so a GraphConnection endpoint with a password must not show it either,
// whether the run is serial, parallel or batched.
import assert from "node:assert/strict";
import { type BulkOptions, type GraphConnection, invokeCommand } from "../mod.ts";

const PASSWORD = "library-endpoint-password-5c2e";
const APP_ID = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const USER_ID = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";

/** Returns 200 for every clear, and a `$batch` response with status 200 for each step. */
const answeringFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.endsWith("/$batch")) return Promise.resolve(new Response(null, { status: 200 }));
  const { requests } = JSON.parse(String(init?.body)) as { requests: { id: string }[] };
  const responses = requests.map((step) => ({ id: step.id, status: 200, headers: {} }));
  return Promise.resolve(Response.json({ responses }));
};

function connectionWithPassword(): GraphConnection {
  return {
    endpoint: `http://user:${PASSWORD}@127.0.0.1:9`,
    getAccessToken: () => Promise.resolve("library-test-token"),
    fetch: answeringFetch,
    retry: { maxRetries: 0 },
  };
}

async function assertPasswordHidden(bulk: BulkOptions): Promise<void> {
  const result = await invokeCommand(
    "Clear-MgCommunicationPresence",
    ["-SessionId", APP_ID, "-PassThru", "-Verbose", "-Debug"],
    { input: [{ PresenceId: USER_ID }], connection: connectionWithPassword(), ...bulk },
  );

  const verbose = result.streams.verbose.join("\n");
  const debug = result.streams.debug.join("\n");
  const errors = result.errors.map((record) => record.message).join("\n");
  assert.ok(!verbose.includes(PASSWORD), `a VERBOSE line contains the password:\n${verbose}`);
  assert.ok(!debug.includes(PASSWORD), `a DEBUG line contains the password:\n${debug}`);
  assert.ok(!errors.includes(PASSWORD), `an error record contains the password:\n${errors}`);
}

Deno.test("library hides endpoint password serially", async () => {
  await assertPasswordHidden({});
});

Deno.test("library hides endpoint password in parallel", async () => {
  await assertPasswordHidden({ throttleLimit: 4 });
});

Deno.test("library hides endpoint password in $batch calls", async () => {
  await assertPasswordHidden({ batch: true });
});
