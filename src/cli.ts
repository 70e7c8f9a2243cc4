/**
 * The shell entry: `deno run -A src/cli.ts [--help | --version | --mock] [--throttle-limit N]
 * [--batch] <CommandName> [arguments…]`.
 * Output objects go to stdout as JSON Lines, and errors and the other streams go to stderr.
 *
 * @module
 */
import { startCommand } from "./runtime/invoke_command.ts";
import { errorViewFromName, formatErrorRecord } from "./runtime/error_view.ts";
import { type Host, STREAM_PREFIXES } from "./runtime/host.ts";
import { type Preferences, preferencesFromEnvironment } from "./runtime/preferences.ts";
import { openPipelineInput, type PipelineInputLimits } from "./runtime/stdin_reader.ts";
import { connectionFromEnvironment } from "./graph/environment_connection.ts";
import type { GraphConnection } from "./graph/connection.ts";
import { TerminatingError } from "./runtime/error_record.ts";
import { CMDLETS, findCmdlet } from "./cmdlets/registry.ts";
import { formatCommandHelp } from "./runtime/help.ts";
import { openTerminal } from "./runtime/terminal_host.ts";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./version.ts";
import {
  type BulkOptions,
  DEFAULT_BATCH_THROTTLE_LIMIT,
  MAX_THROTTLE_LIMIT,
} from "./runtime/bulk_options.ts";

const encoder = new TextEncoder();

