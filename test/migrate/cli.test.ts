import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { copyRepo, REPO_ROOT, runScriptIn, scriptArgs, type CommandResult } from '../support/repo-copy.js';
import { catalogNames } from '../support/catalog.js';
import { embedMigrations } from '../support/embed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

async function ledgerTags(target: MigrationTarget, prefix: string): Promise<string[]> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe<{ tag: string }[]>(`select tag from "${prefix}_schema_migrations" order by tag`)).map((r) => r.tag);
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath as string);
  try {
    return (db.prepare(`select tag from "${prefix}_schema_migrations" order by tag`).all() as { tag: string }[]).map((r) => r.tag);
  } finally {
    db.close();
  }
}

describe.each(DIALECTS)('migration commands on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let copy: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    copy = await copyRepo();
  });
  afterAll(async () => {
    await target.cleanup();
    await copy.cleanup();
  });
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  const tags = committedTags(dialect);

  // Only PostgreSQL needs a server for it; on a machine without one the SQLite run still proves the lock.
  (dialect === 'postgresql' ? itNeedsServer : it)('8 processes started at once all exit 0 and apply each migration exactly once', async () => {
    const env = { ...target.env, DB_PREFIX: 'race' };
    const runs = await Promise.all(Array.from({ length: 8 }, () => runScriptIn(REPO_ROOT, 'db-migrate.ts', [], env)));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    // Each migration is its own locked transaction, so the runs may share the work: each tag is applied by exactly one.
    expect(tags.map((tag) => runs.filter((r) => r.stdout.includes(`  applied  ${tag} (`)).length)).toEqual(tags.map(() => 1));
    expect(await ledgerTags(target, 'race')).toEqual(tags);
  }, 120_000);

  // The CI failure this guards: one of the 8 runs above met a file still in its rollback journal while another
  // held its write lock, and SQLite refuses that switch to WAL at once instead of waiting (database is locked).
  if (dialect === 'sqlite') {
    it('db:migrate waits for another process holding a write lock on a new file, then migrates it', async () => {
      const path = join(target.sqlitePath as string, '..', 'held-at-open.db');
      const holder = await holdWriteLock(path, 3_000);
      const run = await runScriptIn(REPO_ROOT, 'db-migrate.ts', [], { ...target.env, SQLITE_DB_PATH: path, DB_PREFIX: 'held' });
      await holder.exited;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await ledgerTags({ ...target, sqlitePath: path }, 'held')).toEqual(tags);
    }, 120_000);
  }

  it('db:migrate, db:status and db:validate report in words; after tampering, validate and migrate exit 1 naming the file and both checksums', async () => {
    const env = { ...target.env, DB_PREFIX: 'cli' };
    const first = await runScriptIn(copy.root, 'db-migrate.ts', [], env);
    expect(first.code).toBe(0);
    for (const tag of tags) expect(first.stdout).toMatch(new RegExp(`applied\\s+${tag} \\(\\d+ ms\\)`));
    expect(first.stdout).toContain(`applied ${tags.length} migration(s); ${tags.length} in total`);
    const again = await runScriptIn(copy.root, 'db-migrate.ts', [], env);
    expect(again.stdout).toContain('already up to date');
    const status = await runScriptIn(copy.root, 'db-status.ts', [], env);
    expect(status.code).toBe(0);
    for (const [i, tag] of tags.entries()) expect(status.stdout).toMatch(new RegExp(`${i}\\s+${tag}\\s+applied\\s+\\d{4}-\\d\\d-\\d\\dT`));
    expect((await runScriptIn(copy.root, 'db-validate.ts', [], env)).code).toBe(0);

    const file = join(copy.root, 'drizzle', folder, '0000_init.sql');
    const original = await readFile(file, 'utf8');
    await appendFile(file, '\n-- an innocent-looking edit\n');
    const before = await catalogNames(target);
    // Not embedded yet: the commands refuse to apply the embedded set while drizzle/ differs from it.
    for (const script of ['db-validate.ts', 'db-migrate.ts']) {
      const stale = await runScriptIn(copy.root, script, [], env);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain('MIGRATION_EMBEDDED_STALE');
      expect(stale.stderr).toContain(`drizzle/${folder}/0000_init.sql: edited since it was embedded`);
      expect(stale.stderr).toContain('pnpm db:generate');
    }
    // From the folder (--migrations-dir) at once, naming the file's path; from the embedded migrations once
    // db:generate embedded the edit, naming the embedded migration (not a path of the copy).
    const modes = [
      { args: ['--migrations-dir', join(copy.root, 'drizzle')], names: file, embedded: false },
      { args: [], names: `drizzle/${folder}/0000_init.sql`, embedded: true, before: () => embedMigrations(copy.root) },
    ];
    for (const mode of modes) {
      await mode.before?.();
      for (const script of ['db-validate.ts', 'db-migrate.ts']) {
        const run: CommandResult = await runScriptIn(copy.root, script, mode.args, env);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('MIGRATION_CHECKSUM_MISMATCH');
        expect(run.stderr).toContain(mode.names);
        if (mode.embedded) expect(run.stderr).not.toContain(copy.root);
        expect(run.stderr).toMatch(/has checksum [0-9a-f]{64}, the ledger recorded [0-9a-f]{64}/);
      }
    }
    expect(await catalogNames(target)).toEqual(before);
    await writeFile(file, original);
    await embedMigrations(copy.root);
  }, 60_000);
});

