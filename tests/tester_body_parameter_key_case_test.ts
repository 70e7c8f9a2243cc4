// The real cmdlet converts a -BodyParameter hashtable or piped object through the body model's
// type converter, which matches property names case-insensitively (AutoRest's
// TypeConverterExtensions). The model then serializes SessionId under its wire name `sessionId`,
// so `@{SessionId='…'}` and `{"SESSIONID": …}` both send `{"sessionId": "…"}`.
import assert from "node:assert/strict";
import { invokeCommand } from "../mod.ts";
import { startGraphMockServer } from "../mocks/mod.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const CLEAR = "Clear-MgCommunicationPresence";

const BODY_LITERALS = [
  { label: "@{SessionId=…}", literal: `@{SessionId='${APP}'}` },
  { label: "@{SESSIONID=…}", literal: `@{SESSIONID='${APP}'}` },
  { label: '{"SessionId":…}', literal: `{"SessionId":"${APP}"}` },
];

for (const { label, literal } of BODY_LITERALS) {
  Deno.test(`-BodyParameter ${label} sends sessionId`, async () => {
    await using server = await startGraphMockServer({ users: [] });
    server.mock.presence.setPresence(USER, {
      sessionId: APP,
      availability: "Available",
      activity: "Available",
    });

    const result = await invokeCommand(
      CLEAR,
      ["-PresenceId", USER, "-BodyParameter", literal, "-PassThru"],
      { connection: { endpoint: server.url, getAccessToken: () => Promise.resolve("t") } },
    );

    assert.deepEqual(server.mock.requests.at(-1)?.body, { sessionId: APP });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.output, [true]);
    assert.equal(server.mock.presence.sessions(USER).length, 0);
  });
}

Deno.test("piped body with SessionId sends sessionId", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
  });

  // A piped object binds -BodyParameter (Clear set) when -PresenceId is on the command line.
  const result = await invokeCommand(CLEAR, ["-PresenceId", USER, "-PassThru"], {
    input: [{ SessionId: APP }],
    connection: { endpoint: server.url, getAccessToken: () => Promise.resolve("t") },
  });

  assert.deepEqual(server.mock.requests.at(-1)?.body, { sessionId: APP });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.output, [true]);
});
