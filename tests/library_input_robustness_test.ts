import assert from "node:assert/strict";
import { invokeCommand } from "../mod.ts";

const CLEAR = "Clear-MgCommunicationPresence";
const WHAT_IF = ["-SessionId", "s", "-WhatIf"];

Deno.test("invokeCommand keeps earlier items when the input iterator throws", async () => {
  function* input() {
    yield { PresenceId: "a" };
    throw new Error("boom");
  }

  const result = await invokeCommand(CLEAR, WHAT_IF, { input: input() });

  assert.equal(result.exitCode, 1);
  assert.equal(result.streams.host.length, 1);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].fullyQualifiedErrorId, `Error,${CLEAR}`);
  assert.equal(result.errors[0].category, "NotSpecified");
  assert.equal(result.errors[0].message, "boom");
  assert.equal(result.terminatingError, result.errors[0]);
});

Deno.test("invokeCommand reports a rejecting async input as one error", async () => {
  async function* input() {
    yield { PresenceId: "a" };
    await Promise.resolve();
    throw new TypeError("stream broke");
  }

  const result = await invokeCommand(CLEAR, WHAT_IF, { input: input() });

  assert.equal(result.exitCode, 1);
  assert.equal(result.streams.host.length, 1);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].fullyQualifiedErrorId, `TypeError,${CLEAR}`);
  assert.equal(result.errors[0].message, "stream broke");
});

Deno.test("invokeCommand reports a throwing property getter as one error", async () => {
  const item = {
    get PresenceId(): string {
      throw new Error("getter failed");
    },
  };

  const result = await invokeCommand(CLEAR, ["-SessionId", "s"], { input: [item] });

  assert.equal(result.exitCode, 1);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].message, "getter failed");
});

Deno.test("invokeCommand pipes a scalar or plain object as one object", async () => {
  const scalar = await invokeCommand(CLEAR, WHAT_IF, { input: 5 as unknown as unknown[] });
  const object = await invokeCommand(CLEAR, WHAT_IF, {
    input: { PresenceId: "a" } as unknown as unknown[],
  });

  assert.equal(scalar.exitCode, 1);
  assert.equal(scalar.errors.length, 1);
  assert.equal(scalar.errors[0].fullyQualifiedErrorId, `InputObjectNotBound,${CLEAR}`);
  assert.equal(object.exitCode, 0);
  assert.equal(object.streams.host.length, 1);
});

Deno.test("invokeCommand rejects a non-string argument with a TypeError", async () => {
  const error = await invokeCommand(CLEAR, ["-PresenceId", 5 as unknown as string]).catch((
    caught,
  ) => caught);

  assert.ok(error instanceof TypeError);
  assert.equal(
    error.message,
    "invokeCommand: argument 1 is a number, but every argument must be a string, as on a command line.",
  );
});

Deno.test("invokeCommand in parallel keeps earlier items when the input throws", async () => {
  function* input() {
    yield { PresenceId: "a" };
    yield { PresenceId: "b" };
    throw new Error("boom");
  }

  const result = await invokeCommand(CLEAR, WHAT_IF, { input: input(), throttleLimit: 4 });

  assert.equal(result.exitCode, 1);
  assert.equal(result.streams.host.length, 2);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].message, "boom");
});
