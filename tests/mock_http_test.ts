import "../mocks/bc_shim.ts";
import assert from "node:assert/strict";
import { getResponse } from "msw";
import {
  createGraphMock,
  createMockClock,
  createUnsignedJwt,
  type GraphMock,
  SAMPLE_APP_A_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
} from "../mocks/mod.ts";

const GRAPH = "https://graph.microsoft.com";
const START = "2025-03-01T08:00:00Z";
const START_SECONDS = Date.parse(START) / 1000;
const CLIENT_REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const USER = "11111111-2222-4333-8444-555555555555";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface SendOptions {
  body?: unknown;
  rawBody?: string;
  /** Authorization header value; `null` sends none. */
  authorization?: string | null;
}

function newMock(): GraphMock {
  return createGraphMock({ ...SAMPLE_TENANT, clock: createMockClock(START) });
}

async function send(
  mock: GraphMock,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Response> {
  const headers = new Headers({ "client-request-id": CLIENT_REQUEST_ID });
  const authorization = options.authorization === undefined
    ? "Bearer opaque-app-token"
    : options.authorization;
  if (authorization !== null) headers.set("Authorization", authorization);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("Content-Type", "application/json");
  }
  const response = await getResponse(
    mock.handlers,
    new Request(`${GRAPH}${path}`, { method, headers, body }),
  );
  assert.ok(response !== undefined, `no handler answered ${method} ${path}`);
  return response;
}

function bearer(claims: Record<string, unknown>): string {
  return `Bearer ${createUnsignedJwt(claims)}`;
}

/** Asserts a Graph error response and its innerError block. */
async function assertGraphError(
  response: Response,
  status: number,
  code: string,
  message: string,
): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.deepEqual(await response.json(), {
    error: {
      code,
      message,
      innerError: {
        date: "2025-03-01T08:00:00",
        "request-id": response.headers.get("request-id"),
        "client-request-id": CLIENT_REQUEST_ID,
      },
    },
  });
}

Deno.test("GET presence returns Graph JSON and headers", async () => {
  const mock = newMock();
  const response = await send(mock, "GET", `/v1.0/users/${SAMPLE_USER_1_ID}/presence`);

  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.match(response.headers.get("request-id") ?? "", GUID);
  assert.equal(response.headers.get("client-request-id"), CLIENT_REQUEST_ID);
  assert.equal(response.headers.get("date"), "Sat, 01 Mar 2025 08:00:00 GMT");
  assert.deepEqual(await response.json(), {
    "@odata.context": `${GRAPH}/v1.0/$metadata#users('${SAMPLE_USER_1_ID}')/presence/$entity`,
    id: SAMPLE_USER_1_ID,
    availability: "Busy",
    activity: "InACall",
    statusMessage: null,
    outOfOfficeSettings: { message: null, isOutOfOffice: false },
    sequenceNumber: "0000000000000001",
  });
});

Deno.test("GET presence without client-request-id gets a fresh one", async () => {
  const mock = newMock();
  const response = await getResponse(
    mock.handlers,
    new Request(`${GRAPH}/v1.0/users/${USER}/presence`, {
      headers: { Authorization: "Bearer t" },
    }),
  );
  assert.match(response?.headers.get("client-request-id") ?? "", GUID);
  assert.notEqual(response?.headers.get("client-request-id"), response?.headers.get("request-id"));
});

Deno.test("GET communications presence under beta", async () => {
  const mock = newMock();
  const response = await send(mock, "GET", `/beta/communications/presences/${SAMPLE_USER_2_ID}`);
  const body = await response.json();
  assert.equal(body["@odata.context"], `${GRAPH}/beta/$metadata#communications/presences/$entity`);
  assert.equal(`${body.availability}/${body.activity}`, "Available/Available");
});

Deno.test("GET presence with $select", async () => {
  const mock = newMock();
  const response = await send(
    mock,
    "GET",
    `/v1.0/users/${SAMPLE_USER_1_ID}/presence?$select=availability,Activity`,
  );
  assert.deepEqual(await response.json(), {
    "@odata.context": `${GRAPH}/v1.0/$metadata#users('${SAMPLE_USER_1_ID}')/presence/$entity`,
    id: SAMPLE_USER_1_ID,
    availability: "Busy",
    activity: "InACall",
  });

  const bad = await send(mock, "GET", `/v1.0/users/${SAMPLE_USER_1_ID}/presence?$select=mood`);
  await assertGraphError(
    bad,
    400,
    "BadRequest",
    "Could not find a property named 'mood' on type 'microsoft.graph.presence'.",
  );
});

