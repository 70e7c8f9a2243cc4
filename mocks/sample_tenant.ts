import type { SeedUser } from "./model_types.ts";

/**
 * Tenant id of the sample tenant, also the default tenant of every mock.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_TENANT_ID } from "./mod.ts";
 *
 * console.log(createGraphMock().tenantId === SAMPLE_TENANT_ID); // true
 * ```
 */
export const SAMPLE_TENANT_ID = "9c2b4f8e-4d1a-4e6b-9f3a-2c7d5e8b1a60";
/**
 * Application id of sample app A, which has a session for both sample users.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_APP_A_ID, SAMPLE_TENANT, SAMPLE_USER_1_ID } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * mock.presence.clearPresence(SAMPLE_USER_1_ID, SAMPLE_APP_A_ID);
 * ```
 */
export const SAMPLE_APP_A_ID = "22553876-f5ab-4529-bffb-cfe50aa89f87";
/**
 * Application id of sample app B, which has a session for sample user 1 only.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_APP_B_ID, SAMPLE_TENANT, SAMPLE_USER_1_ID } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * mock.presence.clearPresence(SAMPLE_USER_1_ID, SAMPLE_APP_B_ID);
 * console.log(mock.presence.get(SAMPLE_USER_1_ID).activity); // "InACall"
 * ```
 */
export const SAMPLE_APP_B_ID = "5f1c8e2a-7b3d-4c9e-a6f0-1d2e3b4c5a69";
/**
 * Object id of sample user 1, who has two sessions.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_TENANT, SAMPLE_USER_1_ID } from "./mod.ts";
 *
 * console.log(createGraphMock(SAMPLE_TENANT).presence.get(SAMPLE_USER_1_ID).activity); // "InACall"
 * ```
 */
export const SAMPLE_USER_1_ID = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
/**
 * Object id of sample user 2, who has one session.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_APP_A_ID, SAMPLE_TENANT, SAMPLE_USER_2_ID } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * mock.presence.clearPresence(SAMPLE_USER_2_ID, SAMPLE_APP_A_ID);
 * console.log(mock.presence.get(SAMPLE_USER_2_ID).availability); // "Offline"
 * ```
 */
export const SAMPLE_USER_2_ID = "6e7a9b2c-3d4f-4a1b-8c5d-0e9f1a2b3c4d";

/**
 * Seed of a mock tenant: its id and users.
 *
 * @example
 * ```ts
 * import { createGraphMock, type SampleTenant } from "./mod.ts";
 *
 * const tenant: SampleTenant = { tenantId: "my-tenant", users: [{ id: "user-1" }] };
 * createGraphMock({ ...tenant, fixedUsers: true });
 * ```
 */
export interface SampleTenant {
  /** Tenant id. */
  tenantId: string;
  /** Users with their sessions. */
  users: SeedUser[];
}

/**
 * Sample tenant. User 1 (Adele Vance) is Busy/InACall from app A and Available/Available from
 * app B, so clearing app A's session shows Available/Available. User 2 (Alex Wilber) is
 * Available/Available from app A only, so clearing it shows Offline/Offline. The sessions are
 * client sessions: they never fade or expire. The object is frozen; mocks copy what they need.
 *
 * @example
 * ```ts
 * import { createGraphMock, SAMPLE_TENANT } from "./mod.ts";
 *
 * const mock = createGraphMock(SAMPLE_TENANT);
 * console.log(mock.presence.users().length); // 2
 * ```
 */
export const SAMPLE_TENANT: SampleTenant = deepFreeze({
  tenantId: SAMPLE_TENANT_ID,
  users: [
    {
      id: SAMPLE_USER_1_ID,
      displayName: "Adele Vance",
      sessions: [
        { sessionId: SAMPLE_APP_A_ID, availability: "Busy", activity: "InACall" },
        { sessionId: SAMPLE_APP_B_ID, availability: "Available", activity: "Available" },
      ],
    },
    {
      id: SAMPLE_USER_2_ID,
      displayName: "Alex Wilber",
      sessions: [
        { sessionId: SAMPLE_APP_A_ID, availability: "Available", activity: "Available" },
      ],
    },
  ],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
