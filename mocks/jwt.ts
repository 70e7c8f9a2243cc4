/**
 * Creates an unsigned JWT (`alg: none`, empty signature) carrying `claims`. The mock decodes
 * such tokens without checking a signature and honours their claims, so tests can act as a
 * delegated user or as an application with chosen permissions.
 *
 * @example Delegated token of a user who may only read presence
 * ```ts
 * import { createUnsignedJwt } from "./mod.ts";
 *
 * const token = createUnsignedJwt({
 *   scp: "Presence.Read",
 *   oid: "fa8bf3dc-eca7-46b7-bad1-db199b62afc3",
 *   appid: "22553876-f5ab-4529-bffb-cfe50aa89f87",
 * });
 * console.log(token.split(".").length); // 3
 * ```
 */
export function createUnsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
}
