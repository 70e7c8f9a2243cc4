import type { CommandRuntime } from "./cmdlet.ts";
import type { Host, HostStream } from "./host.ts";

/**
 * Maximum number of started items whose output is not yet written, per unit of throttle limit.
 * An item that finishes early stays in this window until every earlier item is written.
 */
const WINDOW_PER_THROTTLE = 4;

/** One write of an item's process step, buffered to be replayed in input order. */
type RecordedWrite =
  | { kind: "object"; value: unknown }
  | { kind: "error"; record: Parameters<CommandRuntime["writeError"]>[0] }
  | { kind: "verbose" | "debug" | "warning"; text: string }
  | { kind: "host"; stream: HostStream; text: string };

/** The inputs of one item's process step in a parallel pipeline. */
export interface ParallelItemContext {
  /** A runtime whose writes are buffered and written in input order. */
  runtime: CommandRuntime;
  /** Aborts when the pipeline stops and this item's output will never be written. */
  signal: AbortSignal;
}

/** Inputs of {@link runParallelPipeline}. */
export interface ParallelPipelineOptions<T> {
  /** Pipeline objects in input order. */
  items: AsyncIterable<T> | Iterable<T>;
  /** Maximum number of process steps that run at once, at least 1. */
  throttleLimit: number;
  /** The command's runtime, which receives every write in input order. */
  runtime: CommandRuntime;
  /**
   * The host that `runtime.shouldProcess` writes to and prompts on. {@link runParallelPipeline}
   * points it at the asking item while a ShouldProcess call runs.
   */
  shouldProcessHost: SwitchingHost;
  /**
   * True when the effective -ErrorAction is Stop: after an item writes an error, no further item
   * starts, and the items after it are aborted.
   */
  stopAtFirstError: boolean;
  /** Binds and processes one pipeline object. */
  processItem(item: T, context: ParallelItemContext): Promise<void>;
}

/**
 * A host that forwards to another host, which {@link runParallelPipeline} swaps while a
 * ShouldProcess call of one item runs, so that the call's `What if:` and verbose lines are
 * buffered with that item's output.
 */
export interface SwitchingHost extends Host {
  /**
   * The host that currently receives writes and prompts. Outside ShouldProcess calls it is the
   * real host.
   */
  target: Host;
  /** The host given to {@link createSwitchingHost}. */
  readonly base: Host;
}

/** Creates a {@link SwitchingHost} that forwards to `base` until its target is changed. */
export function createSwitchingHost(base: Host): SwitchingHost {
  const host: SwitchingHost = {
    target: base,
    base,
    writeLine: (stream, text) => host.target.writeLine(stream, text),
  };
  // promptForChoice reports NonInteractive mode when readLine is absent, so keep it absent.
  if (base.readLine) host.readLine = (prompt) => host.target.readLine!(prompt);
  return host;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { promise, resolve: () => resolve() };
}

/** One started pipeline item and what it wrote so far. */
interface ItemSlot {
  index: number;
  writes: RecordedWrite[];
  /**
   * True once the item has prompted at the head of the pipeline. From then on its writes go
   * straight to the command's runtime.
   */
  direct: boolean;
  /** Set when the process step threw: a terminating error, or PipelineStopped. */
  failure?: { error: unknown };
  controller: AbortController;
  /** Resolves when the process step has finished, whatever its outcome. */
  finished: Deferred;
  /** Resolves when the item's first ShouldProcess call has returned, or the item has finished. */
  shouldProcessDone: Deferred;
  /** Resolves when every write of the item has been replayed. */
  flushed: Deferred;
}

