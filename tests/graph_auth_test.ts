import assert from "node:assert/strict";
import { createMockClock, SAMPLE_TENANT_ID, startGraphMockServer } from "../mocks/mod.ts";
import { invokeCommand } from "../mod.ts";
import { createClientCredentialsTokenProvider } from "../src/graph/client_credentials.ts";
import { connectionFromEnvironment } from "../src/graph/environment_connection.ts";
import { TerminatingError } from "../src/runtime/error_record.ts";
import { jsonLines, runCli } from "./support/run_cli.ts";

const USER_1 = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const USER_2 = "6e7a9b2c-3d4f-4a1b-8c5d-0e9f1a2b3c4d";
const CLIENT_ID = "22553876-f5ab-4529-bffb-cfe50aa89f87";
const CLIENT_SECRET = "s3cr3t-Value~With.Marks";
const CLEAR = "Clear-MgCommunicationPresence";
const TOKEN_PATH = `/${SAMPLE_TENANT_ID}/oauth2/v2.0/token`;
const SUFFIX = "Microsoft.Graph.PowerShell.Cmdlets.ClearMgCommunicationPresence_ClearExpanded";

function clientCredentialsEnvironment(url: string, extra: Record<string, string> = {}) {
  return {
    MG_GRAPH_ENDPOINT: url,
    MG_LOGIN_ENDPOINT: url,
    MG_TENANT_ID: SAMPLE_TENANT_ID,
    MG_CLIENT_ID: CLIENT_ID,
    MG_CLIENT_SECRET: CLIENT_SECRET,
    ...extra,
  };
}

function environmentReader(values: Record<string, string>) {
  return (name: string) => values[name];
}

Deno.test("client credentials token shared by pipeline items", async () => {
  await using server = await startGraphMockServer({ users: [] });
  for (const user of [USER_1, USER_2]) {
    server.mock.presence.setPresence(user, {
      sessionId: CLIENT_ID,
      availability: "Away",
      activity: "Away",
    });
  }
  const stdin = [USER_1, USER_2].map((id) => JSON.stringify({ PresenceId: id })).join("\n");

  const result = await runCli([CLEAR, "-SessionId", CLIENT_ID, "-PassThru"], {
    env: clientCredentialsEnvironment(server.url),
    stdin,
  });

  assert.equal(result.stderr, "");
  assert.equal(result.stdout, "true\ntrue\n");
  assert.equal(result.code, 0);
  const tokenRequests = server.mock.requests.filter((request) => request.path === TOKEN_PATH);
  const graphRequests = server.mock.requests.filter((request) => request.path.startsWith("/v1.0/"));
  assert.equal(tokenRequests.length, 1);
  assert.equal(graphRequests.length, 2);
  const form = new URLSearchParams(tokenRequests[0].body as string);
  assert.equal(tokenRequests[0].method, "POST");
  assert.equal(tokenRequests[0].headers["content-type"], "application/x-www-form-urlencoded");
  assert.equal(form.get("grant_type"), "client_credentials");
  assert.equal(form.get("client_id"), CLIENT_ID);
  assert.equal(form.get("client_secret"), CLIENT_SECRET);
  assert.equal(form.get("scope"), "https://graph.microsoft.com/.default");
  const authorization = graphRequests[0].headers.authorization;
  assert.match(authorization, /^Bearer [\w-]+\.[\w-]+\.$/);
  assert.equal(graphRequests[1].headers.authorization, authorization);
});

Deno.test("client credentials scope follows MG_ENVIRONMENT", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER_1, {
    sessionId: CLIENT_ID,
    availability: "Away",
    activity: "Away",
  });

  const result = await runCli([CLEAR, "-PresenceId", USER_1, "-SessionId", CLIENT_ID], {
    env: clientCredentialsEnvironment(server.url, { MG_ENVIRONMENT: "usgovdod" }),
  });

  assert.equal(result.code, 0);
  const form = new URLSearchParams(server.mock.requests[0].body as string);
  assert.equal(form.get("scope"), "https://dod-graph.microsoft.us/.default");
});

