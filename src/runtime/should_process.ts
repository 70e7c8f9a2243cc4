import type { CommandMetadata } from "../binding/parameter_metadata.ts";
import type { Host } from "./host.ts";
import { CHOICES, promptForChoice } from "./choice_prompt.ts";

const IMPACT_ORDER = ["None", "Low", "Medium", "High"] as const;

/** ShouldProcess settings after -WhatIf, -Confirm and the preference variables are combined. */
export interface ShouldProcessSettings {
  whatIf: boolean;
  /** The effective ConfirmPreference: Low with -Confirm, None with -Confirm:$false. */
  confirmPreference: "None" | "Low" | "Medium" | "High";
  verbose: boolean;
}

const CONFIRM_CHOICES = [
  CHOICES.yes,
  CHOICES.yesToAll,
  CHOICES.no,
  CHOICES.noToAll,
  CHOICES.suspend,
] as const;

/**
 * Decides ShouldProcess as MshCommandRuntime.DoShouldProcess does. An earlier Yes to All or No to
 * All decides at once. WhatIf prints `What if: …` and declines. The call goes ahead without a
 * prompt when ConfirmPreference is None or above the cmdlet's ConfirmImpact. Otherwise the host
 * prompts. One instance lives for one command run, so Yes to All covers the later pipeline objects.
 */
export class ShouldProcessState {
  #answerForAll: boolean | undefined;

  constructor(
    private readonly command: CommandMetadata,
    private readonly settings: ShouldProcessSettings,
    private readonly host: Host,
  ) {}

  /**
   * Returns whether to perform `action` on `target`. `action` is the name of the calling command,
   * which for a Graph cmdlet is the private variant such as `Clear-MgCommunicationPresence_ClearExpanded`.
   */
  async shouldProcess(target: string, action: string): Promise<boolean> {
    if (this.#answerForAll !== undefined) return this.#answerForAll;
    const description = `Performing the operation "${action}" on target "${target}".`;
    if (this.settings.whatIf) {
      this.host.writeLine("host", `What if: ${description}`);
      return false;
    }
    const preference = IMPACT_ORDER.indexOf(this.settings.confirmPreference);
    const impact = IMPACT_ORDER.indexOf(this.command.confirmImpact);
    if (this.settings.confirmPreference === "None" || preference > impact) {
      if (this.settings.verbose) this.host.writeLine("verbose", description);
      return true;
    }
    return await this.#confirm(description, action);
  }

  async #confirm(description: string, action: string): Promise<boolean> {
    for (;;) {
      const choice = CONFIRM_CHOICES[
        await promptForChoice(this.host, {
          caption: "Confirm",
          message: `Are you sure you want to perform this action?\n${description}`,
          choices: CONFIRM_CHOICES,
          defaultChoice: 0,
          errorSource: { commandName: action, errorIdSuffix: this.#variantTypeName(action) },
        })
      ];
      switch (choice) {
        case CHOICES.yes:
          return true;
        case CHOICES.yesToAll:
          this.#answerForAll = true;
          return true;
        case CHOICES.no:
          return false;
        case CHOICES.noToAll:
          this.#answerForAll = false;
          return false;
        case CHOICES.suspend:
          // NOTE: PowerShell opens a nested prompt here and asks again after `exit`. This CLI
          // has no nested prompt, so it asks again at once.
          continue;
      }
    }
  }

  /** The .NET type of the private cmdlet that asks, e.g. `…Cmdlets.ClearMgCommunicationPresence_ClearExpanded`. */
  #variantTypeName(action: string): string {
    const suffix = action.startsWith(this.command.name)
      ? action.slice(this.command.name.length)
      : "";
    return `${this.command.implementingType}${suffix}`;
  }
}
