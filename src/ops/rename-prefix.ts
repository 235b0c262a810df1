import { localSqliteFile } from './local-sqlite.js';
import Database from 'libsql';
import { manifest } from '../../generated/manifest.js';
import type { DbConfig } from '../config/index.js';
import { ownedBy, prefixTables } from '../drift/live-catalog.js';
import { openMigrationDriver } from '../migrate/open-driver.js';
import { swapPrefixSql } from '../migrate/prefix-sql.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
import { OpsError } from './ops-error.js';

export interface RenamePrefixResult {
  readonly from: string;
  readonly to: string;
  readonly tables: number;
  readonly renamedRoles: readonly string[];
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Renames every object of this prefix to `to` in one transaction: tables, indexes and constraints (and the
 * ledger's prefix column); on PostgreSQL also the `{prefix}_admin/_app` roles when they exist. SQLite keeps
 * constraint names inside each table's DDL, so its tables are rebuilt under the new names (foreign keys off,
 * checked before commit) rather than merely renamed. `to` must be free in this database.
 */
export async function renamePrefix(config: DbConfig, target: DbConfig): Promise<RenamePrefixResult> {
  const from = config.prefix;
  const to = target.prefix;
  if (config.postgres === undefined) localSqliteFile(config, 'db:rename-prefix');
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
  try {
    const refuseTaken = async () => {
      const taken = await prefixTables(driver, to);
      if (taken.length > 0) {
        throw new OpsError(`prefix ${to} is already used in this database (${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ', ...' : ''})`, {
          code: 'OPS_PREFIX_IN_USE',
          subject: to,
          hint: 'choose another prefix, or reset that instance first',
        });
      }
    };
    await refuseTaken();
    const rename = (name: string) => `${to}_${name.slice(from.length + 1)}`;
    if (config.dialect === 'postgresql') {
      const renamedRoles: string[] = [];
      // Everything is read again inside the locked transaction: a migration may have run since.
      const tables = await driver.transaction(async (tx) => {
          await refuseTaken();
          const tables = await prefixTables(driver, from);
          const names = tables.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ');
          const indexes = await driver.query<{ name: string }>(`select indexname::text as name from pg_indexes where schemaname = current_schema() and tablename in (${names})`);
          const constraints = await driver.query<{ table: string; name: string }>(
            `select c.relname::text as table, k.conname::text as name from pg_constraint k join pg_class c on c.oid = k.conrelid
             where c.relnamespace = current_schema()::regnamespace and c.relname in (${names})`,
          );
          for (const t of tables) await tx.execute(`alter table ${q(t)} rename to ${q(rename(t))}`);
          const renamedIndexes = new Set<string>();
          for (const { name } of indexes.filter((i) => i.name.startsWith(`${from}_`))) {
            await tx.execute(`alter index ${q(name)} rename to ${q(rename(name))}`);
            renamedIndexes.add(name); // renaming a constraint's index renames the constraint too
          }
          for (const { table, name } of constraints.filter((c) => c.name.startsWith(`${from}_`) && !renamedIndexes.has(c.name))) {
            await tx.execute(`alter table ${q(rename(table))} rename constraint ${q(name)} to ${q(rename(name))}`);
          }
          await tx.execute(`update ${q(`${to}_${LEDGER_BASE_NAME}`)} set prefix = '${to}'`);
          for (const role of ['admin', 'app'] as const) {
            const old = `${from}_${role}`;
            const [exists] = await driver.query<{ n: number }>(`select count(*)::int as n from pg_roles where rolname = '${old}'`);
            const [clash] = await driver.query<{ n: number }>(`select count(*)::int as n from pg_roles where rolname = '${to}_${role}'`);
            if ((exists?.n ?? 0) > 0 && (clash?.n ?? 0) === 0) {
              await tx.execute(`alter role ${q(old)} rename to ${q(`${to}_${role}`)}`);
              renamedRoles.push(`${old} -> ${to}_${role}`);
            }
          }
          return tables;
        });
      return { from, to, tables: tables.length, renamedRoles };
    }
  } finally {
    await driver.close();
  }
  renameSqliteTables(config, from, to);
  return { from, to, tables: await countSqlite(config, to), renamedRoles: [] };
}

function renameSqliteTables(config: DbConfig, from: string, to: string): void {
  const db = new Database(localSqliteFile(config, 'db:rename-prefix'), { timeout: config.sqlite.busyTimeoutMs });
  try {
    const objects = db.prepare("select type, name, tbl_name, sql from sqlite_master where sql is not null").all() as { type: string; name: string; tbl_name: string; sql: string }[];
    // Not a plain startsWith: an instance prefixed `${from}_eu` shares the start and must not move.
    const own = ownedBy(from, objects.filter((o) => o.type === 'table' && o.name.endsWith(`_${LEDGER_BASE_NAME}`)).map((o) => o.name));
    const tables = objects.filter((o) => o.type === 'table' && own(o.name));
    // Our closed set: the catalog's objects plus every schema object name (check constraints live only in the DDL).
    const bases = new Set<string>([...manifest.objectNames, ...objects.filter((o) => own(o.name)).map((o) => o.name.slice(from.length + 1))]);
    const swap = (sql: string) => swapPrefixSql(sql, { from, to, names: bases });
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const t of tables) {
        db.exec(swap(t.sql));
        db.exec(`INSERT INTO ${q(`${to}_${t.name.slice(from.length + 1)}`)} SELECT * FROM ${q(t.name)}`);
      }
      for (const t of tables) db.exec(`DROP TABLE ${q(t.name)}`);
      for (const i of objects.filter((o) => o.type === 'index' && own(o.tbl_name))) db.exec(swap(i.sql));
      db.exec(`UPDATE ${q(`${to}_${LEDGER_BASE_NAME}`)} SET prefix = '${to}'`);
      if ((db.prepare('PRAGMA foreign_key_check').all() as unknown[]).length > 0) throw new Error('foreign keys broken by the rename');
      db.exec('COMMIT');
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

async function countSqlite(config: DbConfig, prefix: string): Promise<number> {
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
  try {
    return (await prefixTables(driver, prefix)).length;
  } finally {
    await driver.close();
  }
}
