import assert from "node:assert/strict";
import { parseArguments } from "../src/binding/argument_parser.ts";
import {
  DuplicateHashtableKeyError,
  parseHashtableLiteral,
} from "../src/binding/hashtable_literal.ts";
import { parseNumberLiteral } from "../src/binding/number_literal.ts";
import { bindArgv, COMMAND } from "./binding_support.ts";

function boundValue(argv: string[], name: string): unknown {
  const result = bindArgv(["-PresenceId", "p", ...argv]);
  assert.ok(result.ok, result.ok ? "" : result.record.message);
  return result.binding.bound.get(name);
}

function bindingError(argv: string[]) {
  const result = bindArgv(["-PresenceId", "p", ...argv]);
  assert.ok(!result.ok, "binding succeeded");
  return result.record;
}

Deno.test("argument parser keeps numbers and a lone dash as values", () => {
  const parsed = parseArguments(["-5", "-", "-1.5e3", "--x", "-Name:v", "-Name:", "w"]);
  assert.deepEqual(parsed.arguments, [
    { kind: "value", value: { kind: "text", text: "-5" } },
    { kind: "value", value: { kind: "text", text: "-" } },
    { kind: "value", value: { kind: "text", text: "-1.5e3" } },
    { kind: "value", value: { kind: "text", text: "--x" } },
    { kind: "parameter", name: "Name", attachedValue: { kind: "text", text: "v" } },
    { kind: "parameter", name: "Name", attachedValue: { kind: "text", text: "w" } },
  ]);
});

Deno.test("argument parser takes an en dash as a dash", () => {
  assert.deepEqual(parseArguments(["\u2013PresenceId"]).arguments, [
    { kind: "parameter", name: "PresenceId" },
  ]);
});

Deno.test("argument parser drops the first -- only", () => {
  const parsed = parseArguments(["--", "-a", "--"]);
  assert.deepEqual(parsed.arguments.map((argument) => argument.kind), ["value", "value"]);
  assert.equal(parseArguments(["-Name:"]).parseError, "Parameter -Name: requires an argument.");
});

Deno.test("switch accepts Booleans and numbers", () => {
  const cases: [string, boolean][] = [
    ["-PassThru", true],
    ["-PassThru:$true", true],
    ["-PassThru:$false", false],
    ["-PassThru:1", true],
    ["-PassThru:0", false],
    ["-PassThru:-2", true],
    ["-PassThru:0x0", false],
    ["-PassThru:$null", false],
  ];
  for (const [argument, expected] of cases) {
    assert.equal(boundValue([argument], "PassThru"), expected, argument);
  }
});

