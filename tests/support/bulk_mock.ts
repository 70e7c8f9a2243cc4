import "../../mocks/bc_shim.ts";
import { getResponse } from "msw";
import {
  createGraphMock,
  createMockClock,
  type GraphMock,
  type GraphMockOptions,
} from "../../mocks/mod.ts";
import type { GraphConnection } from "../../src/graph/connection.ts";

/** The application whose sessions the bulk tests clear. */
export const APP = "22553876-f5ab-4529-bffb-cfe50aa89f87";

/** Returns the user id of item `index`, a GUID the mock accepts as a user. */
export function userId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

/** Returns the clearPresence path the cmdlet sends for user `index`. */
export function clearPath(index: number): string {
  return `/v1.0/communications/presences/${userId(index)}/microsoft.graph.clearPresence`;
}

/** Creates a mock on a frozen clock where the users of `withSession` have a session of {@link APP}. */
export function createBulkMock(
  withSession: Iterable<number>,
  options: GraphMockOptions = {},
): GraphMock {
  const mock = createGraphMock({
    clock: createMockClock("2026-01-15T09:00:00Z"),
    rateLimit: false,
    ...options,
  });
  for (const index of withSession) {
    mock.presence.setPresence(userId(index), {
      sessionId: APP,
      availability: "Busy",
      activity: "InACall",
      expirationDuration: "PT4H",
    });
  }
  return mock;
}

/**
 * Time for a test run: the mock's frozen clock, and sleeps that wait on a queue of virtual timers
 * instead of real time. {@link VirtualTime.drive} fires the earliest timer, moving the clock to
 * it, each time the run has had a few real milliseconds to settle.
 */
export interface VirtualTime {
  now(): number;
  sleep(milliseconds: number, signal: AbortSignal): Promise<void>;
  /** Fires timers until `work` settles, and returns its result. */
  drive<T>(work: Promise<T>): Promise<T>;
  /** Milliseconds the virtual clock moved since the time was created. */
  readonly elapsed: number;
}

/** Creates virtual time on a mock's clock. */
export function createVirtualTime(mock: GraphMock): VirtualTime {
  const start = mock.clock.now().getTime();
  const timers: { at: number; resolve: () => void }[] = [];
  const now = () => mock.clock.now().getTime();
  return {
    now,
    sleep(milliseconds, signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const timer = { at: now() + milliseconds, resolve };
        timers.push(timer);
        signal.addEventListener("abort", () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal.reason);
        }, { once: true });
      });
    },
    async drive<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      const watched = work.finally(() => settled = true);
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (settled || timers.length === 0) continue;
        // Timers due at the same time fire together, as real ones would in one pass.
        const at = Math.min(...timers.map((timer) => timer.at));
        if (at > now()) mock.clock.set(at);
        for (const timer of timers.filter((timer) => timer.at === at)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.resolve();
        }
      }
      return await watched;
    },
    get elapsed() {
      return now() - start;
    },
  };
}

/**
 * Returns a connection that sends requests to the mock's handlers in process, as fetch would
 * send them to Graph. A network-error fault rejects the fetch with a TypeError.
 */
export function inProcessConnection(
  mock: GraphMock,
  extra: Partial<GraphConnection> = {},
): GraphConnection {
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await getResponse(mock.handlers, new Request(input, init));
    if (response === undefined) throw new TypeError(`No mock handler for ${String(input)}`);
    if (response.type === "error") throw new TypeError("error sending request: connection reset");
    return response;
  };
  return {
    endpoint: "https://graph.microsoft.com",
    getAccessToken: () => Promise.resolve("bulk-test-token"),
    fetch: mockFetch as typeof fetch,
    ...extra,
  };
}

/** Returns JSON Lines input objects with the PresenceId of each index. */
export function presenceInput(indexes: Iterable<number>): { PresenceId: string }[] {
  return [...indexes].map((index) => ({ PresenceId: userId(index) }));
}

/** Returns the integers from 0 to `count - 1`. */
export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
