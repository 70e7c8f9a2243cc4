import type { CommandMetadata } from "../binding/parameter_metadata.ts";
import type { Host } from "./host.ts";
import { createErrorRecord, TerminatingError } from "./error_record.ts";

const IMPACT_ORDER = ["None", "Low", "Medium", "High"] as const;

/** ShouldProcess settings after -WhatIf, -Confirm and the preference variables are combined. */
export interface ShouldProcessSettings {
  whatIf: boolean;
  /** The effective ConfirmPreference: Low with -Confirm, None with -Confirm:$false. */
  confirmPreference: "None" | "Low" | "Medium" | "High";
  verbose: boolean;
}

/**
 * Decides ShouldProcess as MshCommandRuntime.DoShouldProcess does: an earlier Yes to All or No to
 * All answers at once; WhatIf prints `What if: …` and declines; the call goes ahead without a
 * prompt when ConfirmPreference is None or above the cmdlet's ConfirmImpact; otherwise the host asks.
 */
export class ShouldProcessState {
  #answerForAll: boolean | undefined;

  constructor(
    private readonly command: CommandMetadata,
    private readonly settings: ShouldProcessSettings,
    private readonly host: Host,
  ) {}

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
    return await this.#prompt(description);
  }

  async #prompt(description: string): Promise<boolean> {
    if (!this.host.readLine) {
      throw new TerminatingError(createErrorRecord({
        errorId: "HostException",
        errorIdSuffix: this.command.name,
        category: "ResourceUnavailable",
        message:
          "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
        exceptionType: "HostException",
        commandName: this.command.name,
      }));
    }
    const query = [
      "",
      "Confirm",
      "Are you sure you want to perform this action?",
      description,
      '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): ',
    ].join("\n");
    // TODO: the `?` help text, Suspend, and asking again on an unknown answer.
    const answer = ((await this.host.readLine(query)) ?? "").trim().toLowerCase();
    if (answer === "a" || answer === "yes to all") this.#answerForAll = true;
    if (answer === "l" || answer === "no to all") this.#answerForAll = false;
    return answer === "" || answer === "y" || answer === "yes" || this.#answerForAll === true;
  }
}