function writeAll(file: { writeSync(data: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
}

const USAGE = `Usage: mg [--mock] [--throttle-limit N] [--batch] <CommandName> [arguments…]
       mg --help | --version

Runs a Microsoft Graph PowerShell cmdlet with PowerShell's binding rules.
Pipeline input is read from stdin as JSON (one value, or JSON Lines).

Options before the command name:
  --mock              run against the in-process mock Graph, seeded with a sample tenant
  --throttle-limit N  process up to N pipeline objects at once (1 to ${MAX_THROTTLE_LIMIT}; default 1,
                      or ${DEFAULT_BATCH_THROTTLE_LIMIT} with --batch); output stays in input order
  --batch             send Graph requests in $batch calls of up to 20 steps
  --help              print this text
  --version           print the version

Commands: ${CMDLETS.map((cmdlet) => cmdlet.metadata.name).join(", ")}
Help for a command: mg <CommandName> -?   or   mg --help <CommandName>
`;

/**
 * Reads the limits on one pipeline input item from `MG_PIPELINE_MAX_ITEM_BYTES` (bytes per item)
 * and `MG_PIPELINE_MAX_DEPTH` (nesting levels). A missing value, or one that is not a positive
 * integer, keeps the default.
 */
function pipelineInputLimitsFromEnvironment(
  env: (name: string) => string | undefined,
): Partial<PipelineInputLimits> {
  const limits: Partial<PipelineInputLimits> = {};
  const maxItemBytes = Number(env("MG_PIPELINE_MAX_ITEM_BYTES"));
  if (Number.isSafeInteger(maxItemBytes) && maxItemBytes > 0) limits.maxItemBytes = maxItemBytes;
  const maxDepth = Number(env("MG_PIPELINE_MAX_DEPTH"));
  if (Number.isSafeInteger(maxDepth) && maxDepth > 0) limits.maxDepth = maxDepth;
  return limits;
}

/**
 * Parses a throttle limit written in decimal digits. Returns undefined unless it is an integer
 * from 1 to MAX_THROTTLE_LIMIT.
 */
function parseThrottleLimit(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const limit = Number(text);
  return limit >= 1 && limit <= MAX_THROTTLE_LIMIT ? limit : undefined;
}

/** Runs the CLI with the given argv and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let index = 0;
  let useMock = false;
  const bulk: BulkOptions = {};
  for (; index < argv.length && argv[index].startsWith("--"); index++) {
    const option = argv[index];
    if (option === "--batch") {
      bulk.batch = true;
      continue;
    }
    if (option === "--throttle-limit" || option.startsWith("--throttle-limit=")) {
      const attached = option.startsWith("--throttle-limit=");
      const text = attached ? option.slice("--throttle-limit=".length) : argv[++index];
      const limit = parseThrottleLimit(text);
      if (limit === undefined) {
        const problem = text === undefined ? "missing value" : `invalid value '${text}'`;
        writeAll(
          Deno.stderr,
          `mg: ${problem} for --throttle-limit: expected an integer from 1 to ` +
            `${MAX_THROTTLE_LIMIT}.\n`,
        );
        return 2;
      }
      bulk.throttleLimit = limit;
      continue;
    }
    if (option === "--help") {
      // `--help <CommandName>` prints that command's help, as `<CommandName> -?` does.
      const helpFor = argv[index + 1] === undefined ? undefined : findCmdlet(argv[index + 1]);
      writeAll(Deno.stdout, helpFor ? formatCommandHelp(helpFor.metadata) : USAGE);
      return 0;
    }
    if (option === "--version") {
      writeAll(Deno.stdout, `${PACKAGE_NAME} ${PACKAGE_VERSION}\n`);
      return 0;
    }
    if (option === "--mock") {
      useMock = true;
      continue;
    }
    writeAll(Deno.stderr, `mg: unknown option '${option}'. Run 'mg --help' for the options.\n`);
    return 2;
  }
  const commandName = argv[index];
  if (commandName === undefined) {
    writeAll(Deno.stderr, USAGE);
    return 2;
  }
  const args = argv.slice(index + 1);
  const env = (name: string) => Deno.env.get(name);
  const view = errorViewFromName(env("ErrorView"));
  const color = Deno.stderr.isTerminal() && env("NO_COLOR") === undefined && view === "ConciseView";

  // Prompts read the user's input from the terminal, never from stdin, which may carry pipeline
  // input.
  using terminal = openTerminal();
  const host: Host = {
    writeLine: (stream, text) => writeAll(Deno.stderr, `${STREAM_PREFIXES[stream]}${text}\n`),
    ...(terminal ? { readLine: (prompt: string) => terminal.readLine(prompt) } : {}),
  };

  // An invalid MG_* or preference value stops the run before anything is sent. No credentials
  // leaves the connection undefined, so -WhatIf still runs.
  const cmdletName =
    CMDLETS.find((cmdlet) => cmdlet.metadata.name.toLowerCase() === commandName.toLowerCase())
      ?.metadata.name ?? commandName;
  let connection: GraphConnection | undefined;
  let preferences: Preferences;
  let stopMock: (() => void) | undefined;
  try {
    preferences = preferencesFromEnvironment(env, cmdletName);
    if (!useMock) connection = connectionFromEnvironment(env, cmdletName);
  } catch (error) {
    if (!(error instanceof TerminatingError)) throw error;
    const text = formatErrorRecord(error.record, view);
    writeAll(Deno.stderr, color ? `\x1b[31;1m${text}\x1b[0m\n` : `${text}\n`);
    return 1;
  }
  if (useMock) {
    const { startInProcessMock } = await import("./mock_session.ts");
    const session = startInProcessMock();
    connection = session.connection;
    stopMock = session.stop;
  }

  // Reads stdin only up to its first byte that is not white space, because binding must know
  // whether pipeline input follows. Each item is read when the pipeline requests it.
  const input = Deno.stdin.isTerminal()
    ? undefined
    : await openPipelineInput(Deno.stdin.readable, pipelineInputLimitsFromEnvironment(env));
  try {
    return await startCommand(commandName, args, {
      input,
      connection,
      preferences,
      host,
      ...bulk,
    }, {
      onOutput: (value) => writeAll(Deno.stdout, `${JSON.stringify(value)}\n`),
      onHelp: (text) => writeAll(Deno.stdout, text),
      onError: (record, disposition) => {
        if (disposition !== "shown") return;
        const text = formatErrorRecord(record, view);
        writeAll(Deno.stderr, color ? `\x1b[31;1m${text}\x1b[0m\n` : `${text}\n`);
      },
    });
  } finally {
    stopMock?.();
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
