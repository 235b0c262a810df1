import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, Secret } from '../../src/config/index.js';
import { createHealthChecker, createMigrationStatusHandler } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { committedTags } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn, scriptArgs, type CommandResult } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

const suffix = randomBytes(3).toString('hex');
const tags = committedTags('sqlite');

/** Runs a script with `input` piped to its stdin (then closed), as `printf ... | pnpm <script>` does. */
function runPiped(cwd: string, script: string, args: readonly string[], input: string, env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, scriptArgs(join(REPO_ROOT, 'scripts', script), args), { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function tablesOf(path: string): string[] {
  const db = new Database(path);
  try {
    return (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('setup with piped answers, keeping the prefix, and states that say what they mean (SQLite, as processes)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-setup-states');
    env = { SQLITE_DB_PATH: join(dir.path, 'ux.db'), DATABASE_URL: '', PROJECT_NAME: '', DB_PREFIX: '', DB_CONFIG_FILE: '' };
  });
  afterAll(() => dir.cleanup());

  it("printf 'name\\ny\\n' | db:setup writes the config and migrates; SQLite shows only what applies", async () => {
    const run = await runPiped(dir.path, 'db-setup.ts', [], `UX Demo ${suffix}\ny\n`, env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`prefix     ux_demo_${suffix}`);
    expect(run.stdout).toContain(`file       ${env.SQLITE_DB_PATH} (SQLite)`);
    expect(run.stdout).not.toMatch(/roles|databases/);
    expect(run.stdout).toContain(`SQLite ${env.SQLITE_DB_PATH}: applied ${tags.length} migration(s)\n`);
    expect(run.stdout).toContain('next: `pnpm start`');
    expect(JSON.parse(await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8'))).toMatchObject({ projectName: `UX Demo ${suffix}`, dbPrefix: `ux_demo_${suffix}` });
    expect(tablesOf(env.SQLITE_DB_PATH!)).toContain(`ux_demo_${suffix}_schema_migrations`);
  }, 60_000);

  it('a piped setup without the confirmation line changes nothing and says why (exit 1)', async () => {
    const cwd = join(dir.path, 'unconfirmed');
    await mkdir(cwd);
    const run = await runPiped(cwd, 'db-setup.ts', [], 'Never Confirmed\n', { ...env, SQLITE_DB_PATH: join(cwd, 'never.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [OPS_NOT_CONFIRMED] no answer on stdin to the confirmation; nothing was changed');
    expect(existsSync(join(cwd, 'data'))).toBe(false);
    expect(existsSync(join(cwd, 'never.db'))).toBe(false);
  }, 60_000);

  it('rename-prefix shows its plan (--dry-run changes nothing, no --yes without a terminal is refused); then db:setup --yes keeps the new prefix', async () => {
    const to = `ux_renamed_${suffix}`;
    const dry = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-rename-prefix.ts'), ['--to', to, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`rename 32 table\\(s\\) of prefix ux_demo_${suffix} .* to ${to}_`));
    expect(dry.stdout).toContain('--dry-run: nothing was changed');
    const refused = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-rename-prefix.ts'), ['--to', to], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [OPS_NOT_CONFIRMED]');
    expect(tablesOf(env.SQLITE_DB_PATH!).filter((t) => t.startsWith(`${to}_`))).toEqual([]);

    const renamed = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-rename-prefix.ts'), ['--to', to, '--yes'], env);
    expect(renamed.stderr).toBe('');
    expect(renamed.code).toBe(0);
    const again = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes'], env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`prefix     ${to}`);
    expect(JSON.parse(await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8'))).toMatchObject({ dbPrefix: to });
    // No second, empty copy of the schema under the old prefix.
    expect(tablesOf(env.SQLITE_DB_PATH!).filter((t) => t.startsWith(`ux_demo_${suffix}_`))).toEqual([]);
    expect(tablesOf(env.SQLITE_DB_PATH!).filter((t) => t.startsWith(`${to}_`))).toHaveLength(32);
  }, 90_000);

  it('db:status exits 1 while a migration is pending and 0 once all are applied; db:seed says which set it chose', async () => {
    const statusEnv = { ...env, SQLITE_DB_PATH: join(dir.path, 'status.db'), DB_PREFIX: 'st', DB_CONFIG_FILE: join(dir.path, 'none.json') };
    const pending = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-status.ts'), [], statusEnv);
    expect(pending.code).toBe(1);
    for (const tag of tags) expect(pending.stdout).toMatch(new RegExp(`${tag}\\s+pending`));
    expect(pending.stdout).toContain('migration(s) pending: run `pnpm db:migrate`');
    const pendingJson = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-status.ts'), ['--json'], statusEnv);
    expect(pendingJson.code).toBe(1);
    expect(JSON.parse(pendingJson.stdout)).toMatchObject({ ok: true, rows: tags.map((tag) => ({ tag, state: 'pending' })) });
    expect((await migrate(resolveConfig({ env: statusEnv, configFile: false }))).ok).toBe(true);
    const applied = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-status.ts'), [], statusEnv);
    expect(applied.code).toBe(0);
    const seeded = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-seed.ts'), [], statusEnv);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('--env not given: seeding the development set');
  }, 60_000);

  it('long commands print each step as it starts and its time when it ends (CTS_PROGRESS=1 or a terminal); quiet otherwise', async () => {
    const migrateEnv = { ...env, SQLITE_DB_PATH: join(dir.path, 'progress.db'), DB_PREFIX: 'pg_progress', DB_CONFIG_FILE: join(dir.path, 'none.json') };
    const shown = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-migrate.ts'), [], { ...migrateEnv, CTS_PROGRESS: '1' });
    expect(shown.code).toBe(0);
    expect(shown.stderr.replace(/\(\d+ ms\)/g, '(N ms)')).toBe(tags.map((tag) => `... applying ${tag}\ndone applying ${tag} (N ms)\n`).join(''));
    const quiet = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-migrate.ts'), [], { ...migrateEnv, DB_PREFIX: 'pg_quiet' });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    // --no-cache: a clean verdict kept from an earlier run would answer without any step.
    const check = await runScriptIn(REPO_ROOT, join(REPO_ROOT, 'scripts', 'db-check.ts'), ['--no-cache'], { CTS_PROGRESS: '1' });
    expect(check.code).toBe(0);
    for (const step of ['schema/ against the latest snapshots', 'down migrations', 'migration safety lint', 'replay: every migration']) {
      expect(check.stderr).toContain(`... ${step}`);
      expect(check.stderr).toMatch(new RegExp(`done ${step.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.* \\(\\d+ ms\\)`));
    }
    const json = await runScriptIn(REPO_ROOT, join(REPO_ROOT, 'scripts', 'db-check.ts'), ['--json'], { CTS_PROGRESS: '1' });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
  }, 120_000);

  it('the bearer scheme is matched case-insensitively (RFC 9110)', async () => {
    const config = resolveConfig({ env: { SQLITE_DB_PATH: join(dir.path, 'bearer.db'), DB_PREFIX: 'br' }, configFile: false });
    const checker = createHealthChecker(config);
    try {
      const handler = createMigrationStatusHandler(checker, new Secret('s3cret-token'));
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        const res = await handler(new Request('http://127.0.0.1/api/admin/migrations/status', { headers: { authorization: `${scheme} s3cret-token` } }));
        expect(res.status, scheme).not.toBe(401);
      }
      const wrong = await handler(new Request('http://127.0.0.1/api/admin/migrations/status', { headers: { authorization: 'bearer nope' } }));
      expect(wrong.status).toBe(401);
    } finally {
      await checker.close();
    }
  });
});
