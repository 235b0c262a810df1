import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { redactUrl } from '../../src/errors/index.js';
import { DEFAULT_TEST_DATABASE_URL, isCi } from './ci.js';

export type PostgresTestMode = 'server' | 'pglite';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresMode: PostgresTestMode;
    postgresUrl: string;
  }
}

/**
 * Decides once per run where the PostgreSQL suite runs: the server at TEST_DATABASE_URL when it answers,
 * else embedded PGlite (each test file then starts its own, served over a local socket so the same
 * postgres.js code path is exercised). Under CI a missing server fails the run instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  let mode: PostgresTestMode;
  try {
    const [row] = await sql`select current_setting('server_version') as v`;
    mode = 'server';
    console.log(`[tests] PostgreSQL suite runs on the server at ${redactUrl(url)} (PostgreSQL ${String(row?.v)})`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (isCi()) {
      throw new Error(
        `[tests] CI is set and no PostgreSQL server answers at ${redactUrl(url)} (${why}). ` +
          'Start it (see .ci/run) or set TEST_DATABASE_URL; under CI the suite never falls back to PGlite.',
      );
    }
    mode = 'pglite';
    console.log(
      `[tests] no PostgreSQL server at ${redactUrl(url)} (${why}): the PostgreSQL suite runs on embedded PGlite; ` +
        'tests that need a real server are skipped with their reason',
    );
    // PGlite's socket server runs every client connection on one backend, and postgres.js 4 names its
    // prepared statements alike on each connection: the second connection's PREPARE fails with 42P05.
    // Unnamed statements for every client of this run, in the workers and the commands they start; and no
    // COPY FROM STDIN, which that server does not speak (test-postgres.ts gives the same as `env`).
    process.env.PGPREPARE = 'false';
    process.env.DB_PREPARE = 'false';
    process.env.DB_COPY = 'false';
  } finally {
    await sql.end({ timeout: 0 });
  }
  project.provide('postgresMode', mode);
  project.provide('postgresUrl', url);
}
