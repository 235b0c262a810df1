import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from './migration-error.js';
import { readMigrationFiles, type MigrationDialect } from './migration-files.js';
import { loadEmbeddedMigrations } from './migration-source.js';
import { LINT_ACKS_FILE, readLintAcks } from '../lint/lint-acks.js';
import { CROSS_PREFIX_RULE } from './prefix-isolation.js';

/**
 * In the toolkit's own repository (a `generated/migrations.ts` beside `drizzle/`), the commands apply the
 * embedded migrations, which `pnpm db:generate` writes from drizzle/. A migration added or edited in drizzle/
 * and not yet embedded would be silently left out (or run in its old form): this names every difference.
 * Returns [] outside such a repository (an installed app has no drizzle/ of ours) and when both agree.
 */
export async function staleEmbedding(root: string): Promise<string[]> {
  if (!existsSync(join(root, 'generated', 'migrations.ts')) || !existsSync(join(root, 'drizzle'))) return [];
  const set = await loadEmbeddedMigrations();
  const embedded = await set.loadHeads();
  const problems: string[] = [];
  for (const dialect of ['postgresql', 'sqlite'] as const satisfies readonly MigrationDialect[]) {
    const folder = await readMigrationFiles(join(root, 'drizzle'), dialect);
    const heads = embedded[dialect];
    const inFolder = folder.map((f) => `${f.tag}:${f.checksum}`).join(',');
    const inModule = heads.map((h) => `${h.tag}:${h.checksum}`).join(',');
    if (inFolder === inModule) continue;
    const known = new Map(heads.map((h) => [h.tag, h.checksum]));
    for (const f of folder) {
      const checksum = known.get(f.tag);
      if (checksum === undefined) problems.push(`${f.file}: not embedded`);
      else if (checksum !== f.checksum) problems.push(`${f.file}: edited since it was embedded`);
    }
    const tags = new Set(folder.map((f) => f.tag));
    for (const h of heads) if (!tags.has(h.tag)) problems.push(`${dialect} ${h.tag}: embedded but no longer in drizzle/`);
    if (problems.length === 0) problems.push(`${dialect}: the embedded order differs from the journal's`);
  }
  // The runner reads its cross-prefix acknowledgements from the embedded set too.
  const key = (a: { dialect: string; tag: string; statement: string }) => `${a.dialect} ${a.tag} ${a.statement}`;
  const acks = (await readLintAcks(root)).filter((a) => a.rule === CROSS_PREFIX_RULE).map(key).sort().join(',');
  if (acks !== (set.acks ?? []).map(key).sort().join(',')) problems.push(`${LINT_ACKS_FILE}: its cross-prefix acknowledgements are not the embedded ones`);
  return problems;
}

/** Throws MIGRATION_EMBEDDED_STALE when `staleEmbedding(root)` finds anything. */
export async function assertEmbeddingCurrent(root: string): Promise<void> {
  const problems = await staleEmbedding(root);
  if (problems.length === 0) return;
  throw new MigrationError(`drizzle/ has migrations that the embedded set (generated/migrations.ts) does not match:\n  ${problems.join('\n  ')}`, {
    code: 'MIGRATION_EMBEDDED_STALE',
    subject: join(root, 'generated', 'migrations.ts'),
    hint: 'run `pnpm db:generate` to embed drizzle/ (the commands apply the embedded migrations), or pass --migrations-dir drizzle to apply the folder as it is',
  });
}
