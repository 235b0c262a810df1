import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KitDialect } from './drizzle-kit.js';

export const DOWN_FOLDER = 'down';

/** Path of the reverse of a migration: drizzle/<dialect>/down/<tag>.sql. */
export const downFile = (root: string, dialect: KitDialect, tag: string) => join(root, 'drizzle', dialect, DOWN_FOLDER, `${tag}.sql`);

interface Journal {
  readonly entries: readonly { readonly idx: number; readonly tag: string }[];
}

/**
 * The reverse of every generated migration, from drizzle-kit's own differ with the snapshots swapped
 * (current -> previous). A migration whose snapshot equals the previous one is custom (hand-written SQL):
 * its reverse cannot be derived and must be written by hand; it maps to `undefined`.
 */
export async function renderDownMigrations(root: string, dialect: KitDialect): Promise<Map<string, string | undefined>> {
  const meta = join(root, 'drizzle', dialect, 'meta');
  const journal = JSON.parse(await readFile(join(meta, '_journal.json'), 'utf8').catch(() => '{"entries":[]}')) as Journal;
  const api = await import('drizzle-kit/api');
  const empty = dialect === 'pg' ? api.generateDrizzleJson({}) : await api.generateSQLiteDrizzleJson({});
  const out = new Map<string, string | undefined>();
  let previous: unknown = empty;
  for (const entry of journal.entries) {
    const current: unknown = JSON.parse(await readFile(join(meta, `${String(entry.idx).padStart(4, '0')}_snapshot.json`), 'utf8'));
    const statements =
      dialect === 'pg'
        ? await api.generateMigration(current as never, previous as never)
        : await api.generateSQLiteMigration(current as never, previous as never);
    out.set(downFile(root, dialect, entry.tag), statements.length === 0 ? undefined : `${statements.join('\n--> statement-breakpoint\n')}\n`);
    previous = current;
  }
  return out;
}
