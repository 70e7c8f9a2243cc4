import assert from "node:assert/strict";
import { parseArguments } from "../src/binding/argument_parser.ts";
import { bindCommandLine } from "../src/binding/bind_command_line.ts";
import { CLEAR_MG_COMMUNICATION_PRESENCE_METADATA } from "../src/cmdlets/clear_mg_communication_presence.ts";
import { BODY, COMMAND, IDENTITY } from "./binding_support.ts";
import { createRandom } from "../mocks/random.ts";

const NAMES = [
  "PresenceId",
  "Pres",
  "P",
  "Pr",
  "InputObject",
  "I",
  "In",
  "Inf",
  "BodyParameter",
  "B",
  "AdditionalProperties",
  "A",
  "SessionId",
  "S",
  "PassThru",
  "Pa",
  "WhatIf",
  "wi",
  "W",
  "Confirm",
  "cf",
  "C",
  "Verbose",
  "vb",
  "Debug",
  "db",
  "ErrorAction",
  "ea",
  "E",
  "WarningAction",
  "wa",
  "InformationAction",
  "infa",
  "ProgressAction",
  "proga",
  "ErrorVariable",
  "ev",
  "WarningVariable",
  "wv",
  "InformationVariable",
  "iv",
  "OutVariable",
  "ov",
  "O",
  "OutBuffer",
  "ob",
  "PipelineVariable",
  "pv",
  "Foo",
  "x",
];
const VALUES = [
  "p",
  "",
  " ",
  "$null",
  "$true",
  "$false",
  "0",
  "1",
  "-5",
  "-1.5",
  "0x10",
  "-",
  "--",
  "si",
  "s",
  "Stop",
  "Suspend",
  "inq",
  "+var",
  "env:x",
  "@{a=1}",
  "@{a=",
  "@{a=$x}",
  "{}",
  "[1]",
  '{"a":',
  IDENTITY,
  BODY,
  "abc",
  "-?x",
  "ünïcødé",
  "'quoted'",
  '"dq"',
  "@()",
  "2147483648",
];
const CATEGORIES = new Set(["InvalidArgument", "InvalidData", "WriteError", "ParserError"]);

function randomToken(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const roll = random();
  if (roll < 0.45) {
    let name = pick(NAMES);
    if (random() < 0.2) name = name.toUpperCase();
    if (random() < 0.25) return `-${name}:${pick(VALUES)}`;
    return `-${name}`;
  }
  if (roll < 0.9) return pick(VALUES);
  // Junk: random printable characters, sometimes starting with a dash.
  const length = 1 + Math.floor(random() * 8);
  let text = random() < 0.5 ? "-" : "";
  for (let i = 0; i < length; i++) text += String.fromCharCode(32 + Math.floor(random() * 95));
  return text;
}

Deno.test("binder fuzz: 3,000 argument lists, one record per failure", () => {
  const random = createRandom(20240604);
  let failures = 0;
  for (let run = 0; run < 3000; run++) {
    const argv = Array.from({ length: Math.floor(random() * 9) }, () => randomToken(random));
    const parsed = parseArguments(argv);
    if (parsed.parseError) continue;
    const expectingInput = random() < 0.3;
    const context = JSON.stringify(argv);
    let result;
    try {
      result = bindCommandLine(CLEAR_MG_COMMUNICATION_PRESENCE_METADATA, parsed.arguments, {
        expectingInput,
      });
    } catch (error) {
      assert.fail(`binder threw for ${context}: ${error}`);
    }
    if (result.ok) {
      if (!expectingInput) assert.ok(result.binding.parameterSetName, context);
      continue;
    }
    failures++;
    const record = result.record;
    assert.ok(record.fullyQualifiedErrorId.endsWith(`,${COMMAND}`), context);
    assert.ok(CATEGORIES.has(record.category), context);
    assert.equal(typeof record.message, "string", context);
    assert.ok(record.message.length > 0, context);
    assert.equal(record.targetObject, null, context);
  }
  // Both outcomes must occur, or the vocabulary no longer exercises the binder.
  assert.ok(failures > 100, `only ${failures} failures`);
  assert.ok(failures < 2900, `${failures} failures, too few successes`);
});
