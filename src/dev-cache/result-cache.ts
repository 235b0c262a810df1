import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the development commands keep what they may reuse: inside the checkout (gitignored), not in
 * node_modules, which checkouts and test copies often share through a link.
 */
export const CACHE_DIR = join('.cache', 'cts-db');

interface Entry<T> {
  readonly digest: string;
  readonly value: T;
}

/** The value stored under `name` if it was stored for exactly this digest; anything else is a miss. */
export async function readCached<T>(root: string, name: string, digest: string): Promise<T | undefined> {
  const text = await readFile(join(root, CACHE_DIR, `${name}.json`), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Entry<T>;
    return entry.digest === digest ? entry.value : undefined;
  } catch {
    return undefined; // a torn or hand-edited file is only a miss: the command does the work again
  }
}

/** Stores `value` for `digest` (one entry per name), replacing the file in one rename so a reader never sees half. */
export async function writeCached<T>(root: string, name: string, digest: string, value: T): Promise<void> {
  const dir = join(root, CACHE_DIR);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${name}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify({ digest, value } satisfies Entry<T>)}\n`);
  await rename(temp, join(dir, `${name}.json`));
}
