import assert from "node:assert/strict";
import { invokeCommand } from "../src/runtime/invoke_command.ts";
import { COMMAND, recordingConnection, scriptedHost } from "./binding_support.ts";

const DESCRIPTION =
  `Performing the operation "Clear-MgCommunicationPresence_ClearExpanded" on target "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation".`;
const CONFIRM_PROMPT =
  '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): ';

async function confirmRun(answers: (string | undefined)[], input?: unknown[]) {
  const connection = recordingConnection();
  const host = scriptedHost(answers);
  const args = input ? ["-SessionId", "s", "-Confirm"] : ["-PresenceId", "p", "-Confirm"];
  const result = await invokeCommand(COMMAND, args, {
    connection,
    host,
    ...(input ? { input } : {}),
  });
  return { result, host, connection };
}

Deno.test("Confirm prompt text and Y sends the call", async () => {
  const { result, host, connection } = await confirmRun(["Y"]);
  assert.equal(result.exitCode, 0);
  assert.equal(connection.requests.length, 1);
  assert.equal(
    host.transcript(),
    `\nConfirm\nAre you sure you want to perform this action?\n${DESCRIPTION}\n${CONFIRM_PROMPT}Y\n`,
  );
});

Deno.test("Confirm empty answer takes the default Yes", async () => {
  const { connection } = await confirmRun([""]);
  assert.equal(connection.requests.length, 1);
});

Deno.test("Confirm N skips the call without an error", async () => {
  const { result, connection } = await confirmRun(["n"]);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.errors, []);
  assert.equal(connection.requests.length, 0);
});

Deno.test("Confirm ? prints help lines and asks again", async () => {
  const { host, connection } = await confirmRun(["?", "yes"]);
  assert.equal(connection.requests.length, 1);
  assert.equal(host.prompts.length, 2);
  const help = host.lines.map((line) => line.text).filter((text) => / - /.test(text));
  assert.deepEqual(help, [
    "Y - Continue with only the next step of the operation.",
    "A - Continue with all the steps of the operation.",
    "N - Skip this operation and proceed with the next operation.",
    "L - Skip this operation and all subsequent operations.",
    'S - Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.',
  ]);
});

Deno.test("Confirm unknown answer asks again", async () => {
  const { host, connection } = await confirmRun(["maybe", " ", "No"]);
  assert.equal(host.prompts.length, 3);
  assert.equal(connection.requests.length, 0);
});

Deno.test("Confirm A answers every later pipeline object", async () => {
  const objects = [{ PresenceId: "a" }, { PresenceId: "b" }, { PresenceId: "c" }];
  const { result, host, connection } = await confirmRun(["A"], objects);
  assert.equal(result.exitCode, 0);
  assert.equal(host.prompts.length, 1);
  assert.equal(connection.requests.length, 3);
});

Deno.test("Confirm L declines every later pipeline object", async () => {
  const objects = [{ PresenceId: "a" }, { PresenceId: "b" }];
  const { host, connection } = await confirmRun(["L"], objects);
  assert.equal(host.prompts.length, 1);
  assert.equal(connection.requests.length, 0);
});

Deno.test("Confirm without a terminal fails as NonInteractive", async () => {
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-Confirm"], {
    connection: recordingConnection(),
  });
  assert.equal(result.exitCode, 1);
  const record = result.terminatingError!;
  assert.equal(
    record.fullyQualifiedErrorId,
    "InvalidOperation,Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded",
  );
  assert.equal(record.category, "InvalidOperation");
  assert.equal(record.exceptionType, "PSInvalidOperationException");
  assert.equal(
    record.message,
    "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
  );
});

Deno.test("ConfirmPreference Medium prompts without -Confirm", async () => {
  const host = scriptedHost(["N"]);
  await invokeCommand(COMMAND, ["-PresenceId", "p"], {
    connection: recordingConnection(),
    host,
    preferences: { confirm: "Medium" },
  });
  assert.equal(host.prompts.length, 1);
});

Deno.test("-WhatIf beats -Confirm", async () => {
  const host = scriptedHost([]);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-WhatIf", "-Confirm"], {
    connection: recordingConnection(),
    host,
  });
  assert.equal(host.prompts.length, 0);
  assert.equal(host.lines[0].text, `What if: ${DESCRIPTION}`);
  assert.equal(result.exitCode, 0);
});

