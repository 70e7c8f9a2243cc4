import type { CmdletDefinition } from "../runtime/cmdlet.ts";
import { clearMgCommunicationPresence } from "./clear_mg_communication_presence.ts";

/** Every cmdlet this package implements. */
export const CMDLETS: readonly CmdletDefinition[] = [clearMgCommunicationPresence];

/** Finds a cmdlet by name, case-insensitively, as PowerShell's command lookup does. */
export function findCmdlet(name: string): CmdletDefinition | undefined {
  const lower = name.toLowerCase();
  return CMDLETS.find((cmdlet) => cmdlet.metadata.name.toLowerCase() === lower);
}
