import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { ConnectionError, openDatabase, openSqlite } from '../../src/db/index.js';
import { createTempDir } from '../support/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ path: dir, cleanup } = await createTempDir('cts-sqlite'));
});
afterAll(() => cleanup());

const mode = (path: string) => statSync(path).mode & 0o777;

describe('SQLite through @libsql/client (real files)', () => {
  it('creates the parent folder and the file with mode 0600; WAL and SHM files are 0600 too', async () => {
    const path = join(dir, 'nested', 'deeper', 'cts.db');
    const handle = await openSqlite({ path, busyTimeoutMs: 1_000 });
    try {
      expect(mode(path)).toBe(0o600);
      await handle.client.execute('create table t (id integer primary key)');
      await handle.client.execute('insert into t values (1)');
      for (const extra of [`${path}-wal`, `${path}-shm`]) {
        expect(existsSync(extra)).toBe(true);
        expect(mode(extra)).toBe(0o600);
      }
    } finally {
      await handle.close();
    }
  });

  it('turns on foreign keys, WAL and the busy timeout, on every pooled connection', async () => {
    const path = join(dir, 'pragmas.db');
    const handle = await openSqlite({ path, busyTimeoutMs: 1_234 });
    try {
      const pragma = async (name: string) => Object.values((await handle.client.execute(`PRAGMA ${name}`)).rows[0] ?? {})[0];
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(1_234);

      await handle.client.execute('create table parent (id text primary key)');
      await handle.client.execute('create table child (id text primary key, parent_id text not null references parent(id))');
      await expect(handle.client.execute("insert into child values ('c1', 'missing')")).rejects.toThrow(/FOREIGN KEY constraint failed/);

      // A Drizzle transaction borrows a second pooled connection: foreign keys must hold there too.
      await expect(
        handle.db.transaction(async (tx) => {
          const fk = await tx.get<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
          expect(fk.foreign_keys).toBe(1);
          await tx.run(sql`insert into child values ('c2', 'missing')`);
        }),
      ).rejects.toSatisfy((error: unknown) => /FOREIGN KEY constraint failed/.test(String((error as Error).cause)));
      // ... while a read on the client runs alongside it on another connection.
      const rows = await handle.client.execute('select count(*) as n from child');
      expect(rows.rows[0]?.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('keeps an existing database and its data', async () => {
    const path = join(dir, 'existing.db');
    const first = await openSqlite({ path, busyTimeoutMs: 1_000 });
    await first.client.execute('create table kept (v text)');
    await first.client.execute("insert into kept values ('still here')");
    await first.close();
    const second = await openSqlite({ path, busyTimeoutMs: 1_000 });
    try {
      expect((await second.client.execute('select v from kept')).rows[0]?.v).toBe('still here');
    } finally {
      await second.close();
    }
  });

  it('openDatabase opens SQLite by default, at SQLITE_DB_PATH', async () => {
    const path = join(dir, 'via-config', 'app.db');
    const handle = await openDatabase(resolveConfig({ cwd: dir, env: { SQLITE_DB_PATH: path }, configFile: false }));
    try {
      expect(handle.dialect).toBe('sqlite');
      expect(handle.target).toBe(path);
      if (handle.dialect !== 'sqlite') throw new Error('unreachable');
      const row = await handle.db.get<{ one: number }>(sql`select 1 as one`);
      expect(row.one).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('a location under a file gives SQLITE_PATH_INVALID naming the path', async () => {
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const path = join(blocker, 'cts.db');
    const error = await openSqlite({ path, busyTimeoutMs: 1_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('SQLITE_PATH_INVALID');
    expect((error as ConnectionError).message).toContain(path);
    expect((error as ConnectionError).message).toContain('a folder on its path is a file');
  });

  it('a file that is not a database gives SQLITE_NOT_A_DATABASE and is left untouched', async () => {
    const path = join(dir, 'garbage.db');
    const garbage = 'this is not a sqlite database, it is a long enough text file to be read as a header'.repeat(20);
    await writeFile(path, garbage);
    await chmod(path, 0o600);
    const error = await openSqlite({ path, busyTimeoutMs: 1_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ConnectionError).code).toBe('SQLITE_NOT_A_DATABASE');
    expect(await readFile(path, 'utf8')).toBe(garbage);
  });

  // Another process holds a write transaction on a file still in its rollback journal: SQLite answers the
  // switch to WAL with SQLITE_BUSY at once, without its busy handler (the 8-process db:migrate case in CI).
  it('waits for another process that holds a write lock while the file is switched to WAL, then opens it', async () => {
    const path = join(dir, 'held.db');
    const holder = await holdWriteLock(path, 800);
    const handle = await openSqlite({ path, busyTimeoutMs: 10_000 });
    try {
      const mode = (await handle.client.execute('PRAGMA journal_mode')).rows[0];
      expect(mode?.journal_mode).toBe('wal');
      // The row of the held transaction: the open waited for its commit (the switch to WAL cannot happen
      // under another writer's lock). Not the holder's "released" line, which can arrive after the open
      // returns: seen in CI, on a loaded machine.
      expect((await handle.client.execute('select count(*) as n from t')).rows[0]?.n).toBe(1);
    } finally {
      await handle.close();
      await holder.exited;
    }
    expect(holder.releasedAt()).toBeGreaterThan(0);
  });

  it('gives up after SQLITE_BUSY_TIMEOUT_MS with SQLITE_OPEN_FAILED naming the file, the wait and the setting', async () => {
    const path = join(dir, 'held-long.db');
    const holder = await holdWriteLock(path, 2_500);
    const error = await openSqlite({ path, busyTimeoutMs: 300 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(holder.releasedAt()).toBe(0);
    await holder.exited;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('SQLITE_OPEN_FAILED');
    expect((error as ConnectionError).message).toBe(
      `cannot open SQLite database ${path}: another connection held a write lock on it for longer than SQLITE_BUSY_TIMEOUT_MS (300 ms)\n` +
        '  hint: find the program holding a long write transaction on the file, or raise SQLITE_BUSY_TIMEOUT_MS',
    );
  });
});

/** A child process that creates `path` in rollback-journal mode, holds a write transaction for `ms`, then commits one row. */
async function holdWriteLock(path: string, ms: number): Promise<{ exited: Promise<void>; releasedAt: () => number }> {
  const source = [
    "import Database from 'libsql';",
    `const db = new Database(${JSON.stringify(path)});`,
    "db.exec('create table t (x)');",
    "db.exec('begin immediate'); db.exec('insert into t values (1)');",
    "process.stdout.write('held\\n');",
    `setTimeout(() => { db.exec('commit'); db.close(); process.stdout.write('released\\n'); }, ${ms});`,
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  let released = 0;
  let out = '';
  const held = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('held')) resolve();
      if (out.includes('released') && released === 0) released = Date.now();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code} before holding the lock: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await held;
  return { exited, releasedAt: () => released };
}
