/**
 * Clears presence sessions through the CLI against the loopback mock server, serially, in
 * parallel and in `$batch` calls, and reports items per second, the rate against the mock's
 * rate limit, and the items that failed. Run: `deno run -A bench/bulk_clear_bench.ts`.
 *
 * @module
 */
import { type RateLimit, startGraphMockServer } from "../mocks/mod.ts";

const CLI_PATH = new URL("../src/cli.ts", import.meta.url).pathname;
const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";

/** Settings of one bulk run. */
export interface BulkRunSettings {
  /** Items piped into the CLI. */
  items: number;
  /** Options before the command name, e.g. `["--batch"]`. */
  cliOptions: string[];
  /** Milliseconds the mock waits before each request. */
  latencyMs: number;
  /** The mock's rate limit, or false for none. */
  rateLimit: RateLimit | false;
}

/** Measurements of one bulk run. */
export interface BulkRunResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  /** Items that wrote `true`. */
  cleared: number;
  /** Items that wrote an error record. */
  failed: number;
  /** HTTP requests the mock received: clears, or `$batch` calls. */
  requests: number;
  /** Requests that the mock rejected with 429. `$batch` steps are not counted. */
  throttled: number;
  /**
   * Cleared items per second as the mock saw them: from the arrival of the first request to the
   * end of the last one, so CLI start-up and reading stdin do not count.
   */
  sustainedPerSecond: number;
  exitCode: number;
}

/** Returns the user id of item `index`. */
function userId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

/**
 * Starts a mock server whose users each have one session, pipes their ids into
 * `Clear-MgCommunicationPresence -PassThru` and times the CLI from spawn to exit.
 */
export async function runBulkClear(settings: BulkRunSettings): Promise<BulkRunResult> {
  await using server = await startGraphMockServer({
    latencyMs: settings.latencyMs,
    rateLimit: settings.rateLimit,
  });
  let input = "";
  for (let index = 0; index < settings.items; index++) {
    server.mock.presence.setPresence(userId(index), {
      sessionId: APP,
      availability: "Busy",
      activity: "InACall",
      expirationDuration: "PT4H",
    });
    input += `{"PresenceId":"${userId(index)}"}\n`;
  }

  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI_PATH,
      ...settings.cliOptions,
      "Clear-MgCommunicationPresence",
      "-SessionId",
      APP,
      "-PassThru",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: {
      MG_GRAPH_ENDPOINT: server.url,
      MG_ACCESS_TOKEN: "bench-token",
      ErrorView: "JsonView",
      NO_COLOR: "1",
    },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const output = await child.output();
  const seconds = (performance.now() - started) / 1000;

  const decoder = new TextDecoder();
  const stdoutLines = decoder.decode(output.stdout).split("\n");
  const errorLines = decoder.decode(output.stderr).split("\n").filter((line) =>
    line.startsWith("{")
  );
  const log = server.mock.requests;
  const firstArrival = log[0]?.time.getTime() ?? 0;
  const lastEnd = Math.max(...log.map((request) => request.time.getTime() + request.durationMs));
  const cleared = stdoutLines.filter((line) => line === "true").length;
  return {
    items: settings.items,
    sustainedPerSecond: cleared / ((lastEnd - firstArrival) / 1000),
    seconds,
    itemsPerSecond: settings.items / seconds,
    cleared,
    failed: errorLines.length,
    requests: server.mock.requests.length,
    throttled: server.mock.requests.filter((request) => request.status === 429).length,
    exitCode: output.code,
  };
}

if (import.meta.main) {
  const items = Number(Deno.args[0] ?? 2000);
  const options = Deno.args.slice(1);
  const result = await runBulkClear({
    items,
    cliOptions: options,
    latencyMs: 50,
    rateLimit: { requests: 3000, perSeconds: 10 },
  });
  console.log(JSON.stringify(result));
}
