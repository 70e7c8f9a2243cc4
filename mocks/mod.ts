/**
 * Mock Microsoft Graph presence service for offline tests: a stateful presence model served by
 * msw handlers, in-process through `setupServer` or over HTTP on 127.0.0.1.
 *
 * @example In-process with msw
 * ```ts
 * import "./bc_shim.ts";
 * import { setupServer } from "msw/node";
 * import { createGraphMock, SAMPLE_TENANT, SAMPLE_USER_2_ID } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * const response = await fetch(
 *   `https://graph.microsoft.com/v1.0/users/${SAMPLE_USER_2_ID}/presence`,
 *   { headers: { Authorization: "Bearer any-opaque-token" } },
 * );
 * console.log((await response.json()).availability); // "Available"
 * server.close();
 * ```
 *
 * @module
 */

import "./bc_shim.ts";

export { createMockClock, type MockClock } from "./clock.ts";
export { createGraphMock, type GraphMock, type GraphMockOptions } from "./create_graph_mock.ts";
export { GraphMockError } from "./errors.ts";
export { createUnsignedJwt } from "./jwt.ts";
export type { FaultHandle, FaultPlan, FaultRule } from "./faults.ts";
export { PresenceModel, type PresenceModelOptions } from "./model.ts";
export type {
  DateTimeTimeZone,
  PreferredPresenceRequest,
  Presence,
  PresenceSession,
  PresenceStatusMessage,
  SeedSession,
  SeedUser,
  SetPresenceRequest,
  StatusMessageInput,
} from "./model_types.ts";
export type { RateLimit } from "./rate_limit.ts";
export { type LoggedRequest, RequestLog } from "./request_log.ts";
export {
  SAMPLE_APP_A_ID,
  SAMPLE_APP_B_ID,
  SAMPLE_TENANT,
  SAMPLE_TENANT_ID,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
  type SampleTenant,
} from "./sample_tenant.ts";
export {
  type GraphMockServer,
  type GraphMockServerOptions,
  startGraphMockServer,
} from "./server.ts";
