import Database from 'libsql';
import postgres from 'postgres';
import type { MigrationTarget } from './migration-fixtures.js';

/** Runs one SQL statement on a migration target (either engine) and returns its rows. */
export async function queryTarget<T extends Record<string, unknown>>(target: MigrationTarget, text: string): Promise<T[]> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      return [...(await sql.unsafe<T[]>(text))];
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath as string);
  try {
    const statement = db.prepare(text);
    return statement.reader ? (statement.all() as T[]) : (statement.run(), []);
  } finally {
    db.close();
  }
}