Deno.test("WhatIfPreference true acts as -WhatIf, -WhatIf:$false overrides it", async () => {
  const connection = recordingConnection();
  const preferred = await invokeCommand(COMMAND, ["-PresenceId", "p"], {
    connection,
    preferences: { whatIf: true },
  });
  assert.deepEqual(preferred.streams.host, [`What if: ${DESCRIPTION}`]);
  await invokeCommand(COMMAND, ["-PresenceId", "p", "-WhatIf:$false"], {
    connection,
    preferences: { whatIf: true },
  });
  assert.equal(connection.requests.length, 1);
});

Deno.test("-Verbose writes the auto-confirmed operation", async () => {
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-Verbose"], {
    connection: recordingConnection(),
  });
  assert.equal(result.streams.verbose[0], DESCRIPTION);
});

Deno.test("mandatory prompt binds the typed value", async () => {
  const connection = recordingConnection();
  const host = scriptedHost(["user-1"]);
  const result = await invokeCommand(COMMAND, ["-SessionId", "s"], { connection, host });
  assert.equal(result.exitCode, 0);
  assert.equal(
    host.transcript(),
    "\ncmdlet Clear-MgCommunicationPresence at command pipeline position 1\nSupply values for the following parameters:\nPresenceId: user-1\n",
  );
  assert.match(new URL(connection.requests[0].url).pathname, /\/presences\/user-1\//);
});

Deno.test("mandatory prompt: an empty answer is an empty string", async () => {
  const result = await invokeCommand(COMMAND, [], { host: scriptedHost([""]) });
  assert.equal(result.exitCode, 2);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    `ParameterArgumentValidationErrorEmptyStringNotAllowed,${COMMAND}`,
  );
});

Deno.test("mandatory prompt: end of input is MissingMandatoryParameter", async () => {
  const result = await invokeCommand(COMMAND, [], { host: scriptedHost([undefined]) });
  assert.equal(result.exitCode, 2);
  assert.equal(result.errors[0].fullyQualifiedErrorId, `MissingMandatoryParameter,${COMMAND}`);
});

Deno.test("-ErrorAction Inquire asks after each error; Halt stops", async () => {
  const objects = ["x", "y", "z"];
  const host = scriptedHost(["Y", "H"]);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-ea", "Inquire"], {
    connection: recordingConnection(),
    host,
    input: objects,
  });
  assert.equal(host.prompts.length, 2);
  assert.equal(
    host.prompts[0],
    '[Y] Yes  [A] Yes to All  [H] Halt Command  [S] Suspend  [?] Help (default is "Y"): ',
  );
  assert.equal(result.exitCode, 1);
  assert.equal(result.errors.length, 3);
  assert.equal(
    result.terminatingError?.message,
    "The running command stopped because the user selected the Stop option.",
  );
});

Deno.test("-ErrorAction Inquire: Yes to All stops asking", async () => {
  const host = scriptedHost(["A"]);
  const result = await invokeCommand(COMMAND, ["-PresenceId", "p", "-ea", "inq"], {
    host,
    input: ["x", "y", "z"],
  });
  assert.equal(host.prompts.length, 1);
  assert.equal(result.errors.length, 3);
});

Deno.test("*Variable results: errors, output and appending", async () => {
  const silent = await invokeCommand(
    COMMAND,
    ["-PresenceId", "p", "-ea", "SilentlyContinue", "-ev", "+errs"],
    { input: ["x", "y"], variables: { errs: ["earlier"] } },
  );
  assert.equal(silent.variables.errs.length, 3);
  assert.equal(silent.variables.errs[0], "earlier");

  const ignored = await invokeCommand(COMMAND, ["-PresenceId", "p", "-ea", "Ignore", "-ev", "e"], {
    input: ["x"],
  });
  assert.deepEqual(ignored.variables.e, []);

  const output = await invokeCommand(COMMAND, ["-PresenceId", "p", "-PassThru", "-ov", "out"], {
    connection: recordingConnection(),
  });
  assert.deepEqual(output.variables, { out: [true] });
});
