import assert from "node:assert/strict";
import { SAMPLE_APP_A_ID, SAMPLE_USER_1_ID } from "../mocks/mod.ts";
import { runCli, runTask } from "./support/run_cli.ts";

Deno.test("demo shows the presence transitions and exits", async () => {
  const result = await runTask("demo");
  const stdout = result.stdout;

  assert.equal(result.code, 0, result.stderr);
  assert.match(
    stdout,
    /user 1: Busy\/InACall \(2 sessions\) {2}-> {2}Available\/Available \(1 session\)/,
  );
  assert.match(
    stdout,
    /user 2: Available\/Available \(1 session\) {2}-> {2}Offline\/Offline \(0 sessions\)/,
  );
  assert.match(
    stdout,
    /Clear-MgCommunicationPresence_ClearExpanded: .*\n\nStatus: 404 \(NotFound\)/,
  );
  assert.equal(stdout.match(/^true$/gm)?.length, 2);
});

Deno.test("CLI --mock clears a session of the sample tenant", async () => {
  const args = [
    "--mock",
    "Clear-MgCommunicationPresence",
    "-PresenceId",
    SAMPLE_USER_1_ID,
    "-SessionId",
    SAMPLE_APP_A_ID,
    "-PassThru",
  ];

  const result = await runCli(args);

  assert.equal(result.stderr, "");
  assert.equal(result.stdout, "true\n");
  assert.equal(result.code, 0);
});
