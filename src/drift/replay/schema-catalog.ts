import type { MigrationDriver } from '../../migrate/migration-driver.js';
import { identifierValue, tokenize } from '../../migrate/sql-tokenizer.js';

/**
 * A database's schema as the engine itself reports it, object by object, in comparable text: what two
 * databases built in different ways (fresh from schema/, or by replaying the migrations) must agree on.
 * Names keep the prefix (both sides use the same one). Column order is not compared: ADD COLUMN appends.
 */
export interface SchemaCatalog {
  /** `table` -> `column` -> "type | not null | default". */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `table.object` -> definition, for indexes and constraints (checks, uniques, foreign keys, primary key). */
  readonly objects: ReadonlyMap<string, string>;
}

export interface CatalogDifference {
  /** `table`, `table.column` or `table.object`, with the prefix. */
  readonly object: string;
  readonly what: string;
  /** What a database built fresh from schema/ has (undefined: nothing). */
  readonly schema: string | undefined;
  /** What replaying the migrations produced (undefined: nothing). */
  readonly migrations: string | undefined;
}

function group(rows: readonly { table: string; column: string; def: string }[], skip: (table: string) => boolean): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (skip(r.table)) continue;
    const m = out.get(r.table) ?? new Map<string, string>();
    m.set(r.column, r.def);
    out.set(r.table, m);
  }
  return out;
}

/** SQL text with quoting, case of keywords and whitespace normalised (SQLite keeps DDL as written). */
function normalizeSql(sql: string): string {
  return tokenize(sql)
    .filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment')
    .map((t) => (t.kind === 'word' ? t.text.toLowerCase() : (identifierValue(t) ?? t.text)))
    .join(' ');
}

/** `CONSTRAINT name CHECK (...)` clauses of a SQLite CREATE TABLE, by name. */
function sqliteChecks(createSql: string): Map<string, string> {
  const tokens = tokenize(createSql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  const out = new Map<string, string>();
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]?.text.toLowerCase() !== 'constraint' || tokens[i + 2]?.text.toLowerCase() !== 'check') continue;
    const name = identifierValue(tokens[i + 1] as (typeof tokens)[number]) ?? '';
    let depth = 0;
    let j = i + 3;
    const body: string[] = [];
    for (; j < tokens.length; j++) {
      const text = tokens[j]?.text ?? '';
      if (text === '(') depth++;
      if (text === ')') depth--;
      body.push(text);
      if (depth === 0) break;
    }
    out.set(name, `check ${normalizeSql(body.join(' '))}`);
  }
  return out;
}

/** Reads the catalog of every table (but the ledger) of a scratch database. */
export async function readSchemaCatalog(driver: MigrationDriver, ledger: string): Promise<SchemaCatalog> {
  const skip = (table: string) => table === ledger;
  if (driver.dialect === 'postgresql') {
    const columns = await driver.query<{ table: string; column: string; def: string }>(
      `select c.relname::text as "table", a.attname::text as "column",
              format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else ' null' end
                || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as def
       from pg_attribute a join pg_class c on c.oid = a.attrelid
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
    );
    // The primary key's name is the engine's (`<table>_pkey`, kept by a table rename): compared by definition only.
    // PostgreSQL 18 (PGlite) also lists NOT NULL as constraints (contype 'n', engine-named): the columns say it.
    const objects = await driver.query<{ table: string; column: string; def: string }>(
      `select c.relname::text as "table", case when k.contype = 'p' then '(primary key)' else k.conname::text end as "column", pg_get_constraintdef(k.oid) as def
       from pg_constraint k join pg_class c on c.oid = k.conrelid
       where c.relnamespace = current_schema()::regnamespace and k.contype <> 'n'
       union all
       select c.relname::text, i.relname::text, pg_get_indexdef(x.indexrelid)
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
       where c.relnamespace = current_schema()::regnamespace and not x.indisprimary
         and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid)`,
    );
    return { columns: group(columns, skip), objects: new Map(objects.filter((o) => !skip(o.table)).map((o) => [`${o.table}.${o.column}`, o.def])) };
  }
  const tables = await driver.query<{ name: string; sql: string }>(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`);
  const columnRows: { table: string; column: string; def: string }[] = [];
  const objects = new Map<string, string>();
  for (const t of tables.filter((t) => !skip(t.name))) {
    const cols = await driver.query<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`select name, type, "notnull", dflt_value, pk from pragma_table_info(?)`, [t.name]);
    for (const c of cols) {
      columnRows.push({ table: t.name, column: c.name, def: `${c.type.toLowerCase()}${Number(c.notnull) === 1 ? ' not null' : ' null'}${c.dflt_value === null ? '' : ` default ${normalizeSql(c.dflt_value)}`}${Number(c.pk) > 0 ? ` primary key ${c.pk}` : ''}` });
    }
    const fks = await driver.query<{ id: number; seq: number; table: string; from: string; to: string; on_update: string; on_delete: string }>(
      `select id, seq, "table", "from", "to", on_update, on_delete from pragma_foreign_key_list(?) order by id, seq`,
      [t.name],
    );
    const byId = new Map<number, typeof fks>();
    for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    for (const parts of byId.values()) {
      const first = parts[0];
      if (first === undefined) continue;
      const def = `(${parts.map((p) => p.from).join(', ')}) references ${first.table}(${parts.map((p) => p.to).join(', ')}) on update ${first.on_update.toLowerCase()} on delete ${first.on_delete.toLowerCase()}`;
      objects.set(`${t.name}.(foreign key ${parts.map((p) => p.from).join(', ')})`, def);
    }
    for (const [name, def] of sqliteChecks(t.sql)) objects.set(`${t.name}.${name}`, def);
  }
  const indexes = await driver.query<{ name: string; table: string; sql: string }>(`select name, tbl_name as "table", sql from sqlite_master where type = 'index' and sql is not null`);
  for (const ix of indexes.filter((i) => !skip(i.table))) objects.set(`${ix.table}.${ix.name}`, normalizeSql(ix.sql));
  return { columns: group(columnRows, skip), objects };
}

/** Every difference between the catalog built from schema/ and the one the migrations produced. */
export function compareCatalogs(schema: SchemaCatalog, migrations: SchemaCatalog): CatalogDifference[] {
  const out: CatalogDifference[] = [];
  for (const table of new Set([...schema.columns.keys(), ...migrations.columns.keys()])) {
    const expected = schema.columns.get(table);
    const actual = migrations.columns.get(table);
    if (expected === undefined || actual === undefined) {
      out.push({ object: table, what: 'table', schema: expected === undefined ? undefined : 'present', migrations: actual === undefined ? undefined : 'present' });
      continue;
    }
    for (const column of new Set([...expected.keys(), ...actual.keys()])) {
      const e = expected.get(column);
      const a = actual.get(column);
      if (e !== a) out.push({ object: `${table}.${column}`, what: 'column', schema: e, migrations: a });
    }
  }
  const tablesOnBoth = (key: string) => schema.columns.has(key.slice(0, key.indexOf('.'))) && migrations.columns.has(key.slice(0, key.indexOf('.')));
  for (const key of new Set([...schema.objects.keys(), ...migrations.objects.keys()])) {
    const e = schema.objects.get(key);
    const a = migrations.objects.get(key);
    // A missing table was reported once above, not again for each of its indexes and constraints.
    if (e !== a && tablesOnBoth(key)) out.push({ object: key, what: key.includes('.(') ? 'constraint' : 'index or constraint', schema: e, migrations: a });
  }
  return out;
}
