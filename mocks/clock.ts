import { parseIsoDuration } from "./duration.ts";

/**
 * Time source of a mock. Presence expiry, fading, token lifetimes, the rate limiter's window and
 * the `Date` response header all read it, so a test controls time by moving it.
 *
 * @example
 * ```ts
 * import { createMockClock } from "./mod.ts";
 *
 * const clock = createMockClock("2025-01-01T00:00:00Z");
 * clock.advance("PT5M");
 * console.log(clock.now().toISOString()); // "2025-01-01T00:05:00.000Z"
 * ```
 */
export interface MockClock {
  /** Current time of the mock. */
  now(): Date;
  /**
   * Moves the clock forward by an ISO 8601 duration (`"PT5M"`) or a number of milliseconds.
   * Throws a `RangeError` for a negative or unparsable duration.
   */
  advance(duration: string | number): void;
  /** Moves the clock to a point in time (a `Date`, an ISO 8601 string or epoch milliseconds). */
  set(time: Date | string | number): void;
}

/**
 * Creates a clock for a mock.
 *
 * With a start time the clock is frozen: it stays at that time until `advance` or `set` moves
 * it, which makes tests deterministic. Without one it follows the system clock, shifted by
 * whatever `advance` and `set` add, which suits a long-running mock server.
 *
 * @example Frozen clock for a test
 * ```ts
 * import { createGraphMock, createMockClock } from "./mod.ts";
 *
 * const mock = createGraphMock({ clock: createMockClock("2025-01-01T09:00:00Z") });
 * mock.clock.set("2025-01-01T17:00:00Z");
 * console.log(mock.clock.now().getUTCHours()); // 17
 * ```
 */
export function createMockClock(start?: Date | string | number): MockClock {
  const frozen = start !== undefined;
  let frozenTime = frozen ? toEpochMs(start) : 0;
  let offsetMs = 0;

  const now = (): number => frozen ? frozenTime : Date.now() + offsetMs;

  return {
    now: () => new Date(now()),
    advance(duration: string | number) {
      const ms = typeof duration === "number" ? duration : parseIsoDuration(duration);
      if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
        throw new RangeError(
          `Invalid clock advance ${JSON.stringify(duration)}: expected a non-negative ISO 8601 ` +
            `duration such as "PT5M" or a number of milliseconds.`,
        );
      }
      if (frozen) frozenTime += ms;
      else offsetMs += ms;
    },
    set(time: Date | string | number) {
      const target = toEpochMs(time);
      if (frozen) frozenTime = target;
      else offsetMs = target - Date.now();
    },
  };
}

function toEpochMs(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : new Date(time).getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`Invalid clock time ${JSON.stringify(String(time))}.`);
  }
  return ms;
}
