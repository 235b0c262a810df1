import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestTag } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { itNeedsServer } from '../support/test-postgres.js';

/**
 * Under --json a failure to connect is one document whose error keeps its code and hint, on every command
 * that talks to the database, whether the command has a shape of its own with an `error` field (db:status,
 * db:migrate, db:migrate --plan) or prints the common `{ ok: false, error }` document.
 */
async function json(cwd: string, command: readonly string[], env: Record<string, string>): Promise<{ code: number | null; doc: unknown; stderr: string }> {
  const [script, ...args] = command;
  const run = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', `${script}.ts`), [...args, '--json'], env);
  try {
    return { code: run.code, doc: JSON.parse(run.stdout), stderr: run.stderr };
  } catch {
    throw new Error(`${command.join(' ')} --json printed no single JSON document:\n${run.stdout}\n${run.stderr}`);
  }
}

/** What each command prints around the error: its own fields, or nothing but `ok`. */
const OWN_SHAPE: Readonly<Record<string, Record<string, unknown>>> = {
  'db-status': { ok: false, ledgerExists: false, rows: [], problems: [] },
  'db-migrate': { ok: false, applied: 0, results: [], missingCriticalTables: [] },
  'db-migrate --plan': { ok: false, pending: [] },
};
const shapeOf = (command: readonly string[]) => OWN_SHAPE[command.join(' ')] ?? { ok: false };

const PG_TAG = latestTag('postgresql');
/** Every command with --json that connects to the configured database. */
const CONNECTING: readonly (readonly string[])[] = [
  ['db-status'],
  ['db-migrate'],
  ['db-migrate', '--plan'],
  ['db-resolve', '--applied', PG_TAG, '--yes'],
  ['db-info'],
  ['db-validate'],
  ['db-check', '--live'],
  ['db-repair', '--dry-run'],
  ['db-rollback', '--plan'],
  ['db-baseline', '--to', PG_TAG],
  ['db-seed'],
  ['db-backup'],
  ['db-reset', '--yes', '--no-backup'],
  ['db-rename-prefix', '--to', 'jsonerr_two', '--dry-run'],
  ['start'],
];
/** The commands whose document had an `error` of its own, for the failures that need a server. */
const OWN_ERROR: readonly (readonly string[])[] = [['db-status'], ['db-migrate'], ['db-migrate', '--plan'], ['db-resolve', '--applied', PG_TAG, '--yes']];

const HINT_REFUSED = 'start the PostgreSQL server or fix the host and port in DATABASE_URL';
const HINT_MISSING = 'create the database (createdb, or CREATE DATABASE as an administrator) or fix its name in DATABASE_URL';
const HINT_NO_SSL = 'the server does not accept SSL: turn ssl on in its postgresql.conf, or remove sslmode=require from DATABASE_URL if the network is trusted';

/** Answers an SSLRequest with 'N' as a server without SSL does, then drops the TLS handshake that follows. */
async function sslRefusingServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let answered = false;
    socket.on('data', () => {
      if (answered) socket.destroy();
      else socket.write('N', () => (answered = true));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('--json failure documents keep the error code and hint', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let ssl: { server: Server; port: number };
  beforeAll(async () => {
    dir = await createTempDir('cts-json-errors');
    ssl = await sslRefusingServer();
    env = { DB_PREFIX: 'jsonerr', DB_CONFIG_FILE: join(dir.path, 'none.json'), DB_CONNECT_TIMEOUT_MS: '5000', SQLITE_DB_PATH: join(dir.path, 'unused.db') };
  });
  afterAll(async () => {
    await new Promise((resolve) => ssl.server.close(resolve));
    await dir.cleanup();
  });

  it('a refused connection: every connecting command prints its code and hint under --json', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/jsonerr';
    for (const command of CONNECTING) {
      const run = await json(dir.path, command, { ...env, DATABASE_URL: url });
      const refused = 'cannot connect to PostgreSQL at 127.0.0.1:1, database "jsonerr", user "postgres": connect ECONNREFUSED 127.0.0.1:1';
      const message = command[0] === 'start' ? `database not reachable after 5 attempt(s): ${refused}` : refused;
      expect({ command, code: run.code, doc: run.doc }).toEqual({ command, code: 1, doc: { ...shapeOf(command), error: { code: 'CONNECTION_REFUSED', message, hint: HINT_REFUSED } } });
      expect(run.stderr).toContain('[CONNECTION_REFUSED]');
    }
  }, 300_000);

  it('a server that refuses SSL (sslmode=require): db:status, db:migrate, db:migrate --plan and db:resolve keep CONNECTION_FAILED', async () => {
    const url = `postgres://postgres@127.0.0.1:${ssl.port}/jsonerr?sslmode=require`;
    for (const command of OWN_ERROR) {
      const run = await json(dir.path, command, { ...env, DATABASE_URL: url });
      const message = `cannot connect to PostgreSQL at 127.0.0.1:${ssl.port}, database "jsonerr", user "postgres": SSL_NOT_SUPPORTED: The server does not support SSL connections`;
      expect({ command, code: run.code, doc: run.doc }).toEqual({ command, code: 1, doc: { ...shapeOf(command), error: { code: 'CONNECTION_FAILED', message, hint: HINT_NO_SSL } } });
    }
  }, 120_000);

  itNeedsServer('a database that does not exist: db:status, db:migrate, db:migrate --plan and db:resolve keep CONNECTION_DATABASE_MISSING', async () => {
    const server = new URL(inject('postgresUrl'));
    const database = `cts_missing_${randomBytes(4).toString('hex')}`;
    server.pathname = `/${database}`;
    for (const command of OWN_ERROR) {
      const run = await json(dir.path, command, { ...env, DATABASE_URL: server.toString() });
      const message = `cannot connect to PostgreSQL at ${server.hostname}:${server.port || '5432'}, database "${database}", user "${decodeURIComponent(server.username) || 'postgres'}": database "${database}" does not exist`;
      expect({ command, code: run.code, doc: run.doc }).toEqual({ command, code: 1, doc: { ...shapeOf(command), error: { code: 'CONNECTION_DATABASE_MISSING', message, hint: HINT_MISSING } } });
    }
  }, 120_000);
});
