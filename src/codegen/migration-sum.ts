import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CtsDbError } from '../errors/index.js';
import { DOWN_FOLDER } from './migration-folder.js';
import type { KitDialect } from './snapshot-types.js';

/**
 * drizzle/migrations.sum, in the spirit of Atlas's atlas.sum: the sha256 of the exact bytes of every file
 * under drizzle/pg and drizzle/sqlite (migrations, down files, snapshots, journals), so a reviewed diff of one
 * file shows any change to a committed migration, a comment included.
 *
 * Format (UTF-8, `\n` line ends, no other lines):
 *
 *     total <sha256 hex of every line after this one, their newlines included>
 *     <sha256 hex>  pg/0000_init.sql
 *     <sha256 hex>  pg/down/0000_init.sql
 *     ...
 *
 * File lines are `sha256sum`'s own format, with paths relative to drizzle/, sorted by path (byte order), so
 * `cd drizzle && sed 1d migrations.sum | sha256sum -c` verifies it without this toolkit. Two branches that
 * each add a migration both change the total line: merging them conflicts there, and the merge is resolved
 * by regenerating, not by picking a side.
 */
export const SUM_FILE = 'drizzle/migrations.sum';

const SUM_DIALECTS: readonly KitDialect[] = ['pg', 'sqlite'];
const LINE = /^([0-9a-f]{64}) {2}(\S.*)$/;

