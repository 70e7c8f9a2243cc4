/**
 * Exact .NET types for plain objects. PowerShell's first pipeline binding pass binds a parameter
 * only when the object already is an instance of the parameter's type. A JSON object is a
 * PSCustomObject, which only converts to an object type. To send an exact instance, a library
 * caller marks an object with {@link withTypeName}. JSON input instead carries the type in a
 * `PSTypeName` property, as `[pscustomobject]@{PSTypeName = '…'}` does in PowerShell.
 */

const TYPE_NAME = Symbol("PSTypeName");

/** The property that names an object's type in JSON input, matched case-insensitively. */
export const TYPE_NAME_PROPERTY = "PSTypeName";

/** Marks an object as an instance of a .NET type, by full name; the mark is not serialized. */
export function withTypeName<T extends object>(value: T, typeFullName: string): T {
  Object.defineProperty(value, TYPE_NAME, { value: typeFullName, enumerable: false });
  return value;
}

/** Returns the full type name an object was marked with, or undefined for an unmarked value. */
export function typeNameOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const typeName = (value as { [TYPE_NAME]?: unknown })[TYPE_NAME];
  return typeof typeName === "string" ? typeName : undefined;
}

/**
 * Turns a JSON object with a string `PSTypeName` property into a copy without that property,
 * marked with that type name. Any other value is returned unchanged.
 */
export function applyTypeNameProperty(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  if (typeNameOf(value) !== undefined) return value;
  const key = Object.keys(value).find((name) => name.toLowerCase() === "pstypename");
  if (key === undefined) return value;
  const typeName = (value as Record<string, unknown>)[key];
  if (typeof typeName !== "string") return value;
  const { [key]: _typeName, ...properties } = value as Record<string, unknown>;
  return withTypeName(properties, typeName);
}
