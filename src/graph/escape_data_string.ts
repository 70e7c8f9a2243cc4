/**
 * Escapes a path segment as .NET's Uri.EscapeDataString does: every character outside RFC 3986's
 * unreserved set (A-Z a-z 0-9 - . _ ~) is percent-encoded as UTF-8, so `/`, `?`, `#`, `%`, `!`,
 * `'`, `(`, `)` and `*` cannot change the path.
 */
export function escapeDataString(value: string): string {
  // A lone surrogate has no UTF-8 form: .NET writes U+FFFD for it, and encodeURIComponent would throw.
  return encodeURIComponent(value.toWellFormed()).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Tells whether a value would be a dot segment in a URL path. Escaping cannot protect `.` and `..`,
 * because WHATWG URL parsers treat `%2e%2e` as `..` too and would remove the segment before it.
 */
export function isDotSegment(value: string): boolean {
  return value === "." || value === "..";
}
