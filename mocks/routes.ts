// Resolution of presence URLs to routes, and their execution against the model.

import { authorize, type Principal } from "./auth.ts";
import { errorResult, GraphMockError, type RequestContext, type RouteResult } from "./errors.ts";
import { isGuid } from "./model_rules.ts";
import type { Presence } from "./model_types.ts";
import {
  parseClearPreferredPresence,
  parseClearPresence,
  parseGetPresencesByUserId,
  parsePreferredPresence,
  parseSetPresence,
  parseSetStatusMessage,
} from "./payloads.ts";
import type { GraphMockState } from "./state.ts";

/** Presence actions, by lower-case name, with their canonical spelling. */
const ACTIONS: Record<string, string> = {
  setpresence: "setPresence",
  clearpresence: "clearPresence",
  setuserpreferredpresence: "setUserPreferredPresence",
  clearuserpreferredpresence: "clearUserPreferredPresence",
  setstatusmessage: "setStatusMessage",
};

/** Whose presence a route addresses. */
export type PresenceTarget =
  | { kind: "user"; id: string }
  | { kind: "communications"; id: string }
  | { kind: "me" };

/** A resolved route. */
export type Route =
  | { kind: "presence"; target: PresenceTarget; action: string | undefined }
  | { kind: "getPresencesByUserId" }
  | { kind: "batch" };

/**
 * Resolves decoded path segments (after the version) to a route. Throws a 404 for a path the
 * mock does not serve, naming the first segment it cannot resolve.
 */
export function resolveRoute(segments: string[]): Route {
  const [first, second, third, fourth, ...rest] = segments;
  const name = (segment: string | undefined) => segment?.toLowerCase();

  if (segments.length === 1 && first === "$batch") return { kind: "batch" };

  if (name(first) === "users" && second !== undefined && name(third) === "presence") {
    if (rest.length === 0) {
      return withAction({ kind: "user", id: second }, fourth);
    }
    throw unknownSegment(rest[0]);
  }
  if (name(first) === "me" && name(second) === "presence" && fourth === undefined) {
    return withAction({ kind: "me" }, third);
  }
  if (name(first) === "communications") {
    if (segments.length === 2 && unqualified(second) === "getpresencesbyuserid") {
      return { kind: "getPresencesByUserId" };
    }
    if (name(second) === "presences" && third !== undefined && rest.length === 0) {
      return withAction({ kind: "communications", id: third }, fourth);
    }
  }
  throw unknownSegment(firstUnknownSegment(segments));
}

function withAction(target: PresenceTarget, segment: string | undefined): Route {
  if (segment === undefined) return { kind: "presence", target, action: undefined };
  const action = ACTIONS[unqualified(segment) ?? ""];
  if (action === undefined) throw unknownSegment(segment);
  return { kind: "presence", target, action };
}

function unqualified(segment: string | undefined): string | undefined {
  return segment?.toLowerCase().replace(/^microsoft\.graph\./, "");
}

/** Picks the segment a 404 names: the first one outside the served URL shapes. */
function firstUnknownSegment(segments: string[]): string {
  const known = ["users", "me", "communications", "presence", "presences", "$batch"];
  const [first, second] = segments;
  if (first === undefined) return "";
  if (!known.includes(first.toLowerCase())) return first;
  if (first.toLowerCase() === "communications" && second !== undefined) return second;
  if (first.toLowerCase() === "me" && second !== undefined) return second;
  return segments.at(-1)!;
}

function unknownSegment(segment: string): GraphMockError {
  // NOTE: Graph returns 400 for some unresolvable URIs and 404 for others. The mock always
  // returns 404 so callers see one shape.
  return new GraphMockError(
    404,
    "RequestBroker--ParseUri",
    `Resource not found for the segment '${segment}'.`,
  );
}

/** Returns the methods a route accepts. */
export function allowedMethods(route: Route): string[] {
  return route.kind === "presence" && route.action === undefined ? ["GET"] : ["POST"];
}

/** Inputs of one request or `$batch` step. */
export interface RouteRequest {
  route: Route;
  method: string;
  search: URLSearchParams;
  /** Parses the body; throws a 400 `GraphMockError` for malformed JSON. */
  body: () => unknown;
  principal: Principal;
  context: RequestContext;
}

