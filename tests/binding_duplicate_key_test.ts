import assert from "node:assert/strict";
import { invokeCommand } from "../mod.ts";

const CLEAR = "Clear-MgCommunicationPresence";

Deno.test("hashtable literal with a repeated key is a parse error", async () => {
  const literals = [
    { text: "@{a=1;a=2}", key: "a" },
    { text: "@{sessionId='x'; SESSIONID='y'}", key: "SESSIONID" },
    { text: "@{outer=@{b=1\nb=2}}", key: "b" },
  ];
  for (const { text, key } of literals) {
    const result = await invokeCommand(CLEAR, [
      "-PresenceId",
      "p",
      "-AdditionalProperties",
      text,
      "-WhatIf",
    ]);

    assert.equal(result.exitCode, 2, text);
    assert.equal(result.errors.length, 1, text);
    assert.equal(result.errors[0].fullyQualifiedErrorId, "DuplicateKeyInHashLiteral");
    assert.equal(result.errors[0].category, "ParserError");
    assert.equal(result.errors[0].exceptionType, "ParseException");
    assert.equal(
      result.errors[0].message,
      `Duplicate keys '${key}' are not allowed in hash literals.`,
    );
    assert.deepEqual(result.streams.host, []);
  }
});
