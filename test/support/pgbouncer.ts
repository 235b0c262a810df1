import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTempDir } from './temp-dir.js';

export const PGBOUNCER_BIN = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p));

/** Why the pooler tests cannot run here, or undefined when they can. Under CI=true a missing binary is an error. */
export function pgbouncerMissing(): string | undefined {
  if (PGBOUNCER_BIN !== undefined) return undefined;
  const reason = 'PgBouncer is not installed (Debian: apt-get install pgbouncer; .ci/run installs it)';
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  return reason;
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PgBouncer {
  readonly port: number;
  /** URL of `database` through the pooler (user postgres, trust). */
  url(database: string): string;
  /** A row of SHOW STATS for one pooled database (total_xact_count, total_query_count, ...). */
  stats(database: string): Promise<Record<string, string>>;
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer on a free loopback port in transaction mode with a small pool, in front of the PostgreSQL
 * server at `serverPort`. `aliases` adds pooled database names mapped to real ones (to tell which path a
 * client took). Runs as the postgres OS user when started as root (PgBouncer refuses root).
 */
export async function startPgBouncer(options: { readonly serverPort: number; readonly poolSize?: number; readonly aliases?: Readonly<Record<string, string>> }): Promise<PgBouncer> {
  if (PGBOUNCER_BIN === undefined) throw new Error('PgBouncer is not installed');
  const dir = await createTempDir('cts-pgbouncer');
  await chmod(dir.path, 0o777);
  const port = await freePort();
  const aliases = Object.entries(options.aliases ?? {}).map(([alias, db]) => `${alias} = host=127.0.0.1 port=${options.serverPort} dbname=${db}`);
  const ini = [
    '[databases]',
    ...aliases,
    `* = host=127.0.0.1 port=${options.serverPort}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${join(dir.path, 'userlist.txt')}`,
    'admin_users = postgres',
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 4}`,
    'max_client_conn = 500',
    'ignore_startup_parameters = extra_float_digits,options',
    `logfile = ${join(dir.path, 'pgbouncer.log')}`,
    `pidfile = ${join(dir.path, 'pgbouncer.pid')}`,
  ].join('\n');
  await writeFile(join(dir.path, 'pgbouncer.ini'), `${ini}\n`);
  await writeFile(join(dir.path, 'userlist.txt'), '"postgres" ""\n');
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(PGBOUNCER_BIN, [...(asRoot ? ['-u', 'postgres'] : []), join(dir.path, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => readFile(join(dir.path, 'pgbouncer.log'), 'utf8').catch(() => output);
  const psql = (sql: string) =>
    promisify(execFile)('psql', ['-X', '-A', '-F', '\t', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'pgbouncer', '-c', sql], { env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });
  for (let i = 0; ; i++) {
    try {
      await psql('SHOW VERSION');
      break;
    } catch (error) {
      if (child.exitCode !== null || i > 100) throw new Error(`PgBouncer did not start: ${output}\n${await log()}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stats(database) {
      const { stdout } = await psql('SHOW STATS');
      const [header, ...rows] = stdout.trim().split('\n');
      const names = (header ?? '').split('\t');
      const row = rows.map((r) => r.split('\t')).find((cells) => cells[0] === database);
      return Object.fromEntries(names.map((n, i) => [n, row?.[i] ?? '0']));
    },
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await dir.cleanup();
    },
  };
}
