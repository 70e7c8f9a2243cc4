import type { GraphConnection } from "./connection.ts";
import type { GraphResponse } from "./graph_response.ts";
import {
  describeFetchFailure,
  GraphRequestError,
  hostAndPort,
  isAbortError,
} from "./graph_request_error.ts";
import { formatRequestLog, formatResponseLog } from "./http_debug_log.ts";
import { httpStatusName } from "./http_status.ts";
import { type RequestSettings, resolveRequestSettings } from "./request_settings.ts";
import { RETRYABLE_STATUSES, retryDelaySeconds } from "./retry_delay.ts";
import { PACKAGE_VERSION } from "../version.ts";

/** One Graph call: the path includes the version segment, e.g. `/v1.0/communications/…`. */
export interface GraphRequest {
  method: string;
  path: string;
  /** A JSON body; sent with `Content-Type: application/json`. */
  body?: unknown;
}

/** Callbacks that receive the -Verbose and -Debug lines of a call. */
export interface RequestDiagnostics {
  verbose?: (line: string) => void;
  debug?: (line: string) => void;
}

/** Options of one call that come from the pipeline rather than the connection. */
export interface GraphCallOptions {
  /** Aborts the call, for example when the pipeline stops; the call rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * Sends one Graph request and returns the response that ends the SDK's pipeline. It has the
 * shape of {@link sendGraphRequest}, which the batching and pacing senders wrap.
 */
export type GraphRequestSender = (
  connection: GraphConnection,
  request: GraphRequest,
  diagnostics?: RequestDiagnostics,
  options?: GraphCallOptions,
) => Promise<GraphResponse>;

/** The SdkVersion header value; Graph's PowerShell SDK sends `graph-powershell/<version>` here. */
export const SDK_VERSION_HEADER = `mg-presence/${PACKAGE_VERSION}`;

/** The User-Agent header value: this product, its version and the Deno runtime. */
export const USER_AGENT_HEADER = `mg-presence/${PACKAGE_VERSION} Deno/${Deno.version.deno}`;

/** Redirect statuses the redirect handler follows. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** One HTTP exchange of a call: where it goes and what it sends. */
interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

/** The state one call shares between its steps. */
interface CallContext {
  settings: RequestSettings;
  signal: AbortSignal;
  diagnostics: RequestDiagnostics;
  /** The URL being contacted, which timeout messages name. */
  currentUrl: URL;
}

/**
 * Sends one request to Graph through the SDK's pipeline and reads the whole response. Each call
 * sends the bearer token, `SdkVersion`, `User-Agent` and a new `client-request-id`, which its
 * retries and redirects keep. The retry handler (429, 503, 504), the redirect handler (301, 302,
 * 303, 307, 308) and one timeout over all of it apply.
 *
 * Returns the response that ends the pipeline, error statuses included. Rejects with a
 * {@link GraphRequestError} when no usable response came: retries exhausted, a network failure,
 * the timeout, a redirect failure, or a failed token request. Rejects with the reason of
 * `options.signal` when that aborts first.
 */
export async function sendGraphRequest(
  connection: GraphConnection,
  request: GraphRequest,
  diagnostics: RequestDiagnostics = {},
  options: GraphCallOptions = {},
): Promise<GraphResponse> {
  const settings = resolveRequestSettings(connection);
  options.signal?.throwIfAborted();
  const root = connection.endpoint.endsWith("/") ? connection.endpoint : `${connection.endpoint}/`;
  // The path replaces any path of the endpoint, as NationalCloudHandler keeps only PathAndQuery.
  const url = new URL(request.path, root);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The Graph call timed out.", "TimeoutError")),
    settings.timeoutMs,
  );
  const abortCall = () => controller.abort(options.signal!.reason);
  options.signal?.addEventListener("abort", abortCall, { once: true });
  const context: CallContext = {
    settings,
    signal: controller.signal,
    diagnostics,
    currentUrl: url,
  };
  try {
    const token = await acquireToken(connection, controller.signal);
    const headers = new Headers({
      "Authorization": `Bearer ${token}`,
      "client-request-id": crypto.randomUUID(),
      "SdkVersion": SDK_VERSION_HEADER,
      "User-Agent": USER_AGENT_HEADER,
    });
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers.set("Content-Type", "application/json");
    }
    return await sendWithRetries(context, { method: request.method, url, headers, body });
  } catch (error) {
    if (options.signal?.aborted && isAbortError(error, controller.signal)) {
      throw options.signal.reason;
    }
    if (isAbortError(error, controller.signal)) throw timeoutError(context);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", abortCall);
  }
}

