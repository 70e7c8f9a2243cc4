// Presence values and the rules that combine a user's sessions into one presence.

/** Availability values of the Graph `presence` resource (v1.0). */
export const AVAILABILITIES = [
  "Available",
  "AvailableIdle",
  "Away",
  "BeRightBack",
  "Busy",
  "BusyIdle",
  "DoNotDisturb",
  "Offline",
  "PresenceUnknown",
] as const;

/**
 * Activity values of the Graph `presence` resource (v1.0), plus `AvailableInactive`, which an
 * `Available` session shows after five minutes without a refresh.
 */
export const ACTIVITIES = [
  "Available",
  "AvailableInactive",
  "Away",
  "BeRightBack",
  "Busy",
  "DoNotDisturb",
  "InACall",
  "InAConferenceCall",
  "Inactive",
  "InAMeeting",
  "Offline",
  "OffWork",
  "OutOfOffice",
  "PresenceUnknown",
  "Presenting",
  "UrgentInterruptionsOnly",
] as const;

/** Availability/activity pairs that `setPresence` accepts. */
export const SET_PRESENCE_PAIRS: readonly string[] = [
  "Available/Available",
  "Busy/InACall",
  "Busy/InAConferenceCall",
  "Away/Away",
  "DoNotDisturb/Presenting",
];

/** Availability/activity pairs that `setUserPreferredPresence` accepts. */
export const PREFERRED_PRESENCE_PAIRS: readonly string[] = [
  "Available/Available",
  "Busy/Busy",
  "DoNotDisturb/DoNotDisturb",
  "BeRightBack/BeRightBack",
  "Away/Away",
  "Offline/OffWork",
];

// Graph documents DoNotDisturb > Busy > Available > Away for session states. The mock ranks the
// idle variants just below their base state, BeRightBack between Available and Away (it is a
// short, user-chosen absence), and Offline and PresenceUnknown last.
const AVAILABILITY_RANK: Record<string, number> = {
  DoNotDisturb: 8,
  Busy: 7,
  BusyIdle: 6,
  Available: 5,
  AvailableIdle: 4,
  BeRightBack: 3,
  Away: 2,
  Offline: 1,
  PresenceUnknown: 0,
};

/** An availability/activity pair with the time it was last set, for tie-breaking. */
export interface RankedState {
  availability: string;
  activity: string;
  setAt: number;
}

/**
 * Picks the session state that wins the aggregate: the highest-ranked availability, and among
 * equal availabilities the most recently set session. Returns `undefined` for no sessions.
 */
export function pickWinningState<T extends RankedState>(states: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const state of states) {
    if (best === undefined) {
      best = state;
      continue;
    }
    const rank = AVAILABILITY_RANK[state.availability] ?? -1;
    const bestRank = AVAILABILITY_RANK[best.availability] ?? -1;
    if (rank > bestRank || (rank === bestRank && state.setAt > best.setAt)) best = state;
  }
  return best;
}

/** Returns the canonical spelling of a value from `values`, matching case-insensitively. */
export function canonicalValue(values: readonly string[], value: string): string | undefined {
  const lower = value.toLowerCase();
  return values.find((candidate) => candidate.toLowerCase() === lower);
}

/** Returns the canonical `Availability/Activity` pair from `pairs`, matching case-insensitively. */
export function canonicalPair(
  pairs: readonly string[],
  availability: string,
  activity: string,
): [string, string] | undefined {
  const pair = canonicalValue(pairs, `${availability}/${activity}`);
  if (pair === undefined) return undefined;
  const [canonicalAvailability, canonicalActivity] = pair.split("/");
  return [canonicalAvailability, canonicalActivity];
}
