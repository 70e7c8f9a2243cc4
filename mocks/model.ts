// Stateful presence model: users, their sessions, preferred presence and status messages.

import type { MockClock } from "./clock.ts";
import { GraphMockError } from "./errors.ts";
import {
  checkKnown,
  checkPreferredPair,
  checkSetPresencePair,
  fadedState,
  formatSequence,
  isGuid,
  parseExpiryDateTime,
  positiveDurationMs,
  preferredExpirationMs,
  sessionExpirationMs,
  type SessionRecord,
} from "./model_rules.ts";
import type {
  PreferredPresenceRequest,
  Presence,
  PresenceSession,
  PresenceStatusMessage,
  SeedUser,
  SetPresenceRequest,
  StatusMessageInput,
} from "./model_types.ts";
import { ACTIVITIES, AVAILABILITIES, pickWinningState } from "./precedence.ts";

interface UserRecord {
  id: string;
  displayName: string | undefined;
  sessions: Map<string, SessionRecord>;
  preferred: { availability: string; activity: string; expiresAt: number } | undefined;
  statusMessage: { value: PresenceStatusMessage; expiresAt: number | undefined } | undefined;
  sequence: number;
  /** Visible presence at the last check, so time-driven changes also advance `sequence`. */
  snapshot: string;
}

/**
 * Options of a presence model.
 *
 * @example
 * ```ts
 * import { createMockClock, PresenceModel } from "./mod.ts";
 *
 * const model = new PresenceModel({ clock: createMockClock(0), fixedUsers: false });
 * ```
 */
export interface PresenceModelOptions {
  /** Time source for expiry and fading. */
  clock: MockClock;
  /** When true only seeded or added users exist; otherwise every GUID is a user. */
  fixedUsers: boolean;
}

/**
 * Presence state of a mock tenant. Every method throws a `GraphMockError` with the status Graph
 * would send, e.g. 404 for an unknown user or a missing session and 400 for an invalid pair.
 *
 * @example
 * ```ts
 * import { createGraphMock } from "./mod.ts";
 *
 * const user = "11111111-2222-4333-8444-555555555555";
 * const mock = createGraphMock();
 * mock.presence.setPresence(user, { sessionId: "app", availability: "Busy", activity: "InACall" });
 * mock.presence.clearPresence(user, "app");
 * console.log(mock.presence.get(user).activity); // "Offline"
 * ```
 */
export class PresenceModel {
  readonly #clock: MockClock;
  readonly #fixedUsers: boolean;
  readonly #users = new Map<string, UserRecord>();
  #sequence = 0;

  /** Creates an empty model. */
  constructor(options: PresenceModelOptions) {
    this.#clock = options.clock;
    this.#fixedUsers = options.fixedUsers;
  }

