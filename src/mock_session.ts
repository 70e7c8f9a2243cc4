/**
 * The in-process mock Graph behind the CLI's `--mock` option: MSW intercepts fetch, so requests to
 * the Global Graph root never leave the process.
 *
 * @module
 */
import "../mocks/bc_shim.ts";
import { setupServer } from "msw/node";
import { createGraphMock, type GraphMock, SAMPLE_TENANT } from "../mocks/mod.ts";
import { GLOBAL_GRAPH_ENDPOINT, type GraphConnection } from "./graph/connection.ts";

/** A running in-process mock and the connection that reaches it. */
export interface InProcessMockSession {
  mock: GraphMock;
  connection: GraphConnection;
  /** Stops intercepting requests. */
  stop(): void;
}

/** The bearer token sent to the in-process mock. The mock treats an opaque token as an app token with every presence permission. */
export const IN_PROCESS_MOCK_TOKEN = "in-process-mock-token";

/** Starts intercepting Graph requests with a mock seeded with the sample tenant, unless one is given. */
export function startInProcessMock(
  mock: GraphMock = createGraphMock(SAMPLE_TENANT),
): InProcessMockSession {
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: "error" });
  return {
    mock,
    connection: {
      endpoint: GLOBAL_GRAPH_ENDPOINT,
      getAccessToken: () => Promise.resolve(IN_PROCESS_MOCK_TOKEN),
    },
    stop: () => server.close(),
  };
}
