// Runs the README's code blocks as written, so the guide cannot drift from the code.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const README = await Deno.readTextFile(new URL("README.md", ROOT));

/** Returns the first ```ts block after a heading of the README. */
function codeBlockAfter(heading: string): string {
  const start = README.indexOf(heading);
  assert.notEqual(start, -1, `README has no heading "${heading}"`);
  const match = /```ts\n([\s\S]*?)```/.exec(README.slice(start));
  assert.ok(match, `no ts block after "${heading}"`);
  return match[1];
}

async function runDenoTest(source: string): Promise<{ code: number; output: string }> {
  const file = await Deno.makeTempFile({ dir: "/tmp", suffix: "_test.ts" });
  try {
    await Deno.writeTextFile(file, source);
    const result = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "--config",
        new URL("deno.json", ROOT).pathname,
        "--allow-net=127.0.0.1",
        "--allow-env",
        file,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: result.code,
      output: decoder.decode(result.stdout) + decoder.decode(result.stderr),
    };
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("README fixture example passes as another project's test", async () => {
  const { code, output } = await runDenoTest(codeBlockAfter("## The mock Graph as a test fixture"));

  assert.equal(code, 0, output);
  assert.match(output, /ok \| 2 passed \| 0 failed/);
});

Deno.test("README library example type-checks", async () => {
  const source = codeBlockAfter("## The library").replaceAll(
    '"./mod.ts"',
    JSON.stringify(new URL("mod.ts", ROOT).href),
  );
  const file = await Deno.makeTempFile({ dir: "/tmp", suffix: ".ts" });
  try {
    await Deno.writeTextFile(file, source);
    const result = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--config", new URL("deno.json", ROOT).pathname, file],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();

    assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
  } finally {
    await Deno.remove(file);
  }
});
