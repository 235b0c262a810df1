import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/commands.js';
import { committedTags, latestTag } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/** Runs a command with --json and parses stdout, which must be exactly one JSON document. */
async function json(cwd: string, script: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; doc: Record<string, unknown>; stderr: string }> {
  const run = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', `${script}.ts`), [...args, '--json'], env);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`${script} --json printed no single JSON document:\n${run.stdout}\n${run.stderr}`);
  }
  return { code: run.code, doc, stderr: run.stderr };
}

describe('--json on every command that reports something: one document on stdout', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-json');
    env = { SQLITE_DB_PATH: join(dir.path, 'j.db'), DB_PREFIX: 'js', DATABASE_URL: '', DB_CONFIG_FILE: join(dir.path, 'none.json') };
  });
  afterAll(() => dir.cleanup());

  it('every command but the long-running servers and the interactive setup takes --json', () => {
    const without = Object.entries(COMMANDS).filter(([, spec]) => !('json' in spec.flags)).map(([name]) => name);
    expect(without.sort()).toEqual(['db-serve', 'db-setup', 'db-studio']);
  });

  it('start, db:info, db:status, db:seed, db:backup, db:restore, db:rename-prefix, db:rollback, db:reset and db:health, in the documented shapes', async () => {
    const start = await json(dir.path, 'start', [], env);
    expect(start.code).toBe(0);
    expect(start.doc).toMatchObject({ ok: true, dialect: 'sqlite', prefix: 'js', applied: committedTags('sqlite').length, total: committedTags('sqlite').length });

    const info = await json(dir.path, 'db-info', [], env);
    expect(info.doc).toMatchObject({ ok: true, config: { prefix: 'js', dialect: 'sqlite', sqlite: { path: env.SQLITE_DB_PATH } }, connected: { dialect: 'sqlite', version: expect.stringMatching(/^SQLite /) } });

    const status = await json(dir.path, 'db-status', [], env);
    expect(status.code).toBe(0);
    expect(status.doc).toMatchObject({ ok: true, ledgerExists: true, rows: committedTags('sqlite').map((tag) => ({ tag, state: 'applied' })) });

    const seed = await json(dir.path, 'db-seed', [], env);
    expect(seed.doc).toMatchObject({ ok: true, env: 'development', envGiven: false, prefix: 'js', inserted: expect.any(Object) });

    const file = join(dir.path, 'b.db');
    const backup = await json(dir.path, 'db-backup', ['--file', file], env);
    expect(backup.doc).toMatchObject({ ok: true, file, dialect: 'sqlite', prefix: 'js', counts: expect.any(Object) });
    const restore = await json(dir.path, 'db-restore', [file], env);
    expect(restore.doc).toEqual({ ok: true, file, counts: (backup.doc as { counts: unknown }).counts });

    const rename = await json(dir.path, 'db-rename-prefix', ['--to', 'js_two', '--dry-run'], env);
    expect(rename.doc).toEqual({ ok: true, from: 'js', to: 'js_two', tables: 32, configFile: env.DB_CONFIG_FILE, dryRun: true, renamedRoles: [] });

    const plan = await json(dir.path, 'db-rollback', ['--plan', '--yes'], env);
    expect(plan.doc).toMatchObject({ ok: true, plan: true, rolledBack: [], steps: [{ tag: latestTag('sqlite'), statements: expect.any(Array) }] });

    const health = await json(dir.path, 'db-health', [], env);
    expect(health.doc).toMatchObject({ status: 'healthy', prefix: 'js' });

    const reset = await json(dir.path, 'db-reset', ['--yes', '--no-backup'], env);
    expect(reset.doc).toMatchObject({ ok: true, backup: null });
    expect((reset.doc as { dropped: string[] }).dropped).toHaveLength(32);
  }, 120_000);

  it('a failing command under --json still prints one document: { ok: false, error: { code, message, hint } }', async () => {
    for (const command of ['db-info', 'db-backup', 'start']) {
      const failed = await json(dir.path, command, [], { ...env, SQLITE_DB_PATH: dir.path });
      expect(failed.code).toBe(1);
      expect(failed.doc).toEqual({ ok: false, error: { code: 'SQLITE_PATH_INVALID', message: expect.stringContaining('it is a directory'), hint: expect.any(String) } });
      expect(failed.stderr).toContain('error [SQLITE_PATH_INVALID]');
    }
  });
});
