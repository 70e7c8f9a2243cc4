// Command-line entry of the loopback mock server (`deno task mock-server`).

import "./bc_shim.ts";
import { parseArgs } from "node:util";
import type { FaultRule } from "./faults.ts";
import { SAMPLE_TENANT } from "./sample_tenant.ts";
import { createGraphMock, type GraphMock } from "./create_graph_mock.ts";
import {
  type GraphMockServer,
  type GraphMockServerOptions,
  startGraphMockServer,
} from "./server.ts";
import { parseSeedFile } from "./seed_file.ts";

const USAGE = `Usage: deno task mock-server [options]

Serves the mock Graph presence service on http://127.0.0.1:<port>/. The first stdout line
contains the URL; stderr gets one line per request. SIGINT or SIGTERM stops it.

Options:
  --port N           TCP port on 127.0.0.1; 0 picks a free port (default 0)
  --seed FILE        JSON seed: an array of users, or { "tenantId"?, "users", "fixedUsers"? }
                     (default: the sample tenant)
  --latency MS       milliseconds every request waits before it is handled (default 0)
  --rate-limit N/S   at most N requests per S seconds per app and tenant, or "off"
                     (default 1500/30)
  --fault-rate P     chance from 0 to 1 that a request fails with 503 and Retry-After: 1
  --seed-random N    seed of the generator behind --fault-rate (default: random)
  --help             print this help`;

/** Error in the command line, reported on one line with exit code 2. */
class UsageError extends Error {}

interface CommandLine {
  options: GraphMockServerOptions;
  faultRule: FaultRule | undefined;
}

function parseCommandLine(args: string[]): CommandLine | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        seed: { type: "string" },
        latency: { type: "string" },
        "rate-limit": { type: "string" },
        "fault-rate": { type: "string" },
        "seed-random": { type: "string" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.help) return undefined;

  const options: GraphMockServerOptions = { ...SAMPLE_TENANT };
  if (parsed.port !== undefined) options.port = integerOption("--port", parsed.port, 0, 65535);
  if (parsed.latency !== undefined) {
    options.latencyMs = integerOption("--latency", parsed.latency, 0, 600_000);
  }
  if (parsed["seed-random"] !== undefined) {
    options.random = integerOption("--seed-random", parsed["seed-random"], 0, 2 ** 32 - 1);
  }
  if (parsed["rate-limit"] !== undefined) options.rateLimit = rateLimitOption(parsed["rate-limit"]);
  if (parsed.seed !== undefined) Object.assign(options, readSeed(parsed.seed));
  const faultRule = parsed["fault-rate"] === undefined
    ? undefined
    : faultRateRule(parsed["fault-rate"]);
  return { options, faultRule };
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`invalid ${name} '${text}': expected an integer from ${min} to ${max}`);
  }
  return value;
}

function rateLimitOption(text: string): GraphMockServerOptions["rateLimit"] {
  if (text === "off") return false;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new UsageError(
      `invalid --rate-limit '${text}': expected N/S with positive integers, e.g. 1500/30, or off`,
    );
  }
  return { requests: Number(match[1]), perSeconds: Number(match[2]) };
}

function faultRateRule(text: string): FaultRule {
  const probability = Number(text);
  if (text.trim() === "" || !(probability >= 0 && probability <= 1)) {
    throw new UsageError(`invalid --fault-rate '${text}': expected a number from 0 to 1`);
  }
  return { probability, status: 503, retryAfter: 1 };
}

function readSeed(path: string): Partial<GraphMockServerOptions> {
  let json: unknown;
  try {
    json = JSON.parse(Deno.readTextFileSync(path));
  } catch (error) {
    throw new UsageError(`cannot read --seed '${path}': ${(error as Error).message}`);
  }
  try {
    const { tenantId, users, fixedUsers } = parseSeedFile(json);
    return { tenantId, users, fixedUsers };
  } catch (error) {
    throw new UsageError(`invalid --seed '${path}': ${(error as Error).message}`);
  }
}

async function main(args: string[]): Promise<number> {
  let commandLine: CommandLine | undefined;
  let mock: GraphMock;
  try {
    commandLine = parseCommandLine(args);
    if (commandLine === undefined) {
      console.log(USAGE);
      return 0;
    }
    mock = createMockFromSeed(commandLine.options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`mock-server: ${error.message}. Run with --help for usage.`);
    return 2;
  }

  if (commandLine.faultRule !== undefined) mock.faults.add(commandLine.faultRule);
  let server: GraphMockServer;
  try {
    server = await startGraphMockServer({
      port: commandLine.options.port,
      mock,
      log: (line) => console.error(line),
    });
  } catch (error) {
    console.error(
      `mock-server: cannot listen on 127.0.0.1:${commandLine.options.port ?? 0}: ${
        (error as Error).message
      }`,
    );
    return 1;
  }
  console.log(`Mock Graph server listening on ${server.url}/`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      Deno.removeSignalListener("SIGINT", stop);
      Deno.removeSignalListener("SIGTERM", stop);
      resolve();
    };
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  });
  await server.close();
  console.error("Mock Graph server stopped.");
  return 0;
}

function createMockFromSeed(options: GraphMockServerOptions): GraphMock {
  try {
    return createGraphMock(options);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new UsageError(`invalid seed: ${error.message}`);
  }
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
