import type { MigrationDriver } from '../migrate/migration-driver.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';

export interface LiveColumn {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

export interface LiveCatalog {
  readonly columns: readonly LiveColumn[];
  readonly indexes: readonly { readonly table: string; readonly name: string }[];
  readonly ledgers: readonly string[];
}

/**
 * Tables (with columns) and indexes whose names start with `{prefix}_`, from the engine's own catalog, in two
 * queries. Read from the catalogs rather than drizzle-kit's push diff: push on SQLite has no table filter and
 * would treat every other prefix's tables as objects to drop.
 */
export async function readLiveCatalog(driver: MigrationDriver, prefix: string): Promise<LiveCatalog> {
  const like = `${prefix.replaceAll('_', '\\_')}\\_%`;
  if (driver.dialect === 'postgresql') {
    const columns = await driver.query<{ table: string; column: string; type: string; not_null: boolean; has_default: boolean }>(
      `select c.relname::text as table, a.attname::text as column, format_type(a.atttypid, a.atttypmod) as type,
              a.attnotnull as not_null, a.atthasdef as has_default
       from pg_attribute a join pg_class c on c.oid = a.attrelid
       where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and c.relname like $1
         and a.attnum > 0 and not a.attisdropped`,
      [like],
    );
    const indexes = await driver.query<{ table: string; name: string }>(
      `select tablename::text as table, indexname::text as name from pg_indexes where schemaname = current_schema() and tablename like $1`,
      [like],
    );
    return {
      columns: columns.map((c) => ({ table: c.table, column: c.column, type: c.type, notNull: c.not_null, hasDefault: c.has_default })),
      indexes,
      ledgers: [...new Set(columns.map((c) => c.table).filter((t) => t.endsWith('_schema_migrations')))],
    };
  }
  const columns = await driver.query<{ table: string; column: string; type: string; not_null: number; dflt: string | null }>(
    `select m.name as "table", p.name as "column", lower(p.type) as type, p."notnull" as not_null, p.dflt_value as dflt
     from sqlite_master m join pragma_table_info(m.name) p
     where m.type = 'table' and m.name like ? escape '\\'`,
    [like],
  );
  const indexes = await driver.query<{ table: string; name: string }>(
    `select tbl_name as "table", name from sqlite_master where type = 'index' and tbl_name like ? escape '\\'`,
    [like],
  );
  return {
    columns: columns.map((c) => ({ table: c.table, column: c.column, type: c.type, notNull: Number(c.not_null) === 1, hasDefault: c.dflt !== null })),
    indexes,
    ledgers: [...new Set(columns.map((c) => c.table).filter((t) => t.endsWith('_schema_migrations')))],
  };
}

/**
 * Whether a name belongs to this prefix. `cts_` also starts every name of an instance prefixed `cts_eu`;
 * that instance is recognised by its own ledger (`cts_eu_schema_migrations`) and its names are excluded.
 */
export function ownedBy(prefix: string, ledgers: readonly string[]): (name: string) => boolean {
  const own = `${prefix}_`;
  const others = ledgers
    .filter((l) => l !== `${prefix}_${LEDGER_BASE_NAME}` && l.startsWith(own))
    .map((l) => l.slice(0, -LEDGER_BASE_NAME.length));
  return (name) => name.startsWith(own) && !others.some((o) => name.startsWith(o));
}

/** The tables of this prefix (ledger included), from the catalog. */
export async function prefixTables(driver: MigrationDriver, prefix: string): Promise<string[]> {
  const catalog = await readLiveCatalog(driver, prefix);
  const owned = ownedBy(prefix, catalog.ledgers);
  return [...new Set(catalog.columns.map((c) => c.table))].filter(owned).sort();
}
