/**
 * Input from plain JavaScript or a parsed request body is checked as data: only plain objects (their prototype
 * is Object.prototype or null, so no key can be inherited) and only their own enumerable string keys.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The object's own enumerable keys (a JSON `"__proto__"` key is one of them, and is refused as unknown by the caller). */
export function ownKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value);
}
