/**
 * The few structural checks configuration needs, without a schema library: resolving the configuration is on
 * every cold start, and importing zod and building its schemas was 60 ms of a 260 ms start of a drizzle-only
 * process (zod stays for the insert validators, `cts-db/validators`, where its schema language pays). Each check
 * returns the first problem as a path and a message, or undefined.
 */
export interface ShapeIssue {
  readonly path: readonly string[];
  readonly message: string;
  /** Keys the object may not have: their values are never shown (one could be a password). */
  readonly unknownKeys?: readonly string[];
}

/** A check of one value at a path. */
export type Check = (value: unknown, path: readonly string[]) => ShapeIssue | undefined;

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, not empty unless `allowEmpty`, matching `pattern` when given. */
export function text(options: { readonly pattern?: RegExp; readonly allowEmpty?: boolean } = {}): Check {
  return (value, path) => {
    if (typeof value !== 'string') return { path, message: `expected a string, got ${describe(value)}` };
    if (options.allowEmpty !== true && value === '') return { path, message: 'expected a non-empty string' };
    if (options.pattern !== undefined && !options.pattern.test(value)) return { path, message: `must match ${options.pattern.source}` };
    return undefined;
  };
}

/** A whole number within [min, max]. */
export function wholeNumber(min: number, max: number): Check {
  return (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? undefined : { path, message: `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}` });
}

export function oneOf(values: readonly string[]): Check {
  return (value, path) => (typeof value === 'string' && values.includes(value) ? undefined : { path, message: `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });
}

export function boolean(): Check {
  return (value, path) => (typeof value === 'boolean' ? undefined : { path, message: `expected true or false, got ${describe(value)}` });
}

export function instanceOf(type: abstract new (...args: never[]) => unknown, name: string): Check {
  return (value, path) => (value instanceof type ? undefined : { path, message: `expected a ${name}` });
}

export function optional(check: Check): Check {
  return (value, path) => (value === undefined ? undefined : check(value, path));
}

export function arrayOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return { path, message: `expected an array, got ${describe(value)}` };
    for (const [i, item] of value.entries()) {
      const issue = check(item, [...path, String(i)]);
      if (issue !== undefined) return issue;
    }
    return undefined;
  };
}

/**
 * An object with exactly these fields: each field is checked in order (a missing one is "required"), then any
 * other own key is an issue that lists the keys, not their values. `strict: false` ignores other keys.
 */
export function object(fields: Readonly<Record<string, Check>>, options: { readonly strict?: boolean } = {}): Check {
  return (value, path) => {
    if (!isRecord(value)) return { path, message: `expected an object, got ${describe(value)}` };
    for (const [key, check] of Object.entries(fields)) {
      const present = Object.hasOwn(value, key);
      const issue = check(present ? value[key] : undefined, [...path, key]);
      if (issue !== undefined) return present ? issue : { path: [...path, key], message: 'required' };
    }
    if (options.strict === false) return undefined;
    const unknownKeys = Object.keys(value).filter((k) => !Object.hasOwn(fields, k));
    return unknownKeys.length === 0 ? undefined : { path, message: `unknown field(s) ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}`, unknownKeys };
  };
}
