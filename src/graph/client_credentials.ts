import type { AccessTokenProvider } from "./connection.ts";
import { describeFetchFailure, GraphRequestError, isAbortError } from "./graph_request_error.ts";
import { httpStatusName } from "./http_status.ts";

/** Options of {@link createClientCredentialsTokenProvider}. */
export interface ClientCredentialsOptions {
  /** The authority root, e.g. `https://login.microsoftonline.com` or a loopback mock. */
  loginEndpoint: string;
  /** The directory (tenant) id or a verified domain name. */
  tenantId: string;
  /** The application (client) id. */
  clientId: string;
  /** The client secret; it is sent only in the token request body and never logged. */
  clientSecret: string;
  /** The Graph root whose `/.default` scope the token is for, e.g. `https://graph.microsoft.com`. */
  graphEndpoint: string;
  /** The fetch implementation; global fetch by default. */
  fetch?: typeof fetch;
  /** Current time in epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /**
   * How long before its expiry a cached token is replaced, in milliseconds; 5 minutes by
   * default, as Azure.Identity refreshes tokens.
   */
  refreshMarginMs?: number;
}

/** Azure.Identity's default refresh margin: a token is renewed 5 minutes before it expires. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

const AUTHENTICATION_FAILED = "Azure.Identity.AuthenticationFailedException";
const FAILURE_PREFIX = "ClientSecretCredential authentication failed: ";

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}

/**
 * Creates a token provider for the OAuth 2.0 client credentials grant: it posts
 * `grant_type=client_credentials` and `scope={graph}/.default` to
 * `{login}/{tenant}/oauth2/v2.0/token` and caches the token until shortly before it expires, so
 * every request of a run shares one token. Concurrent callers share one token request.
 *
 * A failed token request rejects with a {@link GraphRequestError} of type
 * `Azure.Identity.AuthenticationFailedException` whose message carries the AADSTS description;
 * a timeout rejects with the signal's reason. The secret never appears in a message.
 *
 * @example
 * ```ts ignore
 * const getAccessToken = createClientCredentialsTokenProvider({
 *   loginEndpoint: "https://login.microsoftonline.com",
 *   tenantId: "contoso.onmicrosoft.com",
 *   clientId: "22553876-f5ab-4529-bffb-cfe50aa89f87",
 *   clientSecret: Deno.env.get("MG_CLIENT_SECRET")!,
 *   graphEndpoint: "https://graph.microsoft.com",
 * });
 * ```
 */
export function createClientCredentialsTokenProvider(
  options: ClientCredentialsOptions,
): AccessTokenProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  return async (request = {}) => {
    if (cached && now() < cached.expiresAtMs - margin) return cached.accessToken;
    pending ??= requestToken(options, now, request.signal).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.accessToken;
  };
}

/** Returns the token endpoint URL of a tenant under an authority root. */
export function tokenEndpointUrl(loginEndpoint: string, tenantId: string): URL {
  const root = loginEndpoint.endsWith("/") ? loginEndpoint : `${loginEndpoint}/`;
  return new URL(`${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, root);
}

async function requestToken(
  options: ClientCredentialsOptions,
  now: () => number,
  signal: AbortSignal | undefined,
): Promise<CachedToken> {
  const url = tokenEndpointUrl(options.loginEndpoint, options.tenantId);
  const graphRoot = options.graphEndpoint.replace(/\/+$/, "");
  const form = new URLSearchParams({
    client_id: options.clientId,
    client_secret: options.clientSecret,
    scope: `${graphRoot}/.default`,
    grant_type: "client_credentials",
  });
  const redact = (text: string) => text.replaceAll(options.clientSecret, "***");
  const fail = (reason: string) =>
    new GraphRequestError(AUTHENTICATION_FAILED, redact(FAILURE_PREFIX + reason));

  const requestedAtMs = now();
  let status: number;
  let bodyText: string;
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
      },
      body: form.toString(),
      redirect: "manual",
      signal,
    });
    status = response.status;
    bodyText = await response.text();
  } catch (error) {
    if (isAbortError(error, signal)) throw error;
    throw fail(describeFetchFailure(error, url));
  }

  const body = parseJsonObject(bodyText);
  if (status < 200 || status > 299) {
    const description = body?.error_description ?? body?.error;
    if (typeof description === "string" && description.trim() !== "") {
      throw fail(description.trim());
    }
    throw fail(
      `The token endpoint ${url.host} returned ${status} (${
        httpStatusName(status)
      }) without an OAuth 2.0 error body.`,
    );
  }
  const accessToken = body?.access_token;
  const expiresIn = Number(body?.expires_in);
  if (typeof accessToken !== "string" || accessToken === "" || !(expiresIn > 0)) {
    throw fail(`The token endpoint ${url.host} returned no access_token and expires_in.`);
  }
  return { accessToken, expiresAtMs: requestedAtMs + expiresIn * 1000 };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? value as Record<string, unknown>
      : undefined;
  } catch {
    return undefined;
  }
}