Deno.test("clearPresence on every route form", async () => {
  const templates = [
    "/users/{id}/presence/clearPresence",
    "/users/{id}/presence/microsoft.graph.clearPresence",
    "/communications/presences/{id}/clearPresence",
    "/communications/presences/{id}/microsoft.graph.clearPresence",
    "/Users/{id}/Presence/ClearPresence/",
  ];
  for (const version of ["v1.0", "beta"]) {
    for (const template of templates) {
      const mock = newMock();
      const path = `/${version}${template.replace("{id}", SAMPLE_USER_2_ID)}`;
      const response = await send(mock, "POST", path, { body: { sessionId: SAMPLE_APP_A_ID } });

      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), null, path);
      assert.equal(await response.text(), "", path);
      assert.equal(response.headers.get("client-request-id"), CLIENT_REQUEST_ID, path);
      assert.equal(mock.presence.get(SAMPLE_USER_2_ID).availability, "Offline", path);
    }
  }
});

Deno.test("presence actions change the model", async () => {
  const mock = newMock();
  const base = `/v1.0/users/${USER}/presence`;
  const ok = async (action: string, body: unknown) => {
    const response = await send(mock, "POST", `${base}/${action}`, { body });
    assert.equal(response.status, 200, `${action}: ${await response.clone().text()}`);
    assert.equal(await response.text(), "");
  };

  await ok("setPresence", {
    sessionId: SAMPLE_APP_A_ID,
    availability: "DoNotDisturb",
    activity: "Presenting",
    expirationDuration: "PT1H",
  });
  assert.equal(mock.presence.get(USER).activity, "Presenting");

  await ok("microsoft.graph.setUserPreferredPresence", {
    availability: "Away",
    activity: "Away",
    expirationDuration: null,
  });
  assert.equal(mock.presence.get(USER).availability, "Away");

  await ok("clearUserPreferredPresence", {});
  assert.equal(mock.presence.get(USER).availability, "DoNotDisturb");

  await ok("setStatusMessage", {
    statusMessage: {
      message: { content: "Back at 3", contentType: "text" },
      expiryDateTime: { dateTime: "2025-03-01T15:00:00", timeZone: "UTC" },
    },
  });
  const get = await send(mock, "GET", base);
  assert.deepEqual((await get.json()).statusMessage, {
    message: { content: "Back at 3", contentType: "text" },
    expiryDateTime: { dateTime: "2025-03-01T15:00:00.0000000", timeZone: "UTC" },
    publishedDateTime: "2025-03-01T08:00:00.000Z",
  });
});

Deno.test("clearUserPreferredPresence accepts an empty body", async () => {
  const mock = newMock();
  const response = await send(
    mock,
    "POST",
    `/v1.0/users/${USER}/presence/clearUserPreferredPresence`,
  );
  assert.equal(response.status, 200);
});

Deno.test("me presence uses the token's oid", async () => {
  const mock = newMock();
  const delegated = bearer({ scp: "Presence.Read", oid: SAMPLE_USER_2_ID });
  const response = await send(mock, "GET", "/v1.0/me/presence", { authorization: delegated });
  const body = await response.json();
  assert.equal(body.id, SAMPLE_USER_2_ID);
  assert.equal(
    body["@odata.context"],
    `${GRAPH}/v1.0/$metadata#users('${SAMPLE_USER_2_ID}')/presence/$entity`,
  );

  const writer = bearer({ scp: "Presence.ReadWrite", sub: SAMPLE_USER_2_ID });
  const clear = await send(mock, "POST", "/v1.0/me/presence/clearPresence", {
    authorization: writer,
    body: { sessionId: SAMPLE_APP_A_ID },
  });
  assert.equal(clear.status, 200);
  assert.equal(mock.presence.get(SAMPLE_USER_2_ID).availability, "Offline");
});

Deno.test("me presence with app token is 400", async () => {
  const message = "/me request is only valid with delegated authentication flow.";
  for (const authorization of ["Bearer opaque", bearer({ roles: ["Presence.Read.All"] })]) {
    const mock = newMock();
    const response = await send(mock, "GET", "/v1.0/me/presence", { authorization });
    await assertGraphError(response, 400, "BadRequest", message);
  }
});

