// Rules of the presence model: value and duration validation, session fading and formats.

import { DAY_MS, MINUTE_MS, parseIsoDuration } from "./duration.ts";
import { GraphMockError } from "./errors.ts";
import {
  canonicalPair,
  canonicalValue,
  PREFERRED_PRESENCE_PAIRS,
  SET_PRESENCE_PAIRS,
} from "./precedence.ts";

/** Shortest `expirationDuration` that `setPresence` accepts (PT5M), and its default. */
export const MIN_SESSION_EXPIRATION_MS = 5 * MINUTE_MS;
/** Longest `expirationDuration` that `setPresence` accepts (PT4H). */
export const MAX_SESSION_EXPIRATION_MS = 240 * MINUTE_MS;
/** Time without a refresh after which an `Available` session shows `AvailableInactive`. */
export const INACTIVE_AFTER_MS = 5 * MINUTE_MS;
/** Time without a refresh after which an `Available` session shows `Away/Away`. */
export const AWAY_AFTER_MS = 10 * MINUTE_MS;

/** Returns the canonical `setPresence` pair, or throws a 400 that names the rejected pair. */
export function checkSetPresencePair(availability: string, activity: string): [string, string] {
  const pair = canonicalPair(SET_PRESENCE_PAIRS, availability, activity);
  if (pair !== undefined) return pair;
  throw new GraphMockError(
    400,
    "BadRequest",
    `The availability/activity pair '${availability}/${activity}' is not supported by ` +
      `setPresence. Supported pairs: ${SET_PRESENCE_PAIRS.join(", ")}.`,
  );
}

/** Returns the canonical preferred-presence pair, or throws a 400 that names the pair. */
export function checkPreferredPair(availability: string, activity: string): [string, string] {
  const pair = canonicalPair(PREFERRED_PRESENCE_PAIRS, availability, activity);
  if (pair !== undefined) return pair;
  throw new GraphMockError(
    400,
    "BadRequest",
    `The availability/activity pair '${availability}/${activity}' is not supported by ` +
      `setUserPreferredPresence. Supported pairs: ${PREFERRED_PRESENCE_PAIRS.join(", ")}.`,
  );
}

/** Parses a `setPresence` expiration: `PT5M` by default, from `PT5M` to `PT4H` inclusive. */
export function sessionExpirationMs(expirationDuration: string | null | undefined): number {
  if (expirationDuration === undefined || expirationDuration === null) {
    return MIN_SESSION_EXPIRATION_MS;
  }
  const ms = parseDuration(expirationDuration);
  if (ms < MIN_SESSION_EXPIRATION_MS || ms > MAX_SESSION_EXPIRATION_MS) {
    throw new GraphMockError(
      400,
      "BadRequest",
      `The expirationDuration '${expirationDuration}' is out of range: it must be from PT5M ` +
        `to PT4H.`,
    );
  }
  return ms;
}

/**
 * Parses a preferred-presence expiration: one day for `DoNotDisturb` and `Busy`, seven days
 * otherwise, when omitted.
 */
export function preferredExpirationMs(
  availability: string,
  expirationDuration: string | null | undefined,
): number {
  if (expirationDuration === undefined || expirationDuration === null) {
    return availability === "DoNotDisturb" || availability === "Busy" ? DAY_MS : 7 * DAY_MS;
  }
  // NOTE: Graph documents no range for this duration, so the mock accepts any positive one.
  return positiveDurationMs(expirationDuration);
}

/** Parses a duration that must be greater than zero. */
export function positiveDurationMs(expirationDuration: string): number {
  const ms = parseDuration(expirationDuration);
  if (ms <= 0) {
    throw new GraphMockError(
      400,
      "BadRequest",
      `The expirationDuration '${expirationDuration}' must be a positive duration.`,
    );
  }
  return ms;
}

function parseDuration(expirationDuration: string): number {
  const ms = parseIsoDuration(expirationDuration);
  if (ms === undefined) {
    throw new GraphMockError(
      400,
      "BadRequest",
      `The expirationDuration '${expirationDuration}' is not a valid ISO 8601 duration; ` +
        `use a value such as 'PT15M'.`,
    );
  }
  return ms;
}

/** Parses a `dateTimeTimeZone` value; every time zone is read as UTC. */
export function parseExpiryDateTime(value: { dateTime: string; timeZone?: string }): number {
  // NOTE: the mock reads dateTime as UTC whatever the timeZone is, but Graph converts from timeZone.
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime}Z`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new GraphMockError(
      400,
      "BadRequest",
      `The expiryDateTime.dateTime '${value.dateTime}' is not a valid date and time.`,
    );
  }
  return ms;
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns whether a text is a GUID such as a user object id. */
export function isGuid(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** One presence session as the model stores it. */
export interface SessionRecord {
  sessionId: string;
  availability: string;
  activity: string;
  setAt: number;
  /** Expiry in epoch milliseconds; `undefined` for a client session that never expires. */
  expiresAt: number | undefined;
}

/** Applies fading: an expiring `Available/Available` session turns inactive, then away. */
export function fadedState(session: SessionRecord, now: number): [string, string] {
  const fades = session.expiresAt !== undefined && session.availability === "Available" &&
    session.activity === "Available";
  if (!fades) return [session.availability, session.activity];

  const idleMs = now - session.setAt;
  if (idleMs >= AWAY_AFTER_MS) return ["Away", "Away"];
  if (idleMs >= INACTIVE_AFTER_MS) return ["Available", "AvailableInactive"];
  return ["Available", "Available"];
}

/** Returns the canonical spelling of a known value, or throws a 400 naming the unknown one. */
export function checkKnown(values: readonly string[], name: string, value: string): string {
  const canonical = canonicalValue(values, value);
  if (canonical !== undefined) return canonical;
  throw new GraphMockError(400, "BadRequest", `Unknown ${name} '${value}'.`);
}

/** Formats a sequence counter as 16 zero-padded digits, so strings sort in counter order. */
export function formatSequence(sequence: number): string {
  return String(sequence).padStart(16, "0");
}
