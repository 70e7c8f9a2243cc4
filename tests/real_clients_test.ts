// Microsoft's own JavaScript Graph clients against the loopback mock server.
import "../mocks/bc_shim.ts";
import assert from "node:assert/strict";
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  type Context,
  GraphError,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { createGraphServiceClient, GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-sdk/models/oDataErrors/index.js";
import { serializeClearPresencePostRequestBody } from "@microsoft/msgraph-sdk-users/users/item/presence/clearPresence/index.js";
import {
  type AccessTokenProvider,
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
  HttpMethod,
  RequestInformation,
} from "@microsoft/kiota-abstractions";
import { BatchRequestContent as KiotaBatchRequestContent } from "@microsoft/msgraph-sdk-core";
import {
  createGraphMock,
  type GraphMockServer,
  SAMPLE_APP_A_ID,
  SAMPLE_APP_B_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
  startGraphMockServer,
} from "../mocks/mod.ts";

const TOKEN = "real-client-token";

function startServer(): Promise<GraphMockServer> {
  return startGraphMockServer({ mock: createGraphMock(SAMPLE_TENANT) });
}

/**
 * Adds the bearer token. graph-client v3's own AuthenticationHandler strips Authorization from
 * every non-https URL, so over http://127.0.0.1 the chain must set it itself.
 */
class BearerMiddleware implements Middleware {
  #next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    context.options = { ...(context.options ?? {}) };
    context.options.headers = {
      ...(context.options.headers as Record<string, string> | undefined ?? {}),
      Authorization: `Bearer ${TOKEN}`,
    };
    return await this.#next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}

function graphClientV3(server: GraphMockServer): Client {
  const bearer = new BearerMiddleware();
  const retry = new RetryHandler(new RetryHandlerOptions());
  bearer.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: bearer,
    baseUrl: `${server.url}/v1.0`,
    defaultVersion: "",
  });
}

class FixedTokenProvider implements AccessTokenProvider {
  getAuthorizationToken = (_url?: string) => Promise.resolve(TOKEN);
  getAllowedHostsValidator = () => new AllowedHostsValidator(new Set(["127.0.0.1"]));
}

function kiotaAdapter(server: GraphMockServer): GraphRequestAdapter {
  const adapter = new GraphRequestAdapter(
    new BaseBearerTokenAuthenticationProvider(new FixedTokenProvider()),
  );
  adapter.baseUrl = `${server.url}/v1.0`;
  return adapter;
}

Deno.test("graph-client v3 sets, reads and clears presence", async () => {
  await using server = await startServer();
  const client = graphClientV3(server);
  const presence = `/users/${SAMPLE_USER_2_ID}/presence`;

  await client.api(`${presence}/setPresence`).post({
    sessionId: SAMPLE_APP_B_ID,
    availability: "Busy",
    activity: "InACall",
    expirationDuration: "PT1H",
  });
  const busy = await client.api(presence).get();
  assert.equal(`${busy.availability}/${busy.activity}`, "Busy/InACall");

  await client.api(`${presence}/clearPresence`).post({ sessionId: SAMPLE_APP_B_ID });
  await client.api(`/communications/presences/${SAMPLE_USER_2_ID}/clearPresence`)
    .post({ sessionId: SAMPLE_APP_A_ID });
  const offline = await client.api(presence).get();
  assert.equal(`${offline.availability}/${offline.activity}`, "Offline/Offline");

  const requests = server.mock.requests;
  assert.equal(requests[0].headers["authorization"], `Bearer ${TOKEN}`);
  assert.deepEqual(requests[0].body, {
    sessionId: SAMPLE_APP_B_ID,
    availability: "Busy",
    activity: "InACall",
    expirationDuration: "PT1H",
  });
});

Deno.test("graph-client v3 surfaces Graph errors", async () => {
  await using server = await startServer();
  const client = graphClientV3(server);
  const error = await client.api(`/users/${SAMPLE_USER_1_ID}/presence/clearPresence`)
    .post({ sessionId: "no-such-session" })
    .then(() => undefined, (error: unknown) => error);

  assert.ok(error instanceof GraphError);
  assert.equal(error.statusCode, 404);
  assert.equal(error.code, "NotFound");
  assert.equal(
    error.message,
    `The presence session 'no-such-session' does not exist for user '${SAMPLE_USER_1_ID}'.`,
  );
});

