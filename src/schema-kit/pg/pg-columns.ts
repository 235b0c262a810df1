import { sql } from 'drizzle-orm';
import { customType, type ConvertCustomConfig, type PgCustomColumnBuilder } from 'drizzle-orm/pg-core';
import type { AnyColumnSpec, ColumnKind } from '../column-spec.js';
import type { SpecData, WithFlags } from '../column-flags.js';
import { defaultSql } from '../default-sql.js';
import { parsePgTimestamptz } from './pg-timestamp.js';
import { canonicalUuid, checkSafeInteger } from '../value-checks.js';

export type PgColumnFor<TSpec> = WithFlags<PgCustomColumnBuilder<ConvertCustomConfig<'', { data: SpecData<TSpec>; driverData: unknown }>>, TSpec>;

type Mapper = { sqlType: (spec: AnyColumnSpec) => string; toDriver?: (value: unknown) => unknown; fromDriver?: (value: unknown) => unknown };

// postgres.js returns int8 and numeric as strings (exactness), jsonb parsed, and, under Drizzle, timestamps as text.
const MAPPERS: Readonly<Record<ColumnKind, Mapper>> = {
  // TEXT, not uuid: keys and foreign keys are TEXT -> TEXT on both dialects (seed 002), same canonical form.
  uuid: { sqlType: () => 'text', toDriver: canonicalUuid },
  text: { sqlType: () => 'text' },
  enum: { sqlType: () => 'text' },
  integer: { sqlType: () => 'integer' },
  bigint: { sqlType: () => 'bigint', toDriver: checkSafeInteger, fromDriver: checkSafeInteger },
  boolean: { sqlType: () => 'boolean' },
  // Millisecond precision, so a value reads back identical on PostgreSQL and SQLite.
  timestamp: {
    sqlType: () => 'timestamp (3) with time zone',
    toDriver: (v) => (v as Date).toISOString(),
    fromDriver: (v) => (v instanceof Date ? v : parsePgTimestamptz(String(v))),
  },
  // postgres.js parses jsonb itself; parsing again would turn the JSON string "123" into the number 123.
  json: { sqlType: () => 'jsonb', toDriver: (v) => JSON.stringify(v) },
  decimal: { sqlType: (s) => `numeric(${s.options.precision ?? 38}, ${s.options.scale ?? 18})`, fromDriver: (v) => String(v) },
};

/** Builds the Drizzle PostgreSQL column for a neutral spec. */
export function pgColumn(spec: AnyColumnSpec, name: string): PgCustomColumnBuilder<ConvertCustomConfig<'', { data: unknown }>> {
  const mapper = MAPPERS[spec.kind];
  const make = customType<{ data: unknown; driverData: unknown }>({
    dataType: () => mapper.sqlType(spec),
    ...(mapper.toDriver === undefined ? {} : { toDriver: mapper.toDriver }),
    ...(mapper.fromDriver === undefined ? {} : { fromDriver: mapper.fromDriver }),
  });
  let builder = make(name) as unknown as PgCustomColumnBuilder<ConvertCustomConfig<'', { data: unknown }>>;
  if (spec.options.primaryKey) builder = builder.primaryKey() as typeof builder;
  else if (spec.options.notNull) builder = builder.notNull() as typeof builder;
  const defaultExpression = defaultSql('pg', spec);
  if (defaultExpression !== undefined) builder = builder.default(sql.raw(defaultExpression)) as typeof builder;
  return builder;
}
