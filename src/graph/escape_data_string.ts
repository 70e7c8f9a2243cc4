/**
 * Escapes a path segment as .NET's Uri.EscapeDataString does: every character outside RFC 3986's
 * unreserved set (A-Z a-z 0-9 - . _ ~) is percent-encoded as UTF-8, so `/`, `?`, `#`, `%`, `!`,
 * `'`, `(`, `)` and `*` cannot change the path.
 */
export function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
