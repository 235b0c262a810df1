import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MigrationError } from '../migrate/migration-error.js';
import type { KitDialect, Snapshot } from './snapshot-types.js';

/** drizzle-kit's meta/_journal.json. */
export interface JournalEntry {
  readonly idx: number;
  readonly version: string;
  readonly when: number;
  readonly tag: string;
  readonly breakpoints: boolean;
}

export interface Journal {
  readonly version: string;
  readonly dialect: string;
  readonly entries: readonly JournalEntry[];
}

export const BREAKPOINT = '\n--> statement-breakpoint\n';
export const DOWN_FOLDER = 'down';

export const dialectFolder = (root: string, dialect: KitDialect) => join(root, 'drizzle', dialect);
export const journalFile = (root: string, dialect: KitDialect) => join(dialectFolder(root, dialect), 'meta', '_journal.json');
export const snapshotFile = (root: string, dialect: KitDialect, idx: number) => join(dialectFolder(root, dialect), 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`);
export const sqlFile = (root: string, dialect: KitDialect, tag: string) => join(dialectFolder(root, dialect), `${tag}.sql`);
/** The reverse of a migration: drizzle/<dialect>/down/<tag>.sql. */
export const downFile = (root: string, dialect: KitDialect, tag: string) => join(dialectFolder(root, dialect), DOWN_FOLDER, `${tag}.sql`);

export function emptyJournal(dialect: KitDialect): Journal {
  return { version: '7', dialect: dialect === 'pg' ? 'postgresql' : 'sqlite', entries: [] };
}

/** The journal, or an empty one when the folder has none yet. Unreadable or malformed JSON is an error. */
export async function readJournal(root: string, dialect: KitDialect): Promise<Journal> {
  let text: string;
  try {
    text = await readFile(journalFile(root, dialect), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyJournal(dialect);
    throw error;
  }
  return JSON.parse(text) as Journal;
}

/**
 * drizzle-kit's snapshot after migration `idx`: what db:generate diffs the schema against and what the down
 * migrations are derived from. A missing or unreadable one is a coded error naming the file (it is committed
 * beside the migration, so git has it).
 */
export async function readSnapshot(root: string, dialect: KitDialect, idx: number): Promise<Snapshot> {
  const file = snapshotFile(root, dialect, idx);
  const restore = `restore it from git (git checkout -- ${relative(root, file)}); never write it by hand`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new MigrationError(`the snapshot of migration ${idx} ${missing ? 'is missing' : 'cannot be read'}: ${file}`, { code: 'MIGRATION_SNAPSHOT_MISSING', subject: file, file, hint: restore, cause });
  }
  try {
    return JSON.parse(text) as Snapshot;
  } catch (cause) {
    throw new MigrationError(`the snapshot of migration ${idx} is not valid JSON: ${file}: ${(cause as Error).message}`, { code: 'MIGRATION_SNAPSHOT_INVALID', subject: file, file, hint: restore, cause });
  }
}

/** drizzle-kit's snapshot of no tables at all: the state before the first migration. */
export async function emptySnapshot(dialect: KitDialect): Promise<Snapshot> {
  const api = await import('drizzle-kit/api');
  const empty = dialect === 'pg' ? api.generateDrizzleJson({}) : await api.generateSQLiteDrizzleJson({});
  return empty as unknown as Snapshot;
}

/** The snapshot drizzle-kit would take of `tables` (a dialect's Drizzle tables), chained after `prevId`. */
export async function snapshotOfTables(dialect: KitDialect, tables: Record<string, unknown>, prevId: string): Promise<Snapshot> {
  const api = await import('drizzle-kit/api');
  const snapshot = dialect === 'pg' ? api.generateDrizzleJson(tables, prevId) : await api.generateSQLiteDrizzleJson(tables, prevId);
  return snapshot as unknown as Snapshot;
}

/** A snapshot as drizzle-kit's CLI writes it: its key order, two-space JSON, no trailing newline. */
export function renderSnapshot(dialect: KitDialect, snapshot: Snapshot): string {
  const { id, prevId, version, dialect: d, _meta, internal, ...rest } = snapshot;
  const meta = _meta ?? { columns: {}, schemas: {}, tables: {} };
  const ordered =
    dialect === 'pg'
      ? { id, prevId, version, dialect: d, ...rest, _meta: meta }
      : { version, dialect: d, id, prevId, ...rest, _meta: meta, ...(internal === undefined ? {} : { internal }) };
  return JSON.stringify(ordered, null, 2);
}

/** A fresh snapshot id, as drizzle-kit makes them. */
export const newSnapshotId = (): string => randomUUID();
