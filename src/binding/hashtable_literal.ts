import { parseNumberLiteral } from "./number_literal.ts";

/**
 * Parses a PowerShell hashtable literal such as `@{ a = 'x'; b = 1; c = $true; d = $null;
 * e = @{ f = 2 }; g = @(1, 'two') }` into a plain object, keeping the key order.
 *
 * Keys are bare words, quoted strings or numbers, and entries are separated by `;` or newlines.
 * Values are single-quoted strings (`''` is a quote), double-quoted strings with backtick escapes
 * and `""`, numbers in PowerShell's literal forms, `$true`, `$false`, `$null`, nested `@{…}`,
 * `@(…)` arrays and comma lists. `#` and `<# … #>` comments and an `[ordered]` prefix are allowed.
 * Returns undefined for any other text. Expressions, commands and variables other than the three
 * constants are rejected, because their values are not known outside PowerShell. Keys that differ
 * only in case are duplicates, as in PowerShell's case-insensitive Hashtable, and throw a
 * {@link DuplicateHashtableKeyError}, because PowerShell rejects them while parsing.
 */
export function parseHashtableLiteral(text: string): Record<string, unknown> | undefined {
  const parser = new LiteralParser(text);
  try {
    parser.skipSpace(true);
    parser.skipPrefix("[ordered]");
    const value = parser.parseHashtable();
    parser.skipSpace(true);
    return parser.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof LiteralSyntaxError) return undefined;
    throw error;
  }
}

class LiteralSyntaxError extends Error {}

/** A hashtable literal that repeats a key, which PowerShell's parser rejects as DuplicateKeyInHashLiteral. */
export class DuplicateHashtableKeyError extends Error {
  /** The repeated key as written the second time. */
  readonly key: string;

  /** Creates the error with PowerShell's parser message for the key. */
  constructor(key: string) {
    super(`Duplicate keys '${key}' are not allowed in hash literals.`);
    this.name = "DuplicateHashtableKeyError";
    this.key = key;
  }
}

