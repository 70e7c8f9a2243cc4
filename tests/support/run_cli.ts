/** Output of one CLI run as a subprocess. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Absolute path of the CLI entry. */
export const CLI_PATH: string = new URL("../../src/cli.ts", import.meta.url).pathname;

/** What a CLI run reads on stdin: text, bytes, or a sequence of chunks written in order. */
export type CliInput = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * Runs `deno run -A src/cli.ts …` as a subprocess with NO_COLOR set, stdin from `stdin` (or
 * /dev/null), and only the given environment variables besides PATH and HOME. stdin is written
 * while stdout and stderr are read, so a large input cannot block on a full output pipe.
 */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: CliInput } = {},
): Promise<CliResult> {
  const { stdin } = options;
  const child = new Deno.Command(Deno.execPath(), {
    // -q keeps Deno's own "Download …" lines of a cold cache off the stderr that tests compare.
    args: ["run", "-q", "-A", CLI_PATH, ...args],
    stdin: stdin === undefined ? "null" : "piped",
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
  const writing = stdin === undefined ? Promise.resolve() : writeInput(child.stdin, stdin);
  const output = await child.output();
  await writing;
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function writeInput(stream: WritableStream<Uint8Array>, input: CliInput): Promise<void> {
  const encoder = new TextEncoder();
  const writer = stream.getWriter();
  const parts = typeof input === "string" || input instanceof Uint8Array ? [input] : input;
  try {
    for (const part of parts) {
      await writer.write(typeof part === "string" ? encoder.encode(part) : part);
    }
    await writer.close();
  } catch {
    // The CLI may exit before it reads everything, as after -ErrorAction Stop.
  }
}

/** Runs `deno task -q <task> …` from the project root, with NO_COLOR set and stdin from /dev/null. */
export async function runTask(task: string, args: readonly string[] = []): Promise<CliResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", task, ...args],
    cwd: new URL("../../", import.meta.url).pathname,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
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
