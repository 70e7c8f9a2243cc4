/**
 * Measures the time to parse and bind one command line of Clear-MgCommunicationPresence, in
 * microseconds per bind. Run it with `deno run bench/binding_bench.ts`.
 *
 * @module
 */
import { parseArguments } from "../src/binding/argument_parser.ts";
import { bindCommandLine } from "../src/binding/bind_command_line.ts";
import { CLEAR_MG_COMMUNICATION_PRESENCE_METADATA } from "../src/cmdlets/clear_mg_communication_presence.ts";

/** Command lines to time: a plain one, one with prefixes and a literal, and a failing one. */
const COMMAND_LINES: Record<string, string[]> = {
  "set ClearExpanded": ["-PresenceId", "fa8bf3dc-eca7-46b7-bad1-db199b62afc3", "-SessionId", "s"],
  "prefixes and a hashtable literal": [
    "-Pres",
    "p",
    "-Add",
    "@{ a = 'x'; b = 1; c = @(1, 2) }",
    "-ea",
    "si",
    "-ev",
    "+errs",
    "-PassThru:$false",
  ],
  "AmbiguousParameterSet": ["-PresenceId", "p", "-InputObject", '{"PresenceId":"p"}'],
};

/** Returns the mean microseconds per parse-and-bind of each command line. */
export function runBindingBench(iterations = 20_000): Record<string, number> {
  const results: Record<string, number> = {};
  for (const [label, argv] of Object.entries(COMMAND_LINES)) {
    const bind = () =>
      bindCommandLine(CLEAR_MG_COMMUNICATION_PRESENCE_METADATA, parseArguments(argv).arguments, {
        expectingInput: false,
      });
    for (let i = 0; i < 2_000; i++) bind(); // warm-up for the JIT
    const start = performance.now();
    for (let i = 0; i < iterations; i++) bind();
    results[label] = ((performance.now() - start) * 1000) / iterations;
  }
  return results;
}

if (import.meta.main) {
  for (const [label, microseconds] of Object.entries(runBindingBench())) {
    console.log(`bind ${label}: ${microseconds.toFixed(2)} µs per command line`);
  }
}
