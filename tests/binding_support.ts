import { parseArguments } from "../src/binding/argument_parser.ts";
import {
  bindCommandLine,
  type CommandLineBindingResult,
} from "../src/binding/bind_command_line.ts";
import { CLEAR_MG_COMMUNICATION_PRESENCE_METADATA } from "../src/cmdlets/clear_mg_communication_presence.ts";
import type { GraphConnection } from "../src/graph/connection.ts";
import type { Host, HostStream } from "../src/runtime/host.ts";

/** The command every binding test drives. */
export const COMMAND = "Clear-MgCommunicationPresence";

/** An identity object as JSON text: it converts to -InputObject. */
export const IDENTITY = '{"PresenceId":"p"}';

/** A request body as JSON text: it converts to -BodyParameter. */
export const BODY = '{"sessionId":"s"}';

/** Parses argv and binds it without pipeline input, as the CLI does. */
export function bindArgv(argv: readonly string[]): CommandLineBindingResult {
  const parsed = parseArguments(argv);
  if (parsed.parseError) throw new Error(parsed.parseError);
  return bindCommandLine(CLEAR_MG_COMMUNICATION_PRESENCE_METADATA, parsed.arguments, {
    expectingInput: false,
  });
}

/** A Graph connection whose fetch answers every request with 204 and records it. */
export function recordingConnection(): GraphConnection & { requests: Request[] } {
  const requests: Request[] = [];
  return {
    endpoint: "http://127.0.0.1:9",
    getAccessToken: () => Promise.resolve("test-token"),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return Promise.resolve(new Response(null, { status: 204 }));
    },
    requests,
  };
}

/** A host that answers prompts from a script and records everything written and asked. */
export function scriptedHost(answers: readonly (string | undefined)[]): Host & {
  lines: { stream: HostStream; text: string }[];
  prompts: string[];
  transcript(): string;
} {
  const queue = [...answers];
  const lines: { stream: HostStream; text: string }[] = [];
  const prompts: string[] = [];
  const events: string[] = [];
  return {
    lines,
    prompts,
    writeLine(stream, text) {
      lines.push({ stream, text });
      events.push(`${text}\n`);
    },
    readLine(prompt) {
      prompts.push(prompt);
      const answer = queue.shift();
      events.push(`${prompt}${answer ?? ""}\n`);
      return Promise.resolve(answer);
    },
    transcript: () => events.join(""),
  };
}
