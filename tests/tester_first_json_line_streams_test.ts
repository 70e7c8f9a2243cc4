// The CLI contract streams pipeline input, so each item is processed as it arrives. The first JSON
// line is a complete object and must be processed before more input arrives, as later lines are.
// Today it waits for a second value or EOF, which stalls a producer that writes one item and waits.
import assert from "node:assert/strict";
import { CLI_PATH } from "./support/run_cli.ts";

const WAIT_MS = 5_000;

Deno.test("CLI processes first JSON line before EOF", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI_PATH,
      "Clear-MgCommunicationPresence",
      "-SessionId",
      "22553876-f5ab-4529-bffb-cfe50aa89f87",
      "-WhatIf",
    ],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "", NO_COLOR: "1" },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode('{"PresenceId":"fa8bf3dc-eca7-46b7-bad1-db199b62afc3"}\n'),
  );

  // Read stderr until the first What if line or the deadline, with stdin still open.
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), WAIT_MS);
  });
  let outcome: "whatIf" | "timeout" | "closed" = "closed";
  while (true) {
    const next = await Promise.race([reader.read(), deadline]);
    if (next === "timeout") {
      outcome = "timeout";
      break;
    }
    if (next.done) break;
    stderr += next.value;
    if (stderr.includes("What if: ")) {
      outcome = "whatIf";
      break;
    }
  }
  clearTimeout(timer);

  await writer.close();
  while (!(await reader.read()).done) {
    // Drain the rest so the child can exit.
  }
  const status = await child.status;

  assert.equal(outcome, "whatIf", `no What if line within ${WAIT_MS} ms while stdin was open`);
  assert.equal(status.code, 0);
});
