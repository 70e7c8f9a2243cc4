import type { ErrorRecord } from "./error_record.ts";

/** The values of PowerShell's $ErrorView, plus JsonView, this project's machine-readable view. */
export type ErrorViewName =
  | "ConciseView"
  | "NormalView"
  | "CategoryView"
  | "DetailedView"
  | "JsonView";

const VIEWS: readonly ErrorViewName[] = [
  "ConciseView",
  "NormalView",
  "CategoryView",
  "DetailedView",
  "JsonView",
];

/** Reads a view name case-insensitively; ConciseView, PowerShell 7's default, for anything else. */
export function errorViewFromName(name: string | undefined): ErrorViewName {
  return VIEWS.find((view) => view.toLowerCase() === name?.trim().toLowerCase()) ?? "ConciseView";
}

/** Cuts a CategoryInfo part over 40 characters to its first 19, `…`, and its last 19. */
function truncatePart(text: string): string {
  return text.length > 40 ? `${text.slice(0, 19)}…${text.slice(-19)}` : text;
}

function targetName(record: ErrorRecord): string {
  if (record.targetName !== undefined) return record.targetName;
  const target = record.targetObject;
  if (target === null || target === undefined) return "";
  if (typeof target === "string") return target;
  if (typeof target === "object") {
    return Array.isArray(target)
      ? "System.Object[]"
      : "@{" + Object.entries(target).map(([k, v]) =>
        `${k}=${typeof v === "object" && v !== null ? "" : v}`
      ).join("; ") + "}";
  }
  if (typeof target === "boolean") return target ? "True" : "False";
  return String(target);
}

function targetType(record: ErrorRecord): string {
  if (record.targetType !== undefined) return record.targetType;
  const target = record.targetObject;
  if (target === null || target === undefined) return "";
  if (typeof target === "string") return "String";
  if (typeof target === "boolean") return "Boolean";
  if (typeof target === "number") return Number.isInteger(target) ? "Int32" : "Double";
  return Array.isArray(target) ? "Object[]" : "PSCustomObject";
}

/** Formats the CategoryInfo line: `{Category}: ({TargetName}:{TargetType}) [{Activity}], {Reason}`. */
export function categoryInfo(record: ErrorRecord): string {
  return `${record.category}: (${truncatePart(targetName(record))}:${
    truncatePart(targetType(record))
  }) [${truncatePart(record.commandName)}], ${record.exceptionType}`;
}

/** Renders one error record as the chosen view, without a trailing newline. */
export function formatErrorRecord(record: ErrorRecord, view: ErrorViewName): string {
  switch (view) {
    case "JsonView":
      return JSON.stringify({
        fullyQualifiedErrorId: record.fullyQualifiedErrorId,
        category: record.category,
        message: record.message,
        exceptionType: record.exceptionType,
        targetObject: record.targetObject ?? null,
      });
    case "CategoryView":
      return categoryInfo(record);
    case "NormalView":
      return [
        `${record.commandName} : ${record.message}`,
        `    + CategoryInfo          : ${categoryInfo(record)}`,
        `    + FullyQualifiedErrorId : ${record.fullyQualifiedErrorId}`,
      ].join("\n");
    case "DetailedView":
      // TODO: PowerShell 7's DetailedView lists every ErrorRecord property (Exception, InvocationInfo, …).
      return [
        `Exception             : ${record.exceptionType}: ${record.message}`,
        `TargetObject          : ${
          record.targetObject === null ? "" : JSON.stringify(record.targetObject)
        }`,
        `CategoryInfo          : ${categoryInfo(record)}`,
        `FullyQualifiedErrorId : ${record.fullyQualifiedErrorId}`,
      ].join("\n");
    case "ConciseView":
      return `${record.commandName}: ${record.message}`;
  }
}
