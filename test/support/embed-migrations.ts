import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readEmbeddedInput, renderMigrationModules } from '../../src/codegen/migrations-module.js';

/** What `pnpm db:generate` does last: embeds `root`'s drizzle/ (and its cross-prefix acknowledgements) in its generated/migrations.ts (for repo copies). */
export async function embedMigrations(root: string): Promise<void> {
  for (const [path, content] of renderMigrationModules(await readEmbeddedInput(root))) await writeFile(join(root, path), content);
}
