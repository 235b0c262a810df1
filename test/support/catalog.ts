import Database from 'libsql';
import postgres from 'postgres';
import type { MigrationTarget } from './migration-fixtures.js';

/** Names of every table, index and constraint in the target database (one connection, closed after). */
export async function catalogNames(target: MigrationTarget): Promise<string[]> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ name: string }[]>`
        select relname::text as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'i', 'S')
        union all
        select conname::text from pg_constraint where connamespace = 'public'::regnamespace`;
      return rows.map((r) => r.name).sort();
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath as string);
  try {
    return (db.prepare("select name from sqlite_master where type in ('table', 'index') and name not like 'sqlite\\_%' escape '\\'").all() as { name: string }[])
      .map((r) => r.name)
      .sort();
  } finally {
    db.close();
  }
}

/** A structural description of the catalog of objects starting with `prefix_`, comparable across databases. */
export async function describeCatalog(target: MigrationTarget, prefix: string): Promise<unknown> {
  const like = `${prefix}\\_%`;
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      const columns = await sql`
        select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
               pg_get_expr(d.adbin, d.adrelid) as default
        from pg_attribute a join pg_class c on c.oid = a.attrelid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname like ${like} and a.attnum > 0 and not a.attisdropped
        order by 1, 2`;
      const indexes = await sql`select indexname, indexdef from pg_indexes where schemaname = 'public' and indexname like ${like} order by 1`;
      const constraints = await sql`
        select conname, contype, pg_get_constraintdef(oid) as def from pg_constraint
        where connamespace = 'public'::regnamespace and conname like ${like} order by 1`;
      return { columns, indexes, constraints };
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath as string);
  try {
    return db.prepare("select type, name, tbl_name, sql from sqlite_master where name like ? escape '\\' order by type, name").all(like);
  } finally {
    db.close();
  }
}
