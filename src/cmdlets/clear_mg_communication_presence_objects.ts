import { withTypeName } from "../binding/pipeline_object_type.ts";
import { BODY_TYPE, IDENTITY_TYPE } from "./clear_mg_communication_presence.ts";
import type {
  ClearPresenceBody,
  CloudCommunicationsIdentity,
} from "./clear_mg_communication_presence_function.ts";

/**
 * Creates an exact ICloudCommunicationsIdentity. Piped, it binds -InputObject in the first
 * binding pass (no coercion) and does not convert to the body type. A plain object instead acts
 * as a PSCustomObject from ConvertFrom-Json and converts to both. In JSON input the same is
 * written as `{"PSTypeName": "Microsoft.Graph.PowerShell.Models.ICloudCommunicationsIdentity", …}`.
 *
 * @example
 * ```ts
 * import { cloudCommunicationsIdentity } from "./clear_mg_communication_presence_objects.ts";
 * const identity = cloudCommunicationsIdentity({ PresenceId: "fa8bf3dc-eca7-46b7-bad1-db199b62afc3" });
 * console.log(JSON.stringify(identity)); // {"PresenceId":"fa8bf3dc-eca7-46b7-bad1-db199b62afc3"}
 * ```
 */
export function cloudCommunicationsIdentity(
  properties: CloudCommunicationsIdentity,
): CloudCommunicationsIdentity {
  return withTypeName({ ...properties }, IDENTITY_TYPE);
}

/**
 * Creates an exact clearPresence request body. Piped, it binds -BodyParameter in the first
 * binding pass (no coercion) and does not convert to the identity type.
 *
 * @example
 * ```ts
 * import { clearPresenceBody } from "./clear_mg_communication_presence_objects.ts";
 * const body = clearPresenceBody({ sessionId: "22553876-f5ab-4529-bffb-cfe50aa89f87" });
 * console.log(JSON.stringify(body)); // {"sessionId":"22553876-f5ab-4529-bffb-cfe50aa89f87"}
 * ```
 */
export function clearPresenceBody(properties: ClearPresenceBody): ClearPresenceBody {
  return withTypeName({ ...properties }, BODY_TYPE);
}
