import type { RequestHandler } from "msw";
import { createMockClock, type MockClock } from "./clock.ts";
import { type FaultPlan, MatchingFaultPlan } from "./faults.ts";
import { graphHandlers } from "./handlers.ts";
import { PresenceModel } from "./model.ts";
import type { SeedUser } from "./model_types.ts";
import { createRandom } from "./random.ts";
import { GRAPH_PRESENCE_RATE_LIMIT, type RateLimit, RateLimiter } from "./rate_limit.ts";
import { RequestLog } from "./request_log.ts";
import { SAMPLE_TENANT_ID } from "./sample_tenant.ts";
import type { GraphMockState } from "./state.ts";
import { tokenHandlers } from "./token.ts";

/**
 * Options of `createGraphMock`.
 *
 * @example
 * ```ts
 * import { createGraphMock, type GraphMockOptions } from "./mod.ts";
 *
 * const options: GraphMockOptions = {
 *   users: [{ id: "11111111-2222-4333-8444-555555555555" }],
 *   fixedUsers: true,
 *   rateLimit: { requests: 10, perSeconds: 1 },
 *   random: 42,
 * };
 * const mock = createGraphMock(options);
 * ```
 */
export interface GraphMockOptions {
  /** Users to create on start and on every `reset()`; none by default. */
  users?: SeedUser[];
  /**
   * When true only `users` exist and every other id is a 404. When false (the default) every
   * GUID is also a user of the tenant, created on first use with no sessions. An id that is
   * neither seeded nor a GUID, such as `p` or `a/b?c`, is always a 404 with a Graph error body.
   */
  fixedUsers?: boolean;
  /** Time source; by default a clock that follows the system time. */
  clock?: MockClock;
  /** Default tenant id; the sample tenant's id by default. */
  tenantId?: string;
  /**
   * Rate limit per application and tenant, or `false` to disable it. Graph's presence limit,
   * 1,500 requests per 30 seconds, by default.
   */
  rateLimit?: RateLimit | false;
  /** Seed of the generator behind probabilistic faults; random by default. */
  random?: number;
  /** Milliseconds every request waits before it is handled; 0 by default. */
  latencyMs?: number;
}

/**
 * A mock Graph presence service: msw handlers and the state behind them.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_TENANT, SAMPLE_USER_2_ID } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * mock.faults.add({ nth: 1, status: 429, retryAfter: 1 });
 * console.log(mock.presence.get(SAMPLE_USER_2_ID).availability); // "Available"
 * mock.reset();
 * ```
 */
export interface GraphMock {
  /**
   * msw handlers (msw's `RequestHandler[]`) for `setupServer(...mock.handlers)` or the
   * loopback server.
   *
   * NOTE: `@ignore` hides this property from generated docs, because `deno doc --lint`
   * (Deno 2.9) reports any type from an npm package as a private type (denoland/deno#27364).
   *
   * @ignore
   */
  readonly handlers: RequestHandler[];
  /** Presence model, for arranging and checking state without HTTP. */
  readonly presence: PresenceModel;
  /** Time source of the mock. */
  readonly clock: MockClock;
  /** Requests received, oldest first. */
  readonly requests: RequestLog;
  /** Fault plan applied to incoming requests. */
  readonly faults: FaultPlan;
  /** Default tenant id. */
  readonly tenantId: string;
  /**
   * Restores the seeded users, empties the request log and the fault plan, clears the rate
   * limiter's history and reseeds the fault generator. The clock is left where it is.
   */
  reset(): void;
}

/**
 * Creates a mock Graph presence service. Throws a `TypeError` for an invalid seed.
 *
 * @example
 * ```ts
 * import "./bc_shim.ts";
 * import { setupServer } from "msw/node";
 * import { createGraphMock, SAMPLE_TENANT } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * // ... requests to https://graph.microsoft.com/v1.0/... now reach the mock
 * server.close();
 * ```
 */
export function createGraphMock(options: GraphMockOptions = {}): GraphMock {
  const clock = options.clock ?? createMockClock();
  const seed = options.random ?? Math.floor(Math.random() * 2 ** 32);
  let random = createRandom(seed);
  const presence = new PresenceModel({ clock, fixedUsers: options.fixedUsers ?? false });
  const state: GraphMockState = {
    tenantId: options.tenantId ?? SAMPLE_TENANT_ID,
    clock,
    presence,
    requests: new RequestLog(),
    faults: new MatchingFaultPlan(() => random()),
    rateLimiter: new RateLimiter(options.rateLimit ?? GRAPH_PRESENCE_RATE_LIMIT),
    latencyMs: options.latencyMs ?? 0,
  };
  const seedUsers = () => {
    presence.clear();
    for (const user of options.users ?? []) presence.addUser(user);
  };
  seedUsers();

  return {
    handlers: [...tokenHandlers(state), ...graphHandlers(state)],
    presence,
    clock,
    requests: state.requests,
    faults: state.faults,
    tenantId: state.tenantId,
    reset() {
      seedUsers();
      state.requests.clear();
      state.faults.clear();
      state.rateLimiter.clear();
      random = createRandom(seed);
    },
  };
}
