import { httpStatusName } from "./http_status.ts";

/** Placeholder for secrets in -Debug output: the Authorization value and any `access_token`. */
export const REDACTED = "<redacted>";

/**
 * Formats a request as the Graph PowerShell SDK's HttpMessageLogFormatter prints it under -Debug:
 * method, absolute URI, headers padded to 30 columns, and the body (JSON indented). The
 * Authorization value is replaced by `<redacted>`, where the SDK leaves the header out.
 */
export function formatRequestLog(
  method: string,
  url: URL,
  headers: Headers,
  bodyText: string | undefined,
): string {
  return [
    "============================ HTTP REQUEST ============================",
    "",
    "HTTP Method:",
    method,
    "",
    "Absolute Uri:",
    url.href,
    "",
    "Headers:",
    formatHeaders(headers),
    "",
    "Body:",
    formatBody(bodyText ?? ""),
  ].join("\n");
}

/** Formats a response as HttpMessageLogFormatter does: status name, headers and body. */
export function formatResponseLog(status: number, headers: Headers, bodyText: string): string {
  return [
    "============================ HTTP RESPONSE ============================",
    "",
    "Status Code:",
    httpStatusName(status),
    "",
    "Headers:",
    formatHeaders(headers),
    "",
    "Body:",
    formatBody(bodyText),
  ].join("\n");
}

function formatHeaders(headers: Headers): string {
  const lines: string[] = [];
  headers.forEach((value, name) => {
    const printedValue = name.toLowerCase() === "authorization" ? REDACTED : value;
    lines.push(`${name.padEnd(30)}: ${printedValue}`);
  });
  return lines.join("\n");
}

/** Indents a JSON body and hides `access_token` values, as the SDK's SanitizeBody does. */
function formatBody(bodyText: string): string {
  let text = bodyText;
  try {
    text = JSON.stringify(JSON.parse(bodyText), null, 2);
  } catch {
    // A body that is not JSON is shown as it came.
  }
  return text.replace(/("access_token"\s*:\s*)"[^"]*"/g, `$1"${REDACTED}"`);
}
