// Graph-shaped results and error bodies, shared by direct requests and `$batch` steps.

/**
 * Error thrown by the presence model for a request Graph would reject, carrying the HTTP status
 * and Graph error code that the mock sends for it.
 *
 * @example
 * ```ts
 * import { createGraphMock, GraphMockError } from "./mod.ts";
 *
 * const mock = createGraphMock();
 * try {
 *   mock.presence.get("not-a-user");
 * } catch (error) {
 *   if (error instanceof GraphMockError) console.log(error.status, error.code); // 404 "Request_ResourceNotFound"
 * }
 * ```
 */
export class GraphMockError extends Error {
  /** HTTP status code, such as 400 or 404. */
  readonly status: number;
  /** Graph error code, such as `BadRequest` or `NotFound`. */
  readonly code: string;

  /** Creates an error with a status, a Graph error code and a message. */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "GraphMockError";
    this.status = status;
    this.code = code;
  }
}

/** Per-request values that appear in response headers and error bodies. */
export interface RequestContext {
  /** Fresh GUID sent as the `request-id` header. */
  requestId: string;
  /** The request's `client-request-id` header, or a fresh GUID. */
  clientRequestId: string;
  /** Mock clock time at which the request arrived. */
  now: Date;
  /** Origin and version of the request, e.g. `https://graph.microsoft.com/v1.0`. */
  serviceRoot: string;
}

/** Status, headers and optional JSON body of one response, before it becomes a `Response`. */
export interface RouteResult {
  status: number;
  headers: Record<string, string>;
  /** JSON body; omitted for an empty body. */
  body?: unknown;
  /** Plain-text body, sent in place of `body` (fault plans may set one). */
  text?: string;
}

/** Formats a time as Graph's `innerError.date`: UTC `yyyy-MM-ddTHH:mm:ss` with no offset. */
export function formatInnerErrorDate(time: Date): string {
  return time.toISOString().slice(0, 19);
}

/** Builds a Graph error result with the `innerError` block Graph adds. */
export function errorResult(
  context: RequestContext,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): RouteResult {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: formatInnerErrorDate(context.now),
          "request-id": context.requestId,
          "client-request-id": context.clientRequestId,
        },
      },
    },
  };
}

/** Converts a `GraphMockError` into its Graph error result. */
export function resultFromError(context: RequestContext, error: GraphMockError): RouteResult {
  return errorResult(context, error.status, error.code, error.message);
}

const DEFAULT_ERROR_CODES: Record<number, [string, string]> = {
  400: ["BadRequest", "The request is invalid."],
  401: ["InvalidAuthenticationToken", "Access token validation failure."],
  403: ["Forbidden", "Insufficient privileges to complete the operation."],
  404: ["NotFound", "The requested resource was not found."],
  409: ["Conflict", "The request conflicts with the current state of the resource."],
  429: ["TooManyRequests", "Too many requests. Retry after the time given in Retry-After."],
  500: ["InternalServerError", "An internal server error occurred."],
  502: ["BadGateway", "The gateway received an invalid response."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable."],
  504: ["GatewayTimeout", "The gateway timed out."],
};

/** Returns the Graph error code and a default message used for an injected status. */
export function defaultErrorFor(status: number): [string, string] {
  return DEFAULT_ERROR_CODES[status] ?? ["UnknownError", `The mock returned status ${status}.`];
}

/** Builds the headers every response carries: `request-id`, `client-request-id` and `Date`. */
export function standardHeaders(context: RequestContext): Record<string, string> {
  return {
    "request-id": context.requestId,
    "client-request-id": context.clientRequestId,
    "Date": context.now.toUTCString(),
  };
}

/**
 * Converts a result into an HTTP response. A result without a body gets an empty body and no
 * `Content-Type`, because graph-client v3 fails to parse an empty `application/json` body.
 */
export function toResponse(context: RequestContext, result: RouteResult): Response {
  const headers = new Headers({ ...standardHeaders(context), ...result.headers });
  if (result.text !== undefined) {
    headers.set("Content-Type", "text/plain; charset=utf-8");
    return new Response(result.text, { status: result.status, headers });
  }
  if (result.body === undefined) {
    return new Response(null, { status: result.status, headers });
  }
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}