/** Path (relative to drizzle/) -> sha256 hex. */
export type SumLines = ReadonlyMap<string, string>;

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(dir: string, rel: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const found: string[] = [];
  for (const entry of entries) {
    const path = `${rel}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(join(dir, entry.name), path)));
    else found.push(path);
  }
  return found;
}

/** The sha256 of every file under drizzle/pg and drizzle/sqlite, as the sum lists them. */
export async function hashMigrationFiles(root: string): Promise<SumLines> {
  const paths = (await Promise.all(SUM_DIALECTS.map((d) => filesUnder(join(root, 'drizzle', d), d)))).flat();
  const lines = new Map<string, string>();
  for (const path of paths) lines.set(path, sha256Hex(await readFile(join(root, 'drizzle', path))));
  return lines;
}

/** The text of drizzle/migrations.sum for these lines. */
export function renderSum(lines: SumLines): string {
  const body = [...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, hash]) => `${hash}  ${path}\n`).join('');
  return `total ${sha256Hex(body)}\n${body}`;
}

/** Why a sum file's text is malformed, when it is; a line changed by hand shows in the total. */
export type ParsedSum = { readonly ok: true; readonly lines: SumLines } | { readonly ok: false; readonly why: string };

/** Parses the text of drizzle/migrations.sum. */
export function parseSum(text: string): ParsedSum {
  const bad = (why: string): ParsedSum => ({ ok: false, why });
  const [first = '', ...rest] = text.split('\n');
  if (rest.at(-1) !== '') return bad('it must end with a newline');
  const body = rest.slice(0, -1);
  const total = /^total ([0-9a-f]{64})$/.exec(first);
  if (total === null) return bad(`line 1 must be "total <sha256 hex>", found ${JSON.stringify(first.slice(0, 80))}`);
  const lines = new Map<string, string>();
  for (const [i, line] of body.entries()) {
    const match = LINE.exec(line);
    if (match === null) return bad(`line ${i + 2} is not "<sha256 hex>  <path>": ${JSON.stringify(line.slice(0, 80))}`);
    const [, hash = '', path = ''] = match;
    if (lines.has(path)) return bad(`line ${i + 2} lists ${path} a second time`);
    lines.set(path, hash);
  }
  // The total covers the lines as written, so a line changed by hand (not by the tool) shows here too.
  if (sha256Hex(body.map((l) => `${l}\n`).join('')) !== total[1]) return bad('the total line does not match the lines below it (edited by hand, or a merge kept lines of both sides)');
  return { ok: true, lines };
}

export const MALFORMED_HINT = `restore ${SUM_FILE} from git (never edit it by hand); after a merge conflict in it, keep the other branch's version with its journal and regenerate your unapplied migration after theirs`;

/** The recorded lines, or undefined when the repository has no sum file yet; MIGRATION_SUM_MALFORMED if unreadable. */
export async function readSum(root: string): Promise<SumLines | undefined> {
  const text = await readFile(join(root, SUM_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const parsed = parseSum(text);
  if (!parsed.ok) throw new CtsDbError(`${SUM_FILE} is malformed: ${parsed.why}`, { code: 'MIGRATION_SUM_MALFORMED', subject: SUM_FILE, hint: MALFORMED_HINT });
  return parsed.lines;
}

export type SumDifference =
  | { readonly kind: 'changed'; readonly path: string; readonly recorded: string; readonly actual: string }
  | { readonly kind: 'missing'; readonly path: string; readonly recorded: string }
  | { readonly kind: 'unlisted'; readonly path: string; readonly actual: string };

/** Every file whose bytes differ from its line, every listed file that is gone, every file not listed. */
export function compareSum(recorded: SumLines, actual: SumLines): SumDifference[] {
  const differences: SumDifference[] = [];
  for (const [path, hash] of recorded) {
    const now = actual.get(path);
    if (now === undefined) differences.push({ kind: 'missing', path, recorded: hash });
    else if (now !== hash) differences.push({ kind: 'changed', path, recorded: hash, actual: now });
  }
  for (const [path, hash] of actual) if (!recorded.has(path)) differences.push({ kind: 'unlisted', path, actual: hash });
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The migration tag a listed path belongs to (`pg/0003_x.sql`, `pg/down/0003_x.sql` -> 0003_x), if any. */
export function tagOfPath(path: string): string | undefined {
  const parts = path.split('/');
  const name = parts.length === 2 ? parts[1] : parts.length === 3 && parts[1] === DOWN_FOLDER ? parts[2] : undefined;
  return name?.endsWith('.sql') ? name.slice(0, -'.sql'.length) : undefined;
}

/** The snapshot a tag's migration wrote (`pg/0003_x` -> pg/meta/0003_snapshot.json). */
const snapshotOfTag = (dialect: string, tag: string) => `${dialect}/meta/${tag.slice(0, 4)}_snapshot.json`;

/**
 * The differences `pnpm db:generate --rehash <tag>` may accept: that tag's SQL and down file in either
 * folder; when the migration is gone from a folder altogether (an unapplied migration deleted), also its
 * snapshot and that folder's journal, whose entry went with it.
 */
export function rehashable(differences: readonly SumDifference[], tags: ReadonlySet<string>): Set<string> {
  const accepted = new Set<string>();
  for (const d of differences) {
    const tag = tagOfPath(d.path);
    if (tag !== undefined && tags.has(tag)) accepted.add(d.path);
  }
  for (const d of differences) {
    const tag = tagOfPath(d.path);
    if (d.kind !== 'missing' || tag === undefined || !tags.has(tag) || d.path.split('/').length !== 2) continue;
    const dialect = d.path.split('/')[0] ?? '';
    accepted.add(snapshotOfTag(dialect, tag));
    accepted.add(`${dialect}/meta/_journal.json`);
  }
  return accepted;
}

/** Writes drizzle/migrations.sum when its text would change; returns whether it did. */
export async function writeSum(root: string, lines: SumLines): Promise<boolean> {
  const text = renderSum(lines);
  if ((await readFile(join(root, SUM_FILE), 'utf8').catch(() => undefined)) === text) return false;
  await writeFile(join(root, SUM_FILE), text);
  return true;
}

/**
 * Before db:generate or db:migrate:create writes anything: every file the sum lists must still have its
 * recorded bytes (except what `--rehash` names), so these commands only ever record their own writes and
 * new files, never an edit of a committed migration. Files the sum does not list yet are accepted (they are
 * new, e.g. a custom migration being written). Throws MIGRATION_SUM_MISMATCH naming each file.
 */
export async function verifySumBeforeWrite(root: string, rehash: ReadonlySet<string> = new Set()): Promise<{ readonly recorded: SumLines | undefined; readonly actual: SumLines }> {
  const [recorded, actual] = await Promise.all([readSum(root), hashMigrationFiles(root)]);
  if (recorded === undefined) return { recorded, actual };
  const differences = compareSum(recorded, actual);
  const known = new Set([...recorded.keys(), ...actual.keys()].map(tagOfPath).filter((t) => t !== undefined));
  const unknown = [...rehash].filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new CtsDbError(`--rehash ${unknown.join(', ')}: no such migration in drizzle/pg or drizzle/sqlite (nor in ${SUM_FILE}); nothing was written`, {
      code: 'MIGRATION_SUM_UNKNOWN_TAG',
      subject: unknown.join(', '),
      hint: 'give the full tag of each migration to rehash, e.g. --rehash 0003_backfill_notes (one per dialect folder when their numbers differ)',
    });
  }
  const accepted = rehashable(differences, rehash);
  const refused = differences.filter((d) => d.kind !== 'unlisted' && !accepted.has(d.path));
  if (refused.length > 0) {
    const tags = [...new Set(refused.map((d) => tagOfPath(d.path)).filter((t) => t !== undefined))];
    throw new CtsDbError(
      `${refused.length} file(s) of drizzle/ differ from ${SUM_FILE}; nothing was written:\n${refused.map((d) => `  - drizzle/${d.path}: ${d.kind === 'missing' ? 'listed but missing' : 'edited since it was recorded'}`).join('\n')}`,
      {
        code: 'MIGRATION_SUM_MISMATCH',
        subject: refused.map((d) => `drizzle/${d.path}`).join(', '),
        hint: `restore each from git (git checkout -- <file>) and put the change in a new migration; only for a migration no database has applied yet: pnpm db:generate ${tags.length === 0 ? '--rehash <tag>' : tags.map((t) => `--rehash ${t}`).join(' ')}`,
      },
    );
  }
  return { recorded, actual };
}
