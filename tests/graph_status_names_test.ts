import assert from "node:assert/strict";
import { httpStatusName } from "../src/graph/http_status.ts";

Deno.test("httpStatusName uses .NET's HttpStatusCode names", () => {
  const cases: [number, string][] = [
    [404, "NotFound"],
    [414, "RequestUriTooLong"],
    [429, "TooManyRequests"],
    [431, "RequestHeaderFieldsTooLarge"],
    [503, "ServiceUnavailable"],
    [505, "HttpVersionNotSupported"],
  ];
  for (const [status, name] of cases) assert.equal(httpStatusName(status), name, String(status));
});

Deno.test("httpStatusName prints an undefined member as its number", () => {
  assert.equal(httpStatusName(499), "499");
});
