import { assertEmbeddingCurrent, type MigrateOptions } from '../src/migrate/index.js';

/** Flags shared by the migration commands; spread into each command's parseArgs options. */
export const MIGRATION_FLAGS = {
  json: { type: 'boolean', default: false },
  tx: { type: 'string' },
  'lock-timeout': { type: 'string' },
  'migrations-dir': { type: 'string' },
} as const;

/**
 * Turns the shared flags into runner options, rejecting bad values with the flag named. Without
 * --migrations-dir the embedded migrations apply; run in the toolkit's repository, they must match drizzle/.
 */
export async function migrationOptions(values: { tx?: string | undefined; 'lock-timeout'?: string | undefined; 'migrations-dir'?: string | undefined }): Promise<MigrateOptions> {
  const options: { -readonly [K in keyof MigrateOptions]: MigrateOptions[K] } = {};
  if (values.tx !== undefined) {
    if (values.tx !== 'each' && values.tx !== 'all') throw new Error(`--tx must be "each" or "all", got ${JSON.stringify(values.tx)}`);
    options.tx = values.tx;
  }
  if (values['lock-timeout'] !== undefined) {
    const ms = Number(values['lock-timeout']);
    if (!Number.isInteger(ms) || ms <= 0) throw new Error(`--lock-timeout must be a positive number of milliseconds, got ${JSON.stringify(values['lock-timeout'])}`);
    options.lockTimeoutMs = ms;
  }
  if (values['migrations-dir'] !== undefined) options.migrationsRoot = values['migrations-dir'];
  else await assertEmbeddingCurrent(process.cwd());
  return options;
}
