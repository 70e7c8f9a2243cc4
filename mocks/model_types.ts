// Public value types of the presence model.

/**
 * Presence of a user as Graph returns it from `GET /users/{id}/presence`, without `@odata.context`.
 *
 * @example
 * ```ts
 * import { createGraphMock, type Presence } from "./mod.ts";
 *
 * const presence: Presence = createGraphMock().presence.get("11111111-2222-4333-8444-555555555555");
 * console.log(presence.availability, presence.sequenceNumber); // "Offline" "0000000000000001"
 * ```
 */
export interface Presence {
  /** User object id. */
  id: string;
  /** Aggregated availability, e.g. `Busy`. */
  availability: string;
  /** Aggregated activity, e.g. `InACall`. */
  activity: string;
  /** Current status message, or `null` when none is set or it expired. */
  statusMessage: PresenceStatusMessage | null;
  /** Out-of-office settings; the mock never sets a user out of office. */
  outOfOfficeSettings: { message: string | null; isOutOfOffice: boolean };
  /** Version stamp that grows with every change; strings sort in change order. */
  sequenceNumber: string;
}

/**
 * Graph `dateTimeTimeZone` value, e.g. `{ dateTime: "2025-01-01T10:00:00", timeZone: "UTC" }`.
 *
 * @example
 * ```ts
 * import type { DateTimeTimeZone } from "./mod.ts";
 *
 * const expiry: DateTimeTimeZone = { dateTime: "2025-01-01T17:00:00", timeZone: "UTC" };
 * ```
 */
export interface DateTimeTimeZone {
  /** Local date and time without offset. */
  dateTime: string;
  /** Time zone name. The mock reads every `dateTime` as UTC. */
  timeZone: string;
}

/**
 * Status message as Graph returns it inside a presence.
 *
 * @example
 * ```ts
 * import { createGraphMock, type PresenceStatusMessage } from "./mod.ts";
 *
 * const user = "11111111-2222-4333-8444-555555555555";
 * const mock = createGraphMock();
 * mock.presence.setStatusMessage(user, { message: { content: "Lunch" } });
 * const status: PresenceStatusMessage | null = mock.presence.get(user).statusMessage;
 * console.log(status?.message.contentType); // "text"
 * ```
 */
export interface PresenceStatusMessage {
  /** Message text and its content type (`text` or `html`). */
  message: { content: string; contentType: string };
  /** When the message stops being shown, or `null` for never. */
  expiryDateTime: DateTimeTimeZone | null;
  /** When the message was set, as an ISO 8601 UTC time. */
  publishedDateTime: string;
}

/**
 * Status message to set, as the `statusMessage` property of a `setStatusMessage` request.
 *
 * @example
 * ```ts
 * import type { StatusMessageInput } from "./mod.ts";
 *
 * const message: StatusMessageInput = {
 *   message: { content: "<b>In the lab</b>", contentType: "html" },
 *   expiryDateTime: { dateTime: "2025-01-01T17:00:00", timeZone: "UTC" },
 * };
 * ```
 */
export interface StatusMessageInput {
  /** Message text and an optional content type (`text` by default). */
  message: { content: string; contentType?: string };
  /** When the message stops being shown; omitted or `null` means never. */
  expiryDateTime?: { dateTime: string; timeZone?: string } | null;
}

/**
 * Body of a `setPresence` request.
 *
 * @example
 * ```ts
 * import type { SetPresenceRequest } from "./mod.ts";
 *
 * const request: SetPresenceRequest = {
 *   sessionId: "22553876-f5ab-4529-bffb-cfe50aa89f87",
 *   availability: "Busy",
 *   activity: "InACall",
 *   expirationDuration: "PT1H",
 * };
 * ```
 */
export interface SetPresenceRequest {
  /** Session to create or refresh; Graph expects the calling application's id. */
  sessionId: string;
  /** Availability, one of the pairs `setPresence` accepts together with `activity`. */
  availability: string;
  /** Activity, one of the pairs `setPresence` accepts together with `availability`. */
  activity: string;
  /** ISO 8601 duration from `PT5M` to `PT4H`; `PT5M` when omitted or `null`. */
  expirationDuration?: string | null;
}

/**
 * Body of a `setUserPreferredPresence` request.
 *
 * @example
 * ```ts
 * import type { PreferredPresenceRequest } from "./mod.ts";
 *
 * const doNotDisturbForTwoHours: PreferredPresenceRequest = {
 *   availability: "DoNotDisturb",
 *   activity: "DoNotDisturb",
 *   expirationDuration: "PT2H",
 * };
 * ```
 */
export interface PreferredPresenceRequest {
  /** Availability, one of the pairs `setUserPreferredPresence` accepts with `activity`. */
  availability: string;
  /** Activity, one of the pairs `setUserPreferredPresence` accepts with `availability`. */
  activity: string;
  /**
   * Positive ISO 8601 duration. When omitted or `null` it is one day for `DoNotDisturb` and
   * `Busy`, and seven days for every other availability.
   */
  expirationDuration?: string | null;
}

/**
 * One presence session of a user, as the model currently shows it.
 *
 * @example
 * ```ts
 * import { createGraphMock, type PresenceSession, SAMPLE_TENANT, SAMPLE_USER_1_ID } from "./mod.ts";
 *
 * const sessions: PresenceSession[] = createGraphMock(SAMPLE_TENANT).presence.sessions(SAMPLE_USER_1_ID);
 * console.log(sessions.length); // 2
 * ```
 */
export interface PresenceSession {
  /** Session id; for sessions set through Graph, the application id. */
  sessionId: string;
  /** Availability, after fading. */
  availability: string;
  /** Activity, after fading. */
  activity: string;
  /** ISO 8601 UTC time at which the session was last set. */
  lastSetDateTime: string;
  /** ISO 8601 UTC time at which the session expires, or `null` for a session that never does. */
  expirationDateTime: string | null;
}

/**
 * A session in a seed.
 *
 * @example
 * ```ts
 * import type { SeedSession } from "./mod.ts";
 *
 * const teamsClient: SeedSession = { sessionId: "teams-desktop", availability: "Busy", activity: "InAMeeting" };
 * ```
 */
export interface SeedSession {
  /** Session id, usually an application id. */
  sessionId: string;
  /** Any Graph availability value. */
  availability: string;
  /** Any Graph activity value. */
  activity: string;
  /**
   * Positive ISO 8601 duration after which the session expires; while it lives, an
   * `Available/Available` session fades as one set through `setPresence` does. Without it the
   * session is a client session that never fades or expires.
   */
  expirationDuration?: string;
}

/**
 * A user to create when a mock starts or resets.
 *
 * @example
 * ```ts
 * import { createGraphMock, type SeedUser } from "./mod.ts";
 *
 * const user: SeedUser = {
 *   id: "11111111-2222-4333-8444-555555555555",
 *   displayName: "Megan Bowen",
 *   sessions: [{ sessionId: "app", availability: "Away", activity: "Away" }],
 *   preferredPresence: { availability: "DoNotDisturb", activity: "DoNotDisturb" },
 *   statusMessage: { message: { content: "Focus time" } },
 * };
 * createGraphMock({ users: [user] });
 * ```
 */
export interface SeedUser {
  /** User object id. Lookups ignore case. */
  id: string;
  /** Display name, for logs and demos. */
  displayName?: string;
  /** Presence sessions of the user. */
  sessions?: SeedSession[];
  /** Preferred presence of the user. */
  preferredPresence?: PreferredPresenceRequest;
  /** Status message of the user. */
  statusMessage?: StatusMessageInput;
}
