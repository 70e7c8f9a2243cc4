// The steps every mock endpoint takes before it responds: read the body, apply the configured
// latency and the first matching fault, and log the request with the status it got.

import type { FaultRule } from "./faults.ts";
import { parseLoggedBody } from "./request_log.ts";
import type { GraphMockState } from "./state.ts";

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
 * reset connection; otherwise the exchange that the endpoint responds to.
 */
export async function beginMockExchange(
  state: GraphMockState,
  request: Request,
  url: URL = new URL(request.url),
): Promise<MockExchange | Response> {
  const started = performance.now();
  const bodyText = await request.text();
  const now = state.clock.now();
  const log = (status: number) => {
    state.requests.push({
      method: request.method,
      url: request.url,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body: parseLoggedBody(bodyText),
      status,
      time: now,
      durationMs: performance.now() - started,
    });
  };

  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const fault = state.faults.match(request.method, url.pathname);
  if (fault?.latencyMs !== undefined) await sleep(fault.latencyMs);
  if (fault?.networkError === true) {
    log(0);
    return Response.error();
  }
  return { url, bodyText, now, fault, log };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
