import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSafeTag } from './ledger-entries.js';
import { MigrationError } from './migration-error.js';
import { checksumSql } from './sql-checksum.js';
import { duplicateTag } from './verify-history.js';

export type MigrationDialect = 'postgresql' | 'sqlite';

/** A migration without its SQL: enough to tell whether it is applied and unchanged. */
export interface MigrationHead {
  /** Position in the journal (0-based): the order migrations are applied in. */
  readonly position: number;
  readonly journalIdx: number;
  readonly tag: string;
  /** Where it came from (a path, or drizzle/<dialect>/<tag>.sql for embedded migrations), for messages. */
  readonly file: string;
  /** sha256 of the exact SQL text. */
  readonly checksum: string;
}

/** One migration as committed: base names, checksum over the exact file text. */
export interface MigrationFile extends MigrationHead {
  readonly sql: string;
  /** The reverse, when it travels with the migration (embedded migrations); folders keep it in down/<tag>.sql. */
  readonly down?: string | undefined;
}

export const dialectFolder = (dialect: MigrationDialect) => (dialect === 'postgresql' ? 'pg' : 'sqlite');

interface Journal {
  readonly entries: readonly { readonly idx: number; readonly tag: string }[];
}

function isJournal(value: unknown): value is Journal {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Journal).entries) &&
    (value as Journal).entries.every((e) => typeof e?.idx === 'number' && typeof e?.tag === 'string')
  );
}

/**
 * Reads the journal and every migration file of one dialect, in journal order. The reads are synchronous on
 * purpose: a handful of small files at start-up, where each asynchronous read costs several event-loop turns
 * (open, stat, read, close) and lets queued work (e.g. the garbage collector's marking tasks after module
 * loading) run in between; measured in the start-up benchmark.
 */
export async function readMigrationFiles(root: string, dialect: MigrationDialect): Promise<MigrationFile[]> {
  const folder = join(root, dialectFolder(dialect));
  const journalFile = join(folder, 'meta', '_journal.json');
  let journal: unknown;
  try {
    journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  } catch (cause) {
    throw new MigrationError(`cannot read the migration journal ${journalFile}: ${(cause as Error).message}`, {
      code: 'MIGRATION_JOURNAL_INVALID',
      subject: journalFile,
      hint: 'run `pnpm db:generate`, or restore drizzle/ from git',
      cause,
    });
  }
  if (!isJournal(journal)) {
    throw new MigrationError(`migration journal ${journalFile} has no valid "entries" list`, {
      code: 'MIGRATION_JOURNAL_INVALID',
      subject: journalFile,
      hint: 'restore drizzle/ from git; never edit the journal by hand',
    });
  }
  const files: MigrationFile[] = [];
  for (const [position, entry] of journal.entries.entries()) {
    if (!isSafeTag(entry.tag)) {
      // The tag becomes a file name and a ledger key: a path separator or a newline in it is never a real migration.
      throw new MigrationError(`migration journal ${journalFile} has entry ${entry.idx} with tag ${JSON.stringify(entry.tag)}, which is not a file name`, {
        code: 'MIGRATION_JOURNAL_INVALID',
        subject: journalFile,
        tag: entry.tag,
        hint: 'a tag must be a plain file name: no path separator, line break or other control character; restore drizzle/ from git',
      });
    }
    if (entry.idx !== position) {
      // drizzle-kit numbers entries 0, 1, 2, ...: another number here means entries were moved or removed by hand.
      throw new MigrationError(`migration journal ${journalFile} has entry ${entry.tag} at position ${position} with idx ${entry.idx}: entries were reordered or removed`, {
        code: 'MIGRATION_JOURNAL_INVALID',
        subject: journalFile,
        tag: entry.tag,
        hint: 'restore drizzle/<dialect>/meta/_journal.json from git: migrations keep the order they were generated in; change the schema with a new migration instead',
      });
    }
    const file = join(folder, `${entry.tag}.sql`);
    let sql: string;
    try {
      sql = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new MigrationError(`migration ${entry.tag} is in the journal but its file ${file} cannot be read`, {
        code: 'MIGRATION_FILE_MISSING',
        subject: file,
        tag: entry.tag,
        file,
        hint: 'restore the file from git, or regenerate with `pnpm db:generate`',
        cause,
      });
    }
    files.push({ position, journalIdx: entry.idx, tag: entry.tag, file, sql, checksum: checksumSql(sql) });
  }
  const duplicate = duplicateTag(files);
  if (duplicate !== undefined) throw duplicate;
  // A migration file the journal does not list would never run: a lost journal entry (often a merge).
  const listed = new Set(files.map((f) => `${f.tag}.sql`));
  const unlisted = readdirSync(folder).filter((name) => name.endsWith('.sql') && !listed.has(name));
  if (unlisted.length > 0) {
    const path = join(folder, unlisted[0] ?? '');
    throw new MigrationError(`migration file ${path} is not in the journal ${journalFile}, so it would never run${unlisted.length > 1 ? ` (nor ${unlisted.slice(1).join(', ')})` : ''}`, {
      code: 'MIGRATION_FILE_UNLISTED',
      subject: path,
      file: path,
      hint: 'restore the journal entry from git (a merge may have dropped it), or delete the file if it is not a migration',
    });
  }
  return files;
}
