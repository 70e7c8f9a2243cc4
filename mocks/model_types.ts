// Public value types of the presence model.

/** Presence of a user as Graph returns it from `GET /users/{id}/presence`, without `@odata.context`. */
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

/** Graph `dateTimeTimeZone` value, e.g. `{ dateTime: "2025-01-01T10:00:00", timeZone: "UTC" }`. */
export interface DateTimeTimeZone {
  /** Local date and time without offset. */
  dateTime: string;
  /** Time zone name. The mock reads every `dateTime` as UTC. */
  timeZone: string;
}

/** Status message as Graph returns it inside a presence. */
export interface PresenceStatusMessage {
  /** Message text and its content type (`text` or `html`). */
  message: { content: string; contentType: string };
  /** When the message stops being shown, or `null` for never. */
  expiryDateTime: DateTimeTimeZone | null;
  /** When the message was set, as an ISO 8601 UTC time. */
  publishedDateTime: string;
}

/** Status message to set, as the `statusMessage` property of a `setStatusMessage` request. */
export interface StatusMessageInput {
  /** Message text and an optional content type (`text` by default). */
  message: { content: string; contentType?: string };
  /** When the message stops being shown; omitted or `null` means never. */
  expiryDateTime?: { dateTime: string; timeZone?: string } | null;
}

/** Body of a `setPresence` request. */
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

/** Body of a `setUserPreferredPresence` request. */
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

/** One presence session of a user, as the model currently shows it. */
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

/** A session in a seed. */
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

/** A user to create when a mock starts or resets. */
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
