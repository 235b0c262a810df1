import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { customType, type ConvertCustomConfig, type SQLiteCustomColumnBuilder } from 'drizzle-orm/sqlite-core';
import type { AnyColumnSpec, ColumnKind } from '../column-spec.js';
import type { SpecData, WithFlags } from '../column-flags.js';
import { decimalKey, formatKey } from '../decimal-key.js';
import { defaultSql } from '../default-sql.js';
import { canonicalUuid, checkInt32, checkSafeInteger } from '../value-checks.js';

export type SqliteColumnFor<TSpec> = WithFlags<SQLiteCustomColumnBuilder<ConvertCustomConfig<'', { data: SpecData<TSpec>; driverData: unknown }>>, TSpec>;

type Mapper = { sqlType: string; toDriver?: (value: unknown, spec: AnyColumnSpec) => unknown; fromDriver?: (value: unknown, spec: AnyColumnSpec) => unknown };

// SQLite has no uuid, boolean, timestamp, json or exact decimal type: store them as TEXT or INTEGER and
// convert here, so the TypeScript values are the same as on PostgreSQL. Decimals are TEXT (NUMERIC affinity
// would turn '12345678901.12345678' into a rounded REAL) holding an order-preserving key (decimal-key.ts), so
// SQLite's comparisons, sorting and indexes give PostgreSQL's numeric answers.
const MAPPERS: Readonly<Record<ColumnKind, Mapper>> = {
  uuid: { sqlType: 'text', toDriver: canonicalUuid },
  text: { sqlType: 'text' },
  enum: { sqlType: 'text' },
  // Rounded and range-checked as numeric(p, s) is, stored as a key, read back in PostgreSQL's form for the scale.
  decimal: { sqlType: 'text', toDriver: (v, spec) => decimalKey(String(v), spec.options.precision ?? 38, spec.options.scale ?? 18), fromDriver: (v, spec) => formatKey(String(v), spec.options.scale ?? 18) },
  integer: { sqlType: 'integer', toDriver: checkInt32, fromDriver: (v) => Number(v) },
  bigint: { sqlType: 'integer', toDriver: checkSafeInteger, fromDriver: checkSafeInteger },
  boolean: { sqlType: 'integer', toDriver: (v) => (v ? 1 : 0), fromDriver: (v) => Number(v) === 1 },
  timestamp: { sqlType: 'integer', toDriver: (v) => (v as Date).getTime(), fromDriver: (v) => new Date(Number(v)) },
  json: { sqlType: 'text', toDriver: (v) => JSON.stringify(v), fromDriver: (v) => (typeof v === 'string' ? JSON.parse(v) : v) },
};

/** Builds the Drizzle SQLite column for a neutral spec. */
export function sqliteColumn(spec: AnyColumnSpec, name: string, appDefaults = false): SQLiteCustomColumnBuilder<ConvertCustomConfig<'', { data: unknown }>> {
  const mapper = MAPPERS[spec.kind];
  const make = customType<{ data: unknown; driverData: unknown }>({
    dataType: () => mapper.sqlType,
    ...(mapper.toDriver === undefined ? {} : { toDriver: (value: unknown) => mapper.toDriver!(value, spec) }),
    ...(mapper.fromDriver === undefined ? {} : { fromDriver: (value: unknown) => mapper.fromDriver!(value, spec) }),
  });
  let builder = make(name) as unknown as SQLiteCustomColumnBuilder<ConvertCustomConfig<'', { data: unknown }>>;
  if (spec.options.primaryKey) builder = builder.primaryKey() as typeof builder;
  else if (spec.options.notNull) builder = builder.notNull() as typeof builder;
  const kind = spec.options.default?.kind;
  if (appDefaults && (kind === 'random_uuid' || kind === 'now')) {
    // SQLite has no DEFAULT keyword in VALUES, so Drizzle would inline these expressions into every row of a
    // multi-row insert (and SQLite parse thousands of randomblob()/julianday() calls). At run time the
    // application supplies them, in the same formats; the DDL (built without appDefaults) keeps the defaults.
    builder = builder.$defaultFn(kind === 'random_uuid' ? () => randomUUID() : () => new Date()) as typeof builder;
  } else {
    const defaultExpression = defaultSql('sqlite', spec);
    if (defaultExpression !== undefined) builder = builder.default(sql.raw(defaultExpression)) as typeof builder;
  }
  return builder;
}
