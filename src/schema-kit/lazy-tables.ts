/**
 * An object with one enumerable property per key whose value is built on first read and then kept: an app
 * that touches 3 of the 31 tables builds 3 Drizzle tables, not 31 (building all was 10-15 ms of a cold start).
 * Enumeration (Object.keys, entries, spread) sees every key and builds what it reads.
 */
export function lazyTables<V>(keys: readonly string[], build: (key: string) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of keys) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = build(key);
        Object.defineProperty(out, key, { value, enumerable: true, configurable: false, writable: false });
        return value;
      },
    });
  }
  return out;
}