  /** Ids of the users created so far, seeded ones first. */
  users(): string[] {
    return [...this.#users.values()].map((user) => user.id);
  }

  /** Returns whether a user exists or, for a GUID without a fixed user list, would be created. */
  hasUser(userId: string): boolean {
    return this.#users.has(userId.toLowerCase()) || (!this.#fixedUsers && isGuid(userId));
  }

  /** Adds a user from a seed, replacing any user with the same id. Throws a `TypeError` for an invalid seed. */
  addUser(seed: SeedUser): void {
    try {
      this.#addUser(seed);
    } catch (error) {
      if (!(error instanceof GraphMockError)) throw error;
      throw new TypeError(`Invalid seed for user '${seed.id}': ${error.message}`);
    }
  }

  /** Removes every user. */
  clear(): void {
    this.#users.clear();
  }

  /** Returns the user's aggregated presence. */
  get(userId: string): Presence {
    const user = this.#observe(this.#user(userId));
    const state = this.#aggregate(user);
    return {
      id: user.id,
      availability: state.availability,
      activity: state.activity,
      statusMessage: user.statusMessage?.value ?? null,
      outOfOfficeSettings: { message: null, isOutOfOffice: false },
      sequenceNumber: formatSequence(user.sequence),
    };
  }

  /** Lists the user's live sessions, as they currently show after fading. */
  sessions(userId: string): PresenceSession[] {
    const user = this.#observe(this.#user(userId));
    const now = this.#now();
    return [...user.sessions.values()].map((session) => {
      const [availability, activity] = fadedState(session, now);
      return {
        sessionId: session.sessionId,
        availability,
        activity,
        lastSetDateTime: new Date(session.setAt).toISOString(),
        expirationDateTime: session.expiresAt === undefined
          ? null
          : new Date(session.expiresAt).toISOString(),
      };
    });
  }

  /** Creates or refreshes the session `request.sessionId` of the user. */
  setPresence(userId: string, request: SetPresenceRequest): void {
    const user = this.#observe(this.#user(userId));
    const [availability, activity] = checkSetPresencePair(request.availability, request.activity);
    const expirationMs = sessionExpirationMs(request.expirationDuration);
    const now = this.#now();
    user.sessions.set(request.sessionId, {
      sessionId: request.sessionId,
      availability,
      activity,
      setAt: now,
      expiresAt: now + expirationMs,
    });
    this.#changed(user);
  }

  /** Removes the session `sessionId` of the user; a missing session is a 404. */
  clearPresence(userId: string, sessionId: string): void {
    const user = this.#observe(this.#user(userId));
    if (!user.sessions.delete(sessionId)) {
      throw new GraphMockError(
        404,
        "NotFound",
        `The presence session '${sessionId}' does not exist for user '${user.id}'.`,
      );
    }
    this.#changed(user);
  }

  /** Sets the user's preferred presence, which wins over sessions while any session exists. */
  setUserPreferredPresence(userId: string, request: PreferredPresenceRequest): void {
    const user = this.#observe(this.#user(userId));
    const [availability, activity] = checkPreferredPair(request.availability, request.activity);
    const expirationMs = preferredExpirationMs(availability, request.expirationDuration);
    user.preferred = { availability, activity, expiresAt: this.#now() + expirationMs };
    this.#changed(user);
  }

  /** Removes the user's preferred presence; succeeds when none is set, as Graph does. */
  clearUserPreferredPresence(userId: string): void {
    const user = this.#observe(this.#user(userId));
    user.preferred = undefined;
    this.#changed(user);
  }

  /** Sets the user's status message, or removes it for `null`. */
  setStatusMessage(userId: string, statusMessage: StatusMessageInput | null): void {
    const user = this.#observe(this.#user(userId));
    user.statusMessage = statusMessage === null
      ? undefined
      : this.#storedStatusMessage(statusMessage);
    this.#changed(user);
  }

  #addUser(seed: SeedUser): void {
    const now = this.#now();
    const user: UserRecord = {
      id: seed.id,
      displayName: seed.displayName,
      sessions: new Map(),
      preferred: undefined,
      statusMessage: undefined,
      sequence: ++this.#sequence,
      snapshot: "",
    };
    for (const session of seed.sessions ?? []) {
      user.sessions.set(session.sessionId, {
        sessionId: session.sessionId,
        availability: checkKnown(AVAILABILITIES, "availability", session.availability),
        activity: checkKnown(ACTIVITIES, "activity", session.activity),
        setAt: now,
        expiresAt: session.expirationDuration === undefined
          ? undefined
          : now + positiveDurationMs(session.expirationDuration),
      });
    }
    if (seed.preferredPresence !== undefined) {
      const { availability, activity, expirationDuration } = seed.preferredPresence;
      const [preferredAvailability, preferredActivity] = checkPreferredPair(availability, activity);
      user.preferred = {
        availability: preferredAvailability,
        activity: preferredActivity,
        expiresAt: now + preferredExpirationMs(preferredAvailability, expirationDuration),
      };
    }
    if (seed.statusMessage !== undefined) {
      user.statusMessage = this.#storedStatusMessage(seed.statusMessage);
    }
    user.snapshot = this.#snapshot(user);
    this.#users.set(seed.id.toLowerCase(), user);
  }

  #user(userId: string): UserRecord {
    const key = userId.toLowerCase();
    const existing = this.#users.get(key);
    if (existing !== undefined) return existing;
    if (this.#fixedUsers || !isGuid(userId)) {
      throw new GraphMockError(
        404,
        "Request_ResourceNotFound",
        `Resource '${userId}' does not exist or one of its queried reference-property objects ` +
          `are not present.`,
      );
    }
    this.#addUser({ id: key });
    return this.#users.get(key)!;
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  /** Drops expired sessions, preferred presence and status message, and records visible changes. */
  #observe(user: UserRecord): UserRecord {
    const now = this.#now();
    for (const [sessionId, session] of user.sessions) {
      if (session.expiresAt !== undefined && now >= session.expiresAt) {
        user.sessions.delete(sessionId);
      }
    }
    if (user.preferred !== undefined && now >= user.preferred.expiresAt) user.preferred = undefined;
    const messageExpiry = user.statusMessage?.expiresAt;
    if (messageExpiry !== undefined && now >= messageExpiry) user.statusMessage = undefined;

    const snapshot = this.#snapshot(user);
    if (snapshot !== user.snapshot) {
      user.snapshot = snapshot;
      user.sequence = ++this.#sequence;
    }
    return user;
  }

  #changed(user: UserRecord): void {
    user.sequence = ++this.#sequence;
    user.snapshot = this.#snapshot(user);
  }

  #snapshot(user: UserRecord): string {
    const state = this.#aggregate(user);
    return JSON.stringify([state.availability, state.activity, user.statusMessage?.value ?? null]);
  }

  #aggregate(user: UserRecord): { availability: string; activity: string } {
    const now = this.#now();
    const live = [...user.sessions.values()].filter((session) =>
      session.expiresAt === undefined || now < session.expiresAt
    );
    if (live.length === 0) return { availability: "Offline", activity: "Offline" };
    if (user.preferred !== undefined && now < user.preferred.expiresAt) {
      return { availability: user.preferred.availability, activity: user.preferred.activity };
    }
    const states = live.map((session) => {
      const [availability, activity] = fadedState(session, now);
      return { availability, activity, setAt: session.setAt };
    });
    const winner = pickWinningState(states)!;
    return { availability: winner.availability, activity: winner.activity };
  }

  #storedStatusMessage(input: StatusMessageInput): UserRecord["statusMessage"] {
    const expiry = input.expiryDateTime ?? null;
    const expiresAt = expiry === null ? undefined : parseExpiryDateTime(expiry);
    return {
      expiresAt,
      value: {
        message: {
          content: input.message.content,
          contentType: input.message.contentType ?? "text",
        },
        expiryDateTime: expiresAt === undefined ? null : {
          dateTime: new Date(expiresAt).toISOString().slice(0, 19) + ".0000000",
          timeZone: expiry?.timeZone ?? "UTC",
        },
        publishedDateTime: new Date(this.#now()).toISOString(),
      },
    };
  }
}
