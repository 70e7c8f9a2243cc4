/**
 * Reads pipeline input from a byte stream: one JSON value (an array is enumerated one level, as
 * PowerShell enumerates piped arrays) or JSON Lines. Empty or white-space-only input is no
 * pipeline input at all.
 */
export async function readPipelineInput(
  stream: ReadableStream<Uint8Array>,
): Promise<unknown[] | undefined> {
  // TODO: stream items as they arrive with bounded memory, with per-line errors for malformed JSON Lines.
  const text = await new Response(stream).text();
  if (text.trim() === "") return undefined;
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
  }
}
