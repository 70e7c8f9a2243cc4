import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { runTask } from "./support/run_cli.ts";

Deno.test("mock-server rejects a malformed seed with the field path", async () => {
  const cases = [
    {
      seed: [{ id: 5 }],
      problem: "0.id: Invalid input: expected string, received number",
    },
    {
      seed: { users: [{ id: "u", sessions: "x" }] },
      problem: "users.0.sessions: Invalid input: expected array, received string",
    },
    {
      seed: { users: [{ id: "u", sessions: [{ sessionId: "s", availability: "Busy" }] }] },
      problem: "users.0.sessions.0.activity: Invalid input: expected string, received undefined",
    },
  ];
  for (const { seed, problem } of cases) {
    const file = await Deno.makeTempFile({ dir: "/tmp", suffix: ".json" });
    try {
      await Deno.writeTextFile(file, JSON.stringify(seed));

      const result = await runTask("mock-server", ["--seed", file]);

      assert.equal(result.code, 2);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        `mock-server: invalid --seed '${file}': ${problem}. Run with --help for usage.\n`,
      );
    } finally {
      await Deno.remove(file);
    }
  }
});

Deno.test("mock-server reports a port in use on one line", async () => {
  await using server = await startGraphMockServer({ users: [] });

  const result = await runTask("mock-server", ["--port", String(server.port)]);

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  assert.match(
    result.stderr,
    new RegExp(`^mock-server: cannot listen on 127\\.0\\.0\\.1:${server.port}: .*EADDRINUSE.*\\n$`),
  );
});
