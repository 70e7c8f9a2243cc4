/** Settings of the retry handler, as Microsoft Graph's SDKs define them. */
export interface RetryOptions {
  /** Retries after the first attempt; the SDK default is 3 and the maximum 10. */
  maxRetries: number;
  /** Base delay in seconds for exponential back-off when no Retry-After comes; default 3. */
  delaySeconds: number;
}

/** How to reach Microsoft Graph: passed to each call, never kept globally. */
export interface GraphConnection {
  /** The Graph root without a version segment, such as `https://graph.microsoft.com`. */
  endpoint: string;
  /** Returns the bearer token for a request. */
  getAccessToken: () => Promise<string>;
  /** The fetch implementation; global fetch by default. */
  fetch?: typeof fetch;
  /** Retry handler settings; SDK defaults when absent. */
  retry?: Partial<RetryOptions>;
  /** Timeout of one request in milliseconds; 300,000 (the SDK's ClientTimeout) by default. */
  timeoutMs?: number;
}

/** The Graph root of the Global cloud. */
export const GLOBAL_GRAPH_ENDPOINT = "https://graph.microsoft.com";
