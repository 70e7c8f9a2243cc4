import { http, type RequestHandler } from "msw";
import { handleGraphRequest } from "./graph_handler.ts";
import type { GraphMockState } from "./state.ts";

const VERSIONED_PATH = /^\/(?:v1\.0|beta)(?:\/|$)/;

/**
 * Creates the msw handler of the Graph service. It matches `/v1.0` and `/beta` paths on any
 * origin, so the same handler serves `https://graph.microsoft.com` in-process and the loopback
 * server. It matches with a predicate rather than a path pattern because msw's pattern matcher
 * throws on malformed percent-encoding, which the mock must reject with a Graph 400.
 */
export function graphHandlers(state: GraphMockState): RequestHandler[] {
  return [
    http.all(
      ({ request }) => VERSIONED_PATH.test(new URL(request.url).pathname),
      ({ request }) => handleGraphRequest(state, request),
    ),
  ];
}