Deno.test("declared switch rejects text with the transformation error", () => {
  const record = bindingError(["-PassThru:yes"]);
  assert.equal(record.fullyQualifiedErrorId, `ParameterArgumentTransformationError,${COMMAND}`);
  assert.equal(record.category, "InvalidData");
  assert.equal(record.exceptionType, "ParameterBindingArgumentTransformationException");
  assert.equal(
    record.message,
    `Cannot process argument transformation on parameter 'PassThru'. Cannot convert value "System.String" to type "System.Management.Automation.SwitchParameter". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
  );
});

Deno.test("common switch rejects text with CannotConvertArgument", () => {
  const record = bindingError(["-Confirm:true"]);
  assert.equal(record.fullyQualifiedErrorId, `CannotConvertArgument,${COMMAND}`);
  assert.equal(record.category, "InvalidArgument");
  assert.equal(
    record.message,
    "Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by parameter 'Confirm'.",
  );
});

Deno.test("hashtable literal: every value form", () => {
  const text =
    "@{ a = 'x'; b = 1; c = $true; d = $null; e = @{ n = 'it''s' }; f = @(1, \"two\"); 'q k' = -0x10 }";
  assert.deepEqual(parseHashtableLiteral(text), {
    a: "x",
    b: 1,
    c: true,
    d: null,
    e: { n: "it's" },
    f: [1, "two"],
    "q k": -16,
  });
});

Deno.test("hashtable literal: newlines, comments and escapes", () => {
  const text = '@{\n  a = "tab`there" # comment\n  "b" = 1kb\n  c = 1, 2\n  <# block #> d = @()\n}';
  assert.deepEqual(parseHashtableLiteral(text), {
    a: "tab\there",
    b: 1024,
    c: [1, 2],
    d: [],
  });
  assert.deepEqual(parseHashtableLiteral('@{a = "say ""hi"""}'), { a: 'say "hi"' });
  assert.deepEqual(parseHashtableLiteral("[ordered]@{z = 1; y = 2}"), { z: 1, y: 2 });
});

Deno.test("hashtable literal rejects what PowerShell would not parse or cannot know", () => {
  const rejected = [
    "@{a = 1 b = 2}",
    "@{a = $x}",
    '@{a = "$env:USER"}',
    "@{a = Get-Date}",
    "@{a = 'open}",
    "@{a = 1",
    "@{} extra",
  ];
  for (const text of rejected) assert.equal(parseHashtableLiteral(text), undefined, text);
});

Deno.test("hashtable literal throws on a key repeated in any case", () => {
  assert.throws(() => parseHashtableLiteral("@{a = 1; A = 2}"), DuplicateHashtableKeyError);
});

Deno.test("hashtable parameter takes JSON and literals", () => {
  assert.deepEqual(
    boundValue(["-AdditionalProperties", '{"a":[1,{"b":null}]}'], "AdditionalProperties"),
    {
      a: [1, { b: null }],
    },
  );
  assert.deepEqual(
    boundValue(["-AdditionalProperties", "@{ sessionId = 'x' }"], "AdditionalProperties"),
    { sessionId: "x" },
  );
});

Deno.test("object parameter rejects a JSON array naming the parameter", () => {
  const record = bindingError(["-BodyParameter", "[1]"]);
  assert.equal(record.fullyQualifiedErrorId, `ParameterArgumentTransformationError,${COMMAND}`);
  assert.match(
    record.message,
    /^Cannot process argument transformation on parameter 'BodyParameter'\./,
  );
});

Deno.test("ActionPreference: names, unique prefixes and numbers", () => {
  const cases: [string, string][] = [
    ["si", "SilentlyContinue"],
    ["STOP", "Stop"],
    ["c", "Continue"],
    ["inq", "Inquire"],
    ["ig", "Ignore"],
    ["b", "Break"],
    ["0", "SilentlyContinue"],
    ["2", "Continue"],
  ];
  for (const [text, expected] of cases) {
    assert.equal(boundValue(["-ErrorAction", text], "ErrorAction"), expected, text);
  }
});

Deno.test("ActionPreference: ambiguous prefix lists candidates in enum order", () => {
  const record = bindingError(["-InformationAction", "i"]);
  assert.equal(
    record.message,
    `Cannot bind parameter 'InformationAction'. Cannot convert value "i" to type "System.Management.Automation.ActionPreference". Error: "The identifier name i cannot be processed because it is either too similar or identical to the following enumerator names: Inquire, Ignore. Use a more specific identifier name."`,
  );
});

Deno.test("OutBuffer: conversion and range", () => {
  assert.equal(boundValue(["-OutBuffer", "5"], "OutBuffer"), 5);
  assert.equal(boundValue(["-ob", "1kb"], "OutBuffer"), 1024);
  assert.equal(boundValue(["-ob", "2.5"], "OutBuffer"), 2);

  const negative = bindingError(["-OutBuffer", "-1"]);
  assert.equal(negative.fullyQualifiedErrorId, `ParameterArgumentValidationError,${COMMAND}`);
  assert.equal(negative.category, "InvalidData");
  assert.equal(negative.exceptionType, "ParameterBindingValidationException");
  assert.equal(
    negative.message,
    "Cannot validate argument on parameter 'OutBuffer'. The -1 argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
  );

  const text = bindingError(["-OutBuffer", "abc"]);
  assert.equal(text.fullyQualifiedErrorId, `CannotConvertArgumentNoMessage,${COMMAND}`);
  assert.equal(
    text.message,
    `Cannot bind parameter 'OutBuffer'. Cannot convert value "abc" to type "System.Int32". Error: "The input string 'abc' was not in a correct format."`,
  );

  const large = bindingError(["-OutBuffer", "3000000000"]);
  assert.match(large.message, /Value was either too large or too small for an Int32\./);
});

Deno.test("*Variable names: plain, appending and invalid", () => {
  assert.equal(boundValue(["-ErrorVariable", "errs"], "ErrorVariable"), "errs");
  assert.equal(boundValue(["-ev", "+errs"], "ErrorVariable"), "+errs");
  assert.equal(boundValue(["-ov", "global:out"], "OutVariable"), "global:out");

  const record = bindingError(["-WarningVariable", "+env:x"]);
  assert.equal(record.fullyQualifiedErrorId, `ParameterArgumentValidationError,${COMMAND}`);
  assert.equal(
    record.message,
    "Cannot validate argument on parameter 'WarningVariable'. Cannot validate argument 'env:x' because it is not a valid variable name.",
  );
});

Deno.test("every 7.4 common parameter binds by its alias", () => {
  const result = bindArgv([
    "-PresenceId",
    "p",
    "-vb",
    "-db",
    "-ea",
    "si",
    "-wa",
    "ig",
    "-infa",
    "c",
    "-proga",
    "si",
    "-ev",
    "e",
    "-wv",
    "w",
    "-iv",
    "i",
    "-ov",
    "o",
    "-ob",
    "1",
    "-pv",
    "v",
    "-wi",
    "-cf",
  ]);
  assert.ok(result.ok, result.ok ? "" : result.record.message);
  assert.deepEqual(Object.fromEntries(result.binding.bound), {
    PresenceId: "p",
    Verbose: true,
    Debug: true,
    ErrorAction: "SilentlyContinue",
    WarningAction: "Ignore",
    InformationAction: "Continue",
    ProgressAction: "SilentlyContinue",
    ErrorVariable: "e",
    WarningVariable: "w",
    InformationVariable: "i",
    OutVariable: "o",
    OutBuffer: 1,
    PipelineVariable: "v",
    WhatIf: true,
    Confirm: true,
  });
});

Deno.test("ambiguous name after a parameter is AmbiguousParameter, not MissingArgument", () => {
  const record = bindingError(["-SessionId", "-E"]);
  assert.equal(record.fullyQualifiedErrorId, `AmbiguousParameter,${COMMAND}`);
});

Deno.test("attached ambiguous name fails in argument order during named binding", () => {
  const result = bindArgv(["-PresenceId", "", "-E:x"]);
  assert.ok(!result.ok);
  assert.equal(
    result.record.fullyQualifiedErrorId,
    `ParameterArgumentValidationErrorEmptyStringNotAllowed,${COMMAND}`,
  );
});

Deno.test("number literal forms", () => {
  assert.equal(parseNumberLiteral("0x1F"), 31);
  assert.equal(parseNumberLiteral("-2kb"), -2048);
  assert.equal(parseNumberLiteral("1e3"), 1000);
  assert.equal(parseNumberLiteral("7L"), 7);
  assert.equal(parseNumberLiteral("1x"), undefined);
  assert.equal(parseNumberLiteral(""), undefined);
});