describe('a migrating process killed with SIGKILL', () => {
  let target: MigrationTarget;
  let copy: { root: string; cleanup: () => Promise<void> };
  const slow = nextTag('pg', 'slow');
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
    copy = await copyRepo();
    // A second migration that takes a while, so the process can be killed in the middle of it.
    const journalFile = join(copy.root, 'drizzle', 'pg', 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
    journal.entries.push({ ...journal.entries[0]!, idx: journal.entries.length, tag: slow });
    await writeFile(journalFile, JSON.stringify(journal));
    await writeFile(join(copy.root, 'drizzle', 'pg', `${slow}.sql`), 'CREATE TABLE presets_slow_marker (id text);\nSELECT pg_sleep(3);\n');
    await embedMigrations(copy.root);
  });
  afterAll(async () => {
    await target.cleanup();
    await copy.cleanup();
  });

  itNeedsServer('mid-statement releases the lock and leaves no trace; the next run completes', async () => {
    const env = { ...process.env, ...target.env, DB_PREFIX: 'killed' };
    const child = spawn(process.execPath, scriptArgs('db-migrate.ts'), { cwd: copy.root, env, stdio: 'ignore' });
    const sql = postgres(target.pg!.url, { max: 1, onnotice: () => {} });
    try {
      // Wait until the slow statement is running in the database.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await sql`select 1 from pg_stat_activity where query like 'SELECT pg_sleep(3)%' and state = 'active'`;
        if (rows.length > 0) break;
        if (Date.now() > deadline) throw new Error('the slow migration never started');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const rerun = await runScriptIn(copy.root, 'db-migrate.ts', ['--lock-timeout', '20000'], { ...target.env, DB_PREFIX: 'killed' });
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(new RegExp(`applied\\s+${slow}`));
      expect(await ledgerTags(target, 'killed')).toEqual([...committedTags('pg'), slow]);
      // Exactly one marker table: the killed attempt left nothing behind.
      expect((await catalogNames(target)).filter((n) => n === 'killed_presets_slow_marker')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await sql.end();
    }
  }, 90_000);
});

/** Starts a process that creates `path` in rollback-journal mode and holds a write transaction on it for `ms`; resolves once it holds it. */
async function holdWriteLock(path: string, ms: number): Promise<{ readonly exited: Promise<void> }> {
  const source = [
    "import Database from 'libsql';",
    `const db = new Database(${JSON.stringify(path)});`,
    "db.exec('create table t (x)');",
    "db.exec('begin immediate'); db.exec('insert into t values (1)');",
    "process.stdout.write('held\\n');",
    `setTimeout(() => { db.exec('commit'); db.close(); }, ${ms});`,
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the lock holder exited with ${code}`)))));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    exited.then(() => reject(new Error('the lock holder exited before it held the lock')), reject);
  });
  // Wrapped: an async function returning the promise itself would wait for the exit, after the lock is gone.
  return { exited };
}
