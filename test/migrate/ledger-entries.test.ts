import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeTag, ledgerEntriesSql, parseLedgerEntries } from '../../src/migrate/ledger-entries.js';
import { readMigrationFiles } from '../../src/migrate/migration-files.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { rawExec } from '../support/raw-sql.js';
import { queryTarget } from '../support/target-query.js';
import { createTempDir } from '../support/temp-dir.js';

describe('ledger entries in their compact form', () => {
  it.each(['_add_users', '0001 add users', '0002_zürich', '0003_v1.2'])('accepts the tag drizzle-kit may write: %j', async (tag) => {
    const dir = await createTempDir('cts-tags');
    try {
      await writeMigrationFolder(dir.path, 'sqlite', [{ tag, sql: 'create table a (x int);' }]);
      const [file] = await readMigrationFiles(dir.path, 'sqlite');
      expect(file?.tag).toBe(tag);
      expect(parseLedgerEntries(`0 ${file?.checksum} ${tag}`)).toEqual([{ journalIdx: 0, checksum: file?.checksum, tag }]);
    } finally {
      await dir.cleanup();
    }
  });

  it('parses lines of `journal_idx checksum tag`, ordered by index then tag, and nothing for an empty ledger', () => {
    expect(parseLedgerEntries(null)).toEqual([]);
    expect(parseLedgerEntries('')).toEqual([]);
    expect(parseLedgerEntries('2 cc 0002_b\n0 aa 0000_init\n2 bb 0002_a')).toEqual([
      { journalIdx: 0, checksum: 'aa', tag: '0000_init' },
      { journalIdx: 2, checksum: 'bb', tag: '0002_a' },
      { journalIdx: 2, checksum: 'cc', tag: '0002_b' },
    ]);
  });

  it.each(['../outside', 'a\\b', '..', '0001_a\nb', '0001\tx', ''])('refuses a journal tag that is not a plain file name: %j', async (tag) => {
    const dir = await createTempDir('cts-tags');
    try {
      await writeMigrationFolder(dir.path, 'sqlite', [{ tag: '0000_init', sql: 'create table a (x int);' }]);
      const journal = { version: '7', dialect: 'sqlite', entries: [{ idx: 0, version: '7', when: 1, tag, breakpoints: true }] };
      await writeFile(`${dir.path}/sqlite/meta/_journal.json`, JSON.stringify(journal));
      await expect(readMigrationFiles(dir.path, 'sqlite')).rejects.toMatchObject({ code: 'MIGRATION_JOURNAL_INVALID', tag });
    } finally {
      await dir.cleanup();
    }
  });
});

describe('ledger entry edges', () => {
  it('orders equal journal indexes by tag whichever way they arrive', () => {
    const tags = (text: string) => parseLedgerEntries(text).map((e) => e.tag);
    expect(tags('1 x 0001_b\n1 y 0001_a\n1 z 0001_c')).toEqual(['0001_a', '0001_b', '0001_c']);
    expect(tags('1 y 0001_a\n1 x 0001_b')).toEqual(['0001_a', '0001_b']);
    expect(tags('1 x 0001_a\n1 x 0001_a')).toEqual(['0001_a', '0001_a']);
    expect(tags('10 x a\n9 x b')).toEqual(['b', 'a']);
  });

  it.each([
    ['0001_a', true],
    ['.a', true],
    ['a..b', true],
    ['', false],
    ['.', false],
    ['..', false],
    ['a/b', false],
    ['a\\b', false],
    ['a\u0000', false],
    ['a\u001f', false],
    ['a\u007f', false],
    ['a\u0020b', true],
  ])('isSafeTag(%j) is %s', (tag, safe) => {
    expect(isSafeTag(tag)).toBe(safe);
  });
});

describe.each(['postgresql', 'sqlite'] as const)('ledgerEntriesSql on %s (the health check builds its one query from it)', (dialect) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(() => target?.cleanup());

  it('the engine builds the compact text that parseLedgerEntries reads back, and null for an empty ledger', async () => {
    await rawExec(target, ['CREATE TABLE le (tag text primary key, journal_idx integer not null, checksum text not null)']);
    const read = async () => (await queryTarget<{ ledger: string | null }>(target, `select ${ledgerEntriesSql(dialect, 'le')} as ledger`))[0]?.ledger ?? null;
    expect(await read()).toBeNull();
    await rawExec(target, ["INSERT INTO le VALUES ('0001_b b', 1, 'cafe'), ('0000_a', 0, 'beef')"]);
    const text = await read();
    expect(text?.split('\n').sort()).toEqual(['0 beef 0000_a', '1 cafe 0001_b b']);
    expect(parseLedgerEntries(text)).toEqual([
      { journalIdx: 0, checksum: 'beef', tag: '0000_a' },
      { journalIdx: 1, checksum: 'cafe', tag: '0001_b b' },
    ]);
  });
});
