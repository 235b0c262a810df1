import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

async function snapshot(root: string, folders: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(root, path), await readFile(path, 'utf8'));
    }
  };
  for (const folder of folders) await walk(join(root, folder));
  return files;
}

describe('pnpm db:generate on an up-to-date checkout', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ root, cleanup } = await copyRepo());
  });
  afterAll(() => cleanup());

  it('changes nothing: generated/ and drizzle/ stay byte-for-byte the same (deterministic output)', async () => {
    const before = await snapshot(root, ['generated', 'drizzle']);
    const result = await runScriptIn(root, 'db-generate.ts');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('generated/ is up to date');
    expect(result.stdout).toMatch(/drizzle\/pg: no schema changes, no migration/);
    expect(result.stdout).toMatch(/drizzle\/sqlite: no schema changes, no migration/);
    expect(await snapshot(root, ['generated', 'drizzle'])).toEqual(before);
  });

  it('rejects a --name that is not a slug', async () => {
    const result = await runScriptIn(root, 'db-generate.ts', ['--name', 'Add Orders!']);
    // A usage error: exit 2, like every malformed flag value.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error [CLI_INVALID_VALUE] --name "Add Orders!" must be a lowercase slug');
  });

  it('after a schema change writes a named migration for each dialect, and db:check is clean again', async () => {
    const file = join(root, 'schema', 'connections.ts');
    const source = await readFile(file, 'utf8');
    await writeFile(file, source.replace('    exchange: col.text().notNull(),\n', '    exchange: col.text().notNull(),\n    accountLabel: col.text(),\n'));
    const generate = await runScriptIn(root, 'db-generate.ts', ['--name', 'add_account_label']);
    expect(generate.code).toBe(0);
    // A new column changes the accessors' ColumnKinds, the manifest, the schema diagram and the validators.
    expect(generate.stdout).toContain('generated/: wrote generated/accessors.ts, generated/manifest.ts, generated/schema.md, generated/validators.ts\n');
    expect(await readFile(join(root, 'drizzle', 'pg', `${nextTag('pg', 'add_account_label')}.sql`), 'utf8')).toContain(
      'ALTER TABLE "exchange_connections" ADD COLUMN "account_label" text;',
    );
    expect(await readFile(join(root, 'drizzle', 'sqlite', `${nextTag('sqlite', 'add_account_label')}.sql`), 'utf8')).toContain(
      'ALTER TABLE `exchange_connections` ADD `account_label` text;',
    );
    const check = await runScriptIn(root, 'db-check.ts');
    const clean = `db:check: clean: 31 tables; migrations pg ${committedTags('pg').length + 1}, sqlite ${committedTags('sqlite').length + 1};`;
    expect(check.stdout.slice(0, clean.length)).toBe(clean);
    expect(check.code).toBe(0);
    // A generate and a whole db:check, each a process: on 2 shared cores under load they took over 60 s together.
  }, 120_000);
});
