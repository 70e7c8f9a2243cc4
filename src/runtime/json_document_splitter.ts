import {
  COMMA,
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
 * Splits one JSON document into raw items. A top-level array is enumerated one level, as
 * PowerShell enumerates a piped array: each element is one item, and an element that is itself
 * an array stays one item. Any other value is the only item. Elements are emitted as soon as
 * they end, so a large array streams. Structural errors at the top level are reported as
 * `malformed`, and an element's own syntax is left to JSON.parse.
 */
export class JsonDocumentSplitter implements InputSplitter {
  readonly #limits: PipelineInputLimits;
  readonly #buffer: ItemBuffer;
  #line: number;
  #index = 0;
  /** "start" before the first byte, "array" inside a top-level array, "value" for any other document. */
  #shape: "start" | "array" | "value" | "closed" = "start";
  /** Nesting depth counted from the document's root; the top-level array is depth 1. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** True while an array element has begun and not yet ended. */
  #inElement = false;
  #elementLine = 0;
  #elementTooDeep = false;
  /** True after `[` or `,`, where the next byte that is not white space must start an element. */
  #expectingElement = false;
  #afterComma = false;
  #failed = false;

  /** `firstLine` is the number of the line the first pushed byte is on. */
  constructor(limits: PipelineInputLimits, firstLine = 1) {
    this.#limits = limits;
    this.#buffer = new ItemBuffer(limits.maxItemBytes);
    this.#line = firstLine;
  }

  push(chunk: Uint8Array): RawInputEvent[] {
    const events: RawInputEvent[] = [];
    if (this.#failed) return events;
    let elementStart = this.#inElement ? 0 : -1;
    for (let offset = 0; offset < chunk.length; offset++) {
      const byte = chunk[offset];
      if (this.#shape === "start") {
        if (isJsonWhitespace(byte)) {
          if (byte === LINE_FEED) this.#line++;
          continue;
        }
        if (byte === LEFT_BRACKET) {
          this.#shape = "array";
          this.#depth = 1;
          this.#expectingElement = true;
          continue;
        }
        this.#shape = "value";
        this.#elementLine = this.#line;
        elementStart = offset;
        this.#inElement = true;
      }
      if (byte === LINE_FEED) this.#line++;

      if (this.#shape === "value") {
        this.#trackStructure(byte, 0);
        continue;
      }
      if (this.#shape === "closed") {
        if (!isJsonWhitespace(byte)) {
          return this.#fail(events, "unexpected content after the end of the top-level array");
        }
        continue;
      }

      // Inside the top-level array.
      if (this.#inString || this.#depth > 1) {
        this.#trackStructure(byte, 1);
        continue;
      }
      if (isJsonWhitespace(byte)) continue;
      if (byte === COMMA || byte === RIGHT_BRACKET) {
        if (this.#inElement) {
          this.#buffer.append(chunk.subarray(elementStart, offset));
          this.#endElement(events);
          elementStart = -1;
        } else if (byte === COMMA || this.#afterComma) {
          return this.#fail(events, `a value is missing before '${String.fromCharCode(byte)}'`);
        }
        if (byte === COMMA) {
          this.#expectingElement = true;
          this.#afterComma = true;
        } else {
          this.#shape = "closed";
          this.#depth = 0;
        }
        continue;
      }
      if (byte === RIGHT_BRACE) return this.#fail(events, "unexpected '}' in the top-level array");
      if (!this.#inElement) {
        if (!this.#expectingElement) return this.#fail(events, "a ',' is missing between values");
        this.#inElement = true;
        this.#expectingElement = false;
        this.#afterComma = false;
        this.#elementLine = this.#line;
        elementStart = offset;
      }
      this.#trackStructure(byte, 1);
    }
    // The element continues in the next chunk; copy it because the stream may reuse the chunk.
    if (this.#inElement && elementStart >= 0) this.#buffer.append(chunk.slice(elementStart));
    return events;
  }

  finish(): RawInputEvent[] {
    const events: RawInputEvent[] = [];
    if (this.#failed) return events;
    if (this.#shape === "value") {
      if (this.#depth > 0 || this.#inString) {
        return this.#fail(events, "the input ended before the JSON document was complete");
      }
      this.#endElement(events);
    } else if (this.#shape === "array") {
      return this.#fail(events, "the input ended before the top-level array was closed");
    }
    return events;
  }

  /** Follows strings and brackets inside an item; `rootDepth` is the depth the item starts at. */
  #trackStructure(byte: number, rootDepth: number): void {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === REVERSE_SOLIDUS) this.#escaped = true;
      else if (byte === QUOTATION_MARK) this.#inString = false;
    } else if (byte === QUOTATION_MARK) {
      this.#inString = true;
    } else if (byte === LEFT_BRACE || byte === LEFT_BRACKET) {
      this.#depth++;
      if (this.#depth - rootDepth > this.#limits.maxDepth) this.#elementTooDeep = true;
    } else if (byte === RIGHT_BRACE || byte === RIGHT_BRACKET) {
      this.#depth--;
    }
  }

  #endElement(events: RawInputEvent[]): void {
    const location = { index: ++this.#index, line: this.#elementLine };
    if (this.#buffer.tooLarge) events.push({ kind: "tooLarge", location });
    else if (this.#elementTooDeep) events.push({ kind: "tooDeep", location });
    else events.push({ kind: "item", bytes: this.#buffer.take(), location });
    this.#buffer.reset();
    this.#inElement = false;
    this.#elementTooDeep = false;
  }

  #fail(events: RawInputEvent[], reason: string): RawInputEvent[] {
    this.#failed = true;
    this.#buffer.reset();
    events.push({ kind: "malformed", reason, line: this.#line });
    return events;
  }
}