async function acquireToken(connection: GraphConnection, signal: AbortSignal): Promise<string> {
  try {
    return await connection.getAccessToken({ signal });
  } catch (error) {
    if (error instanceof GraphRequestError || isAbortError(error, signal)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new GraphRequestError("Azure.Identity.AuthenticationFailedException", message);
  }
}

/**
 * The retry handler: resends the same request after 429, 503 or 504, with `Retry-Attempt: n`,
 * up to `maxRetries` times, then raises the AggregateException the SDK raises.
 */
async function sendWithRetries(
  context: CallContext,
  original: OutgoingRequest,
): Promise<GraphResponse> {
  const { retry, sleep, now } = context.settings;
  let response = await sendFollowingRedirects(context, original);
  let retryCount = 0;
  while (RETRYABLE_STATUSES.has(response.status) && retry.maxRetries > 0) {
    if (retryCount >= retry.maxRetries) {
      // NOTE: .NET's AggregateException.Message also appends each inner ApiException message
      // ("HTTP request failed with status code: …") in brackets; the record keeps only this line.
      throw new GraphRequestError(
        "System.AggregateException",
        `Too many retries performed. More than ${retryCount} retries encountered while sending the request.`,
      );
    }
    const retryAfter = response.headers.get("Retry-After");
    const waitSeconds = retryDelaySeconds(retryAfter, retryCount, retry, now());
    retryCount++;
    const status = `${response.status} (${httpStatusName(response.status)})`;
    const unit = waitSeconds === 1 ? "second" : "seconds";
    const source = retryAfter === null ? "exponential back-off" : `Retry-After: ${retryAfter}`;
    context.diagnostics.verbose?.(
      `Received ${status}; waiting ${waitSeconds} ${unit} (${source}) ` +
        `before retry ${retryCount} of ${retry.maxRetries}.`,
    );
    await sleep(waitSeconds * 1000, context.signal);
    const headers = new Headers(original.headers);
    headers.set("Retry-Attempt", String(retryCount));
    response = await sendFollowingRedirects(context, { ...original, headers });
  }
  return response;
}

/**
 * The redirect handler: follows up to `maxRedirects` redirects through `Location` (absolute or
 * relative). 303 turns the request into a GET without a body. Authorization and Cookie are dropped
 * when the host or the scheme differs from the original request's, and a scheme change is
 * rejected, as Kiota's RedirectHandler does.
 */
async function sendFollowingRedirects(
  context: CallContext,
  original: OutgoingRequest,
): Promise<GraphResponse> {
  const { maxRedirects } = context.settings;
  let current = original;
  let response = await sendOnce(context, current);
  let redirectCount = 0;
  while (REDIRECT_STATUSES.has(response.status) && maxRedirects > 0) {
    if (redirectCount >= maxRedirects) {
      throw new GraphRequestError(
        "System.InvalidOperationException",
        "Too many redirects performed",
      );
    }
    const location = response.headers.get("Location");
    if (location === null || location.trim() === "") {
      throw new GraphRequestError(
        "System.InvalidOperationException",
        "Unable to perform redirect as Location Header is not set in response",
      );
    }
    current = redirectedRequest(current, original, response.status, new URL(location, current.url));
    redirectCount++;
    context.diagnostics.verbose?.(
      `Following ${response.status} (${httpStatusName(response.status)}) to ${current.url.href} ` +
        `(redirect ${redirectCount} of at most ${maxRedirects}).`,
    );
    response = await sendOnce(context, current);
  }
  return response;
}

function redirectedRequest(
  previous: OutgoingRequest,
  original: OutgoingRequest,
  status: number,
  target: URL,
): OutgoingRequest {
  if (target.protocol !== original.url.protocol) {
    throw new GraphRequestError(
      "System.InvalidOperationException",
      "Redirects with changing schemes not allowed by default. You can change this by modifying the AllowRedirectOnSchemeChange option",
    );
  }
  const headers = new Headers(previous.headers);
  let method = previous.method;
  let body = previous.body;
  if (status === 303) {
    method = "GET";
    body = undefined;
    headers.delete("Content-Type");
  }
  // Like .NET's Uri.Host, hostname leaves the port out: another port on the same host keeps the token.
  if (target.hostname !== original.url.hostname) {
    headers.delete("Authorization");
    headers.delete("Cookie");
  }
  return { method, url: target, headers, body };
}

/** Sends one HTTP request and reads its body, writing the -Verbose and -Debug lines. */
async function sendOnce(context: CallContext, outgoing: OutgoingRequest): Promise<GraphResponse> {
  const { diagnostics, signal } = context;
  context.currentUrl = outgoing.url;
  diagnostics.verbose?.(`${outgoing.method} ${outgoing.url.href}`);
  diagnostics.debug?.(
    formatRequestLog(outgoing.method, outgoing.url, outgoing.headers, outgoing.body),
  );
  let response: GraphResponse;
  try {
    const fetched = await context.settings.fetch(outgoing.url, {
      method: outgoing.method,
      headers: outgoing.headers,
      body: outgoing.body,
      redirect: "manual",
      signal,
    });
    response = { status: fetched.status, headers: fetched.headers, bodyText: await fetched.text() };
  } catch (error) {
    if (isAbortError(error, signal)) throw error;
    throw new GraphRequestError(
      "System.Net.Http.HttpRequestException",
      describeFetchFailure(error, outgoing.url),
    );
  }
  diagnostics.verbose?.(
    `${outgoing.method} ${outgoing.url.href} ${response.status} (${
      httpStatusName(response.status)
    })`,
  );
  diagnostics.debug?.(formatResponseLog(response.status, response.headers, response.bodyText));
  return response;
}

/** Creates the TaskCanceledException HttpClient raises when its Timeout elapses, naming the host. */
function timeoutError(context: CallContext): GraphRequestError {
  const seconds = context.settings.timeoutMs / 1000;
  return new GraphRequestError(
    "System.Threading.Tasks.TaskCanceledException",
    `The request to ${hostAndPort(context.currentUrl)} was canceled due to the configured ` +
      `HttpClient.Timeout of ${seconds} seconds elapsing.`,
  );
}
