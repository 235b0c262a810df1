import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What a cached verdict depends on: folders and files (read byte for byte) and plain values (versions). */
export interface DigestInputs {
  /** Absolute paths of folders (read recursively) or files; a missing one is recorded as missing. */
  readonly paths: readonly string[];
  /** Shown relative to this folder in the digest, so two checkouts with the same bytes agree. */
  readonly base: string;
  /** Other facts the verdict depends on, e.g. `node=v20.20.2`. */
  readonly values: readonly string[];
}

async function filesUnder(path: string): Promise<string[] | 'missing' | 'file'> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 'missing';
  if (!info.isDirectory()) return 'file';
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    const inner = await filesUnder(full);
    if (inner === 'file') out.push(full);
    else if (inner !== 'missing') out.push(...inner);
  }
  return out;
}

/**
 * One sha256 over every byte of every file under `paths` (with its relative name, so a renamed, added or
 * removed file changes it too) and over `values`. Order-independent of the file system: names are sorted.
 */
export async function treeDigest(inputs: DigestInputs): Promise<string> {
  const hash = createHash('sha256');
  for (const value of inputs.values) hash.update(`value\0${value}\0`);
  for (const path of inputs.paths) {
    const name = relative(inputs.base, path).split(sep).join('/');
    const files = await filesUnder(path);
    if (files === 'missing') {
      hash.update(`missing\0${name}\0`);
      continue;
    }
    const list = files === 'file' ? [path] : files.sort();
    for (const file of list) {
      const bytes = await readFile(file);
      // Length first: no two different file lists can produce the same byte stream.
      hash.update(`file\0${relative(inputs.base, file).split(sep).join('/')}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

/** `name=version` of each installed package (`absent` when it is not installed), read from its package.json. */
export async function installedVersions(root: string, names: readonly string[]): Promise<string[]> {
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
      const version = text === undefined ? 'absent' : String((JSON.parse(text) as { version?: unknown }).version);
      return `${name}=${version}`;
    }),
  );
}
