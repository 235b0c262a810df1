import Database from 'libsql';
import postgres from 'postgres';
import type { MigrationTarget } from './migration-fixtures.js';

/**
 * Runs statements on a test database directly, from a connection of its own (not the toolkit's), as an
 * operator or another tool would: DDL behind a checker's back, tampering with a ledger. On SQLite foreign keys
 * are off for these statements, as they would be for a hand-run rebuild.
 */
export async function rawExec(target: MigrationTarget, statements: string | readonly string[]): Promise<void> {
  const list = typeof statements === 'string' ? [statements] : statements;
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      for (const s of list) await sql.unsafe(s);
    } finally {
      await sql.end();
    }
    return;
  }
  const db = new Database(target.sqlitePath as string);
  try {
    db.exec('PRAGMA foreign_keys = OFF');
    for (const s of list) db.exec(s);
  } finally {
    db.close();
  }
}
