import { http, type RequestHandler } from "msw";
import { handleGraphRequest } from "./graph_handler.ts";
import type { GraphMockState } from "./state.ts";

/**
 * Creates the msw handlers of the Graph service. They match any origin (`*\/v1.0/*`), so the
 * same list serves `https://graph.microsoft.com` in-process and the loopback server.
 */
export function graphHandlers(state: GraphMockState): RequestHandler[] {
  const resolve = ({ request }: { request: Request }) => handleGraphRequest(state, request);
  return [http.all("*/v1.0/*", resolve), http.all("*/beta/*", resolve)];
}
