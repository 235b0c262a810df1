import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS_MODULE, readMigrationSet, renderMigrationsModule } from '../../src/codegen/migrations-module.js';

/** What `pnpm db:generate` does last: embeds `root`'s drizzle/ in its generated/migrations.ts (for repo copies). */
export async function embedMigrations(root: string): Promise<void> {
  await writeFile(join(root, MIGRATIONS_MODULE), renderMigrationsModule(await readMigrationSet(root)));
}
