import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDigest } from '../../src/dev-cache/command-inputs.js';
import { installedVersions } from '../../src/dev-cache/tree-digest.js';
import { copyRepo } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/** One byte in the middle of the file replaced by another: same length, same name. */
async function flipMiddleByte(file: string): Promise<() => Promise<void>> {
  const bytes = await readFile(file);
  const changed = Buffer.from(bytes);
  const i = Math.floor(bytes.length / 2);
  changed[i] = bytes[i] === 0x20 ? 0x21 : 0x20;
  await writeFile(file, changed);
  return () => writeFile(file, bytes);
}

describe('the digest that keys the cached verdicts of db:check and db:generate', () => {
  let repo: { root: string; cleanup: () => Promise<void> };
  let base: string;
  const digest = () => projectDigest(repo.root, repo.root, ['db-check']);
  beforeAll(async () => {
    repo = await copyRepo();
    base = await digest();
  });
  afterAll(() => repo.cleanup());

  it('is the same for the same bytes (two reads, and another checkout of them)', async () => {
    expect(await digest()).toBe(base);
    const other = await copyRepo();
    try {
      expect(await projectDigest(other.root, other.root, ['db-check'])).toBe(base);
    } finally {
      await other.cleanup();
    }
  });

  const files = [
    'schema/system.ts',
    'schema/index.ts',
    'drizzle/pg/0000_init.sql',
    'drizzle/sqlite/meta/_journal.json',
    'drizzle/migrations.sum',
    'generated/manifest.ts',
    'generated/migrations.ts',
    'drizzle.config.ts',
    'package.json',
    'src/drift/check-drift.ts',
    'src/lint/migration-lint.ts',
    'scripts/db-check.ts',
  ];
  for (const file of files) {
    it(`changes when one byte of ${file} changes, and comes back when it is restored`, async () => {
      const restore = await flipMiddleByte(join(repo.root, file));
      const changed = await digest();
      await restore();
      expect(changed).not.toBe(base);
      expect(await digest()).toBe(base);
    });
  }

  it('changes when drizzle/lint-acks.json appears, when a file is added, renamed or removed', async () => {
    const acks = join(repo.root, 'drizzle', 'lint-acks.json');
    await writeFile(acks, '[]\n');
    const withAcks = await digest();
    await rm(acks);
    const empty = join(repo.root, 'schema', 'empty.ts');
    await writeFile(empty, '');
    const withEmpty = await digest();
    await rm(empty);
    const down = join(repo.root, 'drizzle', 'pg', 'down');
    await mkdir(join(repo.root, 'drizzle', 'pg', 'elsewhere'));
    await rename(down, join(repo.root, 'drizzle', 'pg', 'elsewhere', 'down'));
    const moved = await digest();
    await rename(join(repo.root, 'drizzle', 'pg', 'elsewhere', 'down'), down);
    await rm(join(repo.root, 'drizzle', 'pg', 'elsewhere'), { recursive: true });
    const sum = join(repo.root, 'drizzle', 'migrations.sum');
    const sumBytes = await readFile(sum);
    await rm(sum);
    const removed = await digest();
    await writeFile(sum, sumBytes);
    expect(new Set([base, withAcks, withEmpty, moved, removed]).size).toBe(5);
    expect(await digest()).toBe(base);
  });

  it('changes with the command it keys (db:check and db:generate never share an entry)', async () => {
    expect(await projectDigest(repo.root, repo.root, ['db-generate', 'text'])).not.toBe(base);
    expect(await projectDigest(repo.root, repo.root, ['db-generate', 'json'])).not.toBe(await projectDigest(repo.root, repo.root, ['db-generate', 'text']));
  });

  it('records the installed version of each tool, and a missing one as absent', async () => {
    const dir = await createTempDir('cts-digest-versions');
    try {
      await mkdir(join(dir.path, 'node_modules', '@scope', 'tool'), { recursive: true });
      await writeFile(join(dir.path, 'node_modules', '@scope', 'tool', 'package.json'), JSON.stringify({ name: '@scope/tool', version: '1.2.3' }));
      expect(await installedVersions(dir.path, ['@scope/tool', 'gone'])).toEqual(['@scope/tool=1.2.3', 'gone=absent']);
    } finally {
      await dir.cleanup();
    }
  });
});
