import { join } from 'node:path';
import { installedVersions, treeDigest } from './tree-digest.js';

/** The tools whose version can change a verdict of db:check or db:generate (drizzle-kit's diff, the replay's engines). */
const TOOLS = ['drizzle-kit', 'drizzle-orm', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'libsql', '@libsql/client', 'ts-morph', 'libpg-query', 'tsx'];

/**
 * The digest of everything db:check and db:generate read: the project's schema/, drizzle/ (with
 * lint-acks.json and migrations.sum), generated/, drizzle.config.ts, package.json and lockfile; the toolkit's
 * own src/ and scripts/ (its code is part of the verdict); the Node and tool versions; and `extra` (the
 * command and the flags that change its output).
 */
export async function projectDigest(root: string, toolkitRoot: string, extra: readonly string[]): Promise<string> {
  const own = ['schema', 'drizzle', 'generated', 'drizzle.config.ts', 'package.json', 'pnpm-lock.yaml', 'tsconfig.json'].map((p) => join(root, p));
  const toolkit = ['src', 'scripts'].map((p) => join(toolkitRoot, p));
  return treeDigest({
    base: root,
    paths: [...new Set([...own, ...toolkit])],
    values: [`node=${process.version}`, ...(await installedVersions(root, TOOLS)), ...extra],
  });
}
