import { createErrorRecord, TerminatingError } from "../runtime/error_record.ts";
import { invalidSettingError } from "../runtime/environment_setting_error.ts";

import { createClientCredentialsTokenProvider } from "./client_credentials.ts";
import {
  type GraphConnection,
  MAX_DELAY_SECONDS_LIMIT,
  MAX_REDIRECTS_LIMIT,
  MAX_RETRIES_LIMIT,
} from "./connection.ts";
import { findGraphEnvironment, GRAPH_ENVIRONMENTS } from "./graph_environments.ts";

/** Reads one environment variable; undefined when it is not set. */
export type EnvironmentReader = (name: string) => string | undefined;

/** Creates the error of a command run without credentials; it names the variables to set. */
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
 * Builds a connection from the environment:
 * - `MG_ENVIRONMENT`: Global (default), USGov, USGovDoD or China, any case;
 * - `MG_GRAPH_ENDPOINT` and `MG_LOGIN_ENDPOINT`: override the environment's Graph root and token
 *   authority root, e.g. with a loopback mock;
 * - `MG_ACCESS_TOKEN`, else `MG_TENANT_ID`, `MG_CLIENT_ID` and `MG_CLIENT_SECRET` for the client
 *   credentials grant;
 * - `MG_MAX_RETRY` (0-10), `MG_RETRY_DELAY` (seconds, 0-180), `MG_CLIENT_TIMEOUT` (seconds) and
 *   `MG_MAX_REDIRECTS` (0-20).
 *
 * Returns undefined when no credentials are set, so commands that do not call Graph (-WhatIf)
 * still run. Throws a TerminatingError naming the variable for an invalid value or for client
 * credentials with a variable missing.
 */
export function connectionFromEnvironment(
  get: EnvironmentReader,
  commandName: string,
): GraphConnection | undefined {
  const read = (name: string) => {
    const value = get(name)?.trim();
    return value === "" ? undefined : value;
  };
  const fail = (message: string) => invalidSettingError(commandName, message);

  const environmentName = read("MG_ENVIRONMENT") ?? "Global";
  const environment = findGraphEnvironment(environmentName);
  if (!environment) {
    const names = GRAPH_ENVIRONMENTS.map((candidate) => candidate.name).join(", ");
    throw fail(`Invalid MG_ENVIRONMENT '${environmentName}'. Valid environments: ${names}.`);
  }
  const endpoint = readUrl(read, "MG_GRAPH_ENDPOINT", fail) ?? environment.graphEndpoint;
  const loginEndpoint = readUrl(read, "MG_LOGIN_ENDPOINT", fail) ?? environment.loginEndpoint;

  const settings: Omit<GraphConnection, "endpoint" | "getAccessToken"> = {
    retry: {
      maxRetries: readNumber(read, "MG_MAX_RETRY", fail, {
        min: 0,
        max: MAX_RETRIES_LIMIT,
        integer: true,
      }),
      delaySeconds: readNumber(read, "MG_RETRY_DELAY", fail, {
        min: 0,
        max: MAX_DELAY_SECONDS_LIMIT,
      }),
    },
    maxRedirects: readNumber(read, "MG_MAX_REDIRECTS", fail, {
      min: 0,
      max: MAX_REDIRECTS_LIMIT,
      integer: true,
    }),
  };
  const timeoutSeconds = readNumber(read, "MG_CLIENT_TIMEOUT", fail, { min: 0.001, max: 86_400 });
  if (timeoutSeconds !== undefined) settings.timeoutMs = Math.round(timeoutSeconds * 1000);

  const token = read("MG_ACCESS_TOKEN");
  if (token !== undefined) {
    return { ...settings, endpoint, getAccessToken: () => Promise.resolve(token) };
  }

  const credentialNames = ["MG_TENANT_ID", "MG_CLIENT_ID", "MG_CLIENT_SECRET"];
  const [tenantId, clientId, clientSecret] = credentialNames.map(read);
  const missing = credentialNames.filter((name) => read(name) === undefined);
  if (missing.length === credentialNames.length) return undefined;
  if (missing.length > 0) {
    throw fail(
      `Client credentials need MG_TENANT_ID, MG_CLIENT_ID and MG_CLIENT_SECRET, but ${
        missing.join(" and ")
      } ${missing.length === 1 ? "is" : "are"} not set. Set them, or set MG_ACCESS_TOKEN instead.`,
    );
  }
  return {
    ...settings,
    endpoint,
    getAccessToken: createClientCredentialsTokenProvider({
      loginEndpoint,
      tenantId: tenantId!,
      clientId: clientId!,
      clientSecret: clientSecret!,
      // The scope names the cloud's Graph resource even when MG_GRAPH_ENDPOINT points at a proxy
      // or a mock, because Entra ID issues tokens for the resource, not for a host.
      graphEndpoint: environment.graphEndpoint,
    }),
  };
}

function readUrl(
  read: EnvironmentReader,
  name: string,
  fail: (message: string) => TerminatingError,
): string | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`Invalid ${name} '${value}': expected an absolute http or https URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw fail(`Invalid ${name} '${value}': expected an absolute http or https URL.`);
  }
  // The value is not echoed here: user information may hold a password. fetch would also turn it
  // into a Basic Authorization header next to the bearer token.
  if (url.username !== "" || url.password !== "") {
    throw fail(
      `Invalid ${name}: the URL contains a user name or password. Remove them; set the token in MG_ACCESS_TOKEN.`,
    );
  }
  return value;
}

function readNumber(
  read: EnvironmentReader,
  name: string,
  fail: (message: string) => TerminatingError,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  const text = read(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  const valid = /^[+]?\d*\.?\d+$/.test(text) && value >= range.min && value <= range.max &&
    (!range.integer || Number.isInteger(value));
  if (!valid) {
    throw fail(
      `Invalid ${name} '${text}': expected ${
        range.integer ? "an integer" : "a number"
      } from ${range.min} to ${range.max}.`,
    );
  }
  return value;
}
