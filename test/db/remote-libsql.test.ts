/**
 * A remote libSQL server (sqld, what Turso runs) named by DATABASE_URL, tested against a real sqld on a
 * loopback port with JWT authentication: the commands as processes, the typed accessors against a local file
 * (identical results), the migration runner's transactions (foreign keys off for a rebuild, checked before
 * COMMIT), concurrent runs, a wrong token, and the file-only operations refused.
 */
import { createClient, type Client } from '@libsql/client';
import Database from 'libsql';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type DbConfig } from '../../src/config/index.js';
import { ConnectionError, ctsDatabase, openAppDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { appScenario } from '../accessors/app-scenario.js';
import { committedTags } from '../support/committed-migrations.js';
import { createMigrationTarget, writeMigrationFolder } from '../support/migration-fixtures.js';
import { freePort } from '../support/pgbouncer.js';
import { REPO_ROOT, runScriptIn, type CommandResult } from '../support/repo-copy.js';
import { sqldMissing, startSqld, type Sqld } from '../support/sqld.js';
import { createTempDir } from '../support/temp-dir.js';
import { rejectionOf } from '../support/thrown.js';

const missing = sqldMissing();
if (missing !== undefined) console.warn(`remote libSQL tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)('a remote libSQL server (sqld) named by DATABASE_URL', () => {
  let server: Sqld;
  let raw: Client;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    server = await startSqld();
    raw = createClient({ url: server.httpUrl, authToken: server.token });
    dir = await createTempDir('cts-remote');
  }, 60_000);
  afterAll(async () => {
    raw?.close();
    await server?.stop();
    await dir?.cleanup();
  });

  /** The environment of a command on the server: nothing of the test's own database settings leaks in. */
  const envFor = (prefix: string, extra: Record<string, string> = {}) => ({
    DB_PREFIX: prefix,
    DATABASE_URL: server.httpUrl,
    DATABASE_AUTH_TOKEN: server.token,
    DB_CONFIG_FILE: join(dir.path, 'none.json'),
    SQLITE_DB_PATH: '',
    DATABASE_TYPE: '',
    VERCEL: '',
    ...extra,
  });
  const run = (script: string, args: readonly string[], env: Record<string, string>): Promise<CommandResult> => runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${script}.ts`), args, env);
  const config = (prefix: string, extra: Record<string, string> = {}): DbConfig => resolveConfig({ cwd: dir.path, env: envFor(prefix, extra), configFile: false });
  const ledger = async (prefix: string) => (await raw.execute(`select tag from ${prefix}_schema_migrations order by journal_idx`)).rows.map((r) => r.tag);
  const tables = async (prefix: string) =>
    (await raw.execute({ sql: "select name from sqlite_master where type = 'table' and name like ? order by name", args: [`${prefix}\\_%`] })).rows.map((r) => r.name);

  it('db:migrate applies the committed migrations on the server, then nothing; db:status and db:health read it; the token is never shown', async () => {
    const first = await run('db-migrate', ['--json'], envFor('rm'));
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, applied: committedTags('sqlite').length });
    expect(await ledger('rm')).toEqual(committedTags('sqlite'));

    const again = await run('db-migrate', ['--json'], envFor('rm'));
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, applied: 0 });

    const status = await run('db-status', ['--json'], envFor('rm'));
    expect(status.code, status.stderr).toBe(0);
    const statusJson = JSON.parse(status.stdout) as { ok: boolean; ledgerExists: boolean; rows: { tag: string; state: string }[]; problems: unknown[] };
    expect([statusJson.ok, statusJson.ledgerExists, statusJson.problems]).toEqual([true, true, []]);
    expect(statusJson.rows.map((r) => [r.tag, r.state])).toEqual(committedTags('sqlite').map((tag) => [tag, 'applied']));

    const health = await run('db-health', ['--json'], envFor('rm'));
    expect(health.code, health.stderr).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ status: 'healthy' });

    const info = await run('db-info', ['--json'], envFor('rm'));
    expect(info.code, info.stderr).toBe(0);
    expect((JSON.parse(info.stdout) as { config: { dialect: string; sqlite: unknown } }).config).toMatchObject({ dialect: 'sqlite', sqlite: { url: server.httpUrl, authToken: 'set' } });

    for (const out of [first, again, status, health, info]) expect(`${out.stdout}${out.stderr}`).not.toContain(server.token);
  }, 180_000);

  it('the typed accessors give the same results on the server (over WebSocket) as on a local file, field by field', async () => {
    const remote = config('ra', { DATABASE_URL: server.wsUrl });
    const migrated = await migrate(remote);
    expect(migrated.error).toBeUndefined();
    const local = await createMigrationTarget('sqlite');
    try {
      const localConfig = local.config('ra');
      expect((await migrate(localConfig)).ok).toBe(true);
      // The same objects on the server as in the file: the migrations' temporary tables are gone from both.
      const file = new Database(local.sqlitePath!, { readonly: true });
      const objects = "select type, name, tbl_name from sqlite_master where name not like 'sqlite_%' order by type, name";
      const inFile = (file.prepare(objects).all() as { type: string; name: string; tbl_name: string }[]).map((r) => [r.type, r.name, r.tbl_name]);
      file.close();
      expect((await raw.execute(objects)).rows.filter((r) => String(r.name).startsWith('ra_') || String(r.tbl_name).startsWith('ra_')).map((r) => [r.type, r.name, r.tbl_name])).toEqual(inFile);
      expect(inFile.some(([, name]) => name === 'ra_exchange_connections')).toBe(true);
      const onServer = ctsDatabase(await openAppDatabase(remote));
      const onFile = ctsDatabase(await openAppDatabase(localConfig));
      try {
        const serverOutcome = await appScenario(onServer);
        const fileOutcome = await appScenario(onFile);
        expect(Object.keys(serverOutcome)).toEqual(Object.keys(fileOutcome));
        for (const key of Object.keys(fileOutcome)) expect(serverOutcome[key], key).toEqual(fileOutcome[key]);
      } finally {
        await onServer.close();
        await onFile.close();
      }
      // What the scenario left is on the server, not in some local file.
      expect((await raw.execute("select name from ra_exchange_connections order by name")).rows.map((r) => r.name)).toEqual(['main', 'spare']);
      // Recursively: the default file would be data/cts.db under the working directory.
      expect(readdirSync(dir.path, { recursive: true, encoding: 'utf8' }).filter((name) => /\.db(-wal|-shm)?$/.test(name))).toEqual([]);
    } finally {
      await local.cleanup();
    }
  }, 180_000);

  it('a wrong token: the app gets CONNECTION_AUTH_FAILED at open, db:migrate exits 1 saying so; neither shows the token', async () => {
    const error = await rejectionOf(ConnectionError, openAppDatabase(config('rw', { DATABASE_AUTH_TOKEN: server.wrongToken })));
    expect(error.code).toBe('CONNECTION_AUTH_FAILED');
    expect(error.message.split('\n')[0]).toBe(`cannot reach the libSQL server ${server.httpUrl}: Server returned HTTP status 401`);
    expect(error.message).not.toContain(server.wrongToken);

    const noToken = await rejectionOf(ConnectionError, openAppDatabase(config('rw', { DATABASE_AUTH_TOKEN: '' })));
    expect(noToken.code).toBe('CONNECTION_AUTH_FAILED');

    const migrated = await run('db-migrate', ['--json'], envFor('rw', { DATABASE_AUTH_TOKEN: server.wrongToken }));
    expect(migrated.code).toBe(1);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ ok: false, error: { code: 'CONNECTION_AUTH_FAILED' } });
    expect(`${migrated.stdout}${migrated.stderr}`).not.toContain(server.wrongToken);
    expect(await tables('rw')).toEqual([]);
  }, 120_000);

  it('a server that is not there: CONNECTION_REFUSED naming the URL', async () => {
    // A port nothing listens on (not 1: fetch refuses to dial it at all, "bad port").
    const port = await freePort();
    const error = await rejectionOf(ConnectionError, openAppDatabase(config('rx', { DATABASE_URL: `http://127.0.0.1:${port}` })));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message.split('\n')[0]).toBe(`cannot reach the libSQL server http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  describe('migrations run as on a file', () => {
    const options = async (migrations: { tag: string; sql: string }[]) => {
      const root = join(dir.path, `migrations-${migrations.length}-${migrations.at(-1)?.tag ?? 'none'}`);
      await writeMigrationFolder(root, 'sqlite', migrations);
      return { migrationsRoot: root, criticalTables: [] as string[] };
    };
    const BASE = {
      tag: '0000_tree',
      sql: [
        'CREATE TABLE parents (id text PRIMARY KEY NOT NULL, name text);',
        'CREATE TABLE children (id text PRIMARY KEY NOT NULL, parent_id text NOT NULL REFERENCES parents(id) ON DELETE CASCADE);',
      ].join('\n--> statement-breakpoint\n'),
    };
    const REBUILD = {
      tag: '0001_rebuild',
      sql: [
        'PRAGMA foreign_keys=OFF;',
        'CREATE TABLE `__new_parents` (id text PRIMARY KEY NOT NULL, name text NOT NULL DEFAULT \'\');',
        'INSERT INTO `__new_parents`("id", "name") SELECT "id", coalesce("name", \'\') FROM `parents`;',
        'DROP TABLE `parents`;',
        'ALTER TABLE `__new_parents` RENAME TO `parents`;',
        'PRAGMA foreign_keys=ON;',
      ].join('\n--> statement-breakpoint\n'),
    };

    it("a parent table's rebuild keeps its children: foreign keys are off on the migration's connection, though sqld turns them on", async () => {
      expect((await raw.execute('pragma foreign_keys')).rows[0]?.[0]).toBe(1);
      expect((await migrate(config('rf'), await options([BASE]))).ok).toBe(true);
      await raw.execute("insert into rf_parents (id, name) values ('p1', 'one'), ('p2', null)");
      await raw.execute("insert into rf_children (id, parent_id) values ('c1', 'p1'), ('c2', 'p1'), ('c3', 'p2')");
      const run = await migrate(config('rf'), await options([BASE, REBUILD]));
      expect([run.ok, run.applied, run.error]).toEqual([true, 1, undefined]);
      expect((await raw.execute('select id, parent_id from rf_children order by id')).rows.map((r) => [r.id, r.parent_id])).toEqual([
        ['c1', 'p1'],
        ['c2', 'p1'],
        ['c3', 'p2'],
      ]);
      expect((await raw.execute('select id, name from rf_parents order by id')).rows.map((r) => [r.id, r.name])).toEqual([
        ['p1', 'one'],
        ['p2', ''],
      ]);
      expect(await ledger('rf')).toEqual(['0000_tree', '0001_rebuild']);
    }, 60_000);

    it('a migration that would leave orphans is rolled back whole, its ledger row with it', async () => {
      expect((await migrate(config('ro'), await options([BASE]))).ok).toBe(true);
      await raw.execute("insert into ro_parents (id, name) values ('p1', 'one')");
      await raw.execute("insert into ro_children (id, parent_id) values ('c1', 'p1')");
      const orphan = { tag: '0001_orphan', sql: "INSERT INTO parents (id, name) VALUES ('p9', 'nine');\n--> statement-breakpoint\nDELETE FROM parents WHERE id = 'p1';" };
      const run = await migrate(config('ro'), await options([BASE, orphan]));
      expect([run.ok, run.applied, run.error?.code]).toEqual([false, 0, 'MIGRATION_FOREIGN_KEY_VIOLATION']);
      expect(run.error?.message.split('\n')[0]).toBe('the migration leaves 1 row(s) violating foreign keys: ro_children rowid 1 -> ro_parents');
      expect((await raw.execute('select id from ro_parents order by id')).rows.map((r) => r.id)).toEqual(['p1']);
      expect(await ledger('ro')).toEqual(['0000_tree']);
    }, 60_000);

    it('three db:migrate processes at once on one prefix: each migration applied once, the ledger exact, every run exits 0', async () => {
      const runs = await Promise.all([0, 1, 2].map(() => run('db-migrate', ['--json'], envFor('rc'))));
      for (const r of runs) expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      const applied = runs.map((r) => (JSON.parse(r.stdout) as { applied: number }).applied);
      expect(applied.reduce((a, b) => a + b, 0)).toBe(committedTags('sqlite').length);
      expect(await ledger('rc')).toEqual(committedTags('sqlite'));
    }, 240_000);
  });

  it('db:backup, db:restore, db:rename-prefix and db:studio say they work on a local file, and change nothing', async () => {
    expect((await run('db-migrate', [], envFor('rb'))).code).toBe(0);
    const before = await tables('rb');
    const file = join(dir.path, 'backup.db');
    for (const [script, args] of [
      ['db-backup', ['--file', file]],
      ['db-restore', [file]],
      ['db-rename-prefix', ['--to', 'rb2', '--yes']],
      ['db-studio', ['--port', String(await freePort())]],
    ] as const) {
      const out = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${script}.ts`), args, envFor('rb'), 60_000);
      expect(out.code, `${script}: ${out.stdout}${out.stderr}`).toBe(1);
      expect(`${out.stdout}${out.stderr}`, script).toContain(`works on a local SQLite file, and DATABASE_URL names the libSQL server ${server.httpUrl}`);
      expect(`${out.stdout}${out.stderr}`).not.toContain(server.token);
    }
    expect(existsSync(file)).toBe(false);
    expect(await tables('rb')).toEqual(before);
    expect(await tables('rb2')).toEqual([]);
  }, 120_000);
});
