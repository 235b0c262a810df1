import { getTableName } from 'drizzle-orm';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import type { AccessorDriver } from './accessor-driver.js';
import { rejectQueryFailure, withQueryFailures } from './failure-boundary.js';
import type { FailureContext, StatementInput, WrittenRow } from './failures/failure-context.js';

type Options = Readonly<Record<string, unknown>>;

function options(value: unknown): Options {
  return typeof value === 'object' && value !== null ? (value as Options) : {};
}

function row(value: unknown): WrittenRow | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as WrittenRow) : undefined;
}

function rows(value: unknown): WrittenRow[] {
  return Array.isArray(value) ? value.map(row).filter((r) => r !== undefined) : [];
}

function whereOf(arg: unknown): { where?: WrittenRow } {
  const where = row(options(arg).where);
  return where === undefined ? {} : { where };
}

const update = (arg: unknown): StatementInput => ({ kind: 'update', rows: rows([options(arg).set]), ...whereOf(arg) });
const remove = (arg: unknown): StatementInput => ({ kind: 'delete', rows: [], ...whereOf(arg) });

/**
 * What each write method of an accessor was asked to do, read from its first argument (never throwing: the
 * accessor has already refused malformed input with its own error, which passes through unmapped).
 */
const WRITES: Readonly<Record<string, (arg: unknown) => StatementInput>> = {
  insert: (arg) => ({ kind: 'insert', rows: rows([arg]) }),
  insertMany: (arg) => ({ kind: 'insert', rows: rows(arg) }),
  insertBulk: (arg) => ({ kind: 'insert', rows: rows(arg) }),
  upsertMany: (arg) => ({ kind: 'insert', rows: rows(arg) }),
  update,
  updateReturning: update,
  delete: remove,
  deleteReturning: remove,
  // The insert's values, and what the row becomes when the key exists (either can be the duplicate of another key).
  upsert: (arg) => {
    const values = row(options(arg).values);
    const set = row(options(arg).set);
    return { kind: 'insert', rows: values === undefined ? [] : set === undefined ? [values] : [values, { ...values, ...set }] };
  },
};

// findMany and findFirst map their failures themselves, in the one promise they settle (table-accessor.ts).
const READS = ['count'] as const;

/**
 * The failure context of one table's accessor: its dialect, table, prefix (read off the built table's name), and
 * a finder through the accessors on the same connection or transaction, for what SQLite leaves open.
 */
export function accessorFailureContext(
  driver: Pick<AccessorDriver, 'dialect' | 'tables'>,
  name: TableName,
  lookup: (table: TableName) => { findMany(options: never): Promise<readonly object[]> },
): FailureContext {
  const table = driver.tables[TABLE_KEYS[name]];
  const full = table === undefined ? name : getTableName(table);
  return {
    dialect: driver.dialect,
    table: name,
    prefix: full === name ? '' : full.slice(0, full.length - name.length - 1),
    find: async (target, where, limit) => (await lookup(target).findMany({ where, limit } as never)) as readonly WrittenRow[],
  };
}

/**
 * The accessor with every query method's failures mapped to coded QueryErrors (`queryFailure`): writes with their
 * input, so SQLite failures name their key and values; reads (serialization failures, SQLite busy) without an
 * extra async frame. Methods it does not know are left as they are.
 *
 * @example
 * return withAccessorFailures(accessor, accessorFailureContext(driver, name, lookup));
 */
export function withAccessorFailures<T extends object>(accessor: T, context: FailureContext): T {
  const wrapped: Record<string, unknown> = Object.fromEntries(Object.entries(accessor) as [string, unknown][]);
  for (const [name, statementOf] of Object.entries(WRITES)) {
    const method = wrapped[name];
    if (typeof method !== 'function') continue;
    wrapped[name] = withQueryFailures(context, (...args: unknown[]) => (method as (...a: unknown[]) => Promise<unknown>).apply(accessor, args), (...args: unknown[]) => statementOf(args[0]));
  }
  for (const name of READS) {
    const method = wrapped[name];
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args: unknown[]) =>
      (method as (...a: unknown[]) => Promise<unknown>).apply(accessor, args).then(undefined, (error: unknown) => rejectQueryFailure(error, context));
  }
  return wrapped as unknown as T;
}
