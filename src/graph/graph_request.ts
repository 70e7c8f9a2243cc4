import type { GraphConnection } from "./connection.ts";
import type { GraphResponse } from "./graph_response.ts";
import { PACKAGE_VERSION } from "../version.ts";

/** One Graph call: the path includes the version segment, e.g. `/v1.0/communications/…`. */
export interface GraphRequest {
  method: string;
  path: string;
  /** A JSON body; sent with `Content-Type: application/json`. */
  body?: unknown;
}

/** Where the request writes its -Verbose and -Debug lines. */
export interface RequestDiagnostics {
  verbose?: (line: string) => void;
  debug?: (line: string) => void;
}

/** The SdkVersion header value; Graph's PowerShell SDK sends `graph-powershell/<version>` here. */
export const SDK_VERSION_HEADER = `mg-presence/${PACKAGE_VERSION}`;

/** Sends one request to Graph and reads the whole response. */
export async function sendGraphRequest(
  connection: GraphConnection,
  request: GraphRequest,
  diagnostics: RequestDiagnostics = {},
): Promise<GraphResponse> {
  const url = new URL(
    request.path,
    connection.endpoint.endsWith("/") ? connection.endpoint : `${connection.endpoint}/`,
  );
  const headers = new Headers({
    "Authorization": `Bearer ${await connection.getAccessToken()}`,
    "client-request-id": crypto.randomUUID(),
    "SdkVersion": SDK_VERSION_HEADER,
    "User-Agent": `mg-presence/${PACKAGE_VERSION} Deno/${Deno.version.deno}`,
  });
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers.set("Content-Type", "application/json");
  }
  diagnostics.verbose?.(`${request.method} ${url.href}`);
  const fetchImpl = connection.fetch ?? fetch;
  const response = await fetchImpl(url, { method: request.method, headers, body });
  const bodyText = await response.text();
  diagnostics.verbose?.(`${request.method} ${url.href} ${response.status}`);
  return { status: response.status, headers: response.headers, bodyText };
}