/** Runs a presence or `getPresencesByUserId` route; errors become Graph error results. */
export function executeRoute(state: GraphMockState, request: RouteRequest): RouteResult {
  const { route, method, context } = request;
  try {
    const allowed = allowedMethods(route);
    if (!allowed.includes(method)) {
      throw new GraphMockError(
        405,
        "MethodNotAllowed",
        `The HTTP method '${method}' is not allowed for this resource. Allowed: ${
          allowed.join(", ")
        }.`,
      );
    }
    if (route.kind === "getPresencesByUserId") return getPresences(state, request);
    if (route.kind === "presence") return runPresenceRoute(state, request, route);
    throw new GraphMockError(400, "BadRequest", "A $batch request cannot contain a $batch step.");
  } catch (error) {
    if (!(error instanceof GraphMockError)) throw error;
    const headers: Record<string, string> = error.status === 405
      ? { "Allow": allowedMethods(route).join(", ") }
      : {};
    return errorResult(context, error.status, error.code, error.message, headers);
  }
}

function runPresenceRoute(
  state: GraphMockState,
  request: RouteRequest,
  route: Extract<Route, { kind: "presence" }>,
): RouteResult {
  const { principal, context } = request;
  const body = request.body;
  const model = state.presence;
  authorize(principal, route.action === undefined ? "read" : "write");
  const userId = targetUserId(route.target, principal);

  switch (route.action) {
    case undefined: {
      const presence = model.get(userId);
      const entitySet = route.target.kind === "communications"
        ? "communications/presences"
        : `users('${presence.id}')/presence`;
      return {
        status: 200,
        headers: {},
        body: {
          "@odata.context": `${context.serviceRoot}/$metadata#${entitySet}/$entity`,
          ...selectProperties(presence, request.search.get("$select")),
        },
      };
    }
    case "setPresence":
      model.setPresence(userId, parseSetPresence(body()));
      break;
    case "clearPresence":
      model.clearPresence(userId, parseClearPresence(body()).sessionId);
      break;
    case "setUserPreferredPresence":
      model.setUserPreferredPresence(userId, parsePreferredPresence(body()));
      break;
    case "clearUserPreferredPresence":
      parseClearPreferredPresence(body());
      model.clearUserPreferredPresence(userId);
      break;
    case "setStatusMessage":
      model.setStatusMessage(userId, parseSetStatusMessage(body()));
      break;
  }
  return { status: 200, headers: {} };
}

function targetUserId(target: PresenceTarget, principal: Principal): string {
  if (target.kind !== "me") return target.id;
  if (principal.kind !== "delegated") {
    throw new GraphMockError(
      400,
      "BadRequest",
      "/me request is only valid with delegated authentication flow.",
    );
  }
  if (principal.userId === undefined) {
    throw new GraphMockError(
      400,
      "BadRequest",
      "/me cannot be resolved because the token has neither an 'oid' nor a 'sub' claim.",
    );
  }
  return principal.userId;
}

function getPresences(state: GraphMockState, request: RouteRequest): RouteResult {
  authorize(request.principal, "readAll");
  const ids = parseGetPresencesByUserId(request.body());
  const seen = new Set<string>();
  const value: Presence[] = [];
  for (const id of ids) {
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    if (state.presence.hasUser(id)) {
      value.push(state.presence.get(id));
    } else if (!isGuid(id)) {
      throw new GraphMockError(400, "BadRequest", `The id '${id}' is not a valid user object id.`);
    }
  }
  return {
    status: 200,
    headers: {},
    body: {
      "@odata.context":
        `${request.context.serviceRoot}/$metadata#Collection(microsoft.graph.presence)`,
      value,
    },
  };
}

function selectProperties(presence: Presence, select: string | null): Partial<Presence> {
  if (select === null || select.trim() === "") return presence;
  const selected: Record<string, unknown> = { id: presence.id };
  for (const requested of select.split(",").map((name) => name.trim())) {
    const property = Object.keys(presence).find((key) =>
      key.toLowerCase() === requested.toLowerCase()
    );
    if (property === undefined) {
      throw new GraphMockError(
        400,
        "BadRequest",
        `Could not find a property named '${requested}' on type 'microsoft.graph.presence'.`,
      );
    }
    selected[property] = presence[property as keyof Presence];
  }
  return selected as Partial<Presence>;
}
