import assert from "node:assert/strict";
import { openPipelineInput, type PipelineInputLimits } from "../src/runtime/stdin_reader.ts";
import { PipelineInputError } from "../src/runtime/pipeline_input_error.ts";

const encoder = new TextEncoder();

/** Creates a stream that delivers the bytes in chunks of `chunkSize`, to cross every boundary. */
function chunkedStream(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === "string" ? encoder.encode(input) : input;
}

/** Describes each item: the value, `error <id>: <message>`, or `terminating <id>: <message>`. */
async function readAll(
  input: string | Uint8Array,
  chunkSize: number,
  limits: Partial<PipelineInputLimits> = {},
): Promise<unknown[] | undefined> {
  const items = await openPipelineInput(chunkedStream(toBytes(input), chunkSize), limits);
  if (items === undefined) return undefined;
  const results: unknown[] = [];
  try {
    for await (const item of items) {
      results.push(
        item instanceof PipelineInputError ? `error ${item.errorId}: ${item.message}` : item,
      );
    }
  } catch (error) {
    assert.ok(error instanceof PipelineInputError, String(error));
    assert.equal(error.terminating, true);
    results.push(`terminating ${error.errorId}: ${error.message}`);
  }
  return results;
}

const CHUNK_SIZES = [1, 2, 7, 64 * 1024];

const CASES: { name: string; input: string | Uint8Array; expected: unknown[] | undefined }[] = [
  { name: "empty input", input: "", expected: undefined },
  { name: "white space only", input: " \n\t\r\n  ", expected: undefined },
  { name: "JSON Lines", input: '{"a":1}\n{"b":2}', expected: [{ a: 1 }, { b: 2 }] },
  {
    name: "JSON Lines with blank lines and CRLF",
    input: '\r\n{"a":1}\r\n\r\n  \n{"b":2}\r\n',
    expected: [{ a: 1 }, { b: 2 }],
  },
  { name: "JSON Lines of scalars", input: '1\n"x"\ntrue\nnull\n', expected: [1, "x", true, null] },
  {
    name: "pretty-printed object",
    input: '{\n  "a": 1,\n  "b": [1, 2]\n}\n',
    expected: [{ a: 1, b: [1, 2] }],
  },
  { name: "multi-line array", input: "[1,\n2]", expected: [1, 2] },
  { name: "single-line array", input: "[1,2]", expected: [1, 2] },
  { name: "empty array", input: " [ ] ", expected: [] },
  {
    name: "nested arrays stay one object each",
    input: '[[1,2],{"x":[3]},"s",null,[]]',
    expected: [[1, 2], { x: [3] }, "s", null, []],
  },
  { name: "arrays as JSON Lines", input: "[1,2]\n[3]\n", expected: [[1, 2], [3]] },
  { name: "single string document", input: '"x"', expected: ["x"] },
  { name: "single scalar with newline", input: "42\n", expected: [42] },
  {
    name: "string with brackets and escapes",
    input: '["a]\\"b,", "{"]\n',
    expected: ['a]"b,', "{"],
  },
  { name: "byte order mark", input: '\uFEFF{"a":1}', expected: [{ a: 1 }] },
  {
    name: "malformed JSON line",
    input: '{"a":1}\nnot json\n{"c":3}\n',
    expected: [
      { a: 1 },
      `error PipelineInputInvalidJson: Pipeline input line 2 is not valid JSON: Unexpected token 'o', "not json" is not valid JSON`,
      { c: 3 },
    ],
  },
  {
    name: "truncated array",
    input: '[{"a":1},\n{"b"',
    expected: [
      { a: 1 },
      "terminating PipelineInputInvalidJson: Pipeline input is not a valid JSON document: the input ended before the top-level array was closed (line 2). Send one JSON document, or one JSON value per line.",
    ],
  },
  {
    name: "truncated object",
    input: '{\n"a": 1,\n',
    expected: [
      "terminating PipelineInputInvalidJson: Pipeline input is not a valid JSON document: the input ended before the JSON document was complete (line 3). Send one JSON document, or one JSON value per line.",
    ],
  },
  {
    name: "missing array element",
    input: "[1,\n,2]",
    expected: [
      1,
      "terminating PipelineInputInvalidJson: Pipeline input is not a valid JSON document: a value is missing before ',' (line 2). Send one JSON document, or one JSON value per line.",
    ],
  },
  {
    name: "invalid array element",
    input: "[1,\n tru, 3]",
    expected: [
      1,
      "terminating PipelineInputInvalidJson: Pipeline input is not a valid JSON document: Pipeline input item 2 (starting on line 2) is not valid JSON: Unexpected end of JSON input",
    ],
  },
  {
    name: "content after the array",
    input: "[1,\n2] x",
    expected: [
      1,
      2,
      "terminating PipelineInputInvalidJson: Pipeline input is not a valid JSON document: unexpected content after the end of the top-level array (line 2). Send one JSON document, or one JSON value per line.",
    ],
  },
];

for (const testCase of CASES) {
  Deno.test(`openPipelineInput reads ${testCase.name}`, async () => {
    for (const chunkSize of CHUNK_SIZES) {
      assert.deepEqual(
        await readAll(testCase.input, chunkSize),
        testCase.expected,
        `chunk size ${chunkSize}`,
      );
    }
  });
}

