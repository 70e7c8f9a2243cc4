import { ACTION_PREFERENCES, type ActionPreference } from "../binding/argument_conversion.ts";

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

/**
 * Reads the preference variables from environment variables named like them
 * (`ErrorActionPreference`, `WhatIfPreference`, `ConfirmPreference`, …); unknown values keep the default.
 */
export function preferencesFromEnvironment(get: (name: string) => string | undefined): Preferences {
  const whatIf = get("WhatIfPreference")?.trim().toLowerCase();
  const confirm = get("ConfirmPreference")?.trim().toLowerCase();
  return {
    errorAction: actionPreference(get("ErrorActionPreference"), DEFAULT_PREFERENCES.errorAction),
    warningAction: actionPreference(get("WarningPreference"), DEFAULT_PREFERENCES.warningAction),
    informationAction: actionPreference(
      get("InformationPreference"),
      DEFAULT_PREFERENCES.informationAction,
    ),
    verbose: actionPreference(get("VerbosePreference"), DEFAULT_PREFERENCES.verbose),
    debug: actionPreference(get("DebugPreference"), DEFAULT_PREFERENCES.debug),
    whatIf: whatIf === "true" || whatIf === "$true" || whatIf === "1",
    confirm: CONFIRM_LEVELS.find((level) => level.toLowerCase() === confirm) ??
      DEFAULT_PREFERENCES.confirm,
  };
}
