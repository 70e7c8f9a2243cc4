/**
 * One request the mock received, with its response status.
 *
 * @example
 * ```ts
 * import { createGraphMock, type LoggedRequest } from "./mod.ts";
 *
 * const mock = createGraphMock();
 * const clears: LoggedRequest[] = mock.requests.filter((entry) => entry.path.endsWith("/clearPresence"));
 * ```
 */
export interface LoggedRequest {
  /** HTTP method in upper case. */
  method: string;
  /** Full request URL. */
  url: string;
  /** Path of the URL, still percent-encoded, without the query. */
  path: string;
  /** Request headers with lower-case names. */
  headers: Record<string, string>;
  /** Body parsed as JSON, the raw text when it is not JSON, or `undefined` when empty. */
  body: unknown;
  /** Response status; 0 when a network-error fault reset the connection. */
  status: number;
  /** Mock clock time at which the request arrived. */
  time: Date;
  /** Wall-clock milliseconds the mock spent on the request, injected latency included. */
  durationMs: number;
}

/**
 * Requests a mock received, oldest first. It is an array, so `length`, indexing, `at`, `filter`
 * and `map` work as usual; `clear()` empties it.
 *
 * @example
 * ```ts
 * import { createGraphMock } from "./mod.ts";
 *
 * const mock = createGraphMock();
 * console.log(mock.requests.length, mock.requests.at(-1)); // 0 undefined
 * mock.requests.clear();
 * ```
 */
export class RequestLog extends Array<LoggedRequest> {
  /** Makes `map`, `filter` and `slice` return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** Removes every entry. */
  clear(): void {
    this.length = 0;
  }
}

/** Parses a logged body: JSON when it parses, the text otherwise, `undefined` when empty. */
export function parseLoggedBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
