import type { MockClock } from "./clock.ts";
import type { MatchingFaultPlan } from "./faults.ts";
import type { PresenceModel } from "./model.ts";
import type { RateLimiter } from "./rate_limit.ts";
import type { RequestLog } from "./request_log.ts";

/**
 * State behind a mock's request handlers. The token endpoint's handlers receive it too, so
 * tokens they issue use the mock's clock and tenant.
 */
export interface GraphMockState {
  /** Default tenant id: the `tid` of opaque tokens and of JWTs without one. */
  readonly tenantId: string;
  /** Time source of the mock. */
  readonly clock: MockClock;
  /** Presence model. */
  readonly presence: PresenceModel;
  /** Log of requests the mock handled. */
  readonly requests: RequestLog;
  /** Fault plan applied to every request. */
  readonly faults: MatchingFaultPlan;
  /** Rate limiter keyed by application id and tenant id. */
  readonly rateLimiter: RateLimiter;
  /** Milliseconds every request waits before it is handled. */
  readonly latencyMs: number;
}
