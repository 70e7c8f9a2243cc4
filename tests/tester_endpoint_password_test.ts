// The README promises that tokens and secrets never appear in any output, -Debug included. A
// password in MG_GRAPH_ENDPOINT's user information is a secret, so the VERBOSE request lines and the
// DEBUG "Absolute Uri" must not echo it, whether the CLI rejects such an endpoint or strips it.
import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { runCli } from "./support/run_cli.ts";

const PASSWORD = "endpoint-password-8d1f";

Deno.test("CLI hides endpoint password under -Debug", async () => {
  await using server = await startGraphMockServer({ users: [] });
  const endpoint = new URL(server.url);
  endpoint.username = "user";
  endpoint.password = PASSWORD;

  const result = await runCli(
    [
      "Clear-MgCommunicationPresence",
      "-PresenceId",
      "fa8bf3dc-eca7-46b7-bad1-db199b62afc3",
      "-SessionId",
      "22553876-f5ab-4529-bffb-cfe50aa89f87",
      "-Verbose",
      "-Debug",
    ],
    { env: { MG_GRAPH_ENDPOINT: endpoint.href, MG_ACCESS_TOKEN: "cli-test-token" } },
  );

  assert.ok(!result.stderr.includes(PASSWORD), `stderr contains the password:\n${result.stderr}`);
  assert.ok(!result.stdout.includes(PASSWORD), `stdout contains the password:\n${result.stdout}`);
});
