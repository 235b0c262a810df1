import type { LedgerEntry } from './ledger.js';
import { MigrationError } from './migration-error.js';
import type { MigrationHead } from './migration-files.js';
import { commandName } from '../errors/command-name.js';

export type HistoryCheck<T extends MigrationHead = MigrationHead> =
  | { readonly ok: true; readonly pending: readonly T[] }
  | { readonly ok: false; readonly error: MigrationError };

/**
 * Compares the ledger with the migration files. Migrations are identified by tag and checksum, never by
 * timestamp: an applied migration whose file changed or vanished, or a pending one that sorts before an
 * applied one, is an error; nothing is skipped silently.
 */
export function verifyHistory<T extends MigrationHead>(files: readonly T[], ledger: readonly LedgerEntry[]): HistoryCheck<T> {
  const duplicate = duplicateTag(files);
  if (duplicate !== undefined) return { ok: false, error: duplicate };
  const byTag = new Map(files.map((f) => [f.tag, f]));
  let lastApplied: T | undefined;
  for (const row of ledger) {
    const file = byTag.get(row.tag);
    if (file === undefined) {
      return {
        ok: false,
        error: new MigrationError(`migration ${row.tag} is recorded as applied (checksum ${row.checksum}) but is no longer in the journal`, {
          code: 'MIGRATION_APPLIED_MISSING',
          subject: row.tag,
          tag: row.tag,
          expectedChecksum: row.checksum,
          hint: 'restore the migration file and its journal entry from git (applied migrations must never be deleted); an installed app: deploy the package version that applied it, or a newer one',
        }),
      };
    }
    if (file.checksum !== row.checksum) {
      return {
        ok: false,
        error: new MigrationError(
          `migration ${row.tag} was changed after it was applied: ${file.file} has checksum ${file.checksum}, the ledger recorded ${row.checksum}`,
          {
            code: 'MIGRATION_CHECKSUM_MISMATCH',
            subject: file.file,
            tag: row.tag,
            file: file.file,
            expectedChecksum: row.checksum,
            actualChecksum: file.checksum,
            hint: `restore the applied file from git (\`git checkout -- ${file.file}\`) and put the change in a new migration (\`pnpm db:generate --name <slug>\`); an applied migration is never edited or deleted`,
          },
        ),
      };
    }
    if (lastApplied === undefined || file.position > lastApplied.position) lastApplied = file;
  }
  // The ledger lists applied migrations in the order they were applied (journal index at the time); the
  // journal must still list them in that order, or a fresh database would apply them differently.
  const appliedInJournal = files.filter((f) => ledger.some((r) => r.tag === f.tag)).map((f) => f.tag);
  const appliedInLedger = ledger.map((r) => r.tag);
  const moved = appliedInJournal.findIndex((tag, i) => tag !== appliedInLedger[i]);
  if (moved >= 0) {
    const journalTag = appliedInJournal[moved] ?? '';
    const ledgerTag = appliedInLedger[moved] ?? '';
    return {
      ok: false,
      error: new MigrationError(`the journal lists applied migrations in a different order than they were applied: ${journalTag} where the ledger has ${ledgerTag}`, {
        code: 'MIGRATION_HISTORY_ORDER',
        subject: journalTag,
        tag: journalTag,
        hint: `restore drizzle/<dialect>/meta/_journal.json from git: applied order (${appliedInLedger.join(', ')}) must never change`,
      }),
    };
  }
  const applied = new Set(ledger.map((r) => r.tag));
  const pending = files.filter((f) => !applied.has(f.tag));
  const early = lastApplied === undefined ? undefined : pending.find((f) => f.position < (lastApplied as T).position);
  if (early !== undefined && lastApplied !== undefined) {
    return {
      ok: false,
      error: new MigrationError(
        `migration ${early.tag} is pending but sorts before ${lastApplied.tag}, which is already applied: applying it now could depend on a state that no longer exists`,
        {
          code: 'MIGRATION_OUT_OF_ORDER',
          subject: early.file,
          tag: early.tag,
          file: early.file,
          // Other databases may have applied either one, so the way out changes this database's ledger, never the files.
          hint: `never delete or renumber ${early.tag} or ${lastApplied.tag} (other databases may have applied them): if ${early.tag}'s changes are already in this database, record it with \`${commandName('resolve')} --applied ${early.tag}\`; otherwise undo what came after it here by hand (its down files) and forget it with \`${commandName('resolve')} --rolled-back ${lastApplied.tag}\`, then \`${commandName('migrate')}\` applies them in journal order`,
        },
      ),
    };
  }
  return { ok: true, pending };
}

/** Two journal entries with one tag: the second would be reported as applied when the first is. */
export function duplicateTag(files: readonly MigrationHead[]): MigrationError | undefined {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.tag)) {
      return new MigrationError(`migration tag ${f.tag} appears twice in the journal (entries ${files.filter((g) => g.tag === f.tag).map((g) => g.journalIdx).join(' and ')})`, {
        code: 'MIGRATION_DUPLICATE_TAG',
        subject: f.tag,
        tag: f.tag,
        hint: 'each journal entry needs its own tag and file: restore drizzle/<dialect>/meta/_journal.json from git, or remove the duplicated entry',
      });
    }
    seen.add(f.tag);
  }
  return undefined;
}
