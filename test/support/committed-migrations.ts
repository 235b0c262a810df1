import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-copy.js';

/** A dialect as configurations name it (`postgresql`) or as its migrations folder does (`pg`). */
export type DialectName = 'pg' | 'postgresql' | 'sqlite';

const folderOf = (dialect: DialectName) => (dialect === 'sqlite' ? 'sqlite' : 'pg');

/**
 * The tags of one dialect's committed migrations, in journal order, read from `root`'s drizzle/ (this
 * repository's by default), so tests name exactly what is applied and keep holding when a migration is added.
 */
export function committedTags(dialect: DialectName, root: string = REPO_ROOT): string[] {
  const journal = JSON.parse(readFileSync(join(root, 'drizzle', folderOf(dialect), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/** The tag drizzle-kit (and db:migrate:create) gives the next migration named `name`: the next journal index, four digits. */
export function nextTag(dialect: DialectName, name: string, root: string = REPO_ROOT): string {
  return `${String(committedTags(dialect, root).length).padStart(4, '0')}_${name}`;
}

/** The newest committed migration of one dialect (what a fully migrated database has last applied). */
export function latestTag(dialect: DialectName, root: string = REPO_ROOT): string {
  const latest = committedTags(dialect, root).at(-1);
  if (latest === undefined) throw new Error(`drizzle/${folderOf(dialect)} has no migrations`);
  return latest;
}
