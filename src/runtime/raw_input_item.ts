/** Limits on one pipeline input item. */
export interface PipelineInputLimits {
  /** Maximum size of one item in bytes of UTF-8 (one line of JSON Lines, or one array element). */
  maxItemBytes: number;
  /** Maximum nesting depth of arrays and objects inside one item; `{}` has depth 1. */
  maxDepth: number;
}

/** The default limits: 16 MiB and 64 levels per item. */
export const DEFAULT_PIPELINE_INPUT_LIMITS: Readonly<PipelineInputLimits> = {
  maxItemBytes: 16 * 1024 * 1024,
  maxDepth: 64,
};

/** Where an item starts: its 1-based position among the items and the line of its first byte. */
export interface InputLocation {
  index: number;
  line: number;
}

/**
 * One step of splitting the input bytes into items: the raw bytes of one item, an item skipped
 * because it broke a limit, or a syntax error that ends a JSON document.
 */
export type RawInputEvent =
  | { kind: "item"; bytes: Uint8Array; location: InputLocation }
  | { kind: "tooLarge"; location: InputLocation }
  | { kind: "tooDeep"; location: InputLocation }
  | { kind: "malformed"; reason: string; line: number };

/** Splits a byte stream into raw items; `push` takes the next chunk and `finish` ends the input. */
export interface InputSplitter {
  push(chunk: Uint8Array): RawInputEvent[];
  finish(): RawInputEvent[];
}

export const LINE_FEED = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
export const SPACE = 0x20;
export const TAB = 0x09;
export const QUOTATION_MARK = 0x22;
export const REVERSE_SOLIDUS = 0x5c;
export const LEFT_BRACKET = 0x5b;
export const RIGHT_BRACKET = 0x5d;
export const LEFT_BRACE = 0x7b;
export const RIGHT_BRACE = 0x7d;
export const COMMA = 0x2c;

/** Tells whether a byte is JSON white space. */
export function isJsonWhitespace(byte: number): boolean {
  return byte === SPACE || byte === LINE_FEED || byte === CARRIAGE_RETURN || byte === TAB;
}

/**
 * Collects the bytes of one item across chunks up to a maximum size. Past the maximum it drops
 * what it holds and only remembers that the item was too large, so memory stays bounded.
 */
export class ItemBuffer {
  #parts: Uint8Array[] = [];
  #size = 0;
  #tooLarge = false;

  constructor(private readonly maxBytes: number) {}

  get tooLarge(): boolean {
    return this.#tooLarge;
  }

  append(bytes: Uint8Array): void {
    if (this.#tooLarge || bytes.length === 0) return;
    this.#size += bytes.length;
    if (this.#size > this.maxBytes) {
      this.#tooLarge = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(bytes);
  }

  /** Returns the collected bytes as one array and empties the buffer. */
  take(): Uint8Array {
    const parts = this.#parts;
    const size = this.#size;
    this.reset();
    if (parts.length === 1) return parts[0];
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return bytes;
  }

  reset(): void {
    this.#parts = [];
    this.#size = 0;
    this.#tooLarge = false;
  }
}
