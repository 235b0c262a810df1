import { TABLE_KEYS, isTableName } from '../../../generated/tables.js';
import type { ForeignKeyInfo } from './constraint-catalog.js';
import type { WrittenRow } from './failure-context.js';
import type { Resolved } from './resolved-failure.js';
import { QueryError } from '../query-error.js';
import { isSecretColumn } from './secret-columns.js';

const RETRY_HINT = 'run the whole transaction again: db.transaction(fn, { retries: 3 }) does that, with backoff';

/** A value as a message shows it: strings quoted, dates as ISO instants. */
function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return `${value}`;
  return JSON.stringify(value) ?? String(value);
}

/** `connectionId = "…", symbol = "BTCUSDT"`; a secret column is named, its value never shown. */
function pairs(columns: readonly string[], values: WrittenRow): string {
  return columns.map((c) => (isSecretColumn(c) ? `${c} (secret, not shown)` : values[c] === undefined ? c : `${c} = ${show(values[c])}`)).join(', ');
}

/** The values an error carries: the key's columns the statement gave, never a secret one. */
function publicValues(columns: readonly string[], values: WrittenRow | undefined): WrittenRow | undefined {
  if (values === undefined) return undefined;
  const out = Object.fromEntries(columns.filter((c) => !isSecretColumn(c) && values[c] !== undefined).map((c) => [c, values[c]]));
  return Object.keys(out).length === 0 ? undefined : out;
}

function accessorName(table: string): string {
  return isTableName(table) ? `db.${TABLE_KEYS[table]}` : table;
}

function named(constraint: string | undefined): string {
  return constraint === undefined ? '' : ` (${constraint})`;
}

function foreignKeyError(resolved: Extract<Resolved, { kind: 'foreign' }>, cause: unknown): QueryError {
  const table = resolved.table ?? 'transaction';
  const key = resolved.key;
  const code = 'QUERY_FOREIGN_KEY_VIOLATION';
  if (key === undefined && resolved.constraint !== undefined) {
    return new QueryError(`${table}: foreign key ${resolved.constraint} failed`, {
      code,
      subject: `${table}.${resolved.constraint}`,
      hint: 'check that the row referred to exists, and that no row still refers to a changed or deleted one',
      cause,
      constraint: resolved.constraint,
      ...(resolved.table === undefined ? {} : { table: resolved.table }),
    });
  }
  if (key === undefined) {
    const listed = resolved.candidates.map((c) => c.key.name);
    return new QueryError(
      `${table}: a foreign key failed${listed.length === 0 ? '' : `, one of ${listed.join(', ')}`} (SQLite does not say which, and the statement did not tell them apart)`,
      {
        code,
        subject: table,
        hint: listed.length === 0 ? 'check that every row referred to exists, and that no row still refers to a changed or deleted one' : `check each: ${resolved.candidates.map((c) => describeKey(c.key)).join('; ')}`,
        cause,
        ...(resolved.table === undefined ? {} : { table: resolved.table }),
      },
    );
  }
  const subject = `${key.table}.${key.columns.join(',')}`;
  const details = { code, subject, cause, table: resolved.table ?? key.table, constraint: key.name, columns: key.columns } as const;
  if (resolved.side === 'parent') {
    const parent = key.references.table;
    return new QueryError(`${parent}: rows of ${key.table} still refer to it through ${key.columns.join(', ')} (${key.name})`, {
      ...details,
      table: resolved.table ?? parent,
      hint: `delete or re-point those ${key.table} rows first, or leave ${parent}.${key.references.columns.join(', ')} unchanged`,
    });
  }
  const what = resolved.values === undefined ? key.columns.join(', ') : pairs(key.columns, resolved.values);
  return new QueryError(`${key.table}: ${what} refers to no ${key.references.table} row (${key.name})`, {
    ...details,
    hint: `insert the ${key.references.table} row first, or correct ${key.columns.join(', ')}`,
  });
}

function describeKey(key: ForeignKeyInfo): string {
  return `${key.name}: ${key.table}.${key.columns.join(',')} -> ${key.references.table}.${key.references.columns.join(',')}`;
}

/** The coded error for a resolved failure; the driver's error stays its cause. */
export function queryErrorOf(resolved: Resolved, cause: unknown): QueryError {
  switch (resolved.kind) {
    case 'unique': {
      const table = resolved.table ?? resolved.owner ?? 'transaction';
      const columns = resolved.columns;
      const list = columns?.join(', ') ?? 'key';
      const what = columns === undefined ? 'the same key' : resolved.values === undefined ? `the same ${list}` : pairs(columns, resolved.values);
      const values = columns === undefined ? undefined : publicValues(columns, resolved.values);
      const upsert = columns === undefined || resolved.primary ? '' : `, or update the existing row: ${accessorName(resolved.owner ?? table)}.upsert({ values, target: [${columns.map((c) => `'${c}'`).join(', ')}] })`;
      return new QueryError(`${table}: a row with ${what} already exists${named(resolved.constraint)}`, {
        code: 'QUERY_UNIQUE_VIOLATION',
        subject: `${resolved.owner ?? table}${columns === undefined ? '' : `.${columns.join(',')}`}`,
        hint: `use another ${list}${upsert}`,
        cause,
        table,
        ...(resolved.constraint === undefined ? {} : { constraint: resolved.constraint }),
        ...(columns === undefined ? {} : { columns }),
        ...(values === undefined ? {} : { values }),
      });
    }
    case 'foreign':
      return foreignKeyError(resolved, cause);
    case 'notNull': {
      const owner = resolved.owner ?? resolved.table ?? 'transaction';
      return new QueryError(`${owner}: ${resolved.column} must not be null`, {
        code: 'QUERY_NOT_NULL_VIOLATION',
        subject: `${owner}.${resolved.column}`,
        hint: `give ${resolved.column} a value`,
        cause,
        table: resolved.table ?? owner,
        columns: [resolved.column],
      });
    }
    case 'check': {
      const check = resolved.check;
      const owner = resolved.owner ?? resolved.table ?? 'transaction';
      const table = resolved.table ?? owner;
      if (check === undefined) {
        return new QueryError(`${owner}: check ${resolved.constraint} failed`, { code: 'QUERY_CHECK_VIOLATION', subject: `${owner}.${resolved.constraint}`, hint: `see the definition of ${resolved.constraint}`, cause, table, constraint: resolved.constraint });
      }
      const value = resolved.value === undefined || isSecretColumn(check.column) ? '' : ` ${show(resolved.value.value)}`;
      return new QueryError(`${owner}: ${check.column}${value} is not one of ${check.values.join(', ')} (${check.name})`, {
        code: 'QUERY_CHECK_VIOLATION',
        subject: `${owner}.${check.column}`,
        hint: `use one of: ${check.values.join(', ')}`,
        cause,
        table,
        constraint: check.name,
        columns: [check.column],
      });
    }
    case 'retryable': {
      const subject = resolved.table ?? 'transaction';
      return new QueryError(`${subject}: ${resolved.reason}`, { code: 'QUERY_RETRYABLE', subject, hint: RETRY_HINT, cause, ...(resolved.table === undefined ? {} : { table: resolved.table }) });
    }
  }
}
