import { assertEmbeddingCurrent, type MigrateOptions } from '../src/migrate/index.js';

/**
 * Turns the shared migration flags (already checked by the command-line layer: --tx is each|all,
 * --lock-timeout a whole number) into runner options. Without --migrations-dir the embedded migrations
 * apply; run in the toolkit's repository, they must match drizzle/.
 */
export async function migrationOptions(values: { readonly tx?: string | undefined; readonly 'lock-timeout'?: string | undefined; readonly 'migrations-dir'?: string | undefined }): Promise<MigrateOptions> {
  const options: { -readonly [K in keyof MigrateOptions]: MigrateOptions[K] } = {};
  if (values.tx === 'each' || values.tx === 'all') options.tx = values.tx;
  if (values['lock-timeout'] !== undefined) options.lockTimeoutMs = Number(values['lock-timeout']);
  if (values['migrations-dir'] !== undefined) options.migrationsRoot = values['migrations-dir'];
  else await assertEmbeddingCurrent(process.cwd());
  return options;
}
