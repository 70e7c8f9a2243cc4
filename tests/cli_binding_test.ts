import assert from "node:assert/strict";
import { startGraphMockServer } from "../mocks/mod.ts";
import { runCli } from "./support/run_cli.ts";

const CLEAR = "Clear-MgCommunicationPresence";
const USER = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const TOKEN = "cli-binding-token";
const CLI_PATH = new URL("../src/cli.ts", import.meta.url).pathname;
const WHAT_IF =
  `What if: Performing the operation "Clear-MgCommunicationPresence_ClearExpanded" on target "Call remote 'POST /communications/presences/{presence-id}/microsoft.graph.clearPresence' operation".`;
const UNKNOWN_PARAMETER = [CLEAR, "-PresenceId", "p", "-Foo", "1"];

Deno.test("CLI binding error exits 2 with ConciseView", async () => {
  const result = await runCli(UNKNOWN_PARAMETER);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, "");
  assert.equal(
    result.stderr,
    "Clear-MgCommunicationPresence: A parameter cannot be found that matches parameter name 'Foo'.\n",
  );
});

Deno.test("CLI NormalView adds CategoryInfo and FullyQualifiedErrorId", async () => {
  const result = await runCli(UNKNOWN_PARAMETER, { env: { ErrorView: "NormalView" } });
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    [
      "Clear-MgCommunicationPresence : A parameter cannot be found that matches parameter name 'Foo'.",
      "+ CategoryInfo          : InvalidArgument: (:) [Clear-MgCommunicationPresence], ParameterBindingException",
      "+ FullyQualifiedErrorId : NamedParameterNotFound,Clear-MgCommunicationPresence",
      "",
    ].join("\n"),
  );
});

Deno.test("CLI CategoryView prints the CategoryInfo line", async () => {
  const result = await runCli(UNKNOWN_PARAMETER, { env: { ErrorView: "categoryview" } });
  assert.equal(
    result.stderr,
    "InvalidArgument: (:) [Clear-MgCommunicationPresence], ParameterBindingException\n",
  );
});

Deno.test("CLI DetailedView lists the record's properties", async () => {
  const result = await runCli(UNKNOWN_PARAMETER, { env: { ErrorView: "DetailedView" } });
  assert.equal(
    result.stderr,
    [
      "",
      "Exception             : ",
      "    Type    : System.Management.Automation.ParameterBindingException",
      "    Message : A parameter cannot be found that matches parameter name 'Foo'.",
      "CategoryInfo          : InvalidArgument: (:) [Clear-MgCommunicationPresence], ParameterBindingException",
      "FullyQualifiedErrorId : NamedParameterNotFound,Clear-MgCommunicationPresence",
      "InvocationInfo        : ",
      "    MyCommand : Clear-MgCommunicationPresence",
      "",
      "",
    ].join("\n"),
  );
});

Deno.test("CLI JsonView writes one JSON record", async () => {
  const result = await runCli(UNKNOWN_PARAMETER, { env: { ErrorView: "JsonView" } });
  assert.equal(result.code, 2);
  assert.deepEqual(JSON.parse(result.stderr), {
    fullyQualifiedErrorId: "NamedParameterNotFound,Clear-MgCommunicationPresence",
    category: "InvalidArgument",
    message: "A parameter cannot be found that matches parameter name 'Foo'.",
    exceptionType: "ParameterBindingException",
    targetObject: null,
  });
});

Deno.test("CLI unknown command is CommandNotFoundException, exit 2", async () => {
  const concise = await runCli(["Get-MgNothing", "-x"]);
  assert.equal(concise.code, 2);
  assert.equal(
    concise.stderr,
    "Get-MgNothing: The term 'Get-MgNothing' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.\n",
  );
  const category = await runCli(["Get-MgNothing"], { env: { ErrorView: "CategoryView" } });
  assert.equal(
    category.stderr,
    "ObjectNotFound: (Get-MgNothing:String) [], CommandNotFoundException\n",
  );
  const json = await runCli(["Get-MgNothing"], { env: { ErrorView: "JsonView" } });
  assert.equal(JSON.parse(json.stderr).fullyQualifiedErrorId, "CommandNotFoundException");
});

Deno.test("CLI WhatIf writes the exact text to stderr and exits 0", async () => {
  const result = await runCli([CLEAR, "-PresenceId", "p", "-PassThru", "-WhatIf"]);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, `${WHAT_IF}\n`);
});

Deno.test("CLI WhatIfPreference from the environment", async () => {
  const result = await runCli([CLEAR, "-PresenceId", "p"], { env: { WhatIfPreference: "true" } });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, `${WHAT_IF}\n`);
});

Deno.test("CLI -? and --help print the command help on stdout", async () => {
  const dashQuestion = await runCli([CLEAR, "-PresenceId", "p", "-?"]);
  assert.equal(dashQuestion.code, 0);
  assert.equal(dashQuestion.stderr, "");
  for (const section of ["NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS"]) {
    assert.match(dashQuestion.stdout, new RegExp(`^${section}$`, "m"), section);
  }
  assert.match(
    dashQuestion.stdout,
    /^ {4}Clear-MgCommunicationPresence -PresenceId <String> \[-AdditionalProperties <Hashtable>\] \[-SessionId <String>\] \[-PassThru\] \[-WhatIf\] \[-Confirm\] \[<CommonParameters>\]$/m,
  );
  const help = await runCli(["--help", "clear-mgcommunicationpresence"]);
  assert.equal(help.stdout, dashQuestion.stdout);
});

