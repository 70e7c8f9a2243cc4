// The request pipeline behind every Graph handler: latency, faults, authentication, routing,
// rate limiting and the request log.

import { authenticate } from "./auth.ts";
import { runBatch } from "./batch.ts";
import {
  defaultErrorFor,
  errorResult,
  GraphMockError,
  type RequestContext,
  resultFromError,
  type RouteResult,
  toResponse,
} from "./errors.ts";
import { type FaultRule, formatRetryAfter } from "./faults.ts";
import { parseJsonBody } from "./payloads.ts";
import { beginMockExchange } from "./mock_exchange.ts";
import { allowedMethods, resolveRoute } from "./routes.ts";
import type { GraphMockState } from "./state.ts";
import { runRateLimitedRoute, splitVersionedPath } from "./step.ts";

/**
 * Handles one HTTP request to the mock Graph service. Returns `undefined` for a path outside
 * `/v1.0` and `/beta`, so msw passes it to the next handler. A network-error fault returns
 * `Response.error()`, which msw turns into a failed `fetch` and the loopback server into a
 * reset connection.
 */
export async function handleGraphRequest(
  state: GraphMockState,
  request: Request,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  const version = /^\/(v1\.0|beta)(?:\/|$)/.exec(url.pathname)?.[1];
  if (version === undefined) return undefined;

  const exchange = await beginMockExchange(state, request, url);
  if (exchange instanceof Response) return exchange;
  const { bodyText, fault, log } = exchange;
  const context: RequestContext = {
    requestId: crypto.randomUUID(),
    clientRequestId: request.headers.get("client-request-id") ?? crypto.randomUUID(),
    now: exchange.now,
    serviceRoot: `${url.origin}/${version}`,
  };

  const result = fault?.status !== undefined
    ? faultResult(context, fault, fault.status)
    : serve(state, request, url, bodyText, context);
  const response = toResponse(context, result);
  log(result.status);
  return response;
}

function serve(
  state: GraphMockState,
  request: Request,
  url: URL,
  bodyText: string,
  context: RequestContext,
): RouteResult {
  const method = request.method.toUpperCase();
  try {
    const principal = authenticate(request.headers.get("authorization"), {
      tenantId: state.tenantId,
      now: context.now,
    });
    const { version, segments } = splitVersionedPath(url.pathname)!;
    const route = resolveRoute(segments);
    if (route.kind === "batch") {
      if (method !== "POST") {
        return errorResult(
          context,
          405,
          "MethodNotAllowed",
          `The HTTP method '${method}' is not allowed for $batch. Allowed: POST.`,
          { "Allow": allowedMethods(route).join(", ") },
        );
      }
      return runBatch(state, { body: parseJsonBody(bodyText), principal, context, version });
    }
    return runRateLimitedRoute(state, {
      route,
      method,
      search: url.searchParams,
      body: () => parseJsonBody(bodyText),
      principal,
      context,
    });
  } catch (error) {
    if (!(error instanceof GraphMockError)) throw error;
    const headers: Record<string, string> = error.status === 401
      ? { "WWW-Authenticate": 'Bearer realm="", error="invalid_token"' }
      : {};
    return { ...resultFromError(context, error), headers };
  }
}

function faultResult(context: RequestContext, fault: FaultRule, status: number): RouteResult {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["Retry-After"] = formatRetryAfter(fault.retryAfter);
  if (typeof fault.body === "string") return { status, headers, text: fault.body };
  if (fault.body !== undefined) return { status, headers, body: fault.body };
  if (status >= 200 && status <= 299) return { status, headers };
  const [code, message] = defaultErrorFor(status);
  return errorResult(context, status, code, message, headers);
}
