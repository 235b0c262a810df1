import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type DbConfig } from '../../config/index.js';

/** An empty throw-away database of one dialect, built in-process: no server is needed. */
export interface ScratchDatabase {
  config(prefix: string): DbConfig;
  /** Back to empty. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** SQLite: a file in a fresh temporary folder (the runner needs a path; it is removed on close). */
export async function sqliteScratch(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'cts-db-check-'));
  let n = 0;
  let path = join(dir, `scratch-${n}.db`);
  return {
    config: (prefix) => resolveConfig({ env: { DATABASE_TYPE: 'sqlite', SQLITE_DB_PATH: path, DB_PREFIX: prefix }, configFile: false }),
    reset: async () => {
      n += 1;
      path = join(dir, `scratch-${n}.db`);
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) in memory, served on a loopback port so the real
 * runner reaches it over its normal driver. Needs the development dependencies @electric-sql/pglite and
 * @electric-sql/pglite-socket.
 */
export async function pgliteScratch(): Promise<ScratchDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    config: (prefix) => resolveConfig({ env: { DATABASE_URL: url, DB_PREFIX: prefix }, configFile: false }),
    reset: async () => {
      await db.exec('drop schema public cascade; create schema public;');
    },
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
