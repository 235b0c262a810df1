import type { EmbeddedMigration, EmbeddedMigrationData } from '../../migrate/embedded-migrations.js';
import { toEmbeddedSet } from '../../migrate/embedded-migrations.js';
import type { MigrationDialect } from '../../migrate/migration-files.js';
import { migrate } from '../../migrate/migrator.js';
import { openMigrationDriver } from '../../migrate/open-driver.js';
import { rollbackMigrations } from '../../migrate/rollback.js';
import { LEDGER_BASE_NAME } from '../../naming/index.js';
import { checksumSql } from '../../migrate/sql-checksum.js';
import type { DbConfig } from '../../config/index.js';
import { compareCatalogs, readSchemaCatalog, type CatalogDifference, type SchemaCatalog } from './schema-catalog.js';
import type { ScratchDatabase } from './scratch-database.js';

/** The prefix of the scratch objects: any valid prefix works, both sides use the same one. */
export const REPLAY_PREFIX = 'replay';

export type ReplayProblem =
  | { readonly kind: 'schema-differs'; readonly differences: readonly CatalogDifference[] }
  | { readonly kind: 'migration-failed'; readonly phase: 'fresh schema' | 'up' | 'down' | 'up again'; readonly message: string }
  | { readonly kind: 'down-incomplete'; readonly tag: string; readonly differences: readonly CatalogDifference[] };

export interface ReplayResult {
  readonly dialect: MigrationDialect;
  readonly migrations: number;
  /** Whether the down files were replayed (not when a custom migration has none). */
  readonly downChecked: boolean;
  readonly problems: readonly ReplayProblem[];
}

const EMPTY: SchemaCatalog = { columns: new Map(), objects: new Map() };

function only(dialect: MigrationDialect, list: readonly EmbeddedMigration[]): EmbeddedMigrationData {
  return dialect === 'postgresql' ? { postgresql: list, sqlite: [] } : { postgresql: [], sqlite: list };
}

async function catalogOf(config: DbConfig): Promise<SchemaCatalog> {
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 10_000, create: false });
  try {
    return await readSchemaCatalog(driver, `${config.prefix}_${LEDGER_BASE_NAME}`);
  } finally {
    await driver.close();
  }
}

const failure = (phase: 'fresh schema' | 'up' | 'down' | 'up again', error: { message: string } | undefined): ReplayProblem => ({
  kind: 'migration-failed',
  phase,
  message: error === undefined ? 'failed' : error.message,
});

/**
 * Builds the schema twice in scratch databases of one dialect and compares what the engine reports:
 * once fresh from `freshSql` (the DDL of schema/ as one migration), once by replaying every migration with
 * the real runner, one at a time. Then undoes them newest first with their down files; after each, the
 * catalog must be the one from before that migration. Edited, custom or reversed migrations that do not lead to the
 * schema show up as differences naming the object and both sides.
 */
export async function replayDrift(dialect: MigrationDialect, scratch: ScratchDatabase, migrations: readonly EmbeddedMigration[], freshSql: string): Promise<ReplayResult> {
  const problems: ReplayProblem[] = [];
  const config = scratch.config(REPLAY_PREFIX);
  const fresh = toEmbeddedSet(only(dialect, [{ idx: 0, tag: '0000_schema', checksum: checksumSql(freshSql), sql: freshSql, down: null }]));
  const freshRun = await migrate(config, { migrations: fresh, criticalTables: [], privateDatabase: true });
  if (!freshRun.ok) return { dialect, migrations: migrations.length, downChecked: false, problems: [failure('fresh schema', freshRun.error)] };
  const expected = await catalogOf(config);
  await scratch.reset();

  // Up one migration at a time, keeping each catalog: the down files are then checked step by step.
  const replay = scratch.config(REPLAY_PREFIX);
  const catalogs: SchemaCatalog[] = [EMPTY];
  for (let k = 1; k <= migrations.length; k++) {
    const up = await migrate(replay, { migrations: toEmbeddedSet(only(dialect, migrations.slice(0, k))), criticalTables: [], privateDatabase: true });
    if (!up.ok) return { dialect, migrations: migrations.length, downChecked: false, problems: [failure('up', up.error)] };
    catalogs.push(await catalogOf(replay));
  }
  const replayed = catalogs[migrations.length] ?? EMPTY;
  const differences = compareCatalogs(expected, replayed);
  if (differences.length > 0) problems.push({ kind: 'schema-differs', differences });

  // Down files, newest first, each compared with the catalog before its migration; only while they exist
  // (a custom migration may have none: rollback would refuse, and the check stops there).
  const set = toEmbeddedSet(only(dialect, migrations));
  let downChecked = true;
  for (let k = migrations.length; k >= 1; k--) {
    const migration = migrations[k - 1];
    if (migration === undefined || migration.down === null) {
      downChecked = false;
      break;
    }
    const down = await rollbackMigrations(replay, { migrations: set, steps: 1, yes: true, criticalTables: [] });
    if (!down.ok) {
      problems.push(failure('down', down.error));
      break;
    }
    const left = compareCatalogs(catalogs[k - 1] ?? EMPTY, await catalogOf(replay));
    if (left.length > 0) {
      problems.push({ kind: 'down-incomplete', tag: migration.tag, differences: left });
      break;
    }
  }
  await scratch.reset();
  return { dialect, migrations: migrations.length, downChecked, problems };
}