const BARE_KEY = /^[A-Za-z0-9_.\-]+/;
const BARE_WORD_END = /[\s;,=(){}@'"#]/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

class LiteralParser {
  #position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.#position >= this.text.length;
  }

  skipPrefix(prefix: string): void {
    if (this.text.slice(this.#position, this.#position + prefix.length).toLowerCase() === prefix) {
      this.#position += prefix.length;
      this.skipSpace(true);
    }
  }

  /** Skips blanks and comments, and also newlines when `newlines` is true. */
  skipSpace(newlines: boolean): void {
    while (!this.atEnd()) {
      const character = this.text[this.#position];
      if (character === " " || character === "\t" || (newlines && /[\r\n]/.test(character))) {
        this.#position++;
      } else if (character === "`" && /[\r\n]/.test(this.text[this.#position + 1] ?? "")) {
        this.#position += 2; // a backtick before a newline continues the line
      } else if (this.text.startsWith("<#", this.#position)) {
        const end = this.text.indexOf("#>", this.#position + 2);
        if (end < 0) throw new LiteralSyntaxError();
        this.#position = end + 2;
      } else if (character === "#") {
        while (!this.atEnd() && !/[\r\n]/.test(this.text[this.#position])) this.#position++;
      } else {
        return;
      }
    }
  }

  #expect(token: string): void {
    if (!this.text.startsWith(token, this.#position)) throw new LiteralSyntaxError();
    this.#position += token.length;
  }

  #peek(token: string): boolean {
    return this.text.startsWith(token, this.#position);
  }

  /** Skips entry separators (`;` and newlines) and returns whether there was one. */
  #skipSeparators(): boolean {
    let separated = false;
    for (;;) {
      this.skipSpace(false);
      const character = this.text[this.#position];
      if (character === ";" || character === "\n" || character === "\r") {
        this.#position++;
        separated = true;
      } else {
        return separated;
      }
    }
  }

  parseHashtable(): Record<string, unknown> {
    this.#expect("@{");
    const result: Record<string, unknown> = {};
    const seenKeys = new Set<string>();
    this.#skipSeparators();
    while (!this.#peek("}")) {
      const key = this.#parseKey();
      if (seenKeys.has(key.toLowerCase())) throw new DuplicateHashtableKeyError(key);
      seenKeys.add(key.toLowerCase());
      this.skipSpace(false);
      this.#expect("=");
      this.skipSpace(true);
      result[key] = this.#parseValueList();
      const separated = this.#skipSeparators();
      if (!separated && !this.#peek("}")) throw new LiteralSyntaxError();
    }
    this.#expect("}");
    return result;
  }

  #parseKey(): string {
    const character = this.text[this.#position];
    if (character === "'") return this.#parseSingleQuoted();
    if (character === '"') return this.#parseDoubleQuoted();
    const match = BARE_KEY.exec(this.text.slice(this.#position));
    if (!match) throw new LiteralSyntaxError();
    this.#position += match[0].length;
    return match[0];
  }

  /** Parses one value, or a comma list of values, which PowerShell makes an array. */
  #parseValueList(): unknown {
    const first = this.#parseValue();
    this.skipSpace(false);
    if (!this.#peek(",")) return first;
    const items = [first];
    while (this.#peek(",")) {
      this.#position++;
      this.skipSpace(true);
      items.push(this.#parseValue());
      this.skipSpace(false);
    }
    return items;
  }

  #parseValue(): unknown {
    const character = this.text[this.#position];
    if (character === "'") return this.#parseSingleQuoted();
    if (character === '"') return this.#parseDoubleQuoted();
    if (this.#peek("@{")) return this.parseHashtable();
    if (this.#peek("@(")) return this.#parseArray();
    if (this.#peek("[ordered]")) {
      this.skipPrefix("[ordered]");
      return this.parseHashtable();
    }
    const word = this.#readBareWord();
    switch (word.toLowerCase()) {
      case "$true":
        return true;
      case "$false":
        return false;
      case "$null":
        return null;
    }
    const number = parseNumberLiteral(word);
    if (number === undefined) throw new LiteralSyntaxError();
    return number;
  }

  #readBareWord(): string {
    const start = this.#position;
    while (!this.atEnd() && !BARE_WORD_END.test(this.text[this.#position])) this.#position++;
    if (start === this.#position) throw new LiteralSyntaxError();
    return this.text.slice(start, this.#position);
  }

  /** Parses `@( … )`: its statements, separated by `;` or newlines, each a value or a comma list. */
  #parseArray(): unknown[] {
    this.#expect("@(");
    const items: unknown[] = [];
    this.#skipSeparators();
    while (!this.#peek(")")) {
      // Each statement's output is enumerated one level, so `@(@(1, 2))` is `@(1, 2)`.
      const value = this.#parseValueList();
      if (Array.isArray(value)) items.push(...value);
      else items.push(value);
      const separated = this.#skipSeparators();
      if (!separated && !this.#peek(")")) throw new LiteralSyntaxError();
    }
    this.#expect(")");
    return items;
  }

  #parseSingleQuoted(): string {
    this.#expect("'");
    let result = "";
    for (;;) {
      if (this.atEnd()) throw new LiteralSyntaxError();
      const character = this.text[this.#position++];
      if (character === "'") {
        if (this.text[this.#position] !== "'") return result;
        this.#position++;
      }
      result += character;
    }
  }

  #parseDoubleQuoted(): string {
    this.#expect('"');
    let result = "";
    for (;;) {
      if (this.atEnd()) throw new LiteralSyntaxError();
      const character = this.text[this.#position++];
      if (character === '"') {
        if (this.text[this.#position] !== '"') return result;
        this.#position++;
        result += '"';
      } else if (character === "`") {
        if (this.atEnd()) throw new LiteralSyntaxError();
        const escaped = this.text[this.#position++];
        result += DOUBLE_QUOTE_ESCAPES[escaped] ?? escaped;
      } else if (character === "$" && /[A-Za-z_{(:?^]/.test(this.text[this.#position] ?? "")) {
        // Variable and subexpression expansion needs a PowerShell session; reject it.
        throw new LiteralSyntaxError();
      } else {
        result += character;
      }
    }
  }
}
