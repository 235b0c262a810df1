/**
 * Runs generated calls through the public accessors of one engine, recording each result or refusal.
 */
import { getTableName, type CtsAccessors, type CtsDatabase } from '../../src/index.js';
import type { AggregateCallOptions, Call, FindOptions, GroupByCallOptions, Outcome, Result, TableCall, Where, WriteScope } from './calls.js';
import { FUZZ_TABLES, TABLES, type FuzzTable } from './fuzz-schema.js';
import type { Row } from './model-values.js';

/**
 * The accessor API with the generated (schema-derived, untyped) rows and filters: the calls are built from
 * the schema at run time, so their static types cannot be the per-table ones.
 */
interface LooseAccessor {
  insert(row: Row): Promise<Row>;
  insertMany(rows: readonly Row[]): Promise<Row[]>;
  insertBulk(rows: readonly Row[]): Promise<number>;
  findMany(options?: FindOptions): Promise<Row[]>;
  findFirst(options?: Omit<FindOptions, 'limit'>): Promise<Row | undefined>;
  count(options?: { readonly where?: Where }): Promise<number>;
  aggregate(options: AggregateCallOptions): Promise<Row>;
  groupBy(options: GroupByCallOptions): Promise<Row[]>;
  update(options: WriteScope & { readonly set: Row }): Promise<number>;
  updateReturning(options: WriteScope & { readonly set: Row }): Promise<Row[]>;
  delete(options: WriteScope): Promise<number>;
  deleteReturning(options: WriteScope): Promise<Row[]>;
  upsert(options: { readonly values: Row; readonly target: readonly string[]; readonly set?: Row }): Promise<Row>;
}

const accessor = (db: CtsAccessors, table: FuzzTable): LooseAccessor => db[table] as unknown as LooseAccessor;

function tableCall(db: CtsAccessors, call: TableCall): Promise<Result> {
  const a = accessor(db, call.table);
  switch (call.op) {
    case 'insert':
      return a.insert(call.row);
    case 'insertMany':
      return a.insertMany(call.rows);
    case 'insertBulk':
      return a.insertBulk(call.rows);
    case 'findMany':
      return call.options === undefined ? a.findMany() : a.findMany(call.options);
    case 'findFirst':
      return call.options === undefined ? a.findFirst() : a.findFirst(call.options);
    case 'count':
      return call.options === undefined ? a.count() : a.count(call.options);
    case 'aggregate':
      return a.aggregate(call.options);
    case 'groupBy':
      return a.groupBy(call.options);
    case 'update':
      return a.update({ ...call.scope, set: call.set });
    case 'updateReturning':
      return a.updateReturning({ ...call.scope, set: call.set });
    case 'delete':
      return a.delete(call.scope);
    case 'deleteReturning':
      return a.deleteReturning(call.scope);
    case 'upsert':
      return a.upsert({ values: call.values, target: call.target, ...(call.set === undefined ? {} : { set: call.set }) });
  }
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function attempt(db: CtsAccessors, call: TableCall): Promise<{ outcome: Outcome; error?: unknown }> {
  try {
    return { outcome: { ok: true, value: await tableCall(db, call) } };
  } catch (error) {
    return { outcome: { ok: false, error: message(error) }, error };
  }
}

/** The rollback the generated transaction asks for; anything else thrown is a refusal. */
class IntendedRollback extends Error {}

/** The outcomes of one call: one per observed result (a transaction's body calls, then the transaction). */
export async function runCall(db: CtsDatabase, call: Call): Promise<Outcome[]> {
  if (call.op !== 'transaction') return [(await attempt(db, call)).outcome];
  const inner: Outcome[] = [];
  try {
    await db.transaction(async (tx) => {
      for (const c of call.body) {
        const { outcome, error } = await attempt(tx, c);
        inner.push(outcome);
        if (!outcome.ok) throw error;
      }
      if (call.end === 'throw') throw new IntendedRollback('roll back');
    });
    return [...inner, { ok: true, value: { committed: true } }];
  } catch (error) {
    return [...inner, error instanceof IntendedRollback ? { ok: true, value: { committed: false } } : { ok: false, error: message(error) }];
  }
}

/** Every row of a table (in no particular order). */
export function tableRows(db: CtsDatabase, table: FuzzTable): Promise<Row[]> {
  return accessor(db, table).findMany();
}

/** Empties the tables between cases: plain DELETEs, children first (cheaper than TRUNCATE for a few rows). */
export async function clearTables(db: CtsDatabase): Promise<void> {
  const names = [...FUZZ_TABLES].reverse().map((t) => `"${getTableName(db.prefix, TABLES[t].name)}"`);
  if (db.app.dialect === 'postgresql') await db.app.sql.unsafe(names.map((n) => `delete from ${n}`).join('; '));
  else await db.app.client.executeMultiple(names.map((n) => `delete from ${n};`).join('\n'));
}