Deno.test("graph-client v3 batch reads step bodies", async () => {
  await using server = await startServer();
  const client = graphClientV3(server);
  const base = `${server.url}/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
  const batch = new BatchRequestContent([
    {
      id: "1",
      request: new Request(`${base}/clearPresence`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sessionId: SAMPLE_APP_A_ID }),
      }),
    },
    { id: "2", request: new Request(base), dependsOn: ["1"] },
  ]);

  const raw = await client.api("/$batch").post(await batch.getContent());
  const responses = new BatchResponseContent(raw);

  assert.equal(responses.getResponseById("1").status, 200);
  const presence = await responses.getResponseById("2").json();
  assert.equal(`${presence.availability}/${presence.activity}`, "Available/Available");
  assert.deepEqual(
    server.mock.requests[0].body,
    {
      requests: [
        {
          id: "1",
          url: `/v1.0/users/${SAMPLE_USER_1_ID}/presence/clearPresence`,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: { sessionId: SAMPLE_APP_A_ID },
        },
        {
          id: "2",
          url: `/v1.0/users/${SAMPLE_USER_1_ID}/presence`,
          method: "GET",
          dependsOn: ["1"],
        },
      ],
    },
  );
});

Deno.test("graph-client v3 retries a 429 fault", async () => {
  await using server = await startServer();
  const client = graphClientV3(server);
  const path = `/users/${SAMPLE_USER_2_ID}/presence/clearPresence`;
  server.mock.faults.add({ path, nth: 1, status: 429, retryAfter: 1 });

  const started = performance.now();
  await client.api(path).post({ sessionId: SAMPLE_APP_A_ID });
  const elapsed = performance.now() - started;

  assert.deepEqual(server.mock.requests.map((entry) => entry.status), [429, 200]);
  assert.equal(server.mock.requests[1].headers["retry-attempt"], "1");
  assert.deepEqual(server.mock.requests[1].body, { sessionId: SAMPLE_APP_A_ID });
  assert.ok(elapsed >= 950, `retried after ${elapsed} ms`);
});

Deno.test("Kiota SDK sets, reads and clears presence", async () => {
  await using server = await startServer();
  const adapter = kiotaAdapter(server);
  const graph = createGraphServiceClient(adapter);
  const presence = graph.users.byUserId(SAMPLE_USER_2_ID).presence;

  await presence.setPresence.post({
    sessionId: SAMPLE_APP_B_ID,
    availability: "DoNotDisturb",
    activity: "Presenting",
  });
  const presenting = await presence.get();
  assert.equal(`${presenting?.availability}/${presenting?.activity}`, "DoNotDisturb/Presenting");
  assert.equal(
    presenting?.additionalData?.["@odata.context"],
    `${server.url}/v1.0/$metadata#users('${SAMPLE_USER_2_ID}')/presence/$entity`,
  );

  await presence.clearPresence.post({ sessionId: SAMPLE_APP_B_ID });
  const request = new RequestInformation(
    HttpMethod.POST,
    "{+baseurl}/communications/presences/{presence%2Did}/clearPresence",
  );
  request.pathParameters["baseurl"] = adapter.baseUrl;
  request.pathParameters["presence%2Did"] = SAMPLE_USER_2_ID;
  request.headers.tryAdd("Accept", "application/json");
  request.setContentFromParsable(
    adapter,
    "application/json",
    { sessionId: SAMPLE_APP_A_ID },
    serializeClearPresencePostRequestBody,
  );
  await adapter.sendNoResponseContent(request, { XXX: createODataErrorFromDiscriminatorValue });

  const offline = await presence.get();
  assert.equal(`${offline?.availability}/${offline?.activity}`, "Offline/Offline");
  assert.equal(server.mock.requests[0].headers["authorization"], `Bearer ${TOKEN}`);
  assert.equal(
    server.mock.requests[3].path,
    `/v1.0/communications/presences/${SAMPLE_USER_2_ID}/clearPresence`,
  );
});

Deno.test("Kiota SDK surfaces Graph errors", async () => {
  await using server = await startServer();
  const graph = createGraphServiceClient(kiotaAdapter(server));
  const error = await graph.users.byUserId("p").presence.get()
    .then(() => undefined, (error: unknown) => error as Record<string, unknown>);

  assert.ok(error !== undefined);
  assert.equal(error.responseStatusCode, 404);
  assert.equal(
    error.message,
    "Resource 'p' does not exist or one of its queried reference-property objects are not present.",
  );
});

Deno.test("Kiota core batch sends base64 step bodies", async () => {
  await using server = await startServer();
  const adapter = kiotaAdapter(server);
  const graph = createGraphServiceClient(adapter);
  const presence = graph.users.byUserId(SAMPLE_USER_1_ID).presence;
  const batch = new KiotaBatchRequestContent(adapter, {
    XXX: createODataErrorFromDiscriminatorValue,
  });
  batch.addBatchRequest(
    presence.clearPresence.toPostRequestInformation({ sessionId: SAMPLE_APP_A_ID }),
    "1",
  );
  batch.addBatchRequest(presence.toGetRequestInformation(), "2");

  const responses = await batch.postAsync();

  assert.equal(responses?.getResponseById("1")?.status, 200);
  assert.equal(responses?.getResponseById("2")?.status, 200);
  const sent = server.mock.requests[0].body as { requests: Array<{ body?: unknown }> };
  assert.equal(sent.requests[0].body, btoa(JSON.stringify({ sessionId: SAMPLE_APP_A_ID })));
  assert.equal(server.mock.presence.get(SAMPLE_USER_1_ID).activity, "Available");
});

Deno.test("Kiota SDK retries a 429 fault", async () => {
  await using server = await startServer();
  const graph = createGraphServiceClient(kiotaAdapter(server));
  const path = `/v1.0/users/${SAMPLE_USER_1_ID}/presence`;
  server.mock.faults.add({ path, method: "GET", nth: 1, status: 429, retryAfter: 1 });

  const started = performance.now();
  const presence = await graph.users.byUserId(SAMPLE_USER_1_ID).presence.get();
  const elapsed = performance.now() - started;

  assert.equal(presence?.activity, "InACall");
  assert.deepEqual(server.mock.requests.map((entry) => entry.status), [429, 200]);
  assert.equal(server.mock.requests[1].headers["retry-attempt"], "1");
  assert.ok(elapsed >= 950, `retried after ${elapsed} ms`);
});
