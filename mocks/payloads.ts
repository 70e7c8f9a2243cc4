// Parsing and validation of action request bodies, with Graph-shaped 400 errors.

import { GraphMockError } from "./errors.ts";
import type {
  PreferredPresenceRequest,
  SetPresenceRequest,
  StatusMessageInput,
} from "./model_types.ts";

type JsonObject = Record<string, unknown>;

/** Parses a request body as JSON; an empty body gives `undefined`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(
      "Unable to read JSON request payload. Please ensure Content-Type header is set and " +
        "payload is of valid JSON format.",
    );
  }
}

/** Validates a `clearPresence` body: `{ sessionId }`. */
export function parseClearPresence(body: unknown): { sessionId: string } {
  const object = actionObject(body, "clearPresence", ["sessionId"]);
  return { sessionId: requiredString(object, "sessionId") };
}

/** Validates a `setPresence` body. */
export function parseSetPresence(body: unknown): SetPresenceRequest {
  const object = actionObject(body, "setPresence", [
    "sessionId",
    "availability",
    "activity",
    "expirationDuration",
  ]);
  return {
    sessionId: requiredString(object, "sessionId"),
    availability: requiredString(object, "availability"),
    activity: requiredString(object, "activity"),
    expirationDuration: optionalString(object, "expirationDuration"),
  };
}

/** Validates a `setUserPreferredPresence` body. */
export function parsePreferredPresence(body: unknown): PreferredPresenceRequest {
  const object = actionObject(body, "setUserPreferredPresence", [
    "availability",
    "activity",
    "expirationDuration",
  ]);
  return {
    availability: requiredString(object, "availability"),
    activity: requiredString(object, "activity"),
    expirationDuration: optionalString(object, "expirationDuration"),
  };
}

/** Validates a `clearUserPreferredPresence` body, which takes no parameters. */
export function parseClearPreferredPresence(body: unknown): void {
  actionObject(body, "clearUserPreferredPresence", []);
}

/** Validates a `setStatusMessage` body; a `null` status message clears it. */
export function parseSetStatusMessage(body: unknown): StatusMessageInput | null {
  const object = actionObject(body, "setStatusMessage", ["statusMessage"]);
  if (!("statusMessage" in object)) throw missing("statusMessage");
  if (object.statusMessage === null) return null;

  const statusMessage = nestedObject(object.statusMessage, "statusMessage", [
    "message",
    "expiryDateTime",
    "publishedDateTime",
  ]);
  if (statusMessage.message === undefined || statusMessage.message === null) {
    throw missing("statusMessage.message");
  }
  const message = nestedObject(statusMessage.message, "statusMessage.message", [
    "content",
    "contentType",
  ]);
  const content = typeof message.content === "string" ? message.content : undefined;
  if (content === undefined) throw missing("statusMessage.message.content");
  const contentType = optionalString(message, "contentType")?.toLowerCase() ?? "text";
  if (contentType !== "text" && contentType !== "html") {
    throw badRequest(`The contentType '${message.contentType}' is invalid; use 'text' or 'html'.`);
  }

  let expiryDateTime: StatusMessageInput["expiryDateTime"] = null;
  if (statusMessage.expiryDateTime !== undefined && statusMessage.expiryDateTime !== null) {
    const expiry = nestedObject(statusMessage.expiryDateTime, "statusMessage.expiryDateTime", [
      "dateTime",
      "timeZone",
    ]);
    expiryDateTime = {
      dateTime: requiredString(expiry, "dateTime"),
      timeZone: optionalString(expiry, "timeZone") ?? "UTC",
    };
  }
  return { message: { content, contentType }, expiryDateTime };
}

/** Validates a `getPresencesByUserId` body: `{ ids }` with 1 to 650 strings. */
export function parseGetPresencesByUserId(body: unknown): string[] {
  const object = actionObject(body, "getPresencesByUserId", ["ids"]);
  const ids = object.ids;
  if (!Array.isArray(ids) || ids.length === 0) throw missing("ids");
  if (!ids.every((id) => typeof id === "string")) {
    throw badRequest("The parameter 'ids' must be an array of user id strings.");
  }
  if (ids.length > MAX_PRESENCE_IDS) {
    throw badRequest(
      `The parameter 'ids' contains ${ids.length} ids; at most ${MAX_PRESENCE_IDS} are allowed.`,
    );
  }
  return ids;
}

/** Maximum number of user ids in one `getPresencesByUserId` request. */
export const MAX_PRESENCE_IDS = 650;

function actionObject(body: unknown, action: string, parameters: string[]): JsonObject {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(`The request payload of '${action}' must be a JSON object.`);
  }
  for (const key of Object.keys(body)) {
    if (!parameters.includes(key) && !key.startsWith("@odata.")) {
      throw badRequest(
        `The parameter '${key}' in the request payload is not a valid parameter for the ` +
          `operation '${action}'.`,
      );
    }
  }
  return body as JsonObject;
}

function nestedObject(value: unknown, name: string, properties: string[]): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest(`The property '${name}' must be a JSON object.`);
  }
  for (const key of Object.keys(value)) {
    if (!properties.includes(key) && !key.startsWith("@odata.")) {
      throw badRequest(`The property '${key}' does not exist on '${name}'.`);
    }
  }
  return value as JsonObject;
}

function requiredString(object: JsonObject, name: string): string {
  const value = object[name];
  if (value === undefined || value === null || value === "") throw missing(name);
  if (typeof value !== "string") throw badRequest(`The parameter '${name}' must be a string.`);
  return value;
}

function optionalString(object: JsonObject, name: string): string | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest(`The parameter '${name}' must be a string.`);
  return value;
}

function missing(name: string): GraphMockError {
  return badRequest(`The required parameter '${name}' is missing or empty.`);
}

function badRequest(message: string): GraphMockError {
  return new GraphMockError(400, "BadRequest", message);
}
