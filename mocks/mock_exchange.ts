// The steps every mock endpoint takes before it responds: read the body, apply the configured
// latency and the first matching fault, and log the request with the status it got.

import { errorResult, type RequestContext, toResponse } from "./errors.ts";
import type { FaultRule } from "./faults.ts";
import { parseLoggedBody } from "./request_log.ts";
import type { GraphMockState } from "./state.ts";

/**
 * Largest request body the mock reads; a larger one gets 413 RequestEntityTooLarge.
 * NOTE: an estimate, not Graph's documented limit for presence actions, which was not checked.
 */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

/** One request on its way through a mock endpoint. */
export interface MockExchange {
  url: URL;
  bodyText: string;
  /** Mock clock time at which the request arrived. */
  now: Date;
  /** The fault rule that fired for this request, if any. A network-error fault never gets here. */
  fault: FaultRule | undefined;
  /** Appends the request to the request log with the status it got; 0 for a reset connection. */
  log(status: number): void;
}

/**
 * Reads the request and applies latency and faults. Returns `Response.error()` when a
 * network-error fault fires, which msw turns into a failed fetch and the loopback server into a
 * reset connection. Otherwise returns the exchange that the endpoint responds to.
 */
export async function beginMockExchange(
  state: GraphMockState,
  request: Request,
  url: URL = new URL(request.url),
): Promise<MockExchange | Response> {
  const started = performance.now();
  const bodyText = await readBodyText(request, MAX_REQUEST_BODY_BYTES);
  const now = state.clock.now();
  const log = (status: number) => {
    state.requests.push({
      method: request.method,
      url: request.url,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body: bodyText === undefined ? undefined : parseLoggedBody(bodyText),
      status,
      time: now,
      durationMs: performance.now() - started,
    });
  };

  if (bodyText === undefined) {
    const context: RequestContext = {
      requestId: crypto.randomUUID(),
      clientRequestId: request.headers.get("client-request-id") ?? crypto.randomUUID(),
      now,
      serviceRoot: url.origin,
    };
    const message = `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`;
    const response = toResponse(
      context,
      errorResult(context, 413, "RequestEntityTooLarge", message),
    );
    log(413);
    return response;
  }

  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const fault = state.faults.match(request.method, url.pathname);
  if (fault?.latencyMs !== undefined) await sleep(fault.latencyMs);
  if (fault?.networkError === true) {
    log(0);
    return Response.error();
  }
  return { url, bodyText, now, fault, log };
}

/**
 * Reads a request body as text, or returns undefined as soon as it exceeds `maxBytes`, so an
 * oversized upload is never held in memory or in the request log.
 */
async function readBodyText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (request.body === null) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
