import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { jsonLines, runCli } from "./support/run_cli.ts";

const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const OTHER_USER = "0b3c1a2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const TOKEN = "cli-test-token";
const CLEAR = "Clear-MgCommunicationPresence";

function cliEnvironment(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { MG_GRAPH_ENDPOINT: url, MG_ACCESS_TOKEN: TOKEN, ...extra };
}

Deno.test("CLI clear with -PassThru writes true and sends the SDK's request", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });

  const result = await runCli([CLEAR, "-PresenceId", USER, "-SessionId", APP, "-PassThru"], {
    env: cliEnvironment(server.url),
  });

  assert.equal(result.stderr, "");
  assert.equal(result.stdout, "true\n");
  assert.equal(result.code, 0);
  const request = server.mock.requests.at(-1)!;
  assert.equal(request.method, "POST");
  assert.equal(
    request.path,
    `/v1.0/communications/presences/${USER}/microsoft.graph.clearPresence`,
  );
  assert.deepEqual(request.body, { sessionId: APP });
  assert.equal(request.headers["content-type"], "application/json");
  assert.equal(request.headers["authorization"], `Bearer ${TOKEN}`);
  assert.match(
    request.headers["client-request-id"],
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.deepEqual(
    {
      availability: server.mock.presence.get(USER).availability,
      activity: server.mock.presence.get(USER).activity,
    },
    { availability: "Offline", activity: "Offline" },
  );
});

Deno.test("CLI clear without -PassThru writes nothing to stdout", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
  });

  const result = await runCli([CLEAR, "-PresenceId", USER, "-SessionId", APP], {
    env: cliEnvironment(server.url),
  });

  assert.equal(result.stdout, "");
  assert.equal(result.stderr, "");
  assert.equal(result.code, 0);
  assert.equal(server.mock.presence.sessions(USER).length, 0);
});

Deno.test("CLI second clear exits 1 with the Graph 404 error record", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
  });
  const args = [CLEAR, "-PresenceId", USER, "-SessionId", APP, "-PassThru"];
  const env = cliEnvironment(server.url, { ErrorView: "JsonView" });

  const first = await runCli(args, { env });
  const second = await runCli(args, { env });

  assert.equal(first.code, 0);
  assert.equal(second.code, 1);
  assert.equal(second.stdout, "");
  const [record, ...rest] = jsonLines(second.stderr);
  assert.equal(rest.length, 0);
  assert.equal(server.mock.requests.at(-1)!.status, 404);
  assert.equal(
    record.fullyQualifiedErrorId,
    "NotFound,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
  assert.equal(record.exceptionType, "Exception");
  assert.equal(record.category, "InvalidOperation");
  assert.deepEqual(record.targetObject, { PresenceId: USER, body: { sessionId: APP } });
  const lines = String(record.message).split("\n");
  assert.equal(lines[1], "");
  assert.equal(lines[2], "Status: 404 (NotFound)");
  assert.equal(lines[0], `The presence session '${APP}' does not exist for user '${USER}'.`);
  assert.equal(lines[3], "ErrorCode: NotFound");
  assert.match(lines[4], /^Date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(lines[5], "Headers:");
});

Deno.test("CLI ConciseView names the variant command for a Graph error", async () => {
  await using server = await startGraphMockServer({ users: [] });

  const result = await runCli([CLEAR, "-PresenceId", USER, "-SessionId", APP], {
    env: cliEnvironment(server.url),
  });

  assert.equal(result.code, 1);
  assert.ok(result.stderr.startsWith(`${CLEAR}_ClearExpanded: `), result.stderr);
  assert.match(result.stderr, /\n\nStatus: 404 \(NotFound\)\n/);
});

Deno.test("CLI escapes a hostile id into one path segment", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(OTHER_USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  const hostileIds = [
    `../../users/${OTHER_USER}`,
    `${OTHER_USER}/presence?x=1#frag`,
    `a b/../${OTHER_USER}`,
    "a..b",
    "..x",
    `%2F..%2F${OTHER_USER}`,
  ];

  for (const id of hostileIds) {
    const result = await runCli([CLEAR, "-PresenceId", id, "-SessionId", APP], {
      env: cliEnvironment(server.url, { ErrorView: "JsonView" }),
    });
    const request = server.mock.requests.at(-1)!;
    const segments = request.path.split("/");
    assert.deepEqual(
      segments.slice(0, 4),
      ["", "v1.0", "communications", "presences"],
      request.path,
    );
    assert.equal(segments.length, 6, request.path);
    assert.equal(decodeURIComponent(segments[4]), id);
    assert.equal(segments[5], "microsoft.graph.clearPresence");
    assert.equal(result.code, 1, `${id}: ${result.stderr}`);
  }
  assert.equal(server.mock.presence.sessions(OTHER_USER).length, 1);
});

Deno.test("CLI rejects dot-segment ids without a request", async () => {
  await using server = await startGraphMockServer({ users: [] });

  for (const id of [".", ".."]) {
    const result = await runCli([CLEAR, "-PresenceId", id, "-SessionId", APP], {
      env: cliEnvironment(server.url, { ErrorView: "JsonView" }),
    });
    const [record] = jsonLines(result.stderr);
    assert.equal(result.code, 1);
    assert.equal(
      record.fullyQualifiedErrorId,
      "System.ArgumentException,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
    );
    assert.equal(record.category, "InvalidArgument");
  }
  assert.equal(server.mock.requests.length, 0);
});