Deno.test("client credentials token refreshed before expiry", async () => {
  const clock = createMockClock("2026-01-15T09:30:00Z");
  await using server = await startGraphMockServer({ users: [], clock });
  const getAccessToken = createClientCredentialsTokenProvider({
    loginEndpoint: server.url,
    tenantId: SAMPLE_TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    graphEndpoint: "https://graph.microsoft.com",
    now: () => clock.now().getTime(),
  });
  const tokenRequests = () =>
    server.mock.requests.filter((request) => request.path === TOKEN_PATH).length;

  const first = await getAccessToken();
  clock.advance("PT54M");
  const cached = await getAccessToken();
  clock.advance("PT1M");
  const refreshed = await getAccessToken();

  assert.equal(cached, first);
  assert.equal(tokenRequests(), 2);
  assert.notEqual(refreshed, first);
  const claims = JSON.parse(
    atob(refreshed.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")),
  );
  assert.equal(claims.appid, CLIENT_ID);
  assert.equal(claims.tid, SAMPLE_TENANT_ID);
  assert.deepEqual(claims.roles, ["Presence.ReadWrite.All"]);
  assert.equal(claims.exp, Date.parse("2026-01-15T10:25:00Z") / 1000 + 3599);
});

Deno.test("client credentials AADSTS error is one record", async () => {
  await using server = await startGraphMockServer({ users: [] });

  const result = await runCli([CLEAR, "-PresenceId", USER_1, "-SessionId", CLIENT_ID], {
    env: clientCredentialsEnvironment(server.url, {
      MG_TENANT_ID: "contoso.example",
      ErrorView: "JsonView",
    }),
  });

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  const records = jsonLines(result.stderr);
  assert.equal(records.length, 1);
  assert.equal(
    records[0].fullyQualifiedErrorId,
    `Azure.Identity.AuthenticationFailedException,${SUFFIX}`,
  );
  assert.equal(records[0].category, "NotSpecified");
  assert.equal(records[0].exceptionType, "AuthenticationFailedException");
  assert.match(
    records[0].message as string,
    /^ClientSecretCredential authentication failed: AADSTS90002: Tenant 'contoso\.example' not found\. Check to make sure you have the correct tenant ID and are signing into the correct cloud\. Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
  );
  assert.equal(
    server.mock.requests.filter((request) => request.path.startsWith("/v1.0/")).length,
    0,
  );
});

Deno.test("client credentials fault on token endpoint", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.faults.add({
    path: TOKEN_PATH,
    status: 401,
    body: {
      error: "invalid_client",
      error_description: "AADSTS7000215: Invalid client secret provided.",
    },
  });
  const connection = connectionFromEnvironment(
    environmentReader(clientCredentialsEnvironment(server.url)),
    CLEAR,
  )!;

  const result = await invokeCommand(CLEAR, ["-PresenceId", USER_1], { connection });

  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].message,
    "ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.",
  );
});

Deno.test("client credentials with unreachable authority", async () => {
  await using server = await startGraphMockServer({ users: [] });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const connection = connectionFromEnvironment(
    environmentReader(
      clientCredentialsEnvironment(server.url, {
        MG_LOGIN_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      }),
    ),
    CLEAR,
  )!;

  const result = await invokeCommand(CLEAR, ["-PresenceId", USER_1], { connection });

  assert.equal(result.errors.length, 1);
  assert.equal(
    result.errors[0].fullyQualifiedErrorId,
    `Azure.Identity.AuthenticationFailedException,${SUFFIX}`,
  );
  assert.equal(
    result.errors[0].message,
    `ClientSecretCredential authentication failed: Connection refused (127.0.0.1:${closedPort})`,
  );
  assert.equal(server.mock.requests.length, 0);
});

Deno.test("no credentials names the variables", async () => {
  const result = await runCli([CLEAR, "-PresenceId", USER_1], {
    env: { MG_GRAPH_ENDPOINT: "http://127.0.0.1:9" },
  });

  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  assert.equal(
    result.stderr,
    "Clear-MgCommunicationPresence: Authentication needed. Set MG_ACCESS_TOKEN to a bearer token, or MG_TENANT_ID, MG_CLIENT_ID and MG_CLIENT_SECRET for client credentials.\n",
  );
});

Deno.test("partial client credentials name the missing variable", async () => {
  const result = await runCli([CLEAR, "-PresenceId", USER_1], {
    env: { MG_TENANT_ID: SAMPLE_TENANT_ID, MG_CLIENT_ID: CLIENT_ID },
  });

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    "Clear-MgCommunicationPresence: Client credentials need MG_TENANT_ID, MG_CLIENT_ID and MG_CLIENT_SECRET, but MG_CLIENT_SECRET is not set. Set them, or set MG_ACCESS_TOKEN instead.\n",
  );
});

Deno.test("invalid MG_ENVIRONMENT lists the valid names", async () => {
  const result = await runCli([CLEAR, "-PresenceId", USER_1], {
    env: { MG_ENVIRONMENT: "Germany", MG_ACCESS_TOKEN: "t", ErrorView: "JsonView" },
  });

  assert.equal(result.code, 1);
  assert.deepEqual(jsonLines(result.stderr), [{
    fullyQualifiedErrorId: "InvalidEnvironmentVariable,Clear-MgCommunicationPresence",
    category: "InvalidArgument",
    message:
      "Invalid MG_ENVIRONMENT 'Germany'. Valid environments: Global, USGov, USGovDoD, China.",
    exceptionType: "PSArgumentException",
    targetObject: null,
  }]);
});

Deno.test("environment names select Graph endpoints", () => {
  const cases: [string | undefined, string][] = [
    [undefined, "https://graph.microsoft.com"],
    ["global", "https://graph.microsoft.com"],
    ["USGOV", "https://graph.microsoft.us"],
    ["UsGovDod", "https://dod-graph.microsoft.us"],
    ["china", "https://microsoftgraph.chinacloudapi.cn"],
  ];
  for (const [name, endpoint] of cases) {
    const values: Record<string, string> = { MG_ACCESS_TOKEN: "t" };
    if (name !== undefined) values.MG_ENVIRONMENT = name;
    const connection = connectionFromEnvironment(environmentReader(values), CLEAR);
    assert.equal(connection?.endpoint, endpoint, `MG_ENVIRONMENT=${name}`);
  }
});

