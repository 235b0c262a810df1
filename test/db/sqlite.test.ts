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
});
