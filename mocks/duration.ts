// ISO 8601 durations in the subset Graph's presence API accepts: days, hours, minutes and
// seconds with an optional fraction (`P1D`, `PT5M`, `PT1H30M`, `PT0.5S`). Years, months and
// weeks are not accepted because their length in milliseconds depends on the calendar.

const DURATION_PATTERN = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * Parses an ISO 8601 duration such as `PT5M` into milliseconds.
 *
 * Returns `undefined` when the text is not a duration of days, hours, minutes and seconds,
 * including `P` and `PT` with no component. A leading `-` gives a negative result.
 */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return undefined;

  const [, sign, days, hours, minutes, seconds] = match;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) {
    return undefined;
  }
  if (text.endsWith("T")) return undefined;

  const ms = Number(days ?? 0) * MS_PER_DAY +
    Number(hours ?? 0) * MS_PER_HOUR +
    Number(minutes ?? 0) * MS_PER_MINUTE +
    Math.round(Number(seconds ?? 0) * MS_PER_SECOND);
  return sign === "-" ? -ms : ms;
}

/** Milliseconds in one minute, for duration arithmetic in the presence model. */
export const MINUTE_MS = MS_PER_MINUTE;
/** Milliseconds in one day. */
export const DAY_MS = MS_PER_DAY;
