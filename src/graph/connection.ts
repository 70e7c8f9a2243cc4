/** Settings of the retry handler, as Microsoft Graph's SDKs define them. */
export interface RetryOptions {
  /** Retries after the first attempt, from 0 to 10; the SDK default is 3. */
  maxRetries: number;
  /** Base delay in seconds of the exponential back-off when no Retry-After comes; default 3. */
  delaySeconds: number;
  /** Upper bound of every wait in seconds, from 0 to 180; default 180. */
  maxDelaySeconds: number;
}

/** How to reach Microsoft Graph: passed to each call, never kept globally. */
export interface GraphConnection {
  /** The Graph root without a version segment, such as `https://graph.microsoft.com`. */
  endpoint: string;
  /**
   * Returns the bearer token; called once per Graph call, whose retries and redirects reuse it.
   * The signal aborts a token request when the call times out.
   */
  getAccessToken: (options?: { signal?: AbortSignal }) => Promise<string>;
  /** The fetch implementation; global fetch by default. It is called with `redirect: "manual"`. */
  fetch?: typeof fetch;
  /** Retry handler settings; SDK defaults for the fields that are absent. */
  retry?: Partial<RetryOptions>;
  /**
   * Timeout of one call in milliseconds, retries, waits and redirects included, as
   * HttpClient.Timeout covers the whole handler chain; 300,000 (the SDK's ClientTimeout) by default.
   */
  timeoutMs?: number;
  /** Redirects followed per request, from 0 to 20; 5 by default. */
  maxRedirects?: number;
  /** Waits between retries; a test can inject one that records the waits and returns at once. */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  /** Current time in epoch milliseconds, used to read a Retry-After date; `Date.now` by default. */
  now?: () => number;
}

/** A token provider as {@link GraphConnection.getAccessToken} takes it. */
export type AccessTokenProvider = GraphConnection["getAccessToken"];

/** The Graph root of the Global cloud. */
export const GLOBAL_GRAPH_ENDPOINT = "https://graph.microsoft.com";

/** The retry settings of Kiota's RetryHandlerOption (Microsoft.Graph.Core 3.x). */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = {
  maxRetries: 3,
  delaySeconds: 3,
  maxDelaySeconds: 180,
};

/** Upper bounds that RetryHandlerOption enforces. */
export const MAX_RETRIES_LIMIT = 10;
export const MAX_DELAY_SECONDS_LIMIT = 180;

/** The SDK's ClientTimeout: 300 seconds. */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** RedirectHandlerOption's default and maximum of MaxRedirect. */
export const DEFAULT_MAX_REDIRECTS = 5;
export const MAX_REDIRECTS_LIMIT = 20;