Deno.test("getPresencesByUserId returns known users", async () => {
  for (
    const path of [
      "/v1.0/communications/getPresencesByUserId",
      "/v1.0/communications/microsoft.graph.getPresencesByUserId",
    ]
  ) {
    const mock = newMock();
    const response = await send(mock, "POST", path, {
      body: { ids: [SAMPLE_USER_2_ID, SAMPLE_USER_1_ID.toUpperCase(), SAMPLE_USER_1_ID] },
    });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(
      body["@odata.context"],
      `${GRAPH}/v1.0/$metadata#Collection(microsoft.graph.presence)`,
    );
    assert.deepEqual(
      body.value.map((p: { id: string; availability: string }) => `${p.id} ${p.availability}`),
      [`${SAMPLE_USER_2_ID} Available`, `${SAMPLE_USER_1_ID} Busy`],
    );
  }
});

Deno.test("getPresencesByUserId limits and fixed users", async () => {
  const mock = createGraphMock({
    ...SAMPLE_TENANT,
    fixedUsers: true,
    clock: createMockClock(START),
  });
  const path = "/v1.0/communications/getPresencesByUserId";

  const unknown = await send(mock, "POST", path, { body: { ids: [USER, SAMPLE_USER_1_ID] } });
  assert.deepEqual((await unknown.json()).value.map((p: { id: string }) => p.id), [
    SAMPLE_USER_1_ID,
  ]);

  const ids650 = Array.from({ length: 650 }, () => SAMPLE_USER_1_ID);
  assert.equal((await send(mock, "POST", path, { body: { ids: ids650 } })).status, 200);

  const tooMany = await send(mock, "POST", path, { body: { ids: [...ids650, USER] } });
  await assertGraphError(
    tooMany,
    400,
    "BadRequest",
    "The parameter 'ids' contains 651 ids; at most 650 are allowed.",
  );

  const notGuid = await send(mock, "POST", path, { body: { ids: ["p"] } });
  await assertGraphError(notGuid, 400, "BadRequest", "The id 'p' is not a valid user object id.");

  const empty = await send(mock, "POST", path, { body: { ids: [] } });
  await assertGraphError(
    empty,
    400,
    "BadRequest",
    "The required parameter 'ids' is missing or empty.",
  );
});

