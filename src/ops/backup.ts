import { localSqliteFile } from './local-sqlite.js';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'libsql';
import type { DbConfig } from '../config/index.js';
import { prefixTables } from '../drift/live-catalog.js';
import { openMigrationDriver } from '../migrate/open-driver.js';
import { OpsError } from './ops-error.js';
import { runPgTool } from './pg-tools.js';
import { countRows, type RowCounts } from './row-counts.js';
import { commandName } from '../errors/command-name.js';

export interface BackupResult {
  readonly file: string;
  readonly dialect: DbConfig['dialect'];
  readonly prefix: string;
  /** Row counts per table at the moment of the backup; kept beside it in `<file>.json` to check a restore. */
  readonly counts: RowCounts;
}

const stamp = (date: Date) => date.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');

/** The default backup location: `data/backups/<prefix>-<timestamp>.(db|dump)` under the working directory. */
export function defaultBackupFile(config: DbConfig, cwd = process.cwd(), now = new Date()): string {
  return join(cwd, 'data', 'backups', `${config.prefix}-${stamp(now)}.${config.dialect === 'sqlite' ? 'db' : 'dump'}`);
}

/**
 * Backs up this prefix. SQLite: `VACUUM INTO` (an online, consistent copy of the file; it holds every prefix
 * of that file, a restore takes back only this one). PostgreSQL: pg_dump of exactly this prefix's tables in the
 * custom format, from the same snapshot as the row counts. Files are created with mode 0600.
 */
export async function backupDatabase(config: DbConfig, file = defaultBackupFile(config)): Promise<BackupResult> {
  if (config.postgres === undefined) localSqliteFile(config, 'db:backup');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
  try {
    const tables = await prefixTables(driver, config.prefix);
    let counts: RowCounts;
    if (config.postgres === undefined) {
      // VACUUM INTO accepts an existing empty file: creating it first gives the copy mode 0600 from the start.
      await writeFile(file, '', { mode: 0o600, flag: 'wx' });
      await driver.query(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
      await chmod(file, 0o600);
      // Counted in the copy itself: exactly what the file holds.
      const copy = new Database(file, { readonly: true });
      try {
        counts = Object.fromEntries(tables.map((t) => [t, Number((copy.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n)]));
      } finally {
        copy.close();
      }
    } else {
      // One snapshot for the counts and for pg_dump, so the counts describe exactly the dump.
      await driver.query('begin transaction isolation level repeatable read');
      try {
        const [snapshot] = await driver.query<{ id: string }>('select pg_export_snapshot() as id');
        counts = await countRows(driver, tables);
        await runPgTool('pg_dump', config.postgres, [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--snapshot=${snapshot!.id}`,
          `--file=${file}`,
          ...tables.map((t) => `--table="${t}"`),
        ]);
      } finally {
        await driver.query('commit');
      }
      await chmod(file, 0o600);
    }
    await writeFile(`${file}.json`, `${JSON.stringify({ prefix: config.prefix, dialect: config.dialect, counts }, null, 2)}\n`, { mode: 0o600 });
    return { file, dialect: config.dialect, prefix: config.prefix, counts };
  } finally {
    await driver.close();
  }
}

/** The row counts recorded beside a backup. */
export async function readBackupCounts(file: string): Promise<RowCounts> {
  try {
    return (JSON.parse(await readFile(`${file}.json`, 'utf8')) as { counts: RowCounts }).counts;
  } catch (cause) {
    throw new OpsError(`backup ${file} has no readable ${file}.json with its row counts`, {
      code: 'OPS_BACKUP_NOT_FOUND',
      subject: file,
      hint: `restore from a backup made by \`${commandName('backup')}\`, which writes the counts beside the file`,
      cause,
    });
  }
}
