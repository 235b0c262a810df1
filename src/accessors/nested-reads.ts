import { and, eq, getTableColumns, getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { UNIQUE_KEYS } from '../../generated/accessors.js';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import type { AccessorDriver } from './accessor-driver.js';
import { buildOrder, termsOf, walkWhere, type Binder, type WhereContext } from './build-where.js';
import { checkCount, checkOptions } from './check-input.js';
import { columnInfo, type ColumnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';
import { relationFilters } from './relation-filter.js';
import { MAX_RELATION_DEPTH, relationAlias, relationsOf, type Relation } from './relations.js';
import { checkSelection } from './selection.js';
import { positionalMapper } from './select-shape.js';

/**
 * A relation read in the same statement as its row: a scalar sub-select whose value is JSON (the related row as
 * an array of its values, or a to-many relation's rows as an array of those), and how that value becomes the
 * related row(s), each value through its column's own decoder.
 */
export interface NestedRead {
  readonly name: string;
  /** The sub-select, in parentheses; only when the statement is being built. */
  readonly sql: SQL | undefined;
  /** The JSON value (text, or already parsed by the driver) as the related row or rows. */
  readonly decode: (value: unknown) => unknown;
}

const MANY_OPTIONS = ['select', 'with', 'where', 'orderBy', 'limit', 'offset'] as const;
const ONE_OPTIONS = ['select', 'with'] as const;
// PostgreSQL's functions take at most 100 arguments (json_build_array); the same limit on both engines.
const MAX_ROW_VALUES = 100;

/** A table under one alias of a nested read, with what its sub-select needs; built once per alias. */
interface Level {
  readonly table: Table;
  readonly columns: Readonly<Record<string, Column>>;
  /** The same columns of the table itself, for decoding (see SelectJoin.readers). */
  readonly readers: Readonly<Record<string, Column>>;
  readonly infos: ReadonlyMap<string, ColumnInfo>;
  readonly ctx: WhereContext;
  readonly from: SQL;
  readonly primaryKey: readonly string[];
}

const unbuilt = (): never => {
  throw new Error('a nested read of the probe pass was decoded');
};

const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * The nested reads of one accessor's table: `with` entries other than a plain to-one `true` (which is a LEFT
 * JOIN, select-shape.ts) become sub-selects correlated to the row:
 *
 *   to-one:  (SELECT <row> FROM target alias WHERE alias.references = outer.column)          null when none
 *   to-many: (SELECT <list of rows, ordered> FROM target alias WHERE alias.references = outer.column AND <where>)
 *            with limit/offset over a derived table that is ordered and cut first
 *
 * Each row lists its selected columns and then its own nested reads, so `with` nests to any depth in one
 * statement. A to-many relation's rows are in its `orderBy`'s order and then by primary key, always: both
 * engines give the same list. Aliases are the path of relations by position (relationAlias: `n3`, `n3_0`), so a
 * table met twice on a path is two distinct rows.
 */
export function nestedReader(driver: AccessorDriver, name: TableName) {
  const levels = new Map<string, Level>();
  const levelOf = (alias: string, table: TableName): Level => {
    let level = levels.get(alias);
    if (level === undefined) {
      const target = driver.tables[TABLE_KEYS[table]];
      if (target === undefined) throw new Error(`no table ${table} in the driver's tables`);
      const aliased = driver.alias(target, alias);
      const columns = getTableColumns(aliased) as Readonly<Record<string, Column>>;
      const infos = columnInfo(table, aliased);
      level = {
        table: aliased,
        columns,
        readers: getTableColumns(target),
        infos,
        ctx: { table, columns: infos, decimal: driver.decimalFilter, text: driver.textMatch, relations: relationFilters(driver, table, columns, `${alias}_w`) },
        // Drizzle renders an aliased table in raw SQL by its alias alone: FROM needs the table's own name too.
        from: sql`${sql.identifier(getTableName(target))} ${sql.identifier(alias)}`,
        primaryKey: (UNIQUE_KEYS[table] as readonly (readonly string[])[])[0] ?? [],
      };
      levels.set(alias, level);
    }
    return level;
  };

  /** One relation's read under the row of `outer` (its columns as the statement names them). */
  function read(relationName: string, relation: Relation, spec: unknown, outer: Readonly<Record<string, Column>>, alias: string, path: string, binder: Binder, depth: number): NestedRead {
    const level = levelOf(alias, relation.table);
    const at = `${path}.${relationName}`;
    const options = spec === true ? {} : checkOptions(spec, relation.kind === 'many' ? MANY_OPTIONS : ONE_OPTIONS, at, true);
    const selected = checkSelection(relation.table, level.infos, options.select, `${at}.select`) ?? [...level.infos.keys()];
    binder.shape.push(`with:${relationName}{`, `select:${selected.join(',')}`);
    let where: SQL | undefined;
    let order: SQL[] = [];
    let limit: number | undefined;
    let offset: number | undefined;
    if (relation.kind === 'many') {
      where = walkWhere(level.ctx, options.where, `${at}.where`, binder).sql;
      order = buildOrder({ ...level.ctx, table: at }, options.orderBy, binder.shape, binder.building);
      limit = checkCount('limit', options.limit, at);
      offset = checkCount('offset', options.offset, at);
      binder.shape.push(`page:${limit ?? ''}:${offset ?? ''}`);
    }
    const children = reads(relation.table, options.with, level.columns, `${alias}_`, `${at}.with`, binder, depth + 1);
    binder.shape.push('}');
    if (selected.length + children.length > MAX_ROW_VALUES) {
      throw new QueryError(`${at}: a related row may hold at most ${MAX_ROW_VALUES} columns and relations, and this one holds ${selected.length + children.length}`, { code: 'QUERY_INVALID_SELECT', subject: at, path: at, hint: 'select fewer columns with select: { ... }' });
    }
    // The probe of a prepared read wants the shape and the values only: no SQL and no decoder.
    if (!binder.building) return { name: relationName, sql: undefined, decode: unbuilt };
    const readers = Object.fromEntries(selected.map((k) => [k, level.readers[k]!]));
    const mapRow = positionalMapper({ table: level.table, columns: readers, joins: [], nested: children });
    const decode =
      relation.kind === 'one'
        ? (value: unknown) => (value == null ? null : mapRow(parse(value) as ArrayLike<unknown>))
        : (value: unknown) => {
            const list = parse(value) as readonly ArrayLike<unknown>[];
            const out = new Array<unknown>(list.length);
            for (let i = 0; i < list.length; i++) out[i] = mapRow(list[i]!);
            return out;
          };
    const row = driver.json.row([...selected.map((k) => driver.json.value(level.columns[k]!, level.infos.get(k)!.kind)), ...children.map((c) => c.sql!)]);
    const on = eq(level.columns[relation.references]!, outer[relation.column]!);
    if (relation.kind === 'one') return { name: relationName, sql: sql`(select ${row} from ${level.from} where ${on})`, decode };
    // The primary key last: rows tied on the order come in one order on both engines.
    const ordered = new Set(termsOf(options.orderBy).map((t) => t.key));
    const full = [...order, ...level.primaryKey.filter((k) => !ordered.has(k)).map((k) => sql`${level.columns[k]!} asc`)];
    const condition = and(on, where);
    const list = driver.json.list(row, full);
    if (limit === undefined && offset === undefined) return { name: relationName, sql: sql`(select ${list} from ${level.from} where ${condition})`, decode };
    // The page is cut in a derived table under the same alias, so the row and the order name the same columns.
    // SQLite takes OFFSET only after a LIMIT; -1 is its "no limit" (PostgreSQL has LIMIT ALL).
    const page = sql.raw(`${limit === undefined ? (driver.dialect === 'sqlite' ? ' limit -1' : '') : ` limit ${limit}`}${offset === undefined ? '' : ` offset ${offset}`}`);
    const source = sql`(select * from ${level.from} where ${condition} order by ${sql.join(full, sql`, `)}${page}) ${sql.identifier(alias)}`;
    return { name: relationName, sql: sql`(select ${list} from ${source})`, decode };
  }

  /**
   * The reads of `spec` (a `with`, or a nested one) under a row of `table`. `skip` answers the entries read some
   * other way (the top level's LEFT JOINs); false and undefined entries read nothing.
   */
  function reads(table: TableName, spec: unknown, outer: Readonly<Record<string, Column>>, prefix: string, path: string, binder: Binder, depth: number, skip?: (key: string) => boolean): NestedRead[] {
    if (spec === undefined) return [];
    if (!isPlainObject(spec)) throw new QueryError(`${path}: expected { relation: true }, got ${spec === null ? 'null' : typeof spec}`, { code: 'QUERY_INVALID_FILTER', subject: path, path, hint: 'write with: { connection: true }' });
    const relations = relationsOf(table);
    const out: NestedRead[] = [];
    for (const key of ownKeys(spec)) {
      const at = `${path}.${key}`;
      if (!Object.hasOwn(relations, key)) {
        throw new QueryError(`${table} has no relation ${JSON.stringify(key)}`, {
          code: 'QUERY_UNKNOWN_RELATION',
          subject: at,
          path: at,
          hint: Object.keys(relations).length === 0 ? `${table} has no foreign keys in or out` : `use one of: ${Object.keys(relations).join(', ')}`,
        });
      }
      const value = spec[key];
      if (value === false || value === undefined) continue;
      if (value !== true && !isPlainObject(value)) {
        throw new QueryError(`${at}: expected true, false or { select, with${relations[key]!.kind === 'many' ? ', where, orderBy, limit, offset' : ''} }, got ${value === null ? 'null' : typeof value}`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: `write with: { ${key}: true }` });
      }
      if (skip?.(key) === true) continue;
      if (depth > MAX_RELATION_DEPTH) {
        throw new QueryError(`${at}: with nests more than ${MAX_RELATION_DEPTH} levels`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: 'read the deeper relations in a second query' });
      }
      out.push(read(key, relations[key]!, value, outer, relationAlias(prefix, table, key), path, binder, depth));
    }
    return out;
  }

  return {
    /** The nested reads of a find's `with` on this accessor's table; `joined` entries are LEFT JOINs instead. */
    of(spec: unknown, outer: Readonly<Record<string, Column>>, binder: Binder, joined: (key: string) => boolean): NestedRead[] {
      return reads(name, spec, outer, 'n', `${name}.with`, binder, 1, joined);
    },
  };
}
