import assert from "node:assert/strict";
import { TerminatingError } from "../src/runtime/error_record.ts";
import { DEFAULT_PREFERENCES, preferencesFromEnvironment } from "../src/runtime/preferences.ts";
import { runCli } from "./support/run_cli.ts";

const CLEAR = "Clear-MgCommunicationPresence";

function read(variables: Record<string, string>): (name: string) => string | undefined {
  return (name) => variables[name];
}

Deno.test("preferencesFromEnvironment reads PowerShell's preference names", () => {
  const preferences = preferencesFromEnvironment(
    read({
      ErrorActionPreference: "stop",
      WhatIfPreference: "$True",
      ConfirmPreference: "low",
      VerbosePreference: "Continue",
      DebugPreference: "continue",
      WarningPreference: "SilentlyContinue",
    }),
    CLEAR,
  );

  assert.deepEqual(preferences, {
    errorAction: "Stop",
    warningAction: "SilentlyContinue",
    informationAction: "SilentlyContinue",
    verbose: "Continue",
    debug: "Continue",
    whatIf: true,
    confirm: "Low",
  });
});

Deno.test("preferencesFromEnvironment keeps defaults for empty values", () => {
  const preferences = preferencesFromEnvironment(
    read({ WhatIfPreference: " ", ConfirmPreference: "" }),
    CLEAR,
  );

  assert.deepEqual(preferences, DEFAULT_PREFERENCES);
});

Deno.test("preferencesFromEnvironment keeps the default for an unknown ActionPreference", () => {
  const preferences = preferencesFromEnvironment(read({ ErrorActionPreference: "junk" }), CLEAR);

  assert.equal(preferences.errorAction, "Continue");
});

Deno.test("preferencesFromEnvironment rejects unknown WhatIf and Confirm values", () => {
  const cases: { variables: Record<string, string>; message: string }[] = [
    {
      variables: { WhatIfPreference: "yes" },
      message:
        "Invalid WhatIfPreference 'yes'. Use true or false ($true, $false, 1 and 0 also work).",
    },
    {
      variables: { ConfirmPreference: "Highest" },
      message: "Invalid ConfirmPreference 'Highest'. Use one of: None, Low, Medium, High.",
    },
  ];
  for (const { variables, message } of cases) {
    const error = (() => {
      try {
        preferencesFromEnvironment(read(variables), CLEAR);
      } catch (caught) {
        return caught;
      }
    })();
    assert.ok(error instanceof TerminatingError, JSON.stringify(variables));
    assert.equal(error.record.message, message);
    assert.equal(error.record.fullyQualifiedErrorId, `InvalidEnvironmentVariable,${CLEAR}`);
  }
});

Deno.test("CLI stops before sending on an invalid WhatIfPreference", async () => {
  const result = await runCli(["--mock", CLEAR, "-PresenceId", "p", "-PassThru"], {
    env: { WhatIfPreference: "on", ErrorView: "CategoryView" },
  });

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, `InvalidArgument: (:) [${CLEAR}], PSArgumentException\n`);
});
