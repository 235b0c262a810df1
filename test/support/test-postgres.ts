import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject, it } from 'vitest';
import { Secret, type PostgresSettings } from '../../src/config/index.js';
import type { PostgresTestMode } from './postgres-global-setup.js';

export interface TestPostgres {
  readonly mode: PostgresTestMode;
  /** URL of this test file's own database. */
  readonly url: string;
  /**
   * The environment of an app or command on this database: DATABASE_URL, and on PGlite DB_PREPARE=false and
   * DB_COPY=false (one backend behind every connection: named statements collide, and its socket server does
   * not speak COPY FROM STDIN).
   */
  readonly env: Readonly<Record<string, string>>;
  readonly database: string;
  /** URL of the server's maintenance database (server mode) for catalog checks across databases. */
  readonly adminUrl: string;
  settings(overrides?: Partial<Omit<PostgresSettings, 'url' | 'redactedUrl'>>): PostgresSettings;
  cleanup(): Promise<void>;
}

export const postgresMode = (): PostgresTestMode => inject('postgresMode');

/** Reason printed when a test needs a real server and the run is on PGlite (never the case under CI). */
export const NEEDS_SERVER = 'needs a real PostgreSQL server (roles, several databases, concurrent sessions, OS processes); this run is on PGlite';

/**
 * Gives the calling test file its own fresh database: on the server a randomly named database that is
 * dropped afterwards, on PGlite an in-memory instance behind a local socket.
 */
export async function createTestPostgres(): Promise<TestPostgres> {
  const mode = postgresMode();
  const base = inject('postgresUrl');
  const database = `cts_test_${randomBytes(6).toString('hex')}`;
  const settingsFor = (url: string) => (overrides: Partial<Omit<PostgresSettings, 'url' | 'redactedUrl'>> = {}): PostgresSettings => ({
    url: new Secret(url),
    redactedUrl: url,
    poolMax: 5,
    idleTimeoutMs: 30_000,
    connectTimeoutMs: 5_000,
    ...overrides,
  });

  if (mode === 'server') {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${database}"`);
    } catch (error) {
      await admin.end({ timeout: 1 });
      throw error;
    }
    const url = new URL(base);
    url.pathname = `/${database}`;
    return {
      mode,
      url: url.toString(),
      env: { DATABASE_URL: url.toString() },
      database,
      adminUrl: base,
      settings: settingsFor(url.toString()),
      cleanup: async () => {
        await admin.unsafe(`drop database if exists "${database}" with (force)`);
        await admin.end({ timeout: 5 });
      },
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    mode,
    url,
    env: { DATABASE_URL: url, DB_PREPARE: 'false', DB_COPY: 'false' },
    database: 'postgres',
    adminUrl: url,
    // One PGlite backend behind every connection: named statements collide (see postgres-global-setup.ts).
    settings: (overrides = {}) => settingsFor(url)({ prepare: false, copy: false, ...overrides }),
    cleanup: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * A test that needs a real PostgreSQL server. On PGlite (only ever outside CI) it is skipped, and the reason
 * is printed, not just counted.
 */
export function itNeedsServer(name: string, fn: () => Promise<void>, timeoutMs?: number): void {
  if (postgresMode() === 'pglite') {
    console.log(`[tests] skipped on PGlite: ${name}: ${NEEDS_SERVER}`);
    it.skip(`${name} (${NEEDS_SERVER})`, fn);
  } else {
    it(name, fn, timeoutMs);
  }
}
