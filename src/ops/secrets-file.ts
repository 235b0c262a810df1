import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where generated role passwords are written, once, readable by the owner only. */
export const DEFAULT_SECRETS_FILE = 'data/.env.db';

export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Reads KEY=value lines of the secrets file (missing file: empty). */
export async function readSecretsFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Appends the given keys to the secrets file, creating it with mode 0600; never rewrites existing keys. */
export async function appendSecrets(path: string, values: Record<string, string>): Promise<void> {
  const existing = await readSecretsFile(path);
  const fresh = Object.entries(values).filter(([k]) => existing[k] === undefined);
  if (fresh.length === 0) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.writeFile(fresh.map(([k, v]) => `${k}=${v}\n`).join(''));
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
}
