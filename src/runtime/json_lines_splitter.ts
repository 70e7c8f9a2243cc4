import {
  type InputSplitter,
  isJsonWhitespace,
  ItemBuffer,
  LEFT_BRACE,
  LEFT_BRACKET,
  LINE_FEED,
  type PipelineInputLimits,
  QUOTATION_MARK,
  type RawInputEvent,
  REVERSE_SOLIDUS,
  RIGHT_BRACE,
  RIGHT_BRACKET,
} from "./raw_input_item.ts";

/**
 * Splits JSON Lines input into one raw item per non-blank line. It tracks strings and brackets
 * only to measure the nesting depth. Whether a line is valid JSON is left to JSON.parse, so a
 * malformed line costs only that line.
 */
export class JsonLinesSplitter implements InputSplitter {
  readonly #limits: PipelineInputLimits;
  readonly #buffer: ItemBuffer;
  #line: number;
  #index = 0;
  #blank = true;
  #depth = 0;
  #tooDeep = false;
  #inString = false;
  #escaped = false;

  /** `firstLine` is the number of the line the first pushed byte is on. */
  constructor(limits: PipelineInputLimits, firstLine = 1) {
    this.#limits = limits;
    this.#buffer = new ItemBuffer(limits.maxItemBytes);
    this.#line = firstLine;
  }

  push(chunk: Uint8Array): RawInputEvent[] {
    const events: RawInputEvent[] = [];
    let lineStart = 0;
    for (let offset = 0; offset < chunk.length; offset++) {
      const byte = chunk[offset];
      if (byte === LINE_FEED) {
        this.#buffer.append(chunk.subarray(lineStart, offset));
        this.#endLine(events);
        lineStart = offset + 1;
        continue;
      }
      if (this.#blank && !isJsonWhitespace(byte)) this.#blank = false;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === REVERSE_SOLIDUS) this.#escaped = true;
        else if (byte === QUOTATION_MARK) this.#inString = false;
      } else if (byte === QUOTATION_MARK) {
        this.#inString = true;
      } else if (byte === LEFT_BRACE || byte === LEFT_BRACKET) {
        this.#depth++;
        if (this.#depth > this.#limits.maxDepth) this.#tooDeep = true;
      } else if (byte === RIGHT_BRACE || byte === RIGHT_BRACKET) {
        this.#depth--;
      }
    }
    // The rest of the line continues in the next chunk. It is copied because the stream may
    // reuse the chunk's memory for the next read.
    if (lineStart < chunk.length) this.#buffer.append(chunk.slice(lineStart));
    return events;
  }

  finish(): RawInputEvent[] {
    const events: RawInputEvent[] = [];
    this.#endLine(events);
    return events;
  }

  #endLine(events: RawInputEvent[]): void {
    if (!this.#blank) {
      const location = { index: ++this.#index, line: this.#line };
      if (this.#buffer.tooLarge) events.push({ kind: "tooLarge", location });
      else if (this.#tooDeep) events.push({ kind: "tooDeep", location });
      else events.push({ kind: "item", bytes: this.#buffer.take(), location });
    }
    this.#buffer.reset();
    this.#line++;
    this.#blank = true;
    this.#depth = 0;
    this.#tooDeep = false;
    this.#inString = false;
    this.#escaped = false;
  }
}
