import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { queryTarget } from '../support/target-query.js';
import { createTempDir } from '../support/temp-dir.js';
import { runOnTerminal, terminalUnavailable } from '../support/terminal.js';

/**
 * The confirmations a person types on a terminal (stdin is a TTY, so no --yes is needed): db:reset asks for
 * the prefix, db:rename-prefix for y, db:resolve for the tag. A wrong answer changes nothing; the right one
 * does what the command says. The commands run on a pseudo-terminal made by util-linux `script`.
 */
const noTerminal = terminalUnavailable();
if (noTerminal !== null) console.warn(`[terminal-confirm] skipped: ${noTerminal}`);
const script = (name: string) => join(REPO_ROOT, 'scripts', `${name}.ts`);

describe.skipIf(noTerminal !== null)('typed confirmations on a terminal (SQLite)', () => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
    dir = await createTempDir('cts-terminal');
  });
  afterAll(async () => {
    await target.cleanup();
    await dir.cleanup();
  });
  const env = (prefix: string) => ({ ...target.env, DB_PREFIX: prefix, DB_CONFIG_FILE: join(dir.path, `${prefix}.json`), CTS_PROGRESS: '0' });
  const tablesOf = async (prefix: string) =>
    (await queryTarget<{ name: string }>(target, `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '${prefix}\\_%' ESCAPE '\\'`)).length;
  const backups = async () => (existsSync(join(dir.path, 'data', 'backups')) ? await readdir(join(dir.path, 'data', 'backups')) : []);

  it('db:reset asks for the prefix: a wrong answer drops nothing and writes no backup; the prefix itself backs up first, then drops the 32 tables', async () => {
    expect((await runScriptIn(dir.path, script('db-migrate'), [], env('tty_reset'))).code).toBe(0);
    expect(await tablesOf('tty_reset')).toBe(32);
    const prompt = 'type the prefix (tty_reset) to confirm: ';
    const wrong = await runOnTerminal(dir.path, script('db-reset'), [], env('tty_reset'), prompt, 'tty_rese');
    expect(wrong.screen).toContain('db:reset will drop 32 tables of prefix tty_reset');
    expect(wrong.screen).toContain('not confirmed; nothing was changed');
    expect(wrong.code).toBe(1);
    expect(await tablesOf('tty_reset')).toBe(32);
    expect(await backups()).toEqual([]);
    const right = await runOnTerminal(dir.path, script('db-reset'), [], env('tty_reset'), prompt, 'tty_reset');
    expect(right.screen).toMatch(/backup written first: .*data\/backups\/tty_reset-.*\.db/);
    expect(right.screen).toContain('dropped 32 tables of prefix tty_reset');
    expect(right.code).toBe(0);
    expect(await tablesOf('tty_reset')).toBe(0);
    // The copy and its manifest (row counts, checked by db:restore).
    expect((await backups()).map((f) => f.replace(/\d{4}-\d\d-\d\dT\d{6}Z/, '<time>'))).toEqual(['tty_reset-<time>.db', 'tty_reset-<time>.db.json']);
  }, 120_000);

  it('db:rename-prefix asks Rename? [y/N]: n keeps every table under the old prefix, y renames them and writes the config file', async () => {
    expect((await runScriptIn(dir.path, script('db-migrate'), [], env('tty_old'))).code).toBe(0);
    const prompt = 'Rename? [y/N]: ';
    const no = await runOnTerminal(dir.path, script('db-rename-prefix'), ['--to', 'tty_new'], env('tty_old'), prompt, 'n');
    expect(no.screen).toContain('nothing was changed');
    expect(no.code).toBe(1);
    expect([await tablesOf('tty_old'), await tablesOf('tty_new')]).toEqual([32, 0]);
    const yes = await runOnTerminal(dir.path, script('db-rename-prefix'), ['--to', 'tty_new'], env('tty_old'), prompt, 'y');
    expect(yes.screen).toContain('renamed 32 tables (with their indexes and constraints) from tty_old to tty_new');
    expect(yes.code).toBe(0);
    expect([await tablesOf('tty_old'), await tablesOf('tty_new')]).toEqual([0, 32]);
  }, 120_000);

  it('db:resolve asks for the tag again: another tag leaves the ledger alone, the same tag removes the entry', async () => {
    expect((await runScriptIn(dir.path, script('db-migrate'), [], env('tty_res'))).code).toBe(0);
    const ledger = async () => (await queryTarget<{ tag: string }>(target, 'SELECT tag FROM "tty_res_schema_migrations" ORDER BY journal_idx')).map((r) => r.tag);
    const before = await ledger();
    const last = before.at(-1);
    expect(last).toBeDefined();
    const tag = last ?? '';
    const prompt = 'Type the tag to confirm: ';
    const wrong = await runOnTerminal(dir.path, script('db-resolve'), ['--rolled-back', tag], env('tty_res'), prompt, '0000_something_else');
    expect(wrong.screen).toContain('aborted: the tag did not match; nothing changed');
    expect(wrong.code).toBe(1);
    expect(await ledger()).toEqual(before);
    const right = await runOnTerminal(dir.path, script('db-resolve'), ['--rolled-back', tag], env('tty_res'), prompt, tag);
    expect(right.screen).toContain(`resolved ${tag} as rolled-back`);
    expect(right.code).toBe(0);
    expect(await ledger()).toEqual(before.slice(0, -1));
  }, 120_000);
});
