import assert from "node:assert/strict";
import {
  createGraphMock,
  createMockClock,
  type GraphMock,
  GraphMockError,
  SAMPLE_APP_A_ID,
  SAMPLE_APP_B_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
  type SeedSession,
} from "../mocks/mod.ts";

const START = "2025-03-01T08:00:00Z";
const USER = "11111111-2222-4333-8444-555555555555";
const APP = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const OTHER_APP = "99999999-8888-4777-8666-555555555555";

function newMock(options: Parameters<typeof createGraphMock>[0] = {}): GraphMock {
  return createGraphMock({ clock: createMockClock(START), ...options });
}

function state(mock: GraphMock, userId = USER): string {
  const presence = mock.presence.get(userId);
  return `${presence.availability}/${presence.activity}`;
}

function graphError(status: number, code: string, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof GraphMockError, `expected GraphMockError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    return true;
  };
}

Deno.test("presence precedence across sessions", () => {
  const cases: Array<[string[], string]> = [
    [["DoNotDisturb/Presenting", "Busy/InACall"], "DoNotDisturb/Presenting"],
    [["Available/Available", "Busy/InACall"], "Busy/InACall"],
    [["Away/Away", "Available/Available"], "Available/Available"],
    [["Away/Away", "BeRightBack/BeRightBack"], "BeRightBack/BeRightBack"],
    [["Offline/OffWork", "Away/Away"], "Away/Away"],
    [["AvailableIdle/Inactive", "Available/Available"], "Available/Available"],
    [["BusyIdle/Inactive", "Busy/InAMeeting"], "Busy/InAMeeting"],
  ];
  for (const [pairs, expected] of cases) {
    const sessions: SeedSession[] = pairs.map((pair, index) => {
      const [availability, activity] = pair.split("/");
      return { sessionId: `session-${index}`, availability, activity };
    });
    const mock = newMock({ users: [{ id: USER, sessions }] });
    assert.equal(state(mock), expected, `sessions ${pairs.join(" + ")}`);
  }
});

Deno.test("presence tie goes to most recent session", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, { sessionId: APP, availability: "Busy", activity: "InACall" });
  mock.clock.advance("PT1S");
  mock.presence.setPresence(USER, {
    sessionId: OTHER_APP,
    availability: "Busy",
    activity: "InAConferenceCall",
  });
  assert.equal(state(mock), "Busy/InAConferenceCall");
});

Deno.test("sample tenant clears to expected states", () => {
  const mock = newMock(SAMPLE_TENANT);
  assert.equal(state(mock, SAMPLE_USER_1_ID), "Busy/InACall");
  assert.equal(state(mock, SAMPLE_USER_2_ID), "Available/Available");

  mock.presence.clearPresence(SAMPLE_USER_1_ID, SAMPLE_APP_A_ID);
  mock.presence.clearPresence(SAMPLE_USER_2_ID, SAMPLE_APP_A_ID);

  assert.equal(state(mock, SAMPLE_USER_1_ID), "Available/Available");
  assert.equal(state(mock, SAMPLE_USER_2_ID), "Offline/Offline");
  assert.deepEqual(mock.presence.sessions(SAMPLE_USER_1_ID).map((s) => s.sessionId), [
    SAMPLE_APP_B_ID,
  ]);
});

Deno.test("presence of user without sessions is Offline", () => {
  const mock = newMock();
  assert.deepEqual(mock.presence.get(USER), {
    id: USER,
    availability: "Offline",
    activity: "Offline",
    statusMessage: null,
    outOfOfficeSettings: { message: null, isOutOfOffice: false },
    sequenceNumber: "0000000000000001",
  });
});

Deno.test("clearPresence of missing session is 404", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, { sessionId: APP, availability: "Away", activity: "Away" });
  assert.throws(
    () => mock.presence.clearPresence(USER, OTHER_APP),
    graphError(
      404,
      "NotFound",
      `The presence session '${OTHER_APP}' does not exist for user '${USER}'.`,
    ),
  );
  mock.presence.clearPresence(USER, APP);
  assert.throws(
    () => mock.presence.clearPresence(USER, APP),
    graphError(
      404,
      "NotFound",
      `The presence session '${APP}' does not exist for user '${USER}'.`,
    ),
  );
  assert.equal(state(mock), "Offline/Offline");
});

Deno.test("setPresence accepts only documented pairs", () => {
  const mock = newMock();
  for (
    const pair of [
      "Available/Available",
      "Busy/InACall",
      "Busy/InAConferenceCall",
      "Away/Away",
      "DoNotDisturb/Presenting",
    ]
  ) {
    const [availability, activity] = pair.split("/");
    mock.presence.setPresence(USER, { sessionId: pair, availability, activity });
  }
  assert.equal(mock.presence.sessions(USER).length, 5);

  for (
    const pair of ["Busy/Busy", "Available/Away", "BeRightBack/BeRightBack", "Offline/Offline"]
  ) {
    const [availability, activity] = pair.split("/");
    assert.throws(
      () => mock.presence.setPresence(USER, { sessionId: APP, availability, activity }),
      graphError(
        400,
        "BadRequest",
        `The availability/activity pair '${pair}' is not supported by setPresence. Supported ` +
          `pairs: Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, ` +
          `DoNotDisturb/Presenting.`,
      ),
    );
  }
});

Deno.test("setPresence pair matching ignores case", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, { sessionId: APP, availability: "busy", activity: "inacall" });
  assert.equal(state(mock), "Busy/InACall");
});

Deno.test("setPresence expiration defaults to PT5M", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, { sessionId: APP, availability: "Busy", activity: "InACall" });
  assert.equal(mock.presence.sessions(USER)[0].expirationDateTime, "2025-03-01T08:05:00.000Z");

  mock.clock.advance("PT4M59S");
  assert.equal(state(mock), "Busy/InACall");
  mock.clock.advance("PT1S");
  assert.equal(state(mock), "Offline/Offline");
  assert.deepEqual(mock.presence.sessions(USER), []);
});

Deno.test("setPresence expiration bounds", () => {
  const mock = newMock();
  const set = (expirationDuration: string) =>
    mock.presence.setPresence(USER, {
      sessionId: APP,
      availability: "Busy",
      activity: "InACall",
      expirationDuration,
    });

  set("PT5M");
  set("PT4H");
  set("PT240M");
  assert.equal(mock.presence.sessions(USER)[0].expirationDateTime, "2025-03-01T12:00:00.000Z");

  for (const tooShortOrLong of ["PT4M59S", "PT4H1M", "P1D", "PT0S"]) {
    assert.throws(
      () => set(tooShortOrLong),
      graphError(
        400,
        "BadRequest",
        `The expirationDuration '${tooShortOrLong}' is out of range: it must be from PT5M to PT4H.`,
      ),
    );
  }
  for (const invalid of ["5 minutes", "PT", "P1M", "PT5m"]) {
    assert.throws(
      () => set(invalid),
      graphError(
        400,
        "BadRequest",
        `The expirationDuration '${invalid}' is not a valid ISO 8601 duration; use a value ` +
          `such as 'PT15M'.`,
      ),
    );
  }
});

Deno.test("Available session fades then expires", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
    expirationDuration: "PT1H",
  });

  mock.clock.advance("PT4M59S");
  assert.equal(state(mock), "Available/Available");
  mock.clock.advance("PT1S");
  assert.equal(state(mock), "Available/AvailableInactive");
  mock.clock.advance("PT4M59S");
  assert.equal(state(mock), "Available/AvailableInactive");
  mock.clock.advance("PT1S");
  assert.equal(state(mock), "Away/Away");
  assert.equal(mock.presence.sessions(USER)[0].activity, "Away");

  mock.clock.advance("PT49M59S");
  assert.equal(state(mock), "Away/Away");
  mock.clock.advance("PT1S");
  assert.equal(state(mock), "Offline/Offline");
});

Deno.test("setPresence refresh restarts fading", () => {
  const mock = newMock();
  const refresh = () =>
    mock.presence.setPresence(USER, {
      sessionId: APP,
      availability: "Available",
      activity: "Available",
      expirationDuration: "PT30M",
    });
  refresh();
  mock.clock.advance("PT9M");
  assert.equal(state(mock), "Available/AvailableInactive");
  refresh();
  assert.equal(state(mock), "Available/Available");
  mock.clock.advance("PT5M");
  assert.equal(state(mock), "Available/AvailableInactive");
});

Deno.test("faded Available session ranks as Away", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
    expirationDuration: "PT1H",
  });
  mock.presence.setPresence(USER, {
    sessionId: OTHER_APP,
    availability: "Away",
    activity: "Away",
    expirationDuration: "PT1H",
  });
  assert.equal(state(mock), "Available/Available");
  mock.clock.advance("PT10M");
  mock.clock.advance("PT1S");
  assert.equal(state(mock), "Away/Away");
});

Deno.test("seeded session without expiration never fades", () => {
  const mock = newMock({
    users: [{
      id: USER,
      sessions: [{ sessionId: APP, availability: "Available", activity: "Available" }],
    }],
  });
  mock.clock.advance("P30D");
  assert.equal(state(mock), "Available/Available");
  assert.equal(mock.presence.sessions(USER)[0].expirationDateTime, null);
});

Deno.test("seeded session with expiration fades and expires", () => {
  const mock = newMock({
    users: [{
      id: USER,
      sessions: [{
        sessionId: APP,
        availability: "Available",
        activity: "Available",
        expirationDuration: "PT20M",
      }],
    }],
  });
  mock.clock.advance("PT10M");
  assert.equal(state(mock), "Away/Away");
  mock.clock.advance("PT10M");
  assert.equal(state(mock), "Offline/Offline");
});

Deno.test("preferred presence wins over sessions", () => {
  const mock = newMock();
  mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Busy",
    activity: "InACall",
    expirationDuration: "PT4H",
  });
  mock.presence.setUserPreferredPresence(USER, {
    availability: "BeRightBack",
    activity: "BeRightBack",
  });
  assert.equal(state(mock), "BeRightBack/BeRightBack");

  mock.presence.setUserPreferredPresence(USER, { availability: "Offline", activity: "OffWork" });
  assert.equal(state(mock), "Offline/OffWork");

  mock.presence.clearUserPreferredPresence(USER);
  assert.equal(state(mock), "Busy/InACall");
});

Deno.test("preferred presence needs a session", () => {
  const mock = newMock();
  mock.presence.setUserPreferredPresence(USER, { availability: "Busy", activity: "Busy" });
  assert.equal(state(mock), "Offline/Offline");

  mock.presence.setPresence(USER, { sessionId: APP, availability: "Away", activity: "Away" });
  assert.equal(state(mock), "Busy/Busy");
  mock.clock.advance("PT5M");
  assert.equal(state(mock), "Offline/Offline");
});

Deno.test("preferred presence default expirations", () => {
  const cases: Array<[string, string, string, string]> = [
    ["DoNotDisturb", "DoNotDisturb", "PT23H59M59S", "PT1S"],
    ["Busy", "Busy", "PT23H59M59S", "PT1S"],
    ["Available", "Available", "P6DT23H59M59S", "PT1S"],
    ["BeRightBack", "BeRightBack", "P6DT23H59M59S", "PT1S"],
    ["Away", "Away", "P6DT23H59M59S", "PT1S"],
    ["Offline", "OffWork", "P6DT23H59M59S", "PT1S"],
  ];
  for (const [availability, activity, justBefore, rest] of cases) {
    const mock = newMock({
      users: [{
        id: USER,
        sessions: [{ sessionId: APP, availability: "Busy", activity: "InACall" }],
      }],
    });
    mock.presence.setUserPreferredPresence(USER, { availability, activity });
    mock.clock.advance(justBefore);
    assert.equal(state(mock), `${availability}/${activity}`, `${availability} before expiry`);
    mock.clock.advance(rest);
    assert.equal(state(mock), "Busy/InACall", `${availability} after expiry`);
  }
});

Deno.test("preferred presence explicit expiration", () => {
  const mock = newMock({
    users: [{ id: USER, sessions: [{ sessionId: APP, availability: "Away", activity: "Away" }] }],
  });
  mock.presence.setUserPreferredPresence(USER, {
    availability: "DoNotDisturb",
    activity: "DoNotDisturb",
    expirationDuration: "PT8H",
  });
  mock.clock.advance("PT7H59M");
  assert.equal(state(mock), "DoNotDisturb/DoNotDisturb");
  mock.clock.advance("PT1M");
  assert.equal(state(mock), "Away/Away");
});

Deno.test("preferred presence rejects other pairs", () => {
  const mock = newMock();
  assert.throws(
    () =>
      mock.presence.setUserPreferredPresence(USER, { availability: "Busy", activity: "InACall" }),
    graphError(
      400,
      "BadRequest",
      "The availability/activity pair 'Busy/InACall' is not supported by " +
        "setUserPreferredPresence. Supported pairs: Available/Available, Busy/Busy, " +
        "DoNotDisturb/DoNotDisturb, BeRightBack/BeRightBack, Away/Away, Offline/OffWork.",
    ),
  );
  assert.throws(
    () =>
      mock.presence.setUserPreferredPresence(USER, {
        availability: "Busy",
        activity: "Busy",
        expirationDuration: "PT0S",
      }),
    graphError(400, "BadRequest", "The expirationDuration 'PT0S' must be a positive duration."),
  );
});

Deno.test("status message shows until expiry", () => {
  const mock = newMock();
  mock.presence.setStatusMessage(USER, {
    message: { content: "In the lab", contentType: "text" },
    expiryDateTime: { dateTime: "2025-03-01T09:00:00", timeZone: "UTC" },
  });
  assert.deepEqual(mock.presence.get(USER).statusMessage, {
    message: { content: "In the lab", contentType: "text" },
    expiryDateTime: { dateTime: "2025-03-01T09:00:00.0000000", timeZone: "UTC" },
    publishedDateTime: "2025-03-01T08:00:00.000Z",
  });
  assert.equal(state(mock), "Offline/Offline");

  mock.clock.advance("PT59M59S");
  assert.notEqual(mock.presence.get(USER).statusMessage, null);
  mock.clock.advance("PT1S");
  assert.equal(mock.presence.get(USER).statusMessage, null);
});

Deno.test("status message without expiry stays; null clears", () => {
  const mock = newMock();
  mock.presence.setStatusMessage(USER, { message: { content: "<b>Hi</b>", contentType: "html" } });
  mock.clock.advance("P365D");
  assert.deepEqual(mock.presence.get(USER).statusMessage?.message, {
    content: "<b>Hi</b>",
    contentType: "html",
  });
  assert.equal(mock.presence.get(USER).statusMessage?.expiryDateTime, null);
  mock.presence.setStatusMessage(USER, null);
  assert.equal(mock.presence.get(USER).statusMessage, null);
});

Deno.test("sequenceNumber grows with every change", () => {
  const mock = newMock();
  const numbers = [mock.presence.get(USER).sequenceNumber];
  const record = () => numbers.push(mock.presence.get(USER).sequenceNumber);

  mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
    expirationDuration: "PT1H",
  });
  record();
  mock.presence.setPresence(USER, {
    sessionId: APP,
    availability: "Available",
    activity: "Available",
    expirationDuration: "PT1H",
  });
  record();
  mock.clock.advance("PT5M");
  record();
  record();
  mock.presence.setStatusMessage(USER, { message: { content: "x" } });
  record();
  mock.presence.clearPresence(USER, APP);
  record();

  assert.deepEqual(numbers, [
    "0000000000000001",
    "0000000000000002",
    "0000000000000003",
    "0000000000000004",
    "0000000000000004",
    "0000000000000005",
    "0000000000000006",
  ]);
  assert.deepEqual([...numbers].sort(), numbers);
});

Deno.test("any GUID is a user unless users are fixed", () => {
  const open = newMock();
  assert.equal(open.presence.hasUser(USER.toUpperCase()), true);
  assert.equal(state(open, USER.toUpperCase()), "Offline/Offline");
  assert.equal(open.presence.get(USER.toUpperCase()).id, USER);
  assert.deepEqual(open.presence.users(), [USER]);

  const fixed = newMock({ ...SAMPLE_TENANT, fixedUsers: true });
  assert.equal(fixed.presence.hasUser(USER), false);
  assert.equal(fixed.presence.hasUser(SAMPLE_USER_1_ID.toUpperCase()), true);
  assert.throws(
    () => fixed.presence.get(USER),
    graphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${USER}' does not exist or one of its queried reference-property objects are ` +
        `not present.`,
    ),
  );
});