Deno.test("encoded ids decode exactly one segment", async () => {
  const mock = newMock();
  const notFound = (id: string) =>
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`;

  for (const id of ["p", "a/b?c", "a%2Fb", `${SAMPLE_USER_1_ID}/presence`]) {
    const response = await send(mock, "GET", `/v1.0/users/${encodeURIComponent(id)}/presence`);
    await assertGraphError(response, 404, "Request_ResourceNotFound", notFound(id));
  }

  const smuggled = `${SAMPLE_USER_1_ID}/presence/clearPresence`;
  const response = await send(mock, "POST", `/v1.0/users/${encodeURIComponent(smuggled)}`, {
    body: { sessionId: SAMPLE_APP_A_ID },
  });
  await assertGraphError(
    response,
    404,
    "RequestBroker--ParseUri",
    `Resource not found for the segment '${smuggled}'.`,
  );
  assert.equal(mock.presence.get(SAMPLE_USER_1_ID).activity, "InACall");

  const broken = await send(mock, "GET", "/v1.0/users/%E0%A4%A/presence");
  await assertGraphError(
    broken,
    400,
    "BadRequest",
    "The URL segment '%E0%A4%A' contains invalid percent-encoding.",
  );
});

Deno.test("authentication errors are 401", async () => {
  const cases: Array<[string, string | null, string]> = [
    ["missing header", null, "Access token is empty."],
    ["empty bearer", "Bearer ", "Access token is empty."],
    ["basic scheme", "Basic dXNlcjpwYXNz", "Access token is empty."],
    [
      "malformed JWT",
      "Bearer abc.def.ghi",
      "Invalid JWT token. The token is not a well-formed JWT.",
    ],
    [
      "JWT payload not JSON",
      `Bearer ${btoa("{}")}.${btoa("nope")}.`,
      "Invalid JWT token. The token is not a well-formed JWT.",
    ],
    [
      "expired JWT",
      bearer({ roles: ["Presence.Read.All"], exp: START_SECONDS }),
      "Lifetime validation failed, the token is expired.",
    ],
    [
      "JWT not yet valid",
      bearer({ roles: ["Presence.Read.All"], nbf: START_SECONDS + 60 }),
      "Lifetime validation failed, the token is not yet valid.",
    ],
  ];
  for (const [name, authorization, message] of cases) {
    const mock = newMock();
    const response = await send(mock, "GET", `/v1.0/users/${USER}/presence`, { authorization });
    assert.equal(
      response.headers.get("www-authenticate"),
      'Bearer realm="", error="invalid_token"',
      name,
    );
    await assertGraphError(response, 401, "InvalidAuthenticationToken", message);
  }
});

Deno.test("JWT valid until exp", async () => {
  const mock = newMock();
  const authorization = bearer({ roles: ["Presence.Read.All"], exp: START_SECONDS + 60 });
  assert.equal(
    (await send(mock, "GET", `/v1.0/users/${USER}/presence`, { authorization })).status,
    200,
  );
  mock.clock.advance("PT1M");
  assert.equal(
    (await send(mock, "GET", `/v1.0/users/${USER}/presence`, { authorization })).status,
    401,
  );
});

Deno.test("permissions per operation", async () => {
  const read = `/v1.0/users/${USER}/presence`;
  const write = `/v1.0/users/${USER}/presence/setPresence`;
  const readAll = "/v1.0/communications/getPresencesByUserId";
  const writeBody = { sessionId: SAMPLE_APP_A_ID, availability: "Away", activity: "Away" };
  const delegated = (scp: string) => bearer({ scp, oid: USER });
  const app = (...roles: string[]) => bearer({ roles });

  const cases: Array<[string, string, string, unknown, number]> = [
    [delegated("Presence.Read"), "GET", read, undefined, 200],
    [delegated("User.Read Presence.Read.All"), "GET", read, undefined, 200],
    [delegated("Presence.ReadWrite"), "GET", read, undefined, 200],
    [delegated("User.Read"), "GET", read, undefined, 403],
    [delegated("Presence.Read"), "POST", write, writeBody, 403],
    [delegated("Presence.ReadWrite"), "POST", write, writeBody, 200],
    [delegated("Presence.ReadWrite"), "POST", readAll, { ids: [USER] }, 403],
    [delegated("Presence.Read.All"), "POST", readAll, { ids: [USER] }, 200],
    [app("Presence.Read.All"), "GET", read, undefined, 200],
    [app("Presence.ReadWrite.All"), "GET", read, undefined, 200],
    [app("Presence.Read.All"), "POST", write, writeBody, 403],
    [app("Presence.ReadWrite.All"), "POST", write, writeBody, 200],
    [app("Presence.ReadWrite.All"), "POST", readAll, { ids: [USER] }, 200],
    [app(), "GET", read, undefined, 403],
    ["Bearer opaque", "POST", write, writeBody, 200],
  ];
  for (const [authorization, method, path, body, status] of cases) {
    const mock = newMock();
    const response = await send(mock, method, path, { authorization, body });
    assert.equal(response.status, status, `${authorization} ${method} ${path}`);
  }
});

Deno.test("forbidden error names the permissions", async () => {
  const mock = newMock();
  const delegatedResponse = await send(mock, "POST", `/v1.0/users/${USER}/presence/clearPresence`, {
    authorization: bearer({ scp: "Presence.Read" }),
    body: { sessionId: SAMPLE_APP_A_ID },
  });
  await assertGraphError(
    delegatedResponse,
    403,
    "Forbidden",
    "Insufficient privileges to complete the operation. It needs one of these delegated " +
      "permissions: Presence.ReadWrite.",
  );

  const appResponse = await send(mock, "GET", `/v1.0/users/${USER}/presence`, {
    authorization: bearer({ roles: ["User.Read.All"] }),
  });
  await assertGraphError(
    appResponse,
    403,
    "Forbidden",
    "Insufficient privileges to complete the operation. It needs one of these application " +
      "permissions: Presence.Read.All, Presence.ReadWrite.All.",
  );
});

Deno.test("request errors have Graph shapes", async () => {
  const clear = `/v1.0/users/${SAMPLE_USER_1_ID}/presence/clearPresence`;
  const cases: Array<[string, string, SendOptions, number, string, string]> = [
    [
      "POST",
      clear,
      { rawBody: "{sessionId:" },
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    ],
    [
      "POST",
      clear,
      { body: { sessionId: "x", mood: "happy" } },
      400,
      "BadRequest",
      "The parameter 'mood' in the request payload is not a valid parameter for the operation 'clearPresence'.",
    ],
    [
      "POST",
      clear,
      { body: {} },
      400,
      "BadRequest",
      "The required parameter 'sessionId' is missing or empty.",
    ],
    [
      "POST",
      clear,
      {},
      400,
      "BadRequest",
      "The required parameter 'sessionId' is missing or empty.",
    ],
    [
      "POST",
      clear,
      { body: { sessionId: 42 } },
      400,
      "BadRequest",
      "The parameter 'sessionId' must be a string.",
    ],
    [
      "POST",
      clear,
      { body: ["x"] },
      400,
      "BadRequest",
      "The request payload of 'clearPresence' must be a JSON object.",
    ],
    [
      "POST",
      clear,
      { body: { sessionId: "gone" } },
      404,
      "NotFound",
      `The presence session 'gone' does not exist for user '${SAMPLE_USER_1_ID}'.`,
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setPresence`,
      { body: { sessionId: "s", availability: "Busy", activity: "Busy" } },
      400,
      "BadRequest",
      "The availability/activity pair 'Busy/Busy' is not supported by setPresence. Supported pairs: Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setPresence`,
      { body: { sessionId: "s", availability: "Busy" } },
      400,
      "BadRequest",
      "The required parameter 'activity' is missing or empty.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setPresence`,
      {
        body: {
          sessionId: "s",
          availability: "Busy",
          activity: "InACall",
          expirationDuration: "PT1M",
        },
      },
      400,
      "BadRequest",
      "The expirationDuration 'PT1M' is out of range: it must be from PT5M to PT4H.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setStatusMessage`,
      { body: { statusMessage: { message: { content: "x", contentType: "markdown" } } } },
      400,
      "BadRequest",
      "The contentType 'markdown' is invalid; use 'text' or 'html'.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setStatusMessage`,
      { body: { statusMessage: { message: { content: "x", colour: "red" } } } },
      400,
      "BadRequest",
      "The property 'colour' does not exist on 'statusMessage.message'.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/clearUserPreferredPresence`,
      { body: { sessionId: "x" } },
      400,
      "BadRequest",
      "The parameter 'sessionId' in the request payload is not a valid parameter for the operation 'clearUserPreferredPresence'.",
    ],
    [
      "GET",
      clear,
      {},
      405,
      "MethodNotAllowed",
      "The HTTP method 'GET' is not allowed for this resource. Allowed: POST.",
    ],
    [
      "DELETE",
      `/v1.0/users/${USER}/presence`,
      {},
      405,
      "MethodNotAllowed",
      "The HTTP method 'DELETE' is not allowed for this resource. Allowed: GET.",
    ],
    [
      "GET",
      "/v1.0/$batch",
      {},
      405,
      "MethodNotAllowed",
      "The HTTP method 'GET' is not allowed for $batch. Allowed: POST.",
    ],
    [
      "GET",
      `/v1.0/users/${USER}/presense`,
      {},
      404,
      "RequestBroker--ParseUri",
      "Resource not found for the segment 'presense'.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/clearPresence/extra`,
      {},
      404,
      "RequestBroker--ParseUri",
      "Resource not found for the segment 'extra'.",
    ],
    [
      "POST",
      `/v1.0/users/${USER}/presence/setMood`,
      {},
      404,
      "RequestBroker--ParseUri",
      "Resource not found for the segment 'setMood'.",
    ],
    [
      "GET",
      "/v1.0/groups",
      {},
      404,
      "RequestBroker--ParseUri",
      "Resource not found for the segment 'groups'.",
    ],
    [
      "GET",
      "/v1.0/communications/calls",
      {},
      404,
      "RequestBroker--ParseUri",
      "Resource not found for the segment 'calls'.",
    ],
  ];
  for (const [method, path, options, status, code, message] of cases) {
    const mock = newMock();
    const response = await send(mock, method, path, options);
    await assertGraphError(response, status, code, message).catch((error) => {
      throw new Error(`${method} ${path}: ${error.message}`);
    });
  }
});

Deno.test("405 response lists allowed methods", async () => {
  const mock = newMock();
  const response = await send(mock, "PATCH", `/v1.0/users/${USER}/presence`);
  assert.equal(response.headers.get("allow"), "GET");
});

Deno.test("paths outside the API versions pass through", async () => {
  const mock = newMock();
  for (const path of ["/v2.0/users", "/", "/foo/v1.0"]) {
    const response = await getResponse(mock.handlers, new Request(`${GRAPH}${path}`));
    assert.equal(response, undefined, path);
  }
  assert.equal(mock.requests.length, 0);
});
