import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SchemaSpec } from '../schema-kit/index.js';
import { emitGeneratedFiles, type GeneratedFiles } from './emit-files.js';
import { buildManifest } from './manifest.js';

/** What the generator would write for this schema, without touching the disk. */
export function renderGenerated(schema: SchemaSpec): GeneratedFiles {
  return emitGeneratedFiles(buildManifest(schema));
}

/** Writes generated/ under `root`; returns the paths whose content changed. */
export async function writeGenerated(root: string, files: GeneratedFiles): Promise<string[]> {
  const changed: string[] = [];
  for (const [path, content] of files) {
    const target = join(root, path);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    changed.push(path);
  }
  return changed;
}

export interface GeneratedDiff {
  readonly path: string;
  readonly problem: 'missing' | 'modified' | 'unexpected';
}

/** Compares generated/ on disk with what the generator would write now. */
export async function diffGenerated(root: string, files: GeneratedFiles, listDir: (dir: string) => Promise<string[]>): Promise<GeneratedDiff[]> {
  const diffs: GeneratedDiff[] = [];
  for (const [path, content] of files) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current === undefined) diffs.push({ path, problem: 'missing' });
    else if (current !== content) diffs.push({ path, problem: 'modified' });
  }
  for (const name of await listDir(join(root, 'generated'))) {
    const path = `generated/${name}`;
    if (!files.has(path) && name !== '.gitkeep') diffs.push({ path, problem: 'unexpected' });
  }
  return diffs;
}
