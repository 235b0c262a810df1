import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './pgbouncer.js';
import { createTempDir } from './temp-dir.js';

const run = promisify(execFile);

/** The PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) of the newest version installed, if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Why a primary and a standby cannot be started here, or undefined when they can. Under CI=true: an error. */
export function clusterMissing(): string | undefined {
  if (postgresBinDir() !== undefined) return undefined;
  const reason = 'the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup under /usr/lib/postgresql/<version>/bin) are not installed';
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  return reason;
}

export interface PgNode {
  readonly port: number;
  url(database?: string, user?: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The postmaster and every process it started (backends, walreceiver, startup), for SIGSTOP/SIGCONT. */
  pids(): Promise<number[]>;
  /** `pg_ctl promote`, waiting until the server accepts writes. */
  promote(): Promise<void>;
}

export interface StreamingPair {
  readonly primary: PgNode;
  readonly standby: PgNode;
  cleanup(): Promise<void>;
}

/** A temporary folder for servers, and the server tools run in it (as the postgres OS user when the tests run as root). */
async function clusterDir() {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL server binaries not found');
  const dir = await createTempDir('cts-replica');
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout.trim()) : undefined;
  const gid = asRoot ? Number((await run('id', ['-g', 'postgres'])).stdout.trim()) : undefined;
  await chmod(dir.path, 0o755);
  if (uid !== undefined && gid !== undefined) await chown(dir.path, uid, gid);
  const as = (tool: string, args: readonly string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), [...args]));
  const sockets = join(dir.path, 'sockets');
  await mkdir(sockets);
  if (uid !== undefined && gid !== undefined) await chown(sockets, uid, gid);

  const node = (name: string, port: number): PgNode => {
    const data = join(dir.path, name);
    const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB -c max_connections=40 -c wal_receiver_status_interval=1s`;
    return {
      port,
      url: (database = 'postgres', user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${database}`,
      pids: async () => {
        const postmaster = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
        const children = await run('pgrep', ['-P', String(postmaster)]).then((r) => r.stdout.split('\n').filter((l) => l.trim() !== '').map(Number), () => [] as number[]);
        return [postmaster, ...children];
      },
      promote: async () => {
        await as('pg_ctl', ['-D', data, '-w', '-t', '60', 'promote']);
      },
      start: async () => {
        await as('pg_ctl', ['-D', data, '-l', join(dir.path, `${name}.log`), '-o', options, '-w', '-t', '60', 'start']);
      },
      stop: async () => {
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      },
    };
  };
  return { dir, node, as, sockets };
}

export interface SingleCluster {
  readonly port: number;
  /** The folder holding the server's socket (`.s.PGSQL.<port>`). */
  readonly sockets: string;
  cleanup(): Promise<void>;
}

/**
 * One server of its own in a temporary folder, listening on `listen` (a loopback address such as `::1`) and
 * on a Unix socket in `sockets`: trust authentication, stopped and removed by `cleanup`.
 */
export async function startSingleCluster(listen: string): Promise<SingleCluster> {
  const { dir, sockets, as } = await clusterDir();
  const data = join(dir.path, 'data');
  // A free port on 127.0.0.1 is as good as any on ::1 for a server of its own: nothing else listens there either.
  const port = await freePort();
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
    const options = `-p ${port} -k ${sockets} -c listen_addresses=${listen} -c fsync=off -c shared_buffers=16MB -c max_connections=20`;
    await as('pg_ctl', ['-D', data, '-l', join(dir.path, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  } catch (error) {
    await dir.cleanup();
    throw error;
  }
  return {
    port,
    sockets,
    cleanup: async () => {
      await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await dir.cleanup();
    },
  };
}

/** A stand-alone server, initialised but not started: `start()` brings it up later (a database that is down at boot). */
export async function createStoppedNode(): Promise<{ node: PgNode; cleanup(): Promise<void> }> {
  const { dir, node, as } = await clusterDir();
  const one = node('single', await freePort());
  await as('initdb', ['-D', join(dir.path, 'single'), '-U', 'postgres', '--auth=trust', '--no-sync']);
  return {
    node: one,
    cleanup: async () => {
      await one.stop();
      await dir.cleanup();
    },
  };
}

/**
 * A primary and a streaming standby of its own, on free loopback ports, in a temporary folder: `initdb`,
 * `pg_basebackup -R`, `pg_ctl`, run as the postgres OS user when the tests run as root (the server refuses
 * root). Trust authentication, loopback only; everything is stopped and removed by `cleanup`.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const { dir, node, as } = await clusterDir();
  const primary = node('primary', await freePort());
  await as('initdb', ['-D', join(dir.path, 'primary'), '-U', 'postgres', '--auth=trust', '--no-sync']);
  await primary.start();
  const standby = node('standby', await freePort());
  await as('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', join(dir.path, 'standby'), '-R', '-X', 'stream', '--no-sync']);
  await standby.start();
  return {
    primary,
    standby,
    cleanup: async () => {
      await standby.stop();
      await primary.stop();
      await dir.cleanup();
    },
  };
}
