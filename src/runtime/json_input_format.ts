import {
  isJsonWhitespace,
  LEFT_BRACE,
  LEFT_BRACKET,
  LINE_FEED,
  QUOTATION_MARK,
  REVERSE_SOLIDUS,
  RIGHT_BRACE,
  RIGHT_BRACKET,
} from "./raw_input_item.ts";

/** The layout of pipeline input: one JSON document, or one JSON value per line. */
export type JsonInputFormat = "document" | "lines";

/**
 * Tells JSON Lines from one JSON document by looking at the first value only:
 * - the first value spans more than one line (pretty-printed, or `[1,\n2]`): a document;
 * - the first value is an object or a scalar that ends its line: JSON Lines at once, so the item
 *   streams before more input arrives (either layout reads it as the same single item);
 * - another value follows a first array: JSON Lines;
 * - only white space follows a first array up to the end of the input: a document.
 * A first value that grows past `maxPrefixBytes` while undecided is taken as a document, because
 * a JSON Lines item that large would be rejected anyway. The caller keeps the scanned bytes and
 * replays them into the chosen splitter, so memory stays bounded by that maximum.
 * NOTE: JSON Lines whose first line is malformed with an unclosed `{` or `[` read as a
 * document, so one bad first line ends the whole input with a terminating error.
 */
export class JsonInputFormatDetector {
  readonly #maxPrefixBytes: number;
  #scanned = 0;
  #started = false;
  #scalar = false;
  #array = false;
  #valueDone = false;
  #depth = 0;
  #inString = false;
  #escaped = false;

  constructor(maxPrefixBytes: number) {
    this.#maxPrefixBytes = maxPrefixBytes;
  }

  /** Scans the next chunk; returns the format once it is known, else undefined. */
  scan(chunk: Uint8Array): JsonInputFormat | undefined {
    for (const byte of chunk) {
      if (++this.#scanned > this.#maxPrefixBytes) return "document";
      if (this.#valueDone) {
        if (!isJsonWhitespace(byte) || (byte === LINE_FEED && !this.#array)) return "lines";
        continue;
      }
      if (!this.#started) {
        if (isJsonWhitespace(byte)) continue;
        this.#started = true;
        this.#array = byte === LEFT_BRACKET;
        if (byte === LEFT_BRACE || byte === LEFT_BRACKET) this.#depth = 1;
        else if (byte === QUOTATION_MARK) this.#inString = true;
        else this.#scalar = true;
        continue;
      }
      if (byte === LINE_FEED) {
        return this.#scalar ? "lines" : "document";
      }
      if (this.#scalar) {
        if (isJsonWhitespace(byte)) this.#valueDone = true;
      } else if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === REVERSE_SOLIDUS) this.#escaped = true;
        else if (byte === QUOTATION_MARK) {
          this.#inString = false;
          if (this.#depth === 0) this.#valueDone = true;
        }
      } else if (byte === QUOTATION_MARK) {
        this.#inString = true;
      } else if (byte === LEFT_BRACE || byte === LEFT_BRACKET) {
        this.#depth++;
      } else if (byte === RIGHT_BRACE || byte === RIGHT_BRACKET) {
        if (--this.#depth === 0) this.#valueDone = true;
      }
    }
    return undefined;
  }
}
