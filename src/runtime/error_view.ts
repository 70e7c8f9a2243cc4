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

/**
 * Cuts a CategoryInfo part over 40 characters to its first 19, `…`, and its last 19, as
 * ErrorCategoryInfo.Ellipsize does. Lengths count UTF-16 code units, as .NET strings do.
 */
function ellipsize(text: string): string {
  return text.length > 40 ? `${text.slice(0, 19)}…${text.slice(-19)}` : text;
}

/** Formats a value as PSObject.ToString does for a property value inside `@{…}`. */
function propertyText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return "System.Object[]";
  // A nested PSCustomObject prints as an empty string inside its parent's `@{…}`.
  if (typeof value === "object") return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  return String(value);
}

/** Returns the target's ToString(). A JSON object is a PSCustomObject, shown as `@{a=1; b=x}`. */
function targetName(record: ErrorRecord): string {
  if (record.targetName !== undefined) return record.targetName;
  const target = record.targetObject;
  if (target === null || target === undefined) return "";
  if (Array.isArray(target)) return target.map(propertyText).join(" ");
  if (typeof target === "object") {
    const entries = Object.entries(target).map(([key, value]) => `${key}=${propertyText(value)}`);
    return `@{${entries.join("; ")}}`;
  }
  return propertyText(target);
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

/**
 * Returns the Activity of CategoryInfo, the command that wrote the error. CommandNotFoundException has
 * no command, so PowerShell shows `[]`.
 */
function activity(record: ErrorRecord): string {
  return record.exceptionType === "CommandNotFoundException" ? "" : record.commandName;
}

/**
 * Formats the CategoryInfo line: `{Category}: ({TargetName}:{TargetType}) [{Activity}], {Reason}`.
 * Every part but the Reason, an exception type name, is ellipsized.
 */
export function categoryInfo(record: ErrorRecord): string {
  return `${record.category}: (${ellipsize(targetName(record))}:${
    ellipsize(targetType(record))
  }) [${ellipsize(activity(record))}], ${record.exceptionType}`;
}

/** Namespaces of the exception types this project writes, for DetailedView's `Type` line. */
const EXCEPTION_NAMESPACES: Readonly<Record<string, string>> = {
  Exception: "System",
  AggregateException: "System",
  HttpRequestException: "System.Net.Http",
  TaskCanceledException: "System.Threading.Tasks",
  AuthenticationException: "System.Security.Authentication",
};

function exceptionFullName(shortName: string): string {
  if (shortName.includes(".")) return shortName;
  return `${EXCEPTION_NAMESPACES[shortName] ?? "System.Management.Automation"}.${shortName}`;
}

/** Indents every line after the first so a multi-line value lines up under its first line. */
function alignValue(value: string, indent: number): string {
  return value.split("\n").join(`\n${" ".repeat(indent)}`);
}

/**
 * Renders DetailedView, which PowerShell 7 produces with Get-Error: the record's properties as a
 * list with nested Exception and InvocationInfo blocks.
 * NOTE: a subset of Get-Error's properties; HResult, StackTrace, ScriptStackTrace,
 * PipelineIterationInfo and the InvocationInfo position fields are left out because this
 * project has no .NET exception object or script position to report.
 */
function detailedView(record: ErrorRecord): string {
  const lines = [
    "",
    "Exception             : ",
    `    Type    : ${exceptionFullName(record.exceptionType)}`,
    `    Message : ${alignValue(record.message, 14)}`,
  ];
  if (record.targetObject !== null && record.targetObject !== undefined) {
    lines.push(`TargetObject          : ${targetName(record)}`);
  }
  lines.push(
    `CategoryInfo          : ${categoryInfo(record)}`,
    `FullyQualifiedErrorId : ${record.fullyQualifiedErrorId}`,
  );
  if (activity(record) !== "") {
    lines.push("InvocationInfo        : ", `    MyCommand : ${record.commandName}`);
  }
  lines.push("");
  return lines.join("\n");
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
      // PowerShell 7 writes these two lines without the 4-space indent of Windows PowerShell 5.1.
      // NOTE: the `At line:1 char:N` position lines are left out, because argv has no
      // PowerShell source line to point into.
      return [
        `${record.commandName} : ${record.message}`,
        `+ CategoryInfo          : ${categoryInfo(record)}`,
        `+ FullyQualifiedErrorId : ${record.fullyQualifiedErrorId}`,
      ].join("\n");
    case "DetailedView":
      return detailedView(record);
    case "ConciseView":
      return `${record.commandName}: ${record.message}`;
  }
}
