import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/check-drift.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function scratch(): Promise<string> {
  const { root, cleanup } = await copyRepo();
  cleanups.push(cleanup);
  return root;
}

describe('pnpm db:check (drift check) on a scratch copy of the project', () => {
  it('exits 0 with a one-line summary when schema/, drizzle/ and generated/ agree', async () => {
    const root = await scratch();
    const result = await runScriptIn(root, 'db-check.ts');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^db:check: clean: \d+ tables; migrations pg \d+, sqlite \d+; 10 generated files in sync/);
  }, 120_000);

  it('generated/schema.md draws every table and every foreign key; db:check fails when it is stale, db:generate restores it', async () => {
    const { manifest } = await import('../../generated/manifest.js');
    const root = await scratch();
    const file = join(root, 'generated', 'schema.md');
    const diagram = await readFile(file, 'utf8');
    expect(diagram.match(/```mermaid\nerDiagram\n/g)?.length).toBe(7);
    for (const table of manifest.tables) {
      expect(diagram, table.name).toContain(`  ${table.name} {\n`);
      for (const column of table.columns) expect(diagram, `${table.name}.${column.name}`).toMatch(new RegExp(`^    \\S+ ${column.name}( |$)`, 'm'));
      for (const fk of table.foreignKeys) expect(diagram, fk.name).toMatch(new RegExp(`^  ${fk.references.table} (\\|\\||\\|o)--o\\{ ${table.name} : "${fk.columns.join(', ')} `, 'm'));
      for (const index of table.indexes) expect(diagram, index.name).toContain(`| ${table.name} | ${index.name} |`);
    }
    expect(diagram.match(/--o\{/g)?.length).toBe(manifest.tables.reduce((n, t) => n + t.foreignKeys.length, 0));

    await writeFile(file, diagram.replace('  users {', '  people {'));
    const stale = await runScriptIn(root, 'db-check.ts');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('generated/schema.md');
    const regenerated = await runScriptIn(root, 'db-generate.ts');
    expect(regenerated.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(diagram);
  }, 120_000);

  it('exits 1 when a down migration is missing, and when one is edited (naming the file)', async () => {
    const root = await scratch();
    const down = join(root, 'drizzle', 'pg', 'down', '0000_init.sql');
    const original = await readFile(down, 'utf8');
    await (await import('node:fs/promises')).rm(down);
    const missing = await runScriptIn(root, 'db-check.ts');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('down migrations are missing or edited');
    expect(missing.stdout).toContain('drizzle/pg/down/0000_init.sql: missing');
    await writeFile(down, original.replace(/;\s*$/, ';\n--> statement-breakpoint\nSELECT 1;\n'));
    const edited = await runScriptIn(root, 'db-check.ts');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('drizzle/pg/down/0000_init.sql: differs from the reverse drizzle-kit derives');
  }, 120_000);

  it('exits 1 naming the missing migration when a column is added to schema/ without regenerating', async () => {
    const root = await scratch();
    const file = join(root, 'schema', 'connections.ts');
    const source = await readFile(file, 'utf8');
    const edited = source.replace('    exchange: col.text().notNull(),\n', '    exchange: col.text().notNull(),\n    accountLabel: col.text(),\n');
    expect(edited).not.toBe(source);
    await writeFile(file, edited);
    const result = await runScriptIn(root, 'db-check.ts');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[migrations/pg] schema/ differs from the latest pg migration');
    expect(result.stdout).toContain('ALTER TABLE "exchange_connections" ADD COLUMN "account_label" text;');
    expect(result.stdout).toContain('[migrations/sqlite] schema/ differs from the latest sqlite migration');
    expect(result.stdout).toContain('ALTER TABLE `exchange_connections` ADD `account_label` text;');
    expect(result.stdout).toContain('generated/manifest.ts: modified');
    expect(result.stdout).toContain('fix: pnpm db:generate');
  }, 120_000);

  it('exits 1 naming the file when generated/ is edited by hand', async () => {
    const root = await scratch();
    await appendFile(join(root, 'generated', 'tables.ts'), '// a hand edit\n');
    const result = await runScriptIn(root, 'db-check.ts', ['--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DriftReport;
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ check: 'generated', details: ['generated/tables.ts: modified'], fix: 'pnpm db:generate (never edit generated/ by hand)' }),
    ]);
  }, 120_000);

  it('exits 1 when a base name leaves no room for the longest allowed prefix', async () => {
    const root = await scratch();
    const file = join(root, 'schema', 'connections.ts');
    const source = await readFile(file, 'utf8');
    await writeFile(file, source.replace("name: 'idx_exc_exchange'", "name: 'idx_exchange_connections_by_exchange_name'"));
    const result = await runScriptIn(root, 'db-check.ts');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[identifiers] base names too long for the longest allowed prefix (24 bytes)');
    expect(result.stdout).toContain('idx_exchange_connections_by_exchange_name (41 bytes, at most 38)');
  }, 120_000);

  it('exits 1 when the embedded migrations are out of date with drizzle/: an edited migration, or a hand edit of the module', async () => {
    const root = await scratch();
    // A committed, not yet deployed migration edited in drizzle/ without regenerating: the runner would apply the old SQL.
    const sqlFile = join(root, 'drizzle', 'pg', '0000_init.sql');
    const sql = await readFile(sqlFile, 'utf8');
    await writeFile(sqlFile, sql.replace('numeric(38, 18)', 'numeric(30, 18)'));
    const edited = await runScriptIn(root, 'db-check.ts', ['--json']);
    expect(edited.code).toBe(1);
    const report = JSON.parse(edited.stdout) as DriftReport;
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        check: 'generated',
        details: [
          'generated/migrations.ts: modified (it must embed drizzle/ exactly)',
          'generated/migration-heads.ts: modified (it must embed drizzle/ exactly)',
          'generated/migration-sql.ts: modified (it must embed drizzle/ exactly)',
        ],
      }),
    );
    await writeFile(sqlFile, sql);

    const module = join(root, 'generated', 'migration-sql.ts');
    const text = await readFile(module, 'utf8');
    await writeFile(module, text.replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'));
    const handEdited = await runScriptIn(root, 'db-check.ts');
    expect(handEdited.code).toBe(1);
    expect(handEdited.stdout).toContain('generated/migration-sql.ts: modified (it must embed drizzle/ exactly)');
    expect(handEdited.stdout).toContain('fix: pnpm db:generate');
  }, 120_000);
});
