import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KitDialect } from '../codegen/drizzle-kit.js';
import { buildPgTables, buildSqliteTables } from '../schema-kit/build-tables.js';
import type { SchemaSpec } from '../schema-kit/index.js';
import { generateIntent } from '../codegen/generate-intent.js';
import { snapshotOfTables } from '../codegen/migration-folder.js';
import { applicableRenames } from '../codegen/renames.js';
import { diffSnapshots } from '../codegen/snapshot-diff.js';
import type { Snapshot } from '../codegen/snapshot-types.js';

interface Journal {
  readonly entries: readonly { readonly idx: number; readonly tag: string }[];
}

export type SnapshotDrift =
  | { readonly kind: 'in-sync'; readonly migrations: number }
  | { readonly kind: 'no-migrations' }
  | { readonly kind: 'unreadable'; readonly file: string; readonly message: string }
  | { readonly kind: 'drift'; readonly migrations: number; readonly latest: string; readonly statements: readonly string[] };

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/**
 * Diffs schema/ (built with base names) against the snapshot of the latest migration of one dialect, with
 * drizzle-kit's own differ (drizzle-kit/api). Any statement it would emit means a migration is missing.
 */
export async function snapshotDrift(root: string, dialect: KitDialect, schema: SchemaSpec): Promise<SnapshotDrift> {
  const meta = join(root, 'drizzle', dialect, 'meta');
  let journal: Journal;
  try {
    journal = (await readJson(join(meta, '_journal.json'))) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'no-migrations' };
    return { kind: 'unreadable', file: join(meta, '_journal.json'), message: (error as Error).message };
  }
  const latest = journal.entries.at(-1);
  if (latest === undefined) return { kind: 'no-migrations' };
  const snapshotFile = join(meta, `${String(latest.idx).padStart(4, '0')}_snapshot.json`);
  let previous: unknown;
  try {
    previous = await readJson(snapshotFile);
  } catch (error) {
    return { kind: 'unreadable', file: snapshotFile, message: (error as Error).message };
  }
  // The schema's own rename declarations count (the diff never prompts): a pending rename is a missing migration.
  const prev = previous as Snapshot;
  const tables = (dialect === 'pg' ? buildPgTables(schema) : buildSqliteTables(schema)) as Record<string, unknown>;
  const current = await snapshotOfTables(dialect, tables, prev.id);
  const intent = generateIntent(schema, { rename: [], drop: [] });
  const renames = intent.ok ? applicableRenames(prev, current, intent.intent.renames) : undefined;
  const diff = await diffSnapshots(dialect, prev, current, { renames: renames ?? { tables: new Map(), columns: new Map() }, mode: 'as-drop' });
  const statements = diff.kind === 'ok' ? diff.statements : [];
  return statements.length === 0
    ? { kind: 'in-sync', migrations: journal.entries.length }
    : { kind: 'drift', migrations: journal.entries.length, latest: latest.tag, statements };
}
