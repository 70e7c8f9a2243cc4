import { createErrorRecord, TerminatingError } from "../runtime/error_record.ts";
import { GLOBAL_GRAPH_ENDPOINT, type GraphConnection } from "./connection.ts";

/** Graph roots of the built-in environments of Connect-MgGraph, keyed by lower-case name. */
const GRAPH_ENDPOINTS: Readonly<Record<string, string>> = {
  global: GLOBAL_GRAPH_ENDPOINT,
  usgov: "https://graph.microsoft.us",
  usgovdod: "https://dod-graph.microsoft.us",
  china: "https://microsoftgraph.chinacloudapi.cn",
};

/** The error a command gets when no credentials are configured; it names the variables to set. */
export function missingCredentialsError(commandName: string): TerminatingError {
  return new TerminatingError(createErrorRecord({
    errorId: "System.Security.Authentication.AuthenticationException",
    errorIdSuffix: commandName,
    category: "AuthenticationError",
    message:
      "Authentication needed. Set MG_ACCESS_TOKEN to a bearer token, or MG_TENANT_ID, MG_CLIENT_ID and MG_CLIENT_SECRET for client credentials.",
    exceptionType: "AuthenticationException",
    commandName,
  }));
}

/**
 * Builds a connection from MG_ACCESS_TOKEN, MG_ENVIRONMENT and MG_GRAPH_ENDPOINT.
 * Throws a TerminatingError when no token is set.
 */
export function connectionFromEnvironment(
  get: (name: string) => string | undefined,
  commandName: string,
): GraphConnection {
  // TODO: client credentials (MG_TENANT_ID, MG_CLIENT_ID, MG_CLIENT_SECRET) against the token endpoint.
  const token = get("MG_ACCESS_TOKEN");
  if (!token) throw missingCredentialsError(commandName);
  const environment = (get("MG_ENVIRONMENT") ?? "Global").toLowerCase();
  const endpoint = get("MG_GRAPH_ENDPOINT") || GRAPH_ENDPOINTS[environment] ||
    GLOBAL_GRAPH_ENDPOINT;
  return { endpoint, getAccessToken: () => Promise.resolve(token) };
}
