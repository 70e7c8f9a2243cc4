import {
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_RETRY_OPTIONS,
  DEFAULT_TIMEOUT_MS,
  type GraphConnection,
  MAX_DELAY_SECONDS_LIMIT,
  MAX_REDIRECTS_LIMIT,
  MAX_RETRIES_LIMIT,
  type RetryOptions,
} from "./connection.ts";
import { GraphRequestError } from "./graph_request_error.ts";

/** The pipeline settings of a connection with every default filled in. */
export interface RequestSettings {
  retry: RetryOptions;
  timeoutMs: number;
  maxRedirects: number;
  sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  fetch: typeof fetch;
}

/**
 * Fills in the SDK defaults and checks the ranges RetryHandlerOption and RedirectHandlerOption
 * enforce. Throws a GraphRequestError of type System.ArgumentOutOfRangeException for a value out
 * of range.
 */
export function resolveRequestSettings(connection: GraphConnection): RequestSettings {
  checkEndpoint(connection.endpoint);
  const retry = { ...DEFAULT_RETRY_OPTIONS, ...definedFields(connection.retry ?? {}) };
  checkRange("retry.maxRetries", retry.maxRetries, 0, MAX_RETRIES_LIMIT, true);
  checkRange("retry.delaySeconds", retry.delaySeconds, 0, MAX_DELAY_SECONDS_LIMIT, false);
  checkRange("retry.maxDelaySeconds", retry.maxDelaySeconds, 0, MAX_DELAY_SECONDS_LIMIT, false);
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkRange("timeoutMs", timeoutMs, 1, Number.MAX_SAFE_INTEGER, false);
  const maxRedirects = connection.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  checkRange("maxRedirects", maxRedirects, 0, MAX_REDIRECTS_LIMIT, true);
  return {
    retry,
    timeoutMs,
    maxRedirects,
    sleep: connection.sleep ?? abortableSleep,
    now: connection.now ?? Date.now,
    fetch: connection.fetch ?? fetch,
  };
}

/**
 * Rejects an endpoint with user information without echoing it: its password would show in
 * -Verbose and -Debug lines, and fetch would send it as Basic credentials next to the token.
 */
function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new GraphRequestError(
      "System.UriFormatException",
      `The connection's endpoint '${endpoint}' is not an absolute URL.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new GraphRequestError(
      "System.ArgumentException",
      "The connection's endpoint contains a user name or password. Remove them; pass the token through getAccessToken.",
    );
  }
}

function definedFields(options: Partial<RetryOptions>): Partial<RetryOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function checkRange(
  name: string,
  value: number,
  minimum: number,
  maximum: number,
  integer: boolean,
): void {
  const valid = typeof value === "number" && Number.isFinite(value) &&
    value >= minimum && value <= maximum && (!integer || Number.isInteger(value));
  if (!valid) {
    throw new GraphRequestError(
      "System.ArgumentOutOfRangeException",
      `The connection's ${name} must be ${
        integer ? "an integer" : "a number"
      } from ${minimum} to ${maximum}, not ${value}.`,
    );
  }
}

/** Waits for a number of milliseconds; rejects with the signal's reason when it aborts first. */
export function abortableSleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
