// Sliding-window rate limiter keyed by application id and tenant id, like Graph's presence limit.

/**
 * Limit of a rate limiter: at most `requests` requests in any `perSeconds`-second window.
 *
 * @example
 * ```ts
 * import { createGraphMock, type RateLimit } from "./mod.ts";
 *
 * const tenPerSecond: RateLimit = { requests: 10, perSeconds: 1 };
 * createGraphMock({ rateLimit: tenPerSecond });
 * ```
 */
export interface RateLimit {
  /** Requests allowed in one window. */
  requests: number;
  /** Window length in seconds. */
  perSeconds: number;
}

/** Graph's presence limit: 1,500 requests per 30 seconds per application per tenant. */
export const GRAPH_PRESENCE_RATE_LIMIT: RateLimit = { requests: 1500, perSeconds: 30 };

/**
 * Sliding-window log limiter. Each accepted request stores its time. A request is rejected
 * while `requests` accepted ones fall in the last `perSeconds` seconds, and rejected requests
 * are not stored. Time comes from the caller, normally the mock clock.
 */
export class RateLimiter {
  readonly #limit: RateLimit | false;
  readonly #accepted = new Map<string, number[]>();

  /** Creates a limiter; `false` disables it. Throws a `RangeError` for a non-positive limit. */
  constructor(limit: RateLimit | false) {
    if (limit !== false && !(limit.requests >= 1 && limit.perSeconds > 0)) {
      throw new RangeError(
        `Invalid rate limit ${limit.requests}/${limit.perSeconds}: requests must be at least 1 ` +
          `and perSeconds greater than 0.`,
      );
    }
    this.#limit = limit;
  }

  /**
   * Records a request for `key` at `nowMs`. Returns 0 when it is accepted, otherwise the whole
   * number of seconds (at least 1) until the oldest request in the window leaves it.
   */
  take(key: string, nowMs: number): number {
    if (this.#limit === false) return 0;
    const windowMs = this.#limit.perSeconds * 1000;
    const times = (this.#accepted.get(key) ?? []).filter((time) => time > nowMs - windowMs);
    this.#accepted.set(key, times);
    if (times.length < this.#limit.requests) {
      times.push(nowMs);
      return 0;
    }
    return Math.max(1, Math.ceil((times[0] + windowMs - nowMs) / 1000));
  }

  /** Forgets every recorded request. */
  clear(): void {
    this.#accepted.clear();
  }
}