Deno.test("openPipelineInput skips a line over the size limit", async () => {
  const input = `{"a":1}\n{"b":"${"x".repeat(100)}"}\n{"c":3}`;
  for (const chunkSize of CHUNK_SIZES) {
    assert.deepEqual(await readAll(input, chunkSize, { maxItemBytes: 50 }), [
      { a: 1 },
      "error PipelineInputItemTooLarge: Pipeline input line 2 is larger than the maximum of 50 bytes per item.",
      { c: 3 },
    ]);
  }
});

Deno.test("openPipelineInput skips an array element over the size limit", async () => {
  const input = `[{"a":1},\n"${"x".repeat(100)}",\n{"c":3}]`;
  for (const chunkSize of CHUNK_SIZES) {
    assert.deepEqual(await readAll(input, chunkSize, { maxItemBytes: 50 }), [
      { a: 1 },
      "error PipelineInputItemTooLarge: Pipeline input item 2 (starting on line 2) is larger than the maximum of 50 bytes per item.",
      { c: 3 },
    ]);
  }
});

Deno.test("openPipelineInput reads a 10 MB line under the default limit", async () => {
  const padding = "x".repeat(10 * 1024 * 1024);
  const input = `{"a":1}\n{"pad":"${padding}"}\n{"c":3}\n`;
  const items = await readAll(input, 64 * 1024);
  assert.equal(items?.length, 3);
  assert.deepEqual(items?.[0], { a: 1 });
  assert.equal((items?.[1] as { pad: string }).pad.length, padding.length);
  assert.deepEqual(items?.[2], { c: 3 });
});

Deno.test("openPipelineInput rejects nesting deeper than the limit", async () => {
  const input = "[[[1]]]\n" + '{"a":[[[1]]]}\n' + "[[1]]\n";
  for (const chunkSize of CHUNK_SIZES) {
    assert.deepEqual(await readAll(input, chunkSize, { maxDepth: 3 }), [
      [[[1]]],
      "error PipelineInputItemTooDeep: Pipeline input line 2 nests arrays and objects deeper than the maximum of 3 levels.",
      [[1]],
    ]);
  }
});

Deno.test("openPipelineInput rejects 10,000 levels at the default limit", async () => {
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  const items = await readAll(`{"a":1}\n${deep}\n{"c":3}\n`, 64 * 1024);
  assert.deepEqual(items, [
    { a: 1 },
    "error PipelineInputItemTooDeep: Pipeline input line 2 nests arrays and objects deeper than the maximum of 64 levels.",
    { c: 3 },
  ]);
});

Deno.test("openPipelineInput counts array element depth below the top array", async () => {
  const items = await readAll("[\n[[1]],\n[[[1]]]\n]", 3, { maxDepth: 2 });
  assert.deepEqual(items, [
    [[1]],
    "error PipelineInputItemTooDeep: Pipeline input item 2 (starting on line 3) nests arrays and objects deeper than the maximum of 2 levels.",
  ]);
});

Deno.test("openPipelineInput reports invalid UTF-8 in a line", async () => {
  const input = new Uint8Array([
    ...encoder.encode('{"a":1}\n"'),
    0xff,
    0xfe,
    ...encoder.encode('"\n{"c":3}\n'),
  ]);
  for (const chunkSize of CHUNK_SIZES) {
    assert.deepEqual(await readAll(input, chunkSize), [
      { a: 1 },
      "error PipelineInputInvalidUtf8: Pipeline input line 2 is not valid UTF-8 text.",
      { c: 3 },
    ]);
  }
});

Deno.test("openPipelineInput ends a document at invalid UTF-8", async () => {
  const input = new Uint8Array([
    ...encoder.encode('[{"a":1},\n"'),
    0xc3,
    ...encoder.encode('", {"c":3}]'),
  ]);
  assert.deepEqual(await readAll(input, 4), [
    { a: 1 },
    "terminating PipelineInputInvalidUtf8: Pipeline input item 2 (starting on line 2) is not valid UTF-8 text.",
  ]);
});

Deno.test("openPipelineInput decodes multi-byte characters split across chunks", async () => {
  assert.deepEqual(await readAll('{"name":"Zoë 🙂"}\n"€"\n', 1), [{ name: "Zoë 🙂" }, "€"]);
  assert.deepEqual(await readAll('["ü",\n"€"]\n', 1), ["ü", "€"]);
});

Deno.test("openPipelineInput takes a multi-line value after a line as malformed lines", async () => {
  // The first value decides the format, so a later pretty-printed value is two invalid lines.
  assert.deepEqual(await readAll('{"a":1}\n["b",\n"c"]\n', 7), [
    { a: 1 },
    "error PipelineInputInvalidJson: Pipeline input line 2 is not valid JSON: Unexpected end of JSON input",
    "error PipelineInputInvalidJson: Pipeline input line 3 is not valid JSON: Unexpected non-whitespace character after JSON at position 3 (line 1 column 4)",
  ]);
});

Deno.test("openPipelineInput reads no further than it is asked", async () => {
  let pulls = 0;
  const lines = encoder.encode('{"n":1}\n{"n":2}\n');
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      if (pulls > 1000) controller.close();
      else controller.enqueue(lines);
    },
  }, { highWaterMark: 0 });
  const input = await openPipelineInput(stream);
  assert.ok(input);
  const iterator = input[Symbol.asyncIterator]();
  for (let index = 0; index < 10; index++) await iterator.next();
  // Ten items are five chunks; a stream read ahead without bound would have pulled all 1,000.
  assert.ok(pulls <= 7, `pulled ${pulls} chunks for 10 items`);
  await iterator.return?.();
});
