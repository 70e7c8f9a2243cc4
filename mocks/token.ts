import type { RequestHandler } from "msw";
import type { GraphMockState } from "./state.ts";

/**
 * Creates the msw handlers of the OAuth 2.0 client-credentials token endpoint,
 * `POST /{tenant}/oauth2/v2.0/token`. Tokens they issue should use `state.clock` for their
 * lifetime and `state.tenantId` as their `tid`.
 */
export function tokenHandlers(_state: GraphMockState): RequestHandler[] {
  // TODO: serve the token endpoint; until then the mock has no token handlers.
  return [];
}
