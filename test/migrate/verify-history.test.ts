import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/migrate/ledger.js';
import type { MigrationHead } from '../../src/migrate/migration-files.js';
import { duplicateTag, verifyHistory } from '../../src/migrate/verify-history.js';

/**
 * verifyHistory decides, before anything runs, whether the ledger and the journal agree. Each refusal is
 * checked with its exact message, subject and hint, because they are what a person reads to fix it.
 */
const file = (position: number, tag: string, checksum = `sum-${tag}`): MigrationHead => ({ position, journalIdx: position, tag, file: `drizzle/pg/${tag}.sql`, checksum });
const row = (f: MigrationHead, checksum = f.checksum): LedgerEntry => ({ tag: f.tag, journalIdx: f.journalIdx, checksum });
/** The error's fields; its message carries the hint on a second line, as every CtsDbError's does. */
const refusal = (fields: { message: string; hint: string } & Record<string, string>) => ({ ...fields, message: `${fields.message}\n  hint: ${fields.hint}` });
const [a, b, c] = [file(0, '0000_a'), file(1, '0001_b'), file(2, '0002_c')] as const;

describe('verifyHistory', () => {
  it('an empty ledger leaves every file pending, in journal order', () => {
    expect(verifyHistory([a, b, c], [])).toEqual({ ok: true, pending: [a, b, c] });
  });

  it('applied migrations are not pending; the rest are, in order', () => {
    expect(verifyHistory([a, b, c], [row(a)])).toEqual({ ok: true, pending: [b, c] });
    expect(verifyHistory([a, b, c], [row(a), row(b), row(c)])).toEqual({ ok: true, pending: [] });
  });

  it('no files and no ledger: nothing pending', () => {
    expect(verifyHistory([], [])).toEqual({ ok: true, pending: [] });
  });

  it('MIGRATION_APPLIED_MISSING: a ledger row without its file names the tag and the recorded checksum', () => {
    const check = verifyHistory([a, c], [row(a), row(b)]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toMatchObject(refusal({
      code: 'MIGRATION_APPLIED_MISSING',
      subject: '0001_b',
      tag: '0001_b',
      expectedChecksum: 'sum-0001_b',
      message: 'migration 0001_b is recorded as applied (checksum sum-0001_b) but is no longer in the journal',
      hint: 'restore the migration file and its journal entry from git (applied migrations must never be deleted); an installed app: deploy the package version that applied it, or a newer one',
    }));
  });

  it('MIGRATION_CHECKSUM_MISMATCH: a changed applied file names the file and both checksums', () => {
    const check = verifyHistory([a, b], [row(a), row(b, 'old-sum')]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toMatchObject(refusal({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      subject: 'drizzle/pg/0001_b.sql',
      tag: '0001_b',
      file: 'drizzle/pg/0001_b.sql',
      expectedChecksum: 'old-sum',
      actualChecksum: 'sum-0001_b',
      message: 'migration 0001_b was changed after it was applied: drizzle/pg/0001_b.sql has checksum sum-0001_b, the ledger recorded old-sum',
      hint: 'restore the applied file from git (`git checkout -- drizzle/pg/0001_b.sql`) and put the change in a new migration (`pnpm db:generate --name <slug>`); an applied migration is never edited or deleted',
    }));
  });

  it('MIGRATION_HISTORY_ORDER: applied migrations swapped in the journal name the first that moved and the applied order', () => {
    const swapped = [file(0, '0001_b', b.checksum), file(1, '0000_a', a.checksum), file(2, '0002_c')];
    const check = verifyHistory(swapped, [row(a), row(b)]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toMatchObject(refusal({
      code: 'MIGRATION_HISTORY_ORDER',
      subject: '0001_b',
      tag: '0001_b',
      message: 'the journal lists applied migrations in a different order than they were applied: 0001_b where the ledger has 0000_a',
      hint: 'restore drizzle/<dialect>/meta/_journal.json from git: applied order (0000_a, 0001_b) must never change',
    }));
  });

  it('MIGRATION_OUT_OF_ORDER: a pending migration before an applied one names both and the two ways out', () => {
    const check = verifyHistory([a, b, c], [row(a), row(c)]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toMatchObject(refusal({
      code: 'MIGRATION_OUT_OF_ORDER',
      subject: 'drizzle/pg/0001_b.sql',
      tag: '0001_b',
      file: 'drizzle/pg/0001_b.sql',
      message: 'migration 0001_b is pending but sorts before 0002_c, which is already applied: applying it now could depend on a state that no longer exists',
      hint: "never delete or renumber 0001_b or 0002_c (other databases may have applied them): if 0001_b's changes are already in this database, record it with `cts-db resolve --applied 0001_b`; otherwise undo what came after it here by hand (its down files) and forget it with `cts-db resolve --rolled-back 0002_c`, then `cts-db migrate` applies them in journal order",
    }));
  });

  it('the latest applied migration is the one furthest in the journal, whatever the ledger order says', () => {
    // The ledger rows arrive in applied order; a pending migration after the furthest applied one is fine.
    expect(verifyHistory([a, b, c], [row(a), row(b)])).toEqual({ ok: true, pending: [c] });
    // Checked against the furthest applied (0002_c), not the last row read: 0001_b is early.
    const check = verifyHistory([a, b, c], [row(c)]);
    expect(check.ok === false && check.error.code).toBe('MIGRATION_OUT_OF_ORDER');
  });

  it('a pending migration at the same position as an applied one is not early (strictly before only)', () => {
    // Two heads at one position can only come from a hand-built list; the comparison must be strict.
    const twin = { ...file(1, '0001_twin'), position: 1 };
    expect(verifyHistory([a, b, twin], [row(a), row(b)])).toEqual({ ok: true, pending: [twin] });
  });

  it('a duplicated tag is refused before anything else', () => {
    const check = verifyHistory([a, b, file(2, '0001_b')], []);
    expect(check.ok === false && check.error.code).toBe('MIGRATION_DUPLICATE_TAG');
  });
});

describe('duplicateTag', () => {
  it('undefined for distinct tags (and for none)', () => {
    expect(duplicateTag([a, b, c])).toBeUndefined();
    expect(duplicateTag([])).toBeUndefined();
  });

  it('names the tag and both journal entries', () => {
    expect(duplicateTag([a, b, file(2, '0001_b')])).toMatchObject(refusal({
      code: 'MIGRATION_DUPLICATE_TAG',
      subject: '0001_b',
      tag: '0001_b',
      message: 'migration tag 0001_b appears twice in the journal (entries 1 and 2)',
      hint: 'each journal entry needs its own tag and file: restore drizzle/<dialect>/meta/_journal.json from git, or remove the duplicated entry',
    }));
  });
});
