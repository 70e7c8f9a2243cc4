import type { RetryOptions } from "./connection.ts";

/** Statuses the retry handler retries: 429 Too Many Requests, 503 and 504. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** RFC 1123 dates, the only Retry-After date form the .NET handler accepts. */
const RFC1123_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Computes the wait in seconds before retry number `retryCount + 1`, as Kiota's RetryHandler
 * does: Retry-After in whole seconds, or an RFC 1123 date; without the header
 * `2^retryCount × delaySeconds`. Every wait is capped at `maxDelaySeconds`.
 *
 * Where the .NET handler is odd or undefined, this picks a safe value. A date in the past gives
 * the exponential delay and a negative number gives 0. A value that is neither a number nor a
 * date gives the base delay, because the .NET handler then keeps its base delay.
 */
export function retryDelaySeconds(
  retryAfter: string | null,
  retryCount: number,
  options: Pick<RetryOptions, "delaySeconds" | "maxDelaySeconds">,
  nowMs: number,
): number {
  const exponential = 2 ** retryCount * options.delaySeconds;
  let seconds: number;
  if (retryAfter === null) {
    seconds = exponential;
  } else if (/^\s*[+-]?\d+\s*$/.test(retryAfter)) {
    seconds = Math.max(0, Number.parseInt(retryAfter, 10));
  } else if (RFC1123_DATE.test(retryAfter.trim())) {
    // NOTE: .NET reads TimeSpan.Seconds, only the 0-59 seconds part of the span, so there a date
    // two minutes ahead waits less than a minute. This waits the whole span in seconds.
    const untilDate = Math.trunc((Date.parse(retryAfter) - nowMs) / 1000);
    seconds = untilDate > 0 ? untilDate : exponential;
  } else {
    seconds = options.delaySeconds;
  }
  return Math.min(seconds, options.maxDelaySeconds);
}
