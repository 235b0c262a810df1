import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitConcurrentIndexes } from '../../src/codegen/concurrent-indexes.js';
import { nextTag } from '../support/committed-migrations.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';
import { createTestPostgres, itNeedsServer, type TestPostgres } from '../support/test-postgres.js';

describe('splitConcurrentIndexes', () => {
  it('moves CREATE INDEX of existing tables, rewritten CONCURRENTLY; an index of a table the migration creates stays', async () => {
    const split = await splitConcurrentIndexes([
      'CREATE TABLE "fresh" ("id" integer PRIMARY KEY, "note" text);',
      'CREATE INDEX "idx_fresh_note" ON "fresh" USING btree ("note");',
      'ALTER TABLE "old" ADD COLUMN "note" text;',
      'CREATE UNIQUE INDEX "idx_old_note" ON "old" USING btree ("note") WHERE "note" <> \'CREATE INDEX\';',
    ]);
    expect(split.remaining).toEqual(['CREATE TABLE "fresh" ("id" integer PRIMARY KEY, "note" text);', 'CREATE INDEX "idx_fresh_note" ON "fresh" USING btree ("note");', 'ALTER TABLE "old" ADD COLUMN "note" text;']);
    expect(split.moved).toEqual([{ table: 'old', index: 'idx_old_note', statement: 'CREATE UNIQUE INDEX CONCURRENTLY "idx_old_note" ON "old" USING btree ("note") WHERE "note" <> \'CREATE INDEX\';' }]);
  });
});

describe('db:generate --concurrent-indexes', () => {
  let copy: { root: string; cleanup: () => Promise<void> };
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    copy = await copyRepo();
  });
  afterAll(async () => {
    await pg?.cleanup();
    await copy?.cleanup();
  });

  itNeedsServer(
    'writes the column change, then a -- cts:transaction none migration building the new indexes CONCURRENTLY (PostgreSQL only), which db:migrate applies',
    async () => {
      const schemaFile = join(copy.root, 'schema', 'connections.ts');
      let text = await readFile(schemaFile, 'utf8');
      text = text.replace('    lastTestedAt: col.timestamp(),\n', '    lastTestedAt: col.timestamp(),\n    note: col.text(),\n');
      text = text.replace("    { name: 'idx_exc_exchange', columns: ['exchange'] },\n", "    { name: 'idx_exc_exchange', columns: ['exchange'] },\n    { name: 'idx_exc_note', columns: ['note'] },\n    { name: 'idx_exc_testnet', columns: ['isTestnet'] },\n");
      await writeFile(schemaFile, text);
      const first = nextTag('pg', 'index_notes', copy.root);
      const second = `${String(Number(first.slice(0, 4)) + 1).padStart(4, '0')}_index_notes_concurrent_indexes`;
      const sqliteTag = nextTag('sqlite', 'index_notes', copy.root);
      const run = await runScriptIn(copy.root, 'db-generate.ts', ['--name', 'index_notes', '--concurrent-indexes']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`drizzle/pg: wrote ${first}.sql (1 statement(s))\ndrizzle/pg: wrote ${second}.sql (2 index(es) built CONCURRENTLY, outside a transaction)\ndrizzle/sqlite: wrote ${sqliteTag}.sql (3 statement(s))\n`);
      const read = (path: string) => readFile(join(copy.root, 'drizzle', path), 'utf8');
      expect(await read(`pg/${first}.sql`)).toBe('ALTER TABLE "exchange_connections" ADD COLUMN "note" text;');
      expect(await read(`pg/${second}.sql`)).toBe(
        '-- cts:transaction none\nCREATE INDEX CONCURRENTLY "idx_exc_note" ON "exchange_connections" USING btree ("note");\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY "idx_exc_testnet" ON "exchange_connections" USING btree ("is_testnet");',
      );
      expect(await read(`pg/down/${first}.sql`)).toBe('ALTER TABLE "exchange_connections" DROP COLUMN "note";\n');
      expect(await read(`pg/down/${second}.sql`)).toBe('DROP INDEX "idx_exc_note";\n--> statement-breakpoint\nDROP INDEX "idx_exc_testnet";\n');
      // SQLite has no CONCURRENTLY: one ordinary migration.
      expect(await read(`sqlite/${sqliteTag}.sql`)).toBe(
        'ALTER TABLE `exchange_connections` ADD `note` text;\n--> statement-breakpoint\nCREATE INDEX `idx_exc_note` ON `exchange_connections` (`note`);\n--> statement-breakpoint\nCREATE INDEX `idx_exc_testnet` ON `exchange_connections` (`is_testnet`);',
      );

      pg = await createTestPostgres();
      const migrated = await runScriptIn(copy.root, 'db-migrate.ts', [], { DATABASE_URL: pg.url, DB_PREFIX: 'gen' });
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      try {
        const rows = await sql.unsafe<{ name: string; valid: boolean }[]>(
          `select c.relname::text as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname in ('gen_idx_exc_note', 'gen_idx_exc_testnet') order by 1`,
        );
        expect(rows.map((r) => [r.name, r.valid])).toEqual([['gen_idx_exc_note', true], ['gen_idx_exc_testnet', true]]);
        const ledger = await sql.unsafe<{ tag: string }[]>(`select tag from gen_schema_migrations order by journal_idx desc limit 2`);
        expect(ledger.map((r) => r.tag)).toEqual([second, first]);
      } finally {
        await sql.end();
      }
    },
    600_000,
  );
});
