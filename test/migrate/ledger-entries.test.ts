import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseLedgerEntries } from '../../src/migrate/ledger-entries.js';
import { readMigrationFiles } from '../../src/migrate/migration-files.js';
import { writeMigrationFolder } from '../support/migration-fixtures.js';
import { createTempDir } from '../support/temp-dir.js';

describe('ledger entries in their compact form', () => {
  it('parses lines of `journal_idx checksum tag`, ordered by index then tag, and nothing for an empty ledger', () => {
    expect(parseLedgerEntries(null)).toEqual([]);
    expect(parseLedgerEntries('')).toEqual([]);
    expect(parseLedgerEntries('2 cc 0002_b\n0 aa 0000_init\n2 bb 0002_a')).toEqual([
      { journalIdx: 0, checksum: 'aa', tag: '0000_init' },
      { journalIdx: 2, checksum: 'bb', tag: '0002_a' },
      { journalIdx: 2, checksum: 'cc', tag: '0002_b' },
    ]);
  });

  it.each(['../outside', '0001 with space', '0001_a\nb', ''])('refuses a journal tag that is not a file name: %j', async (tag) => {
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
