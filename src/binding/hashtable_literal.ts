/**
 * Parses a PowerShell hashtable literal such as `@{ sessionId = 'x'; n = 1 }` into a plain object.
 * Returns undefined when the text is not a literal this parser accepts.
 */
export function parseHashtableLiteral(text: string): Record<string, unknown> | undefined {
  // TODO: quoted keys, nested @{} and @() values, $true/$false/$null and newlines as separators.
  const match = /^@\{\s*(.*?)\s*\}$/s.exec(text.trim());
  if (!match) return undefined;
  const result: Record<string, unknown> = {};
  if (match[1] === "") return result;
  for (const entry of match[1].split(";")) {
    const pair = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/s.exec(entry);
    if (!pair) return undefined;
    const raw = pair[2];
    const quoted = /^'(.*)'$|^"(.*)"$/s.exec(raw);
    result[pair[1]] = quoted ? (quoted[1] ?? quoted[2]) : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return result;
}