Deno.test("environment settings fill the connection", () => {
  const connection = connectionFromEnvironment(
    environmentReader({
      MG_ACCESS_TOKEN: "t",
      MG_ENVIRONMENT: "China",
      MG_GRAPH_ENDPOINT: "http://127.0.0.1:8080",
      MG_MAX_RETRY: "10",
      MG_RETRY_DELAY: "0.5",
      MG_CLIENT_TIMEOUT: "2.5",
      MG_MAX_REDIRECTS: "0",
    }),
    CLEAR,
  );

  assert.equal(connection?.endpoint, "http://127.0.0.1:8080");
  assert.deepEqual(connection?.retry, { maxRetries: 10, delaySeconds: 0.5 });
  assert.equal(connection?.timeoutMs, 2500);
  assert.equal(connection?.maxRedirects, 0);
});

Deno.test("environment rejects out-of-range settings", () => {
  const cases: [string, string, string][] = [
    ["MG_MAX_RETRY", "11", "Invalid MG_MAX_RETRY '11': expected an integer from 0 to 10."],
    ["MG_MAX_RETRY", "1.5", "Invalid MG_MAX_RETRY '1.5': expected an integer from 0 to 10."],
    ["MG_RETRY_DELAY", "181", "Invalid MG_RETRY_DELAY '181': expected a number from 0 to 180."],
    ["MG_RETRY_DELAY", "-1", "Invalid MG_RETRY_DELAY '-1': expected a number from 0 to 180."],
    [
      "MG_CLIENT_TIMEOUT",
      "0",
      "Invalid MG_CLIENT_TIMEOUT '0': expected a number from 0.001 to 86400.",
    ],
    ["MG_MAX_REDIRECTS", "21", "Invalid MG_MAX_REDIRECTS '21': expected an integer from 0 to 20."],
    [
      "MG_GRAPH_ENDPOINT",
      "graph.local",
      "Invalid MG_GRAPH_ENDPOINT 'graph.local': expected an absolute http or https URL.",
    ],
    [
      "MG_LOGIN_ENDPOINT",
      "ftp://x",
      "Invalid MG_LOGIN_ENDPOINT 'ftp://x': expected an absolute http or https URL.",
    ],
  ];
  for (const [name, value, message] of cases) {
    assert.throws(
      () =>
        connectionFromEnvironment(
          environmentReader({ MG_ACCESS_TOKEN: "t", [name]: value }),
          CLEAR,
        ),
      (error: unknown) => error instanceof TerminatingError && error.record.message === message,
      `${name}=${value}`,
    );
  }
});

Deno.test("CLI -Debug output hides token and secret", async () => {
  await using server = await startGraphMockServer({ users: [] });
  server.mock.presence.setPresence(USER_1, {
    sessionId: CLIENT_ID,
    availability: "Away",
    activity: "Away",
  });
  server.mock.faults.add({ path: /clearPresence$/, status: 503, times: 1 });
  const knownToken = "known-access-token-4f9a";

  const withToken = await runCli(
    [CLEAR, "-PresenceId", USER_1, "-SessionId", CLIENT_ID, "-Debug", "-Verbose"],
    { env: { MG_GRAPH_ENDPOINT: server.url, MG_ACCESS_TOKEN: knownToken, MG_RETRY_DELAY: "0" } },
  );
  server.mock.presence.setPresence(USER_1, {
    sessionId: CLIENT_ID,
    availability: "Away",
    activity: "Away",
  });
  const withSecret = await runCli(
    [CLEAR, "-PresenceId", USER_1, "-SessionId", CLIENT_ID, "-Debug", "-Verbose"],
    { env: clientCredentialsEnvironment(server.url) },
  );
  const withBadTenant = await runCli(
    [CLEAR, "-PresenceId", USER_1, "-Debug", "-Verbose"],
    { env: clientCredentialsEnvironment(server.url, { MG_TENANT_ID: "other.example" }) },
  );

  const issuedToken = server.mock.requests
    .filter((request) => request.path.startsWith("/v1.0/"))
    .map((request) => request.headers.authorization.slice("Bearer ".length))
    .find((token) => token !== knownToken)!;
  assert.equal(withToken.code, 0);
  assert.equal(withSecret.code, 0);
  assert.equal(withBadTenant.code, 1);
  assert.match(withToken.stderr, /DEBUG: =+ HTTP REQUEST =+/);
  assert.match(withToken.stderr, /authorization {17}: <redacted>/);
  assert.match(withToken.stderr, /Status Code:\nServiceUnavailable/);
  for (const run of [withToken, withSecret, withBadTenant]) {
    const output = run.stdout + run.stderr;
    assert.ok(!output.includes(knownToken), "the access token appears in the output");
    assert.ok(!output.includes(CLIENT_SECRET), "the client secret appears in the output");
    assert.ok(!output.includes(issuedToken), "the issued token appears in the output");
  }
});
