import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/check-drift.js';
import { nextTag } from '../support/committed-migrations.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const sumProblems = (stdout: string) => (JSON.parse(stdout) as DriftReport).problems.filter((p) => p.check === 'sum');

describe('drizzle/migrations.sum: any byte of a recorded migration file', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ root, cleanup } = await copyRepo());
  });
  afterAll(() => cleanup());

  it('db:check fails naming a comment-only edit, a missing listed file and an unlisted file; restored, it passes', async () => {
    const edited = join(root, 'drizzle', 'sqlite', '0001_decimal_keys.sql');
    const original = await readFile(edited);
    const missing = join(root, 'drizzle', 'pg', 'down', '0000_init.sql');
    const down = await readFile(missing);
    const stray = join(root, 'drizzle', 'pg', 'notes.txt');
    const restore = async () => {
      await writeFile(edited, original);
      await writeFile(missing, down);
      await rm(stray, { force: true });
    };
    await appendFile(edited, '-- a harmless comment\n');
    await rm(missing);
    await writeFile(stray, 'not a migration\n');
    try {
      const failing = await runScriptIn(root, 'db-check.ts', ['--json']);
      expect(failing.code).toBe(1);
      const hash = (await import('../../src/codegen/migration-sum.js')).sha256Hex;
      expect(sumProblems(failing.stdout)).toEqual([
        {
          check: 'sum',
          dialect: 'pg',
          message: '[MIGRATION_SUM_MISMATCH] drizzle/pg/down/0000_init.sql is listed in drizzle/migrations.sum but missing',
          details: [`recorded sha256 ${hash(down)}`],
          fix: 'restore it from git (git checkout -- drizzle/pg/down/0000_init.sql): an applied migration is never deleted, a new migration undoes it; only if no database has applied 0000_init: remove it with its journal entry and snapshot, then pnpm db:generate --rehash 0000_init',
        },
        {
          check: 'sum',
          dialect: 'pg',
          message: '[MIGRATION_SUM_UNLISTED] drizzle/pg/notes.txt is not listed in drizzle/migrations.sum',
          details: [`on disk  sha256 ${hash('not a migration\n')}`],
          fix: "pnpm db:generate records new migration files (after a custom migration's SQL is written); a file that is no migration: remove it from drizzle/",
        },
        {
          check: 'sum',
          dialect: 'sqlite',
          message: '[MIGRATION_SUM_MISMATCH] drizzle/sqlite/0001_decimal_keys.sql differs from its line in drizzle/migrations.sum: a recorded migration file was edited (any byte, a comment too)',
          details: [`recorded sha256 ${hash(original)}`, `on disk  sha256 ${hash(await readFile(edited))}`],
          fix: 'restore it from git (git checkout -- drizzle/sqlite/0001_decimal_keys.sql) and put the change in a new migration (pnpm db:generate --name <slug>, or pnpm db:migrate:create <name>); only if no database has applied 0001_decimal_keys yet: pnpm db:generate --rehash 0001_decimal_keys',
        },
      ]);
      // db:generate refuses to record the edit (it would embed it), and writes nothing.
      const generate = await runScriptIn(root, 'db-generate.ts');
      expect(generate.code).toBe(1);
      expect(generate.stderr).toContain('[MIGRATION_SUM_MISMATCH]');
      expect(generate.stderr).toContain('drizzle/sqlite/0001_decimal_keys.sql: edited since it was recorded');
      expect(generate.stderr).toContain('drizzle/pg/down/0000_init.sql: listed but missing');
    } finally {
      await restore();
    }
    const passing = await runScriptIn(root, 'db-check.ts');
    expect(passing.stdout).toMatch(/^db:check: clean/);
    expect(passing.code).toBe(0);
  }, 120_000);

  it('a line removed from the sum (total recomputed) leaves its file unlisted; a hand edit of a line breaks the total', async () => {
    const { parseSum, renderSum, SUM_FILE } = await import('../../src/codegen/migration-sum.js');
    const text = await readFile(join(root, SUM_FILE), 'utf8');
    const parsed = parseSum(text);
    if (!parsed.ok) throw new Error(parsed.why);
    expect(renderSum(parsed.lines)).toBe(text);
    const fewer = new Map(parsed.lines);
    fewer.delete('pg/down/0000_init.sql');
    const { compareSum, hashMigrationFiles } = await import('../../src/codegen/migration-sum.js');
    expect(compareSum(fewer, await hashMigrationFiles(root)).map((d) => `${d.kind} ${d.path}`)).toEqual(['unlisted pg/down/0000_init.sql']);
    const handEdited = text.replace(/^[0-9a-f]{64}(?= {2}pg\/0000_init\.sql$)/m, '0'.repeat(64));
    expect(parseSum(handEdited)).toEqual({ ok: false, why: 'the total line does not match the lines below it (edited by hand, or a merge kept lines of both sides)' });
  });

  it('a custom migration enters the sum when db:generate embeds it; a later edit needs --rehash <tag>, then db:check passes', async () => {
    const tags = { pg: nextTag('pg', 'backfill_notes', root), sqlite: nextTag('sqlite', 'backfill_notes', root) };
    expect((await runScriptIn(root, 'db-migrate-create.ts', ['backfill_notes'])).code).toBe(0);
    const sql = (folder: 'pg' | 'sqlite') => join(root, 'drizzle', folder, `${tags[folder]}.sql`);
    for (const folder of ['pg', 'sqlite'] as const) {
      await appendFile(sql(folder), "UPDATE system_settings SET description = 'a' WHERE key = 'none';\n");
      await writeFile(join(root, 'drizzle', folder, 'down', `${tags[folder]}.sql`), 'SELECT 1;\n');
    }
    const embedded = await runScriptIn(root, 'db-generate.ts');
    expect(embedded.stderr).toBe('');
    expect(embedded.code).toBe(0);
    const sum = await readFile(join(root, 'drizzle', 'migrations.sum'), 'utf8');
    for (const folder of ['pg', 'sqlite'] as const) expect(sum).toContain(`  ${folder}/${tags[folder]}.sql\n`);

    for (const folder of ['pg', 'sqlite'] as const) await appendFile(sql(folder), "UPDATE system_settings SET description = 'b' WHERE key = 'none';\n");
    const refused = await runScriptIn(root, 'db-generate.ts');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`only for a migration no database has applied yet: pnpm db:generate --rehash ${tags.pg} --rehash ${tags.sqlite}`);
    const unknown = await runScriptIn(root, 'db-generate.ts', ['--rehash', '9999_nothing']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[MIGRATION_SUM_UNKNOWN_TAG]');
    const rehashed = await runScriptIn(root, 'db-generate.ts', ['--rehash', tags.pg, '--rehash', tags.sqlite]);
    expect(rehashed.stderr).toBe('');
    expect(rehashed.code).toBe(0);
    const check = await runScriptIn(root, 'db-check.ts');
    expect(check.stdout).toMatch(/^db:check: clean/);
    expect(check.code).toBe(0);
  }, 180_000);
});
