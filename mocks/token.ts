// The OAuth 2.0 token endpoint of the mock, `POST /{tenant}/oauth2/v2.0/token`, for the client
// credentials grant. It validates the form as Microsoft Entra ID does and issues an unsigned JWT.
// The Graph handlers honour its claims: `roles: ["Presence.ReadWrite.All"]`, `appid` and `azp`
// set to the client id, `tid` set to the tenant, and `exp` from the mock clock.
//
// Any client secret is accepted. Tests get an AADSTS error from a wrong tenant, from a malformed
// form, or from a fault rule on the token path. Token requests go through the fault plan and into
// the request log like Graph requests.

import { http, type RequestHandler } from "msw";
import { type FaultRule, formatRetryAfter } from "./faults.ts";
import { createUnsignedJwt } from "./jwt.ts";
import { beginMockExchange } from "./mock_exchange.ts";
import type { GraphMockState } from "./state.ts";

/** Lifetime of an issued token in seconds, as Entra ID reports it in `expires_in`. */
export const TOKEN_LIFETIME_SECONDS = 3599;

/** The application permission every issued token carries. */
export const ISSUED_ROLES: readonly string[] = ["Presence.ReadWrite.All"];

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/** An OAuth 2.0 error as Entra ID sends it. */
interface OAuthError {
  status: number;
  error: string;
  description: string;
  codes: number[];
}

/** The body of a successful token response. */
interface TokenResponse {
  token_type: "Bearer";
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

/** Creates the msw handler of the token endpoint, on any origin. */
export function tokenHandlers(state: GraphMockState): RequestHandler[] {
  return [
    http.all(
      ({ request }) => TOKEN_PATH.test(new URL(request.url).pathname),
      ({ request }) => handleTokenRequest(state, request),
    ),
  ];
}

async function handleTokenRequest(state: GraphMockState, request: Request): Promise<Response> {
  const exchange = await beginMockExchange(state, request);
  if (exchange instanceof Response) return exchange;
  const { url, bodyText, now, fault, log } = exchange;
  if (fault?.status !== undefined) {
    log(fault.status);
    return faultResponse(fault, fault.status, now);
  }

  const tenant = decodeURIComponent(TOKEN_PATH.exec(url.pathname)![1]);
  const outcome = issueToken(state, request, tenant, bodyText, now);
  if (!("access_token" in outcome)) {
    log(outcome.status);
    return oauthErrorResponse(outcome, now);
  }
  log(200);
  return Response.json(outcome, { headers: { "Cache-Control": "no-store, no-cache" } });
}

function issueToken(
  state: GraphMockState,
  request: Request,
  tenant: string,
  bodyText: string,
  now: Date,
): OAuthError | TokenResponse {
  if (request.method.toUpperCase() !== "POST") {
    return oauthError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return missingParameter("grant_type");
  }
  if (tenant.toLowerCase() !== state.tenantId.toLowerCase()) {
    return oauthError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are ` +
        `signing into the correct cloud.`,
    );
  }

  const form = new URLSearchParams(bodyText);
  const grantType = form.get("grant_type");
  if (!grantType) return missingParameter("grant_type");
  if (grantType !== "client_credentials") {
    return oauthError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  }
  const clientId = form.get("client_id");
  if (!clientId) return missingParameter("client_id");
  if (!form.get("client_secret")) {
    return oauthError(
      401,
      "invalid_client",
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    );
  }
  const scope = form.get("scope");
  if (!scope) return missingParameter("scope");
  if (scope.includes(" ") || !scope.endsWith("/.default")) {
    return oauthError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a ` +
        `scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }

  const issuedAt = Math.floor(now.getTime() / 1000);
  const accessToken = createUnsignedJwt({
    aud: scope.slice(0, -"/.default".length),
    iss: `https://sts.windows.net/${state.tenantId}/`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + TOKEN_LIFETIME_SECONDS,
    appid: clientId,
    azp: clientId,
    idtyp: "app",
    roles: [...ISSUED_ROLES],
    sub: clientId,
    tid: state.tenantId,
    ver: "1.0",
  });
  return {
    token_type: "Bearer",
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  };
}

function missingParameter(name: string): OAuthError {
  return oauthError(
    400,
    "invalid_request",
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}

function oauthError(status: number, error: string, code: number, message: string): OAuthError {
  return { status, error, description: `AADSTS${code}: ${message}`, codes: [code] };
}

/** Builds Entra ID's error body; the description ends with trace and correlation ids as there. */
function oauthErrorResponse(error: OAuthError, now: Date): Response {
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = now.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return Response.json({
    error: error.error,
    error_description:
      `${error.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: error.codes,
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  }, { status: error.status, headers: { "Cache-Control": "no-store, no-cache" } });
}

function faultResponse(fault: FaultRule, status: number, now: Date): Response {
  const headers = new Headers();
  if (fault.retryAfter !== undefined) {
    headers.set("Retry-After", formatRetryAfter(fault.retryAfter));
  }
  if (typeof fault.body === "string") return new Response(fault.body, { status, headers });
  if (fault.body !== undefined) return Response.json(fault.body, { status, headers });
  if (status >= 200 && status <= 299) return new Response(null, { status, headers });
  return oauthErrorResponse(
    oauthError(
      status,
      "temporarily_unavailable",
      50196,
      `The mock answered with status ${status}.`,
    ),
    now,
  );
}
