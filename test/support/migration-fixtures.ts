import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveConfig, type DbConfig } from '../../src/config/index.js';
import { createTempDir } from './temp-dir.js';
import { createTestPostgres, type TestPostgres } from './test-postgres.js';

export interface FixtureMigration {
  readonly tag: string;
  readonly sql: string;
}

/** Writes a drizzle-style migrations folder (journal + files) for one dialect folder (pg or sqlite). */
export async function writeMigrationFolder(root: string, folder: 'pg' | 'sqlite', migrations: readonly FixtureMigration[]): Promise<void> {
  await mkdir(join(root, folder, 'meta'), { recursive: true });
  const entries = migrations.map((m, idx) => ({ idx, version: '7', when: 1_700_000_000_000 + idx, tag: m.tag, breakpoints: true }));
  await writeFile(join(root, folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: folder === 'pg' ? 'postgresql' : 'sqlite', entries }, null, 2));
  for (const m of migrations) await writeFile(join(root, folder, `${m.tag}.sql`), m.sql);
}

/** A fresh, empty database of one dialect, and a way to build configurations (prefixes) for it. */
export interface MigrationTarget {
  readonly dialect: 'postgresql' | 'sqlite';
  readonly folder: 'pg' | 'sqlite';
  /** Environment that selects this database (for CLI processes). */
  readonly env: Record<string, string>;
  config(prefix: string, extra?: Record<string, string>): DbConfig;
  readonly pg: TestPostgres | undefined;
  readonly sqlitePath: string | undefined;
  cleanup(): Promise<void>;
}

export async function createMigrationTarget(dialect: 'postgresql' | 'sqlite'): Promise<MigrationTarget> {
  if (dialect === 'postgresql') {
    const pg = await createTestPostgres();
    const env = { ...pg.env };
    return {
      dialect,
      folder: 'pg',
      env,
      config: (prefix, extra = {}) => resolveConfig({ env: { ...env, DB_PREFIX: prefix, ...extra }, configFile: false }),
      pg,
      sqlitePath: undefined,
      cleanup: () => pg.cleanup(),
    };
  }
  const dir = await createTempDir('cts-migrate');
  const sqlitePath = join(dir.path, 'cts.db');
  const env = { SQLITE_DB_PATH: sqlitePath };
  return {
    dialect,
    folder: 'sqlite',
    env,
    config: (prefix, extra = {}) => resolveConfig({ env: { ...env, DB_PREFIX: prefix, ...extra }, configFile: false }),
    pg: undefined,
    sqlitePath,
    cleanup: dir.cleanup,
  };
}

