// Loopback HTTP server for a mock's msw handlers.
//
// It is built on node:http rather than Deno.serve because a network-error fault must reset the
// connection: Deno.serve (Deno 2.9) turns a thrown error or Response.error() into a 500, while
// node:http lets the server destroy the socket, so the client's fetch rejects.
//
// Every response closes its connection. Deno's fetch (hyper) silently resends a request whose
// pooled keep-alive connection was reset, so a reset on a reused connection would never reach
// the caller. A fresh connection per request makes each network-error fault visible.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { createGraphMock, type GraphMock, type GraphMockOptions } from "./create_graph_mock.ts";
import { errorResult, toResponse } from "./errors.ts";

/**
 * Options of `startGraphMockServer`.
 *
 * @example
 * ```ts
 * import { startGraphMockServer } from "./mod.ts";
 *
 * await using server = await startGraphMockServer({ port: 0, log: (line) => console.error(line) });
 * ```
 */
export interface GraphMockServerOptions extends GraphMockOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free port. */
  port?: number;
  /** Mock to serve; when given, the other mock options are ignored. */
  mock?: GraphMock;
  /** Receives one line per request: method, path, status and milliseconds. */
  log?: (line: string) => void;
}

/**
 * A running loopback mock server.
 *
 * @example
 * ```ts
 * import { startGraphMockServer } from "./mod.ts";
 *
 * const server = await startGraphMockServer();
 * console.log(server.url.startsWith("http://127.0.0.1:")); // true
 * await server.close();
 * ```
 */
export interface GraphMockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** TCP port the server listens on. */
  readonly port: number;
  /** Mock whose handlers the server serves. */
  readonly mock: GraphMock;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Serves a mock's handlers over HTTP on 127.0.0.1 only. A path no handler serves gets a
 * Graph-shaped 404, and a network-error fault destroys the connection.
 *
 * @example
 * ```ts
 * import { SAMPLE_TENANT, SAMPLE_USER_1_ID, startGraphMockServer } from "./mod.ts";
 *
 * await using server = await startGraphMockServer(SAMPLE_TENANT);
 * const response = await fetch(`${server.url}/v1.0/users/${SAMPLE_USER_1_ID}/presence`, {
 *   headers: { Authorization: "Bearer any-token" },
 * });
 * console.log((await response.json()).activity); // "InACall"
 * ```
 */
export async function startGraphMockServer(
  options: GraphMockServerOptions = {},
): Promise<GraphMockServer> {
  const mock = options.mock ?? createGraphMock(options);
  const log = options.log;
  let origin = "";

  const server = createServer((incoming, outgoing) => {
    respond(mock, origin, incoming, outgoing, log).catch((error) => {
      log?.(`${incoming.method} ${incoming.url} failed: ${error}`);
      incoming.socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return { url: origin, port, mock, close, [Symbol.asyncDispose]: close };
}

async function respond(
  mock: GraphMock,
  origin: string,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  log: ((line: string) => void) | undefined,
): Promise<void> {
  const started = performance.now();
  const method = incoming.method ?? "GET";
  const chunks: Uint8Array[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Uint8Array);
  const body = method === "GET" || method === "HEAD" ? undefined : concat(chunks);

  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
  }
  const request = new Request(`${origin}${incoming.url ?? "/"}`, { method, headers, body });
  const response = await getResponse(mock.handlers, request) ?? notFound(mock, request);
  const path = new URL(request.url).pathname;
  const elapsed = () => `${Math.round(performance.now() - started)}ms`;

  if (response.type === "error") {
    log?.(`${method} ${path} reset ${elapsed()}`);
    incoming.socket.destroy();
    return;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  outgoing.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    "content-length": String(bytes.length),
    "connection": "close",
  });
  outgoing.end(bytes);
  log?.(`${method} ${path} ${response.status} ${elapsed()}`);
}

function notFound(mock: GraphMock, request: Request): Response {
  const context = {
    requestId: crypto.randomUUID(),
    clientRequestId: request.headers.get("client-request-id") ?? crypto.randomUUID(),
    now: mock.clock.now(),
    serviceRoot: new URL(request.url).origin,
  };
  const path = new URL(request.url).pathname;
  return toResponse(
    context,
    errorResult(
      context,
      404,
      "NotFound",
      `The mock Graph service serves only /v1.0 and /beta paths, not '${path}'.`,
    ),
  );
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
