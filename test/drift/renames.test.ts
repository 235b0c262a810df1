import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINT_ACKS_FILE, readLintAcks } from '../../src/lint/lint-acks.js';
import { lintMigration } from '../../src/lint/migration-lint.js';
import { nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, runScriptIn, type CommandResult } from '../support/repo-copy.js';
import { queryTarget } from '../support/target-query.js';

/** Every file under the given folders, by path: to prove a failed command wrote nothing. */
async function tree(root: string, folders: readonly string[]): Promise<Map<string, string>> {
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

async function edit(root: string, file: string, replacements: readonly (readonly [string, string])[]): Promise<void> {
  const path = join(root, file);
  let text = await readFile(path, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
    text = text.replaceAll(from, to);
  }
  await writeFile(path, text);
}

const PREFIX = 'ren';
const FOLDERS = ['pg', 'sqlite'] as const;

type FolderTags = Record<(typeof FOLDERS)[number], string>;
/** The tag db:generate will give a migration named `name` in each folder of `root` (the dialects' histories differ in length). */
const nextTags = (root: string, name: string): FolderTags => ({ pg: nextTag('pg', name, root), sqlite: nextTag('sqlite', name, root) });

/**
 * What a reviewer does after reading the lint's findings: acknowledges each finding of the new migration (both
 * dialects) in drizzle/lint-acks.json, beside the migration, whose bytes stay as db:generate wrote them.
 */
async function acknowledge(root: string, tags: FolderTags, rules: readonly string[]): Promise<void> {
  const file = join(root, LINT_ACKS_FILE);
  const acks = await readLintAcks(root);
  for (const folder of FOLDERS) {
    const sql = await readFile(join(root, 'drizzle', folder, `${tags[folder]}.sql`), 'utf8');
    const findings = (await lintMigration(folder === 'pg' ? 'postgresql' : 'sqlite', tags[folder], sql)).filter((f) => rules.includes(f.rule));
    for (const f of findings) acks.push({ dialect: folder, tag: f.tag, statement: f.digest, rule: f.rule, reason: 'reviewed: deployed with downtime' });
  }
  await writeFile(file, `${JSON.stringify({ acks }, null, 2)}\n`);
}

function ok(result: CommandResult): CommandResult {
  expect(result.stderr).toBe('');
  expect(result.code, result.stdout).toBe(0);
  return result;
}

describe('renames declared in schema/: db:generate without a TTY, data kept on both engines, reversible', () => {
  let copy: { root: string; cleanup: () => Promise<void> };
  let targets: MigrationTarget[];
  const eachTarget = async (fn: (t: MigrationTarget) => Promise<void>) => {
    for (const t of targets) await fn(t);
  };
  const run = (script: string, args: string[] = [], env: Record<string, string> = {}) => runScriptIn(copy.root, script, args, env);

  beforeAll(async () => {
    copy = await copyRepo();
    targets = [await createMigrationTarget('postgresql'), await createMigrationTarget('sqlite')];
    await eachTarget(async (t) => {
      ok(await run('db-migrate.ts', [], { ...t.env, DB_PREFIX: PREFIX }));
      await queryTarget(t, `insert into ${PREFIX}_exchange_connections (id, name, exchange) values ('c1', 'main', 'binance')`);
      await queryTarget(t, `insert into ${PREFIX}_site_logs (id, message, connection_id) values ('l1', 'hello', 'c1')`);
      await queryTarget(t, `insert into ${PREFIX}_users (id, username, email, password_hash) values ('u1', 'alice', 'alice@example.com', 'h')`);
    });
  }, 120_000);
  afterAll(async () => {
    for (const t of targets) await t.cleanup();
    await copy.cleanup();
  });

  it('renames a column and a table: RENAME statements (no drop/add), rows kept, db:check clean, rollback renames back with the data', async () => {
    await edit(copy.root, 'schema/system.ts', [
      ['    email: col.text(),', "    emailAddress: col.text().renamedFrom('email'),"],
      ["columns: ['email'] }", "columns: ['emailAddress'] }"],
    ]);
    await edit(copy.root, 'schema/connections.ts', [
      ["  name: 'exchange_connections',", "  name: 'exchange_accounts',\n  renamedFrom: 'exchange_connections',"],
      ['export const exchangeConnections =', 'export const exchangeAccounts ='],
    ]);
    for (const file of (await readdir(join(copy.root, 'schema'))).filter((f) => f !== 'index.ts')) {
      const path = join(copy.root, 'schema', file);
      await writeFile(path, (await readFile(path, 'utf8')).replaceAll("table: 'exchange_connections'", "table: 'exchange_accounts'"));
    }
    await edit(copy.root, 'schema/index.ts', [['exchangeConnections', 'exchangeAccounts']]);

    const tags = nextTags(copy.root, 'rename_email');
    const generated = ok(await run('db-generate.ts', ['--name', 'rename_email']));
    expect(generated.stdout).toContain(`drizzle/pg: wrote ${tags.pg}.sql`);
    expect(generated.stdout).toContain(`drizzle/sqlite: wrote ${tags.sqlite}.sql`);
    for (const folder of FOLDERS) {
      const up = await readFile(join(copy.root, 'drizzle', folder, `${tags[folder]}.sql`), 'utf8');
      expect(up).toMatch(/ALTER TABLE .exchange_connections. RENAME TO .exchange_accounts.;/);
      expect(up).toMatch(/ALTER TABLE .users. RENAME COLUMN "email" TO "email_address";/);
      expect(up).not.toMatch(/DROP|ADD COLUMN|CREATE TABLE/i);
      const down = await readFile(join(copy.root, 'drizzle', folder, 'down', `${tags[folder]}.sql`), 'utf8');
      expect(down).toMatch(/RENAME COLUMN "email_address" TO "email"/);
      expect(down).toMatch(/ALTER TABLE .exchange_accounts. RENAME TO .exchange_connections.;/);
    }
    // A rename breaks the release that is running while it is applied: the lint says so until acknowledged.
    expect(generated.stdout).toContain('[rename-column]');
    expect((await run('db-check.ts')).code).toBe(1);
    await acknowledge(copy.root, tags, ['rename-table', 'rename-column']);
    ok(await run('db-generate.ts'));
    ok(await run('db-check.ts'));

    await eachTarget(async (t) => {
      ok(await run('db-migrate.ts', [], { ...t.env, DB_PREFIX: PREFIX }));
      expect(await queryTarget(t, `select id, email_address from ${PREFIX}_users`)).toEqual([{ id: 'u1', email_address: 'alice@example.com' }]);
      expect(await queryTarget(t, `select id, name from ${PREFIX}_exchange_accounts`)).toEqual([{ id: 'c1', name: 'main' }]);
      // The foreign key follows the renamed table: deleting the account nulls the log's reference (on delete set null).
      await queryTarget(t, `delete from ${PREFIX}_exchange_accounts where id = 'c1'`);
      expect(await queryTarget(t, `select connection_id from ${PREFIX}_site_logs`)).toEqual([{ connection_id: null }]);
      await queryTarget(t, `insert into ${PREFIX}_exchange_accounts (id, name, exchange) values ('c1', 'main', 'binance')`);

      ok(await run('db-rollback.ts', ['--steps', '1', '--yes'], { ...t.env, DB_PREFIX: PREFIX }));
      expect(await queryTarget(t, `select id, email from ${PREFIX}_users`)).toEqual([{ id: 'u1', email: 'alice@example.com' }]);
      expect(await queryTarget(t, `select id, name from ${PREFIX}_exchange_connections`)).toEqual([{ id: 'c1', name: 'main' }]);
      ok(await run('db-migrate.ts', [], { ...t.env, DB_PREFIX: PREFIX }));
    });
  }, 240_000);

  it('a second rename of the same column works after the first declaration is replaced', async () => {
    await edit(copy.root, 'schema/system.ts', [
      ["    emailAddress: col.text().renamedFrom('email'),", "    contactEmail: col.text().renamedFrom('emailAddress'),"],
      ["columns: ['emailAddress'] }", "columns: ['contactEmail'] }"],
    ]);
    const tags = nextTags(copy.root, 'rename_email_again');
    ok(await run('db-generate.ts', ['--name', 'rename_email_again']));
    const up = await readFile(join(copy.root, 'drizzle', 'pg', `${tags.pg}.sql`), 'utf8');
    expect(up).toBe('ALTER TABLE "users" RENAME COLUMN "email_address" TO "contact_email";');
    await acknowledge(copy.root, tags, ['rename-column']);
    ok(await run('db-generate.ts'));
    ok(await run('db-check.ts'));
    await eachTarget(async (t) => {
      ok(await run('db-migrate.ts', [], { ...t.env, DB_PREFIX: PREFIX }));
      expect(await queryTarget(t, `select contact_email from ${PREFIX}_users`)).toEqual([{ contact_email: 'alice@example.com' }]);
    });
  }, 240_000);

  it('an undeclared rename exits 1 naming the table and both columns with both ways to declare it, and writes nothing; --drop decides it', async () => {
    await edit(copy.root, 'schema/system.ts', [
      ["    contactEmail: col.text().renamedFrom('emailAddress'),", '    backupEmail: col.text(),'],
      ["columns: ['contactEmail'] }", "columns: ['backupEmail'] }"],
    ]);
    const before = await tree(copy.root, ['generated', 'drizzle']);
    const refused = await run('db-generate.ts', ['--name', 'oops']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was written');
    expect(refused.stderr).toContain('table users: column contact_email is gone and backup_email is new');
    expect(refused.stderr).toContain("renamedFrom('contactEmail')");
    expect(refused.stderr).toContain('--rename users.contact_email=backup_email');
    expect(refused.stderr).toContain('--drop users.contact_email');
    expect(refused.stderr).not.toMatch(/TTY|at .*\(/);
    expect(await tree(copy.root, ['generated', 'drizzle'])).toEqual(before);

    const tags = nextTags(copy.root, 'replace_email');
    ok(await run('db-generate.ts', ['--name', 'replace_email', '--drop', 'users.contact_email']));
    const up = await readFile(join(copy.root, 'drizzle', 'pg', `${tags.pg}.sql`), 'utf8');
    expect(up).toContain('ALTER TABLE "users" DROP COLUMN "contact_email";');
    expect(up).toContain('ALTER TABLE "users" ADD COLUMN "backup_email" text;');
    // The new column's UNIQUE constraint is built under PostgreSQL's exclusive lock on a table with rows: the
    // lint says so (squawk's disallowed-unique-constraint), and the reviewer accepts it with the drop.
    await acknowledge(copy.root, tags, ['drop-column', 'unique-constraint']);
    ok(await run('db-generate.ts'));
    ok(await run('db-check.ts'));
  }, 240_000);
});