Deno.test("non-GUID unknown id is 404", () => {
  const mock = newMock();
  for (const id of ["p", "a/b?c", ""]) {
    assert.throws(
      () => mock.presence.get(id),
      graphError(
        404,
        "Request_ResourceNotFound",
        `Resource '${id}' does not exist or one of its queried reference-property objects are ` +
          `not present.`,
      ),
    );
  }
  const seeded = newMock({ users: [{ id: "p" }] });
  assert.equal(state(seeded, "p"), "Offline/Offline");
});

Deno.test("invalid seed throws TypeError", () => {
  assert.throws(
    () =>
      newMock({
        users: [{
          id: USER,
          sessions: [{ sessionId: APP, availability: "Sleepy", activity: "Away" }],
        }],
      }),
    new TypeError(`Invalid seed for user '${USER}': Unknown availability 'Sleepy'.`),
  );
  assert.throws(
    () =>
      newMock({
        users: [{ id: USER, preferredPresence: { availability: "Busy", activity: "InACall" } }],
      }),
    (error: unknown) =>
      error instanceof TypeError && error.message.startsWith(
        `Invalid seed for user '${USER}': The availability/activity pair 'Busy/InACall'`,
      ),
  );
});

Deno.test("mock clock advance and set", () => {
  const clock = createMockClock(START);
  clock.advance("P1DT2H3M4.5S");
  assert.equal(clock.now().toISOString(), "2025-03-02T10:03:04.500Z");
  clock.advance(500);
  assert.equal(clock.now().toISOString(), "2025-03-02T10:03:05.000Z");
  clock.set("2030-01-01T00:00:00Z");
  assert.equal(clock.now().toISOString(), "2030-01-01T00:00:00.000Z");
  assert.throws(() => clock.advance("-PT1M"), RangeError);
  assert.throws(() => clock.advance("soon"), RangeError);
  assert.throws(() => clock.set("not a date"), RangeError);

  const following = createMockClock();
  following.advance("PT1H");
  const aheadMs = following.now().getTime() - Date.now();
  assert.ok(aheadMs > 3_599_000, `ahead by ${aheadMs} ms`);
  assert.ok(aheadMs <= 3_600_000, `ahead by ${aheadMs} ms`);
});
