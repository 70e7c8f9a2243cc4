import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import {
  clearMgCommunicationPresence,
  type ClearMgCommunicationPresenceParameters,
  type GraphConnection,
  invokeCommand,
  TerminatingError,
} from "../mod.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";

function connectionTo(url: string): GraphConnection {
  return { endpoint: url, getAccessToken: () => Promise.resolve("library-test-token") };
}

Deno.test("clearMgCommunicationPresence clears with PassThru", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });

  const result = await clearMgCommunicationPresence(
    { PresenceId: USER, SessionId: APP, AdditionalProperties: {}, PassThru: true },
    { connection: connectionTo(server.url) },
  );

  assert.deepEqual(result.output, [true]);
  assert.deepEqual(result.errors, []);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(server.mock.requests.at(-1)!.body, { sessionId: APP });
});

Deno.test("clearMgCommunicationPresence sends BodyParameter as given", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
  });

  const result = await clearMgCommunicationPresence(
    { InputObject: { presenceid: USER }, BodyParameter: { sessionId: APP } },
    { connection: connectionTo(server.url) },
  );

  assert.deepEqual(result.output, []);
  assert.equal(result.exitCode, 0);
  const request = server.mock.requests.at(-1)!;
  assert.equal(
    request.path,
    `/v1.0/communications/presences/${USER}/microsoft.graph.clearPresence`,
  );
  assert.deepEqual(request.body, { sessionId: APP });
});

Deno.test("clearMgCommunicationPresence returns a Graph 404 as an error", async () => {
  await using server = await startGraphMockServer({ users: [] });

  const result = await clearMgCommunicationPresence(
    { PresenceId: USER, SessionId: APP, PassThru: true },
    { connection: connectionTo(server.url) },
  );

  assert.deepEqual(result.output, []);
  assert.equal(result.exitCode, 1);
  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    "NotFound,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
});

Deno.test("clearMgCommunicationPresence throws on a binding failure", async () => {
  const parameters = {
    PresenceId: "p",
    InputObject: { PresenceId: "p" },
  } as unknown as ClearMgCommunicationPresenceParameters;
  const connection = connectionTo("http://127.0.0.1:9");

  const error = await clearMgCommunicationPresence(parameters, { connection }).catch((caught) =>
    caught
  );

  assert.ok(error instanceof TerminatingError);
  assert.equal(error.bindingFailure, true);
  assert.equal(
    error.record.fullyQualifiedErrorId,
    "AmbiguousParameterSet,Clear-MgCommunicationPresence",
  );
});

Deno.test("clearMgCommunicationPresence throws without InputObject.PresenceId", async () => {
  const connection = connectionTo("http://127.0.0.1:9");

  const error = await clearMgCommunicationPresence({
    InputObject: { UserId: USER },
    SessionId: APP,
  }, { connection })
    .catch((caught) => caught);

  assert.ok(error instanceof TerminatingError);
  assert.equal(error.bindingFailure, false);
  assert.equal(error.record.message, "InputObject has null value for InputObject.PresenceId");
  assert.equal(error.record.category, "InvalidArgument");
});

Deno.test("invokeCommand without a connection reports the credentials error", async () => {
  const result = await invokeCommand("Clear-MgCommunicationPresence", [
    "-PresenceId",
    USER,
    "-SessionId",
    APP,
  ]);

  assert.equal(result.exitCode, 1);
  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].message,
    "Authentication needed. Set MG_ACCESS_TOKEN to a bearer token, or MG_TENANT_ID, MG_CLIENT_ID and MG_CLIENT_SECRET for client credentials.",
  );
  assert.equal(result.terminatingError, result.errors[0]);
});
