/**
 * A failure of a Graph call that produced no usable response. It is named after the .NET
 * exception the SDK would raise, so the cmdlet can build the same error record:
 * - `System.AggregateException`: retries exhausted;
 * - `System.Net.Http.HttpRequestException`: network failure;
 * - `System.Threading.Tasks.TaskCanceledException`: timeout;
 * - `System.InvalidOperationException`: redirect failures;
 * - `Azure.Identity.AuthenticationFailedException`: token request failures.
 */
export class GraphRequestError extends Error {
  /** The full .NET type name of the exception, e.g. `System.Net.Http.HttpRequestException`. */
  readonly exceptionType: string;

  constructor(exceptionType: string, message: string) {
    super(message);
    this.name = "GraphRequestError";
    this.exceptionType = exceptionType;
  }
}

/** Returns `host:port` of a URL, with the scheme's default port when the URL has none. */
export function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

/**
 * Describes why fetch failed, in the shape of .NET's SocketsHttpHandler messages:
 * `Connection refused (127.0.0.1:8080)`. Deno reports the cause in `error.cause.message`, e.g.
 * `… client error (Connect): tcp connect error: Connection refused (os error 111)`.
 */
export function describeFetchFailure(error: unknown, url: URL): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return `${fetchFailureReason(text)} (${hostAndPort(url)})`;
}

function fetchFailureReason(text: string): string {
  if (/connection refused/i.test(text)) return "Connection refused";
  const lookup = /failed to lookup address information: ([^(]+)/i.exec(text);
  if (lookup) return lookup[1].trim();
  if (/dns error/i.test(text)) return "Name or service not known";
  if (/connection reset/i.test(text)) return "Connection reset by peer";
  if (
    /closed before message completed|connection closed|unexpected eof|incomplete message/i.test(
      text,
    )
  ) {
    return "The response ended prematurely.";
  }
  // Deno's own text is kept for other causes, without the URL prefix and the OS error number.
  const reason = text.replace(/^error sending request for url \([^)]*\):\s*/i, "")
    .replace(/\s*\(os error \d+\)$/, "")
    .trim();
  return reason === "" ? "An error occurred while sending the request." : reason;
}

/** Returns true when an error is the abort of a signal, the way fetch and the sleep report it. */
export function isAbortError(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true &&
    (error === signal.reason ||
      (error instanceof DOMException &&
        (error.name === "AbortError" || error.name === "TimeoutError")));
}
