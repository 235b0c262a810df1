import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readMigrationSet, renderMigrationModules } from '../../src/codegen/migrations-module.js';

/** What `pnpm db:generate` does last: embeds `root`'s drizzle/ in its generated/migrations.ts (for repo copies). */
export async function embedMigrations(root: string): Promise<void> {
  for (const [path, content] of renderMigrationModules(await readMigrationSet(root))) await writeFile(join(root, path), content);
}
