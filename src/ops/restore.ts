import { localSqliteFile } from './local-sqlite.js';
import Database from 'libsql';
import type { DbConfig } from '../config/index.js';
import { prefixTables } from '../drift/live-catalog.js';
import { openMigrationDriver } from '../migrate/open-driver.js';
import { readBackupCounts } from './backup.js';
import { OpsError } from './ops-error.js';
import { runPgTool } from './pg-tools.js';
import { countRows, type RowCounts } from './row-counts.js';
import type { MigrationDriver } from '../migrate/migration-driver.js';
import { grantTables, privilegeProblems } from './provision.js';
import { commandName } from '../errors/command-name.js';

export interface RestoreResult {
  readonly file: string;
  readonly counts: RowCounts;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function mismatch(file: string, expected: RowCounts, actual: RowCounts): OpsError | undefined {
  const wrong = Object.entries(expected).filter(([t, n]) => actual[t] !== n);
  if (wrong.length === 0) return undefined;
  return new OpsError(`restore of ${file} does not match its recorded row counts: ${wrong.map(([t, n]) => `${t} expected ${n}, got ${actual[t] ?? 'no table'}`).join('; ')}`, {
    code: 'OPS_RESTORE_MISMATCH',
    subject: file,
    hint: 'the backup file may be damaged or from another schema version; nothing was kept (SQLite) or the restore transaction was rolled back (PostgreSQL)',
  });
}

/**
 * Restores this prefix's tables from a backup made by `backupDatabase`, and checks the row count of every table
 * against the counts recorded at backup time. Other prefixes are not touched. All or nothing.
 */
export async function restoreDatabase(config: DbConfig, file: string): Promise<RestoreResult> {
  if (config.postgres === undefined) localSqliteFile(config, 'db:restore');
  const expected = await readBackupCounts(file);
  const tables = Object.keys(expected);
  if (config.postgres !== undefined) {
    // One connection (the direct URL when set) for the role check, the counts and the grants.
    const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
    try {
      const roles = await setupRoles(driver, config);
      // Objects are created as the admin role (pg_restore --role), as migrations would create them; the grants
      // of the dump are not used (they name the roles of wherever it was made) but re-applied below.
      await runPgTool('pg_restore', config.postgres, ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', ...(roles.canSetAdmin ? [`--role=${config.roles.admin.user}`] : []), file]);
      const counts = await countRows(driver, tables);
      const error = mismatch(file, expected, counts);
      if (error !== undefined) throw error;
      if (roles.exist) await regrant(driver, config, file);
      return { file, counts };
    } finally {
      await driver.close();
    }
  }
  const db = new Database(localSqliteFile(config, 'db:restore'), { timeout: config.sqlite.busyTimeoutMs });
  try {
    db.exec(`ATTACH DATABASE '${file.replaceAll("'", "''")}' AS backup`);
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const table of tables) {
        const exists = db.prepare("select 1 from main.sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
        if (exists) db.exec(`DELETE FROM main.${quote(table)}`);
        else {
          // Created as in the backup, with its indexes.
          const ddl = db.prepare("select sql from backup.sqlite_master where tbl_name = ? and sql is not null order by type = 'index'").all(table) as { sql: string }[];
          for (const { sql } of ddl) db.exec(sql);
        }
        const columns = (db.prepare(`select name from backup.pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => quote(c.name)).join(', ');
        db.exec(`INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM backup.${quote(table)}`);
      }
      const counts = Object.fromEntries(tables.map((t) => [t, Number((db.prepare(`select count(*) as n from main.${quote(t)}`).get() as { n: number }).n)]));
      const error = mismatch(file, expected, counts);
      if (error !== undefined) throw error;
      if ((db.prepare('PRAGMA main.foreign_key_check').all() as unknown[]).length > 0) {
        throw new OpsError(`restore of ${file} leaves rows without their parent rows`, { code: 'OPS_RESTORE_MISMATCH', subject: file, hint: 'the backup is inconsistent; nothing was changed' });
      }
      db.exec('COMMIT');
      return { file, counts };
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      db.exec('PRAGMA foreign_keys = ON');
    }
  } finally {
    db.close();
  }
}

interface SetupRoles {
  /** Both roles of `db:setup` exist on the server. */
  readonly exist: boolean;
  /** The restoring user may act as the admin role (superuser, the admin role itself, or a member). */
  readonly canSetAdmin: boolean;
}

async function setupRoles(driver: MigrationDriver, config: DbConfig): Promise<SetupRoles> {
  const [row] = await driver.query<{ n: number; member: boolean | null }>(
    `select (select count(*)::int from pg_roles where rolname in ($1, $2)) as n,
            (select pg_has_role(current_user, oid, 'usage') from pg_roles where rolname = $1) as member`,
    [config.roles.admin.user, config.roles.app.user],
  );
  return { exist: row?.n === 2, canSetAdmin: row?.member === true };
}

/** Owners and grants as `db:setup` made them, then checked: a restore must not leave the app role locked out. */
async function regrant(driver: MigrationDriver, config: DbConfig, file: string): Promise<void> {
  try {
    await driver.transaction((tx) => grantTables((q, p) => tx.query(q, p), config));
    const problems = await privilegeProblems((q, p) => driver.query(q, p), config);
    if (problems.length > 0) {
      throw new OpsError(`restore of ${file} left owners or grants other than db:setup makes them: ${problems.slice(0, 5).map((p) => `${p.table} ${p.problem}`).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`, {
        code: 'OPS_RESTORE_PRIVILEGES',
        subject: file,
        hint: `restore with a superuser or the ${config.roles.admin.user} role (DATABASE_URL_UNPOOLED or DATABASE_URL), then run \`${commandName('setup')} --yes\` to re-apply the grants`,
      });
    }
  } catch (error) {
    if (error instanceof OpsError) throw error;
    throw new OpsError(`restore of ${file}: re-applying the grants of ${config.roles.app.user} failed: ${(error as Error).message}`, {
      code: 'OPS_RESTORE_PRIVILEGES',
      subject: file,
      hint: `restore with a superuser or the ${config.roles.admin.user} role, or run \`${commandName('setup')} --yes\` afterwards`,
      cause: error,
    });
  }
}

/** The tables of this prefix now, for reports. */
export async function currentTables(config: DbConfig): Promise<string[]> {
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
  try {
    return await prefixTables(driver, config.prefix);
  } finally {
    await driver.close();
  }
}
