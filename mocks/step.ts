// Steps shared by direct requests and `$batch` steps: path decoding and rate-limited execution.

import { errorResult, GraphMockError, type RouteResult } from "./errors.ts";
import { executeRoute, type RouteRequest } from "./routes.ts";
import type { GraphMockState } from "./state.ts";

/** A path split into its API version and percent-decoded segments. */
export interface VersionedPath {
  /** `v1.0` or `beta`. */
  version: string;
  /** Segments after the version, each decoded exactly once. */
  segments: string[];
}

/**
 * Splits a percent-encoded path such as `/v1.0/users/a%2Fb/presence`. Returns `undefined` when
 * it does not start with `/v1.0` or `/beta`. Each segment is decoded once, so an encoded `/`
 * stays inside its segment and never reaches another route or user. Throws a 400
 * `GraphMockError` for invalid percent-encoding.
 */
export function splitVersionedPath(path: string): VersionedPath | undefined {
  const match = /^\/(v1\.0|beta)(\/.*)?$/.exec(path);
  if (match === null) return undefined;

  const rawSegments = (match[2] ?? "").split("/").slice(1);
  if (rawSegments.at(-1) === "") rawSegments.pop();
  const segments = rawSegments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new GraphMockError(
        400,
        "BadRequest",
        `The URL segment '${segment}' contains invalid percent-encoding.`,
      );
    }
  });
  return { version: match[1], segments };
}

/**
 * Runs one request or `$batch` step: counts it against the caller's rate limit, then executes
 * its route. A throttled request gets 429 `TooManyRequests` with `Retry-After` in seconds.
 */
export function runRateLimitedRoute(state: GraphMockState, request: RouteRequest): RouteResult {
  const { principal, context } = request;
  const key = `${principal.appId}|${principal.tenantId}`;
  const retryAfter = state.rateLimiter.take(key, context.now.getTime());
  if (retryAfter > 0) {
    return errorResult(
      context,
      429,
      "TooManyRequests",
      `Too many requests for application '${principal.appId}' in tenant ` +
        `'${principal.tenantId}'. Retry after ${retryAfter} seconds.`,
      { "Retry-After": String(retryAfter) },
    );
  }
  return executeRoute(state, request);
}
