import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import type { Sql } from 'postgres';
import { schema } from '../../schema/index.js';
import { buildPgTables, buildSqliteTables } from '../../src/schema-kit/build-tables.js';

export type SqlTarget = { readonly dialect: 'pg'; readonly sql: Sql } | { readonly dialect: 'sqlite'; readonly client: Client };

const ROOT = join(import.meta.dirname, '..', '..');

/** The committed base-name migrations of one dialect, as statements, in journal order. */
export async function baseMigrationStatements(dialect: 'pg' | 'sqlite'): Promise<string[]> {
  const folder = join(ROOT, 'drizzle', dialect);
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const statements: string[] = [];
  for (const entry of journal.entries) {
    const text = await readFile(join(folder, `${entry.tag}.sql`), 'utf8');
    statements.push(...text.split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => s !== ''));
  }
  return statements;
}

/**
 * The SQL drizzle-kit emits for the whole schema under a prefix (a diff from an empty snapshot). Until the
 * migration runner exists this is how tests get prefixed tables; it is drizzle-kit's own DDL.
 */
export async function prefixedSchemaStatements(dialect: 'pg' | 'sqlite', prefix: string): Promise<string[]> {
  const api = await import('drizzle-kit/api');
  if (dialect === 'pg') {
    const empty = api.generateDrizzleJson({});
    const current = api.generateDrizzleJson(buildPgTables(schema, { prefix }) as Record<string, unknown>);
    return api.generateMigration(empty, current);
  }
  const empty = await api.generateSQLiteDrizzleJson({});
  const current = await api.generateSQLiteDrizzleJson(buildSqliteTables(schema, { prefix }) as Record<string, unknown>);
  return api.generateSQLiteMigration(empty, current);
}

/** Runs statements in one transaction. */
export async function runStatements(target: SqlTarget, statements: readonly string[]): Promise<void> {
  if (target.dialect === 'pg') {
    await target.sql.begin(async (tx) => {
      for (const statement of statements) await tx.unsafe(statement);
    });
  } else {
    await target.client.batch([...statements], 'write');
  }
}
