/** A Graph response read to the end, so retries and error records can use its body. */
export interface GraphResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

/** The error body Graph sends: `{ "error": { "code", "message", "innerError": { "date", … } } }`. */
export interface GraphErrorBody {
  code: string;
  message: string;
  date?: string;
}

/** Reads Graph's error JSON from a body; undefined when the body is not one. */
export function parseGraphErrorBody(bodyText: string): GraphErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (error === null || typeof error !== "object") return undefined;
  const { code, message, innerError } = error as Record<string, unknown>;
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  const date = innerError !== null && typeof innerError === "object"
    ? (innerError as Record<string, unknown>).date
    : undefined;
  return { code, message, date: typeof date === "string" ? date : undefined };
}
