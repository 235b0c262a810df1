/** Helpers for the failure tests: engines with the schema migrated, and the driver's own error of a failed call. */
import type { Table } from 'drizzle-orm';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import { accessorFailureContext } from '../../src/accessors/accessor-failures.js';
import type { FailureContext, StatementInput } from '../../src/accessors/driver-errors.js';
import type { LooseDb } from '../../src/accessors/loose-db.js';
import { ctsDatabase, isCtsDbError, openAppDatabase, QueryError, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';

export const PREFIX = 'acc';

export interface Engine {
  readonly dialect: 'postgresql' | 'sqlite';
  readonly target: MigrationTarget;
  readonly db: CtsDatabase;
}

/** A fresh database of one dialect with the schema migrated under PREFIX, as typed accessors. */
export async function openEngine(dialect: 'postgresql' | 'sqlite', extra: Record<string, string> = {}, beforeOpen?: (target: MigrationTarget) => Promise<void>): Promise<Engine> {
  const target = await createMigrationTarget(dialect);
  const config = target.config(PREFIX, extra);
  const migrated = await migrate(config);
  if (!migrated.ok) throw migrated.error;
  await beforeOpen?.(target);
  return { dialect, target, db: ctsDatabase(await openAppDatabase(config)) };
}

/** The QueryError a call refused with; anything else (no error, another error) fails the test. */
export async function refusalOf(call: () => Promise<unknown>): Promise<QueryError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError, the call succeeded');
}

export async function closeEngine(engine: Engine | undefined): Promise<void> {
  await engine?.db.close();
  await engine?.target.cleanup();
}

/**
 * The driver's error a call failed with. Once the accessors map their own failures, that error is the cause of
 * the QueryError they throw; either way the test maps the driver's error itself.
 */
export async function driverError(call: Promise<unknown>): Promise<Error> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  const raw = error instanceof QueryError ? error.cause : error;
  if (!(raw instanceof Error) || isCtsDbError(raw)) throw new Error(`expected a driver error, got ${String(raw)}`);
  return raw;
}

/** Inserts through Drizzle's builder directly, past the accessors' own input checks, so the database decides. */
export function rawInsert(engine: Engine, table: TableName, row: Record<string, unknown>): Promise<unknown> {
  const tables = engine.db.app.tables as unknown as Readonly<Record<string, Table>>;
  return Promise.resolve((engine.db.app.db as unknown as LooseDb).insert(tables[TABLE_KEYS[table]]!).values(row));
}

/** The failure context an accessor of `table` would use, with the failed call's input. */
export function contextOf(engine: Engine, table: TableName, statement?: StatementInput): FailureContext {
  const context = accessorFailureContext({ dialect: engine.dialect, tables: engine.db.app.tables as unknown as Readonly<Record<string, Table>> }, table, (t) => engine.db[TABLE_KEYS[t]]);
  return statement === undefined ? context : { ...context, statement };
}

/** The fields of a QueryError the tests compare, each one present (undefined when the error has none). */
export function view(error: unknown): { code: string; subject: string; table: unknown; constraint: unknown; columns: unknown; values: unknown } {
  if (!(error instanceof QueryError)) throw new Error(`expected a QueryError, got ${String(error)}`, { cause: error });
  return { code: error.code, subject: error.subject, table: error.table, constraint: error.constraint, columns: error.columns, values: error.values };
}
