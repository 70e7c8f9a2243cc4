/**
 * Reads prompt answers from the controlling terminal (`/dev/tty`), never from stdin, because
 * stdin may carry pipeline input. Prompts are written to stderr with the other host output.
 */

/** A line reader on the controlling terminal. */
export interface TerminalReader extends Disposable {
  /** Writes the prompt to stderr and reads one line; undefined at end of input (Ctrl+D). */
  readLine(prompt: string): Promise<string | undefined>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Opens the controlling terminal for prompts. Returns undefined, which means PowerShell's
 * NonInteractive behaviour, when stderr is not a terminal, where the user could not see the prompt, or
 * the process has no controlling terminal.
 */
export function openTerminal(): TerminalReader | undefined {
  if (!Deno.stderr.isTerminal()) return undefined;
  let terminal: Deno.FsFile;
  try {
    terminal = Deno.openSync("/dev/tty", { read: true });
  } catch {
    return undefined;
  }

  let pending = "";
  let closed = false;
  const buffer = new Uint8Array(1024);
  return {
    async readLine(prompt: string): Promise<string | undefined> {
      writeToStderr(prompt);
      for (;;) {
        const newline = pending.indexOf("\n");
        if (newline >= 0) {
          const line = pending.slice(0, newline).replace(/\r$/, "");
          pending = pending.slice(newline + 1);
          return line;
        }
        const count = closed ? null : await terminal.read(buffer);
        if (count === null || count === 0) {
          const rest = pending;
          pending = "";
          return rest === "" ? undefined : rest;
        }
        pending += decoder.decode(buffer.subarray(0, count), { stream: true });
      }
    },
    [Symbol.dispose]() {
      if (closed) return;
      closed = true;
      terminal.close();
    },
  };
}

function writeToStderr(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stderr.writeSync(bytes.subarray(written));
}
