import { JsonDocumentSplitter } from "./json_document_splitter.ts";
import { type JsonInputFormat, JsonInputFormatDetector } from "./json_input_format.ts";
import { JsonLinesSplitter } from "./json_lines_splitter.ts";
import { PipelineInputError } from "./pipeline_input_error.ts";
import {
  DEFAULT_PIPELINE_INPUT_LIMITS,
  type InputLocation,
  type InputSplitter,
  isJsonWhitespace,
  LINE_FEED,
  type PipelineInputLimits,
  type RawInputEvent,
} from "./raw_input_item.ts";

export { DEFAULT_PIPELINE_INPUT_LIMITS, type PipelineInputLimits } from "./raw_input_item.ts";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Opens pipeline input from a byte stream such as stdin. It reads only up to the first byte that
 * is not white space. Empty or white-space-only input returns undefined, meaning the command is not
 * fed by a pipeline. Otherwise it returns the items as an async iterable that reads the stream
 * on demand. The input is one JSON document (a top-level array is enumerated one level) or JSON
 * Lines, detected from the first value.
 *
 * The iterable yields each item's parsed value, or a non-terminating {@link PipelineInputError}
 * in place of an item that is malformed or breaks a limit. It throws a terminating
 * PipelineInputError when a JSON document is malformed, after the items before the error.
 *
 * @example
 * ```ts
 * import { openPipelineInput } from "./stdin_reader.ts";
 * const bytes = new TextEncoder().encode('{"PresenceId":"a"}\n{"PresenceId":"b"}\n');
 * const input = await openPipelineInput(new Blob([bytes]).stream());
 * for await (const item of input ?? []) console.log(item); // { PresenceId: "a" }, { PresenceId: "b" }
 * ```
 */
export async function openPipelineInput(
  stream: ReadableStream<Uint8Array>,
  limits: Partial<PipelineInputLimits> = {},
): Promise<AsyncIterable<unknown> | undefined> {
  const effectiveLimits = { ...DEFAULT_PIPELINE_INPUT_LIMITS, ...limits };
  const reader = stream.getReader();
  let line = 1;
  /** Bytes of the start of the input compared with the UTF-8 byte order mark so far. */
  let bomBytesSeen = 0;
  while (true) {
    const { value, done } = await reader.read();
    if (done) {
      reader.releaseLock();
      return undefined;
    }
    let offset = 0;
    const chunk = value;
    // A byte order mark at the start is skipped, even when it is split across chunks.
    while (bomBytesSeen < UTF8_BOM.length && offset < chunk.length) {
      if (chunk[offset] !== UTF8_BOM[bomBytesSeen]) {
        bomBytesSeen = UTF8_BOM.length;
        break;
      }
      bomBytesSeen++;
      offset++;
    }
    while (offset < chunk.length && isJsonWhitespace(chunk[offset])) {
      if (chunk[offset] === LINE_FEED) line++;
      offset++;
    }
    if (offset < chunk.length) {
      return readItems(reader, chunk.subarray(offset), line, effectiveLimits);
    }
  }
}

/** Reads the items, pulling the next chunk from the stream only when the consumer wants more. */
async function* readItems(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  firstChunk: Uint8Array,
  firstLine: number,
  limits: PipelineInputLimits,
): AsyncGenerator<unknown, void, undefined> {
  try {
    const detector = new JsonInputFormatDetector(limits.maxItemBytes);
    const prefix: Uint8Array[] = [];
    let format: JsonInputFormat | undefined;
    let chunk: Uint8Array | undefined = firstChunk;
    while (format === undefined) {
      if (chunk === undefined) {
        format = "document";
        break;
      }
      // Copied, because the stream may reuse a chunk's memory after the next read.
      prefix.push(chunk.slice());
      format = detector.scan(chunk);
      if (format === undefined) chunk = await readChunk(reader);
    }

    const splitter: InputSplitter = format === "lines"
      ? new JsonLinesSplitter(limits, firstLine)
      : new JsonDocumentSplitter(limits, firstLine);
    const decode = new ItemDecoder(format, limits);
    while (prefix.length > 0) yield* decode.items(splitter.push(prefix.shift()!));
    if (chunk !== undefined) {
      while ((chunk = await readChunk(reader)) !== undefined) {
        yield* decode.items(splitter.push(chunk));
      }
    }
    yield* decode.items(splitter.finish());
  } finally {
    // Stops reading when the consumer ends early, such as after -ErrorAction Stop.
    await reader.cancel().catch(() => {});
  }
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | undefined> {
  while (true) {
    const { value, done } = await reader.read();
    if (done) return undefined;
    if (value.length > 0) return value;
  }
}

/** Turns raw items into values: UTF-8 decoding, JSON.parse, and an error for each failure. */
class ItemDecoder {
  readonly #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(
    private readonly format: JsonInputFormat,
    private readonly limits: PipelineInputLimits,
  ) {}

  *items(events: RawInputEvent[]): Generator<unknown, void, undefined> {
    for (const event of events) yield this.#item(event);
  }

  #item(event: RawInputEvent): unknown {
    switch (event.kind) {
      case "malformed":
        throw new PipelineInputError(
          "PipelineInputInvalidJson",
          `Pipeline input is not a valid JSON document: ${event.reason} (line ${event.line}). Send one JSON document, or one JSON value per line.`,
          { terminating: true },
        );
      case "tooLarge":
        return new PipelineInputError(
          "PipelineInputItemTooLarge",
          `${
            this.#describe(event.location)
          } is larger than the maximum of ${this.limits.maxItemBytes} bytes per item.`,
          { terminating: false },
        );
      case "tooDeep":
        return new PipelineInputError(
          "PipelineInputItemTooDeep",
          `${
            this.#describe(event.location)
          } nests arrays and objects deeper than the maximum of ${this.limits.maxDepth} levels.`,
          { terminating: false },
        );
      case "item":
        return this.#parse(event.bytes, event.location);
    }
  }

  #parse(bytes: Uint8Array, location: InputLocation): unknown {
    // A JSON document cannot be read past an invalid element, so its errors end the input.
    const terminating = this.format === "document";
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch {
      const error = new PipelineInputError(
        "PipelineInputInvalidUtf8",
        `${this.#describe(location)} is not valid UTF-8 text.`,
        { terminating },
      );
      if (terminating) throw error;
      return error;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : String(error);
      const failure = new PipelineInputError(
        "PipelineInputInvalidJson",
        terminating
          ? `Pipeline input is not a valid JSON document: ${
            this.#describe(location)
          } is not valid JSON: ${reason}`
          : `${this.#describe(location)} is not valid JSON: ${reason}`,
        { terminating },
      );
      if (terminating) throw failure;
      return failure;
    }
  }

  #describe(location: InputLocation): string {
    return this.format === "lines"
      ? `Pipeline input line ${location.line}`
      : `Pipeline input item ${location.index} (starting on line ${location.line})`;
  }
}
