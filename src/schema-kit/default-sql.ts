import type { AnyColumnSpec } from './column-spec.js';
import { normalizeDecimal } from './decimal.js';
import { decimalKey } from './decimal-key.js';

export type DialectName = 'pg' | 'sqlite';

/** Quotes a string literal the standard way (both dialects): single quotes doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.split("'").join("''")}'`;
}

/** Double-quotes an identifier (both dialects accept "..." for identifiers). */
export function quoteIdent(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

// A version-4 UUID in canonical text form from SQLite built-ins, so both dialects produce the same format.
const SQLITE_RANDOM_UUID =
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || " +
  "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))";

// Milliseconds since the epoch from julianday(), which every SQLite version has (unixepoch('subsec') needs 3.42).
const SQLITE_NOW_MS = "(CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))";

/** The SQL expression of a column default for one dialect. Literals are escaped here, not by drizzle-kit. */
export function defaultSql(dialect: DialectName, spec: AnyColumnSpec): string | undefined {
  const value = spec.options.default;
  const kind = spec.kind;
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'now':
      return dialect === 'pg' ? 'now()' : SQLITE_NOW_MS;
    case 'random_uuid':
      return dialect === 'pg' ? 'gen_random_uuid()::text' : SQLITE_RANDOM_UUID;
    case 'value': {
      const v = value.value;
      if (v === null) return 'NULL';
      if (kind === 'json') return dialect === 'pg' ? `${quoteLiteral(JSON.stringify(v))}::jsonb` : quoteLiteral(JSON.stringify(v));
      if (typeof v === 'boolean') return dialect === 'pg' ? String(v) : v ? '1' : '0';
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new Error(`default ${v} is not a finite number`);
        return String(v);
      }
      // Canonical form on PostgreSQL and the order-preserving key on SQLite (decimal-key.ts), so a defaulted
      // decimal compares, sorts and reads back as a written one.
      if (kind === 'decimal' && typeof v === 'string') {
        const [precision, scale] = [spec.options.precision ?? 38, spec.options.scale ?? 18];
        return quoteLiteral(dialect === 'pg' ? normalizeDecimal(v, precision, scale) : decimalKey(v, precision, scale));
      }
      if (typeof v === 'string') return quoteLiteral(v);
      throw new Error(`unsupported default ${JSON.stringify(v)} for a ${kind} column`);
    }
  }
}