Deno.test("CLI -Confirm without a terminal fails as NonInteractive", async () => {
  const result = await runCli([CLEAR, "-PresenceId", "p", "-Confirm"], {
    env: { ErrorView: "JsonView", MG_ACCESS_TOKEN: TOKEN, MG_GRAPH_ENDPOINT: "http://127.0.0.1:9" },
  });
  assert.equal(result.code, 1);
  const record = JSON.parse(result.stderr);
  assert.equal(
    record.message,
    "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
  );
  assert.equal(record.category, "InvalidOperation");
});

Deno.test("CLI missing mandatory parameter without a terminal exits 2", async () => {
  const result = await runCli([CLEAR, "-SessionId", "s"]);
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    "Clear-MgCommunicationPresence: Cannot process command because of one or more missing mandatory parameters: PresenceId.\n",
  );
});

/** Runs the CLI under a pseudo-terminal (`script`), typing `answers` ahead, one per line. */
async function runCliInTerminal(
  args: readonly string[],
  answers: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; text: string }> {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const commandLine = [Deno.execPath(), "run", "-A", CLI_PATH, ...args].map(quote).join(" ");
  const child = new Deno.Command("script", {
    args: ["-qec", commandLine, "/dev/null"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...env },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(answers.map((answer) => `${answer}\n`).join("")));
  await writer.close();
  const output = await child.output();
  return {
    code: output.code,
    text: new TextDecoder().decode(output.stdout).replaceAll("\r\n", "\n"),
  };
}

async function withPresenceServer(
  body: (
    server: Awaited<ReturnType<typeof startGraphMockServer>>,
    env: Record<string, string>,
  ) => Promise<void>,
): Promise<void> {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
  });
  await body(server, { MG_GRAPH_ENDPOINT: server.url, MG_ACCESS_TOKEN: TOKEN });
}

const CONFIRM_PROMPT =
  '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): ';
const CONFIRM_ARGS = [CLEAR, "-PresenceId", USER, "-SessionId", APP, "-PassThru", "-Confirm"];

Deno.test("CLI Confirm under a terminal: N sends nothing", async () => {
  await withPresenceServer(async (server, env) => {
    const result = await runCliInTerminal(CONFIRM_ARGS, ["N"], env);
    assert.equal(result.code, 0);
    assert.ok(
      result.text.includes(
        `\nConfirm\nAre you sure you want to perform this action?\n${
          WHAT_IF.slice(9)
        }\n${CONFIRM_PROMPT}`,
      ),
      result.text,
    );
    assert.equal(server.mock.requests.length, 0);
  });
});

Deno.test("CLI Confirm under a terminal: Y sends the call", async () => {
  await withPresenceServer(async (server, env) => {
    const result = await runCliInTerminal(CONFIRM_ARGS, ["Y"], env);
    assert.equal(result.code, 0, result.text);
    // The answer was typed ahead, so the terminal echoed it before the prompt appeared.
    assert.ok(result.text.endsWith(`${CONFIRM_PROMPT}true\n`), result.text);
    assert.equal(server.mock.requests.length, 1);
  });
});

Deno.test("CLI Confirm under a terminal: A sends the call", async () => {
  await withPresenceServer(async (server, env) => {
    const result = await runCliInTerminal(CONFIRM_ARGS, ["a"], env);
    assert.equal(result.code, 0, result.text);
    assert.equal(server.mock.requests.length, 1);
  });
});

Deno.test("CLI Confirm under a terminal: ? shows help, then asks again", async () => {
  await withPresenceServer(async (server, env) => {
    const result = await runCliInTerminal(CONFIRM_ARGS, ["?", "n"], env);
    assert.equal(result.code, 0, result.text);
    assert.ok(
      result.text.includes(
        `${CONFIRM_PROMPT}Y - Continue with only the next step of the operation.\n`,
      ),
      result.text,
    );
    assert.ok(result.text.includes("\nL - Skip this operation and all subsequent operations.\n"));
    assert.equal(result.text.split(CONFIRM_PROMPT).length - 1, 2, result.text);
    assert.equal(server.mock.requests.length, 0);
  });
});

Deno.test("CLI mandatory prompt under a terminal binds the answer", async () => {
  await withPresenceServer(async (server, env) => {
    const result = await runCliInTerminal([CLEAR, "-SessionId", APP, "-PassThru"], [USER], env);
    assert.equal(result.code, 0, result.text);
    assert.ok(
      result.text.includes(
        "\ncmdlet Clear-MgCommunicationPresence at command pipeline position 1\nSupply values for the following parameters:\nPresenceId: ",
      ),
      result.text,
    );
    assert.equal(
      server.mock.requests.at(-1)?.path,
      `/v1.0/communications/presences/${USER}/microsoft.graph.clearPresence`,
    );
  });
});
