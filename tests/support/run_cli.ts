/** Output of one CLI run as a subprocess. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI_PATH = new URL("../../src/cli.ts", import.meta.url).pathname;

/**
 * Runs `deno run -A src/cli.ts …` as a subprocess with NO_COLOR set, stdin from `stdin` (or
 * /dev/null), and only the given environment variables besides PATH and HOME.
 */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string | Uint8Array } = {},
): Promise<CliResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI_PATH, ...args],
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      ...(Deno.env.get("DENO_TLS_CA_STORE")
        ? { DENO_TLS_CA_STORE: Deno.env.get("DENO_TLS_CA_STORE")! }
        : {}),
      NO_COLOR: "1",
      DENO_NO_UPDATE_CHECK: "1",
      ...options.env,
    },
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    const bytes = typeof options.stdin === "string"
      ? new TextEncoder().encode(options.stdin)
      : options.stdin;
    await writer.write(bytes);
    await writer.close();
  }
  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Parses each JSON line of a stream, skipping lines that are not JSON objects. */
export function jsonLines(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // Other streams share stderr.
    }
  }
  return records;
}
