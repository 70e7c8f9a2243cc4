/** The streams besides output and errors, which the CLI writes to stderr. */
export type HostStream = "verbose" | "debug" | "warning" | "information" | "host";

/** The PowerShell host as this project needs it: text output and, on a terminal, prompts. */
export interface Host {
  /** Writes one line of a non-output stream, without its prefix. */
  writeLine(stream: HostStream, text: string): void;
  /** Reads one answer from the user; undefined when no terminal is attached (NonInteractive). */
  readLine?: (prompt: string) => Promise<string | undefined>;
}

/** Prefixes PowerShell writes before each line of a stream. */
export const STREAM_PREFIXES: Readonly<Record<HostStream, string>> = {
  verbose: "VERBOSE: ",
  debug: "DEBUG: ",
  warning: "WARNING: ",
  information: "",
  host: "",
};