/**
 * Runs process steps of up to `throttleLimit` pipeline items at once and writes their output,
 * errors and stream lines in input order, as a serial pipeline would. Each item's writes are
 * buffered and replayed to the command's runtime once every earlier item has been replayed, so
 * -ErrorAction, the *Variable parameters and the error count apply exactly as in a serial run.
 *
 * ShouldProcess calls run one at a time, in input order, so Yes to All and No to All cover the
 * later items. An item whose call prompts first waits until all earlier items are written. From
 * then on it writes directly, as in a serial run.
 *
 * The pipeline stops at the first item, in input order, whose replay throws (-ErrorAction Stop,
 * Halt Command) or whose process step threw. Items after it are aborted and nothing they wrote
 * is written. Then the error is rethrown.
 *
 * NOTE: the ShouldProcess lines reach the asking item's buffer only because ShouldProcessState
 * writes them before its first await. A line written after an await would go to the real host
 * at once, out of order.
 */
export async function runParallelPipeline<T>(options: ParallelPipelineOptions<T>): Promise<void> {
  const { runtime, shouldProcessHost, throttleLimit } = options;
  if (!Number.isInteger(throttleLimit) || throttleLimit < 1) {
    throw new RangeError(
      `The throttle limit must be an integer of at least 1, not ${throttleLimit}.`,
    );
  }
  const maxWindow = throttleLimit * WINDOW_PER_THROTTLE;
  const window: ItemSlot[] = [];
  let running = 0;
  let inputDone = false;
  /** No further item starts once this is set. */
  let stopStarting = false;
  /** Index of the earliest item that stopped the pipeline. Output of later items is dropped. */
  let stopIndex = Infinity;
  let stopError: { error: unknown } | undefined;
  let wake = deferred();
  const notify = () => {
    const current = wake;
    wake = deferred();
    current.resolve();
  };
  let previousShouldProcess: Promise<void> = Promise.resolve();
  /** Serializes ShouldProcess calls, because the switching host serves one item at a time. */
  let shouldProcessLock: Promise<void> = Promise.resolve();

  const abortAfter = (index: number) => {
    stopStarting = true;
    stopIndex = Math.min(stopIndex, index);
    for (const slot of window) if (slot.index > index) slot.controller.abort(new PipelineAborted());
  };

  const replay = async (slot: ItemSlot) => {
    const writes = slot.writes;
    slot.writes = [];
    for (const write of writes) {
      switch (write.kind) {
        case "object":
          runtime.writeObject(write.value);
          break;
        case "error":
          await runtime.writeError(write.record);
          break;
        case "verbose":
          runtime.writeVerbose(write.text);
          break;
        case "debug":
          runtime.writeDebug(write.text);
          break;
        case "warning":
          runtime.writeWarning(write.text);
          break;
        case "host":
          shouldProcessHost.base.writeLine(write.stream, write.text);
          break;
      }
    }
  };

  const itemRuntime = (slot: ItemSlot, previous: Promise<void>): CommandRuntime => {
    const record = (write: RecordedWrite) => slot.writes.push(write);
    // Host of this item's ShouldProcess calls. Before its first prompt, the item waits until it is
    // the oldest unwritten item and writes what it buffered. From then on it writes directly.
    const promptHost: Host = {
      writeLine: (stream, text) => {
        if (slot.direct) shouldProcessHost.base.writeLine(stream, text);
        else record({ kind: "host", stream, text });
      },
      readLine: async (prompt) => {
        if (!slot.direct) {
          await waitForHead(slot);
          await replay(slot);
          slot.direct = true;
        }
        return await shouldProcessHost.base.readLine!(prompt);
      },
    };
    return {
      writeObject: (value) =>
        slot.direct ? runtime.writeObject(value) : record({ kind: "object", value }),
      writeError: async (errorRecord) => {
        if (slot.direct) return await runtime.writeError(errorRecord);
        record({ kind: "error", record: errorRecord });
        if (options.stopAtFirstError) abortAfter(slot.index);
      },
      throwTerminatingError: (errorRecord) => runtime.throwTerminatingError(errorRecord),
      shouldProcess: async (target, action) => {
        await previous;
        const unlock = deferred();
        const locked = shouldProcessLock;
        shouldProcessLock = unlock.promise;
        await locked;
        try {
          shouldProcessHost.target = promptHost;
          let answer: Promise<boolean>;
          try {
            answer = runtime.shouldProcess(target, action);
          } finally {
            shouldProcessHost.target = shouldProcessHost.base;
          }
          return await answer;
        } finally {
          unlock.resolve();
          slot.shouldProcessDone.resolve();
        }
      },
      writeVerbose: (text) =>
        slot.direct ? runtime.writeVerbose(text) : record({ kind: "verbose", text }),
      writeDebug: (text) =>
        slot.direct ? runtime.writeDebug(text) : record({ kind: "debug", text }),
      writeWarning: (text) =>
        slot.direct ? runtime.writeWarning(text) : record({ kind: "warning", text }),
    };
  };

  const waitForHead = async (slot: ItemSlot) => {
    const earlier = window.filter((other) => other.index < slot.index);
    const aborted = new Promise<never>((_, reject) => {
      if (slot.controller.signal.aborted) reject(slot.controller.signal.reason);
      slot.controller.signal.addEventListener(
        "abort",
        () => reject(slot.controller.signal.reason),
        { once: true },
      );
    });
    aborted.catch(() => {});
    await Promise.race([Promise.all(earlier.map((other) => other.flushed.promise)), aborted]);
  };

  const start = (item: T, index: number) => {
    const slot: ItemSlot = {
      index,
      writes: [],
      direct: false,
      controller: new AbortController(),
      finished: deferred(),
      shouldProcessDone: deferred(),
      flushed: deferred(),
    };
    const previous = previousShouldProcess;
    previousShouldProcess = Promise.all([previous, slot.shouldProcessDone.promise]).then(() => {});
    window.push(slot);
    running++;
    notify();
    const context = { runtime: itemRuntime(slot, previous), signal: slot.controller.signal };
    options.processItem(item, context).catch((error) => {
      slot.failure = { error };
      abortAfter(slot.index);
    }).finally(() => {
      running--;
      slot.shouldProcessDone.resolve();
      slot.finished.resolve();
      notify();
    });
  };

  /** Writes finished items in input order until the input ends or the pipeline stops. */
  const writer = async () => {
    for (;;) {
      const slot = window[0];
      if (slot === undefined) {
        if (inputDone || stopStarting) return;
        await wake.promise;
        continue;
      }
      await slot.finished.promise;
      if (slot.index > stopIndex) {
        // An aborted item after the one that stopped the pipeline: drop what it wrote.
        window.shift();
        slot.flushed.resolve();
        continue;
      }
      try {
        await replay(slot);
        if (slot.failure) throw slot.failure.error;
      } catch (error) {
        stopError = { error };
        abortAfter(slot.index);
        slot.flushed.resolve();
        return;
      }
      window.shift();
      slot.flushed.resolve();
      notify();
    }
  };

  const reader = async () => {
    let index = 0;
    try {
      for await (const item of options.items) {
        while (!stopStarting && (running >= throttleLimit || window.length >= maxWindow)) {
          await wake.promise;
        }
        if (stopStarting) break;
        start(item, index++);
      }
    } catch (error) {
      // An input error that ends the pipeline comes after every item read before it.
      if (!stopStarting) {
        const slot: ItemSlot = {
          index: index++,
          writes: [],
          direct: false,
          failure: { error },
          controller: new AbortController(),
          finished: deferred(),
          shouldProcessDone: deferred(),
          flushed: deferred(),
        };
        slot.finished.resolve();
        window.push(slot);
        stopStarting = true;
      }
    } finally {
      inputDone = true;
      notify();
    }
  };

  const reading = reader();
  await writer();
  // After a stop, the items still running were aborted. Wait for them so that no work outlives
  // the run.
  await Promise.all(window.map((slot) => slot.finished.promise));
  if (stopError) throw stopError.error;
  // After a stop the reader may still wait for input that is no longer needed.
  if (!stopStarting) await reading;
}

/** The abort reason of items whose output a stopped pipeline will never write. */
export class PipelineAborted extends Error {
  constructor() {
    super("The pipeline stopped before this item's output was written.");
    this.name = "PipelineAborted";
  }
}
