/**
 * Streams JSON Lines items through the CLI with -WhatIf and reports, next to the item count, the
 * child's peak resident memory in two runs. The plain run uses V8's default heap sizing. The
 * capped run limits the heap to the sizes in {@link CAPPED_V8_FLAGS} and reports the V8 heap used
 * after its last full garbage collection. Under that cap, memory kept per item would make V8
 * abort with "out of memory" (and the capped run report a non-zero exit code) long before
 * 1,000,000 items. A flat capped peak and a flat heap after full GC show that nothing is kept per
 * item, while the plain peak shows what V8's default sizing costs.
 *
 * Run: `deno run -A bench/pipeline_memory_bench.ts [count…]` (default counts 10000 100000
 * 1000000). The items are generated while the child reads them, so the input never exists in
 * full. Peak RSS is VmHWM from /proc/<pid>/status (Linux only), sampled every 50 ms until the
 * child exits.
 * NOTE: a child that exits between two samples could raise its peak unseen; the last sample is
 * taken at most 50 ms before exit.
 */

const CLI_PATH = new URL("../src/cli.ts", import.meta.url).pathname;
const BATCH_ITEMS = 1000;
const SAMPLE_INTERVAL_MS = 50;

/**
 * V8 flags of the capped run: an old generation of 8 MiB and semi-spaces of 1 MiB. With Deno
 * 2.9.6 the CLI's heap after a full GC is about 4 MiB throughout a run with -WhatIf, and a cap of
 * 3 MiB makes it abort. So 8 MiB leaves about 4 MiB for growth, or 4 bytes per item at 1,000,000
 * items.
 */
export const CAPPED_V8_FLAGS = ["--max-old-space-size=8", "--max-semi-space-size=1"];

/** Matches a `--trace-gc` line of a full GC and captures the heap used after it, in MiB. */
const FULL_GC_TRACE = /Mark-Compact\b.*?-> ([\d.]+) \([\d.]+\) MB/;
/** Matches the `[pid:isolate]` prefix that starts every `--trace-gc` line. */
const GC_TRACE_PREFIX = /^\[\d+:0x[0-9a-f]+\]/;

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
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
  }
  return lines;
}

/** Summary of the child's stdout: the full GCs in its `--trace-gc` lines and the other lines. */
interface StdoutSummary {
  otherLines: number;
  fullGcs: number;
  heapAfterLastFullGcMiB?: number;
}

/** Reads the child's stdout line by line, keeping only the last full GC's result. */
async function readStdout(stream: ReadableStream<Uint8Array>): Promise<StdoutSummary> {
  const summary: StdoutSummary = { otherLines: 0, fullGcs: 0 };
  const readLine = (line: string) => {
    if (!GC_TRACE_PREFIX.test(line)) {
      summary.otherLines++;
      return;
    }
    const fullGc = FULL_GC_TRACE.exec(line);
    if (fullGc) {
      summary.fullGcs++;
      // V8's src/common/globals.h sets MB = KB * KB, so the trace's "MB" is 1024 × 1024 bytes.
      summary.heapAfterLastFullGcMiB = Number(fullGc[1]);
    }
  };

  let pending = "";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    const lines = (pending + text).split("\n");
    pending = lines.pop()!;
    for (const line of lines) readLine(line);
  }
  if (pending !== "") readLine(pending);
  return summary;
}

/** One streaming run: items, the child's peak RSS, its duration, stderr lines and exit code. */
export interface BenchResult {
  items: number;
  peakRssMiB: number;
  seconds: number;
  whatIfLines: number;
  exitCode: number;
  /** Full GCs in the `--trace-gc` output; 0 when the run was not traced. */
  fullGcs: number;
  /** V8 heap used after the last full GC; undefined when the run was not traced or had none. */
  heapAfterLastFullGcMiB?: number;
}

/** Options of {@link runOnce}. */
export interface RunOptions {
  /** V8 flags for the child, such as `--max-old-space-size=8`. */
  v8Flags?: string[];
  /** Adds `--trace-gc` to read the heap used after each full GC from the child's stdout. */
  traceGc?: boolean;
}

/**
 * Streams `items` JSON Lines items through the CLI with -WhatIf and samples its peak RSS. A child
 * that aborts, such as for running out of a capped heap, is reported through `exitCode`.
 */
export async function runOnce(items: number, options: RunOptions = {}): Promise<BenchResult> {
  const v8Flags = [...(options.v8Flags ?? []), ...(options.traceGc ? ["--trace-gc"] : [])];
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...(v8Flags.length > 0 ? [`--v8-flags=${v8Flags.join(",")}`] : []),
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
    try {
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
    } catch (error) {
      // A child that exited early has closed its stdin, and its exit code reports why.
      if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
    }
  })();

  const [whatIfLines, stdout] = await Promise.all([
    countLines(child.stderr),
    readStdout(child.stdout),
  ]);
  await writing;
  const status = await child.status;
  running = false;
  await sampling;
  if (stdout.otherLines !== 0) {
    throw new Error(`expected no output with -WhatIf, got ${stdout.otherLines} lines`);
  }
  return {
    items,
    peakRssMiB: peak / 1024,
    seconds: (performance.now() - started) / 1000,
    whatIfLines,
    exitCode: status.code,
    fullGcs: stdout.fullGcs,
    ...(stdout.heapAfterLastFullGcMiB !== undefined
      ? { heapAfterLastFullGcMiB: stdout.heapAfterLastFullGcMiB }
      : {}),
  };
}

/** The plain and the capped run of one item count. */
export interface MemoryMeasurement {
  plain: BenchResult;
  capped: BenchResult;
}

/** Runs `items` items once with V8's default heap sizing and once under {@link CAPPED_V8_FLAGS}. */
export async function measureMemory(items: number): Promise<MemoryMeasurement> {
  const plain = await runOnce(items);
  const capped = await runOnce(items, { v8Flags: CAPPED_V8_FLAGS, traceGc: true });
  return { plain, capped };
}

if (import.meta.main) {
  const counts = Deno.args.length > 0 ? Deno.args.map(Number) : [10_000, 100_000, 1_000_000];
  console.log(`Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ${Deno.build.target}`);
  console.log(`capped run: --v8-flags=${CAPPED_V8_FLAGS.join(",")},--trace-gc`);
  console.log(
    "items      plain: peak RSS (MiB)  seconds  exit | capped: peak RSS (MiB)  heap after " +
      "last full GC (MiB)  full GCs  seconds  exit",
  );
  for (const count of counts) {
    const { plain, capped } = await measureMemory(count);
    for (const run of [plain, capped]) {
      if (run.exitCode === 0 && run.whatIfLines !== count) {
        throw new Error(`expected ${count} What if lines, got ${run.whatIfLines}`);
      }
    }
    console.log(
      [
        String(count).padEnd(10),
        plain.peakRssMiB.toFixed(1).padStart(22),
        plain.seconds.toFixed(1).padStart(8),
        String(plain.exitCode).padStart(5),
        "|",
        capped.peakRssMiB.toFixed(1).padStart(22),
        (capped.heapAfterLastFullGcMiB?.toFixed(1) ?? "none").padStart(32),
        String(capped.fullGcs).padStart(9),
        capped.seconds.toFixed(1).padStart(8),
        String(capped.exitCode).padStart(5),
      ].join(" "),
    );
  }
}
