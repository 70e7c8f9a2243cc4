/**
 * Streams JSON Lines items through the CLI with -WhatIf and reports the child's peak resident
 * memory next to the item count, to show that memory stays flat as the input grows.
 *
 * Run: `deno run -A bench/pipeline_memory_bench.ts [--v8-flags=…] [count…]` (default counts
 * 10000 100000 1000000). `--v8-flags=--max-old-space-size=40` caps the child's heap. Retained
 * memory then makes the run fail, while garbage that V8 collects late only stops raising RSS.
 * The items are generated while the child reads them, so the input never exists in full. Peak
 * RSS is VmHWM from /proc/<pid>/status (Linux only), sampled every 50 ms until the child exits.
 * NOTE: a child that exits between two samples could raise its peak unseen; the last sample is
 * taken at most 50 ms before exit.
 */

const CLI_PATH = new URL("../src/cli.ts", import.meta.url).pathname;
const BATCH_ITEMS = 1000;
const SAMPLE_INTERVAL_MS = 50;

/** Reads VmHWM (peak resident set size) of a process in KiB; undefined once it has exited. */
async function peakRssKiB(pid: number): Promise<number | undefined> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const match = status.match(/^VmHWM:\s+(\d+) kB$/m);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Counts the lines of a stream without keeping them. */
async function countLines(stream: ReadableStream<Uint8Array>): Promise<number> {
  let lines = 0;
  for await (const chunk of stream) {
    for (const byte of chunk) if (byte === 0x0a) lines++;
  }
  return lines;
}

/** One streaming run: items, the child's peak RSS, its duration, stderr lines and exit code. */
export interface BenchResult {
  items: number;
  peakRssMiB: number;
  seconds: number;
  whatIfLines: number;
  exitCode: number;
}

/** Streams `items` JSON Lines items through the CLI with -WhatIf and samples its peak RSS. */
export async function runOnce(items: number, v8Flags: string[] = []): Promise<BenchResult> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...v8Flags,
      CLI_PATH,
      "Clear-MgCommunicationPresence",
      "-SessionId",
      "s",
      "-WhatIf",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();

  let peak = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const sample = await peakRssKiB(child.pid);
      if (sample !== undefined) peak = Math.max(peak, sample);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
    }
  })();

  const writing = (async () => {
    const writer = child.stdin.getWriter();
    const encoder = new TextEncoder();
    for (let index = 0; index < items; index += BATCH_ITEMS) {
      let batch = "";
      const end = Math.min(index + BATCH_ITEMS, items);
      for (let item = index; item < end; item++) {
        batch += `{"PresenceId":"00000000-0000-4000-8000-${
          item.toString(16).padStart(12, "0")
        }"}\n`;
      }
      await writer.write(encoder.encode(batch));
    }
    await writer.close();
  })();

  const [whatIfLines, stdoutLines] = await Promise.all([
    countLines(child.stderr),
    countLines(child.stdout),
  ]);
  await writing;
  const status = await child.status;
  running = false;
  await sampling;
  if (stdoutLines !== 0) {
    throw new Error(`expected no output with -WhatIf, got ${stdoutLines} lines`);
  }
  return {
    items,
    peakRssMiB: peak / 1024,
    seconds: (performance.now() - started) / 1000,
    whatIfLines,
    exitCode: status.code,
  };
}

if (import.meta.main) {
  const v8Flags = Deno.args.filter((arg) => arg.startsWith("--v8-flags="));
  const countArgs = Deno.args.filter((arg) => !arg.startsWith("--"));
  const counts = countArgs.length > 0 ? countArgs.map(Number) : [10_000, 100_000, 1_000_000];
  console.log(`Deno ${Deno.version.deno}, ${Deno.build.target} ${v8Flags.join(" ")}`);
  console.log("items      peak RSS (MiB)  seconds  What if lines  exit code");
  for (const count of counts) {
    const result = await runOnce(count, v8Flags);
    console.log(
      [
        String(result.items).padEnd(10),
        result.peakRssMiB.toFixed(1).padStart(14),
        result.seconds.toFixed(1).padStart(8),
        String(result.whatIfLines).padStart(14),
        String(result.exitCode).padStart(10),
      ].join(" "),
    );
  }
}
