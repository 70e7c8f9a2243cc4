import { ACTION_PREFERENCES, type ActionPreference } from "../binding/argument_conversion.ts";
import { invalidSettingError } from "./environment_setting_error.ts";

/** PowerShell's preference variables that shape one command run. */
export interface Preferences {
  /** $ErrorActionPreference. */
  errorAction: ActionPreference;
  /** $WarningPreference. */
  warningAction: ActionPreference;
  /** $InformationPreference. */
  informationAction: ActionPreference;
  /** $VerbosePreference. */
  verbose: ActionPreference;
  /** $DebugPreference. */
  debug: ActionPreference;
  /** $WhatIfPreference. */
  whatIf: boolean;
  /** $ConfirmPreference: a ShouldProcess call at or above this impact prompts. */
  confirm: "None" | "Low" | "Medium" | "High";
}

/** PowerShell's defaults for the preference variables. */
export const DEFAULT_PREFERENCES: Preferences = {
  errorAction: "Continue",
  warningAction: "Continue",
  informationAction: "SilentlyContinue",
  verbose: "SilentlyContinue",
  debug: "SilentlyContinue",
  whatIf: false,
  confirm: "High",
};

const CONFIRM_LEVELS = ["None", "Low", "Medium", "High"] as const;

function actionPreference(text: string | undefined, fallback: ActionPreference): ActionPreference {
  if (text === undefined) return fallback;
  return ACTION_PREFERENCES.find((name) => name.toLowerCase() === text.trim().toLowerCase()) ??
    fallback;
}

const WHAT_IF_VALUES: Readonly<Record<string, boolean>> = {
  "true": true,
  "$true": true,
  "1": true,
  "false": false,
  "$false": false,
  "0": false,
};

/**
 * Reads the preference variables from environment variables named like them
 * (`ErrorActionPreference`, `WhatIfPreference`, `ConfirmPreference`, …). An unknown
 * ActionPreference name keeps the default, as the engine's preference lookup does. An unknown
 * WhatIfPreference or ConfirmPreference value throws a TerminatingError instead, because
 * guessing could turn a requested dry run into real calls.
 */
export function preferencesFromEnvironment(
  get: (name: string) => string | undefined,
  commandName: string,
): Preferences {
  const whatIfText = get("WhatIfPreference")?.trim() ?? "";
  const whatIf = whatIfText === ""
    ? DEFAULT_PREFERENCES.whatIf
    : WHAT_IF_VALUES[whatIfText.toLowerCase()];
  if (whatIf === undefined) {
    throw invalidSettingError(
      commandName,
      `Invalid WhatIfPreference '${whatIfText}'. Use true or false ($true, $false, 1 and 0 also work).`,
    );
  }
  const confirmText = get("ConfirmPreference")?.trim() ?? "";
  const confirm = confirmText === ""
    ? DEFAULT_PREFERENCES.confirm
    : CONFIRM_LEVELS.find((level) => level.toLowerCase() === confirmText.toLowerCase());
  if (confirm === undefined) {
    throw invalidSettingError(
      commandName,
      `Invalid ConfirmPreference '${confirmText}'. Use one of: ${CONFIRM_LEVELS.join(", ")}.`,
    );
  }
  return {
    errorAction: actionPreference(get("ErrorActionPreference"), DEFAULT_PREFERENCES.errorAction),
    warningAction: actionPreference(get("WarningPreference"), DEFAULT_PREFERENCES.warningAction),
    informationAction: actionPreference(
      get("InformationPreference"),
      DEFAULT_PREFERENCES.informationAction,
    ),
    verbose: actionPreference(get("VerbosePreference"), DEFAULT_PREFERENCES.verbose),
    debug: actionPreference(get("DebugPreference"), DEFAULT_PREFERENCES.debug),
    whatIf,
    confirm,
  };
}
