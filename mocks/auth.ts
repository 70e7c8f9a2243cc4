// Bearer-token authentication and presence permissions.
//
// An opaque token (anything that is not three dot-separated parts) is an application token
// with every presence permission. A JWT is decoded without checking its signature, and the mock
// honours these claims: `scp` (delegated, space-separated scopes), `roles` (application
// permissions), `appid` or `azp`, `tid` (which, when present, must name the mock's tenant) and
// `oid` (else `sub`). The `exp` and `nbf` claims must be numbers and are compared with the mock
// clock.
//
// Permissions each operation accepts, following Graph's presence API reference:
//   read    GET presence            delegated Presence.Read, Presence.Read.All, Presence.ReadWrite
//                                    application Presence.Read.All, Presence.ReadWrite.All
//   readAll getPresencesByUserId    delegated Presence.Read.All
//                                    application Presence.Read.All, Presence.ReadWrite.All
//   write   every presence action   delegated Presence.ReadWrite
//                                    application Presence.ReadWrite.All

import { GraphMockError } from "./errors.ts";

/** Application id that all opaque tokens share. */
export const OPAQUE_TOKEN_APP_ID = "00000000-0000-0000-0000-000000000000";

/** Kind of access an operation needs. */
export type PresenceAccess = "read" | "readAll" | "write";

const DELEGATED_PERMISSIONS: Record<PresenceAccess, readonly string[]> = {
  read: ["Presence.Read", "Presence.Read.All", "Presence.ReadWrite"],
  readAll: ["Presence.Read.All"],
  write: ["Presence.ReadWrite"],
};

const APPLICATION_PERMISSIONS: Record<PresenceAccess, readonly string[]> = {
  read: ["Presence.Read.All", "Presence.ReadWrite.All"],
  readAll: ["Presence.Read.All", "Presence.ReadWrite.All"],
  write: ["Presence.ReadWrite.All"],
};

/** The caller a token represents. */
export interface Principal {
  /** `delegated` for a token with `scp`, otherwise `application`. */
  kind: "delegated" | "application";
  /** Application id from `appid` or `azp`, else {@link OPAQUE_TOKEN_APP_ID}. */
  appId: string;
  /** The mock's tenant id. A token whose `tid` names another tenant is rejected with 401. */
  tenantId: string;
  /** Signed-in user of a delegated token (`oid`, else `sub`). */
  userId: string | undefined;
  /** Delegated scopes or application roles. `undefined` means every permission. */
  permissions: readonly string[] | undefined;
}

/**
 * Authenticates a request from its `Authorization` header. Throws a 401 `GraphMockError` for a
 * missing, malformed, expired or not-yet-valid token, and for a JWT of another tenant or with a
 * non-numeric `exp` or `nbf`.
 */
export function authenticate(
  authorization: string | null,
  options: { tenantId: string; now: Date },
): Principal {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null) throw unauthenticated("Access token is empty.");

  const token = match[1];
  const parts = token.split(".");
  if (parts.length !== 3) {
    return {
      kind: "application",
      appId: OPAQUE_TOKEN_APP_ID,
      tenantId: options.tenantId,
      userId: undefined,
      permissions: undefined,
    };
  }

  const claims = decodeJwtPart(parts[1]);
  if (decodeJwtPart(parts[0]) === undefined || claims === undefined) {
    throw unauthenticated("Invalid JWT token. The token is not a well-formed JWT.");
  }
  for (const name of ["exp", "nbf"] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== "number") {
      throw unauthenticated(`Invalid JWT token. The '${name}' claim is not a number.`);
    }
  }
  const tenantId = stringClaim(claims.tid);
  if (tenantId !== undefined && tenantId.toLowerCase() !== options.tenantId.toLowerCase()) {
    throw unauthenticated(
      `Access token validation failure. The token is for tenant '${tenantId}', not this one.`,
    );
  }
  const nowSeconds = options.now.getTime() / 1000;
  if (typeof claims.exp === "number" && nowSeconds >= claims.exp) {
    throw unauthenticated("Lifetime validation failed, the token is expired.");
  }
  if (typeof claims.nbf === "number" && nowSeconds < claims.nbf) {
    throw unauthenticated("Lifetime validation failed, the token is not yet valid.");
  }

  const delegated = typeof claims.scp === "string";
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((role): role is string => typeof role === "string")
    : [];
  return {
    kind: delegated ? "delegated" : "application",
    appId: stringClaim(claims.appid) ?? stringClaim(claims.azp) ?? OPAQUE_TOKEN_APP_ID,
    // A `tid` that differs only in case names the same tenant, so one rate-limit bucket serves both.
    tenantId: options.tenantId,
    userId: stringClaim(claims.oid) ?? stringClaim(claims.sub),
    permissions: delegated ? (claims.scp as string).split(" ").filter(Boolean) : roles,
  };
}

/** Throws a 403 `GraphMockError` when the principal has none of the permissions `access` needs. */
export function authorize(principal: Principal, access: PresenceAccess): void {
  if (principal.permissions === undefined) return;
  const accepted = principal.kind === "delegated"
    ? DELEGATED_PERMISSIONS[access]
    : APPLICATION_PERMISSIONS[access];
  if (accepted.some((permission) => principal.permissions!.includes(permission))) return;
  throw new GraphMockError(
    403,
    "Forbidden",
    `Insufficient privileges to complete the operation. It needs one of these ` +
      `${principal.kind} permissions: ${accepted.join(", ")}.`,
  );
}

function unauthenticated(message: string): GraphMockError {
  return new GraphMockError(401, "InvalidAuthenticationToken", message);
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function decodeJwtPart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const base64 = part.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? value as Record<string, unknown>
      : undefined;
  } catch {
    return undefined;
  }
}
