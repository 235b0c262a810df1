import type { MigrationDialect } from './migration-files.js';
import { closingParen, nameAt, quoteName, sourceOf, splitTopLevel, statementParts, wordAt, wordsAt, type StatementParts } from './sql-parts.js';
import { identifierValue } from './sql-tokenizer.js';

/** Where the checks read: the runner's connection, or a transaction of it. */
export interface CheckReader {
  readonly dialect: MigrationDialect;
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** What a statement would fail on, or lose, with the data there now. */
export type ValueProblem =
  | { readonly kind: 'check'; readonly table: string; readonly columns: readonly string[]; readonly constraint: string; readonly count: number; readonly examples: readonly string[] }
  | { readonly kind: 'nulls'; readonly table: string; readonly columns: readonly string[]; readonly count: number; readonly examples: readonly string[]; readonly refusedBy: string }
  | { readonly kind: 'duplicates'; readonly table: string; readonly columns: readonly string[]; readonly count: number; readonly examples: readonly string[] }
  | { readonly kind: 'orphans'; readonly table: string; readonly columns: readonly string[]; readonly count: number; readonly examples: readonly string[] }
  | { readonly kind: 'narrowing'; readonly table: string; readonly columns: readonly string[]; readonly from: string; readonly to: string; readonly count: number; readonly examples: readonly string[] }
  | { readonly kind: 'unconvertible'; readonly table: string; readonly columns: readonly string[]; readonly from: string; readonly to: string; readonly count: number; readonly examples: readonly string[] };

export const EXAMPLES = 10;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
// A tuple as text, the same on both engines: values joined by ', ', NULL spelled out.
export const keyText = (columns: readonly string[], alias = '') => columns.map((c) => `coalesce(cast(${alias}${quoteName(c)} as text), 'NULL')`).join(` || ', ' || `);
const count = (rows: readonly { n: number | string }[] | undefined) => Number(rows?.[0]?.n ?? 0);

/** The columns an expression names (quoted or bare identifiers that are columns of the table), in order of appearance. */
function referencedColumns(expression: StatementParts, columns: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const t of expression.tokens) {
    const name = t.kind === 'quoted-identifier' || t.kind === 'backtick-identifier' || t.kind === 'word' ? identifierValue(t) : undefined;
    if (name !== undefined && columns.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

async function columnsOf(db: CheckReader, table: string): Promise<Set<string>> {
  const rows =
    db.dialect === 'postgresql'
      ? await db.query<{ name: string }>(`select attname as name from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`, [quoteName(table)])
      : await db.query<{ name: string }>(`select name from pragma_table_info(${literal(table)})`);
  return new Set(rows.map((r) => r.name));
}

/** Rows of `source` (a table or a `with` query's name) for which CHECK (expression) is false. */
async function checkViolations(db: CheckReader, from: string, table: string, constraint: string, expression: string, columns: ReadonlySet<string>, withClause = ''): Promise<ValueProblem | undefined> {
  const truth = db.dialect === 'postgresql' ? 'true' : '1';
  const where = `where not coalesce((${expression}), ${truth})`;
  const rows = await db.query<{ n: number | string }>(`${withClause}select count(*) as n from ${from} ${where}`).catch(() => undefined);
  const n = count(rows);
  if (n === 0) return undefined;
  const named = referencedColumns(statementParts(expression), columns);
  const examples =
    named.length === 0
      ? []
      : ((await db.query<{ k: string; n: number | string }>(`${withClause}select ${keyText(named)} as k, count(*) as n from ${from} ${where} group by ${named.map(quoteName).join(', ')} order by count(*) desc, 1 limit ${EXAMPLES}`).catch(() => undefined)) ?? []).map((r) => `${r.k} (${Number(r.n)} rows)`);
  return { kind: 'check', table, columns: named, constraint, count: n, examples };
}

/**
 * PostgreSQL `ALTER TABLE t ADD [CONSTRAINT c] CHECK (expression)` (validated, so every row is checked):
 * the rows for which the expression is false. An enumeration narrowed in the schema is exactly this, a
 * CHECK (col IN (...)) replaced by a shorter list.
 */
export async function addCheckProblem(db: CheckReader, sql: string): Promise<ValueProblem | undefined> {
  const parts = statementParts(sql);
  if (!wordsAt(parts, 0, 'alter', 'table')) return undefined;
  let i = 2;
  if (wordsAt(parts, i, 'if', 'exists')) i += 2;
  if (wordAt(parts, i) === 'only') i++;
  const table = nameAt(parts, i);
  if (table === undefined || wordAt(parts, table.end) !== 'add') return undefined;
  let at = table.end + 1;
  let constraint = '(unnamed)';
  if (wordAt(parts, at) === 'constraint') {
    const name = nameAt(parts, at + 1);
    if (name === undefined) return undefined;
    constraint = name.name;
    at = name.end;
  }
  if (wordAt(parts, at) !== 'check' || parts.tokens[at + 1]?.text !== '(') return undefined;
  const close = closingParen(parts, at + 1);
  if (close === undefined) return undefined;
  // NOT VALID checks only new rows; anything else after the expression (another action) is not read here.
  if (close + 1 !== parts.tokens.length) return undefined;
  const columns = await columnsOf(db, table.name);
  if (columns.size === 0) return undefined; // the table is created by an earlier pending migration
  return checkViolations(db, quoteName(table.name), table.name, constraint, sourceOf(parts, at + 2, close - 1), columns);
}

/**
 * PostgreSQL `ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE T` without a USING of its own: the values the
 * conversion would change (numeric(24,10) -> numeric(18,8) rounds 2.1234567891 to 2.12345679; varchar(n)
 * truncates under an explicit cast), read by converting each value there and back; or, when some value does
 * not convert at all (overflow, text that is not a number), that failure with the values that cause it.
 */
export async function typeChangeProblem(db: CheckReader, sql: string): Promise<ValueProblem | undefined> {
  if (db.dialect !== 'postgresql') return undefined;
  const parts = statementParts(sql);
  if (!wordsAt(parts, 0, 'alter', 'table')) return undefined;
  let i = 2;
  if (wordsAt(parts, i, 'if', 'exists')) i += 2;
  if (wordAt(parts, i) === 'only') i++;
  const table = nameAt(parts, i);
  if (table === undefined || wordAt(parts, table.end) !== 'alter') return undefined;
  let at = table.end + 1;
  if (wordAt(parts, at) === 'column') at++;
  const column = nameAt(parts, at);
  if (column === undefined) return undefined;
  at = column.end;
  if (wordsAt(parts, at, 'set', 'data', 'type')) at += 3;
  else if (wordAt(parts, at) === 'type') at++;
  else return undefined;
  let end = parts.tokens.length - 1;
  const using = parts.tokens.findIndex((t, k) => k > at && t.kind === 'word' && t.text.toLowerCase() === 'using');
  if (using >= 0) {
    // drizzle-kit writes `USING "c"::T`: the same conversion as none. Any other USING is a chosen mapping.
    const expr = statementParts(sourceOf(parts, using + 1, parts.tokens.length - 1));
    const [first, cast] = expr.tokens;
    if (first === undefined || identifierValue(first) !== column.name || cast?.text !== '::') return undefined;
    end = using - 1;
  }
  if (splitTopLevel(parts, at, end).length > 1) return undefined; // several actions
  const to = sourceOf(parts, at, end);
  if (to === '') return undefined;
  const [current] = await db.query<{ type: string }>(
    `select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = to_regclass($1) and attname = $2 and not attisdropped`,
    [quoteName(table.name), column.name],
  );
  if (current === undefined) return undefined;
  const from = current.type;
  const c = quoteName(column.name);
  const t = quoteName(table.name);
  const changed = `from ${t} where ${c} is not null and cast(cast(${c} as ${to}) as ${from}) is distinct from ${c}`;
  try {
    const n = count(await db.query<{ n: number | string }>(`select count(*) as n ${changed}`));
    if (n === 0) return undefined;
    const rows = await db.query<{ before: string; after: string }>(`select distinct cast(${c} as text) as before, cast(cast(${c} as ${to}) as text) as after ${changed} order by 1 limit ${EXAMPLES}`);
    return { kind: 'narrowing', table: table.name, columns: [column.name], from, to, count: n, examples: rows.map((r) => `${r.before} -> ${r.after}`) };
  } catch (error) {
    // Some value does not convert: find which, one at a time would be slow; a text comparison names them
    // where the type is text-like, otherwise the database's own message is the example.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unconvertible', table: table.name, columns: [column.name], from, to, count: 1, examples: [message] };
  }
}

/** drizzle-kit's SQLite table rebuild: the new table's definition, by its name. */
export interface RebuildTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly notNull: boolean; readonly hasDefault: boolean }[];
  readonly checks: readonly { readonly constraint: string; readonly expression: string }[];
  readonly uniques: readonly (readonly string[])[];
  readonly foreignKeys: readonly { readonly columns: readonly string[]; readonly table: string; readonly references: readonly string[] }[];
}

/** `CREATE TABLE name (...)`: its columns and constraints, as far as the rebuild checks need them. */
export function readCreateTable(sql: string): RebuildTable | undefined {
  const parts = statementParts(sql);
  if (!wordsAt(parts, 0, 'create', 'table')) return undefined;
  let i = 2;
  if (wordsAt(parts, i, 'if', 'not', 'exists')) i += 3;
  const name = nameAt(parts, i);
  if (name === undefined || parts.tokens[name.end]?.text !== '(') return undefined;
  const close = closingParen(parts, name.end);
  if (close === undefined) return undefined;
  const columns: { name: string; notNull: boolean; hasDefault: boolean }[] = [];
  const checks: { constraint: string; expression: string }[] = [];
  const uniques: string[][] = [];
  const foreignKeys: { columns: string[]; table: string; references: string[] }[] = [];
  const list = (open: number): { names: string[]; end: number } | undefined => {
    if (parts.tokens[open]?.text !== '(') return undefined;
    const shut = closingParen(parts, open);
    if (shut === undefined) return undefined;
    const names = splitTopLevel(parts, open + 1, shut - 1).map(([a]) => nameAt(parts, a)?.name ?? '');
    return { names, end: shut + 1 };
  };
  for (const [from, to] of splitTopLevel(parts, name.end + 1, close - 1)) {
    let at = from;
    let constraint = '(unnamed)';
    if (wordAt(parts, at) === 'constraint') {
      constraint = nameAt(parts, at + 1)?.name ?? constraint;
      at += 2;
    }
    const word = wordAt(parts, at);
    if (word === 'check' || word === 'primary' || word === 'unique' || word === 'foreign') {
      if (word === 'check') {
        const shut = closingParen(parts, at + 1);
        if (shut !== undefined) checks.push({ constraint, expression: sourceOf(parts, at + 2, shut - 1) });
      } else if (word === 'foreign') {
        const own = list(at + 2);
        const ref = own === undefined || wordAt(parts, own.end) !== 'references' ? undefined : nameAt(parts, own.end + 1);
        const refCols = ref === undefined ? undefined : list(ref.end);
        if (own !== undefined && ref !== undefined && refCols !== undefined) foreignKeys.push({ columns: own.names, table: ref.name, references: refCols.names });
      } else {
        const cols = list(word === 'primary' ? at + 2 : at + 1);
        if (cols !== undefined) uniques.push(cols.names);
      }
      continue;
    }
    const column = nameAt(parts, at);
    if (column === undefined) continue;
    let notNull = false;
    let hasDefault = false;
    for (let k = column.end; k <= to; k++) {
      const w = wordAt(parts, k);
      if (w === 'not' && wordAt(parts, k + 1) === 'null') notNull = true;
      else if (w === 'default') hasDefault = true;
      else if (w === 'primary' && wordAt(parts, k + 1) === 'key') {
        uniques.push([column.name]);
        notNull = true; // a rowid-less PRIMARY KEY of this toolkit's tables is text, NOT NULL in effect
      } else if (w === 'unique') uniques.push([column.name]);
      else if (w === 'check' && parts.tokens[k + 1]?.text === '(') {
        const shut = closingParen(parts, k + 1);
        if (shut !== undefined) checks.push({ constraint: `${column.name} check`, expression: sourceOf(parts, k + 2, shut - 1) });
      } else if (w === 'references') {
        const ref = nameAt(parts, k + 1);
        const refCols = ref === undefined ? undefined : list(ref.end);
        if (ref !== undefined && refCols !== undefined) foreignKeys.push({ columns: [column.name], table: ref.name, references: refCols.names });
      }
    }
    columns.push({ name: column.name, notNull, hasDefault });
  }
  return { name: name.name, columns, checks, uniques, foreignKeys };
}

/** `INSERT INTO new (cols) SELECT list FROM old`: the copy step of a rebuild. */
export interface RebuildCopy {
  readonly into: string;
  readonly columns: readonly string[];
  readonly selectList: string;
  readonly from: string;
  /** Every column is copied from the column of the same name. */
  readonly identity: boolean;
}

export function readRebuildCopy(sql: string): RebuildCopy | undefined {
  const parts = statementParts(sql);
  if (!wordsAt(parts, 0, 'insert', 'into')) return undefined;
  const into = nameAt(parts, 2);
  if (into === undefined || parts.tokens[into.end]?.text !== '(') return undefined;
  const close = closingParen(parts, into.end);
  if (close === undefined || wordAt(parts, close + 1) !== 'select') return undefined;
  const columns = splitTopLevel(parts, into.end + 1, close - 1).map(([a, b]) => (a === b ? nameAt(parts, a)?.name : undefined));
  if (columns.some((c) => c === undefined)) return undefined;
  // FROM at depth 0 after the select list, then one table name and nothing else.
  let depth = 0;
  let fromAt = -1;
  for (let k = close + 2; k < parts.tokens.length; k++) {
    const text = parts.tokens[k]?.text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (depth === 0 && wordAt(parts, k) === 'from') {
      fromAt = k;
      break;
    }
  }
  if (fromAt < 0) return undefined;
  const from = nameAt(parts, fromAt + 1);
  if (from === undefined || from.end !== parts.tokens.length) return undefined;
  const items = splitTopLevel(parts, close + 2, fromAt - 1);
  if (items.length !== columns.length) return undefined;
  const identity = items.every(([a, b], k) => a === b && nameAt(parts, a)?.name === columns[k]);
  return { into: into.name, columns: columns as string[], selectList: sourceOf(parts, close + 2, fromAt - 1), from: from.name, identity };
}

/**
 * What the copy step of a SQLite rebuild would fail on: the rows of the old table, mapped as the INSERT maps
 * them, checked against the new table's CHECKs (a narrowed enumeration), NOT NULL columns, UNIQUE keys and
 * foreign keys (the runner checks foreign keys before commit, so an orphan fails the migration too).
 */
export async function rebuildProblems(db: CheckReader, table: RebuildTable, copy: RebuildCopy, skipParents: ReadonlySet<string>): Promise<ValueProblem[]> {
  const exists = await db.query<{ n: number | string }>(`select count(*) as n from sqlite_master where type = 'table' and name = ?`, [copy.from]);
  if (count(exists) === 0) return [];
  const mapped = quoteName(table.name);
  const withClause = `with ${mapped}(${copy.columns.map(quoteName).join(', ')}) as (select ${copy.selectList} from ${quoteName(copy.from)}) `;
  const columns = new Set(copy.columns);
  const out: ValueProblem[] = [];
  for (const check of table.checks) {
    const problem = await checkViolations(db, mapped, copy.from, check.constraint, check.expression, columns, withClause);
    if (problem !== undefined) out.push(problem);
  }
  for (const column of table.columns.filter((c) => c.notNull)) {
    const from = columns.has(column.name) ? `${mapped} where ${quoteName(column.name)} is null` : column.hasDefault ? undefined : mapped;
    if (from === undefined) continue;
    const n = count(await db.query<{ n: number | string }>(`${withClause}select count(*) as n from ${from}`).catch(() => undefined));
    if (n > 0) out.push({ kind: 'nulls', table: copy.from, columns: [column.name], count: n, examples: [], refusedBy: `the NOT NULL column ${column.name} of the rebuilt table${columns.has(column.name) ? '' : ' (not copied, no default)'}` });
  }
  for (const key of table.uniques) {
    if (!key.every((c) => columns.has(c))) continue;
    const found = await db
      .query<{ k: string; n: number | string }>(`${withClause}select ${keyText(key)} as k, count(*) as n from ${mapped} where ${key.map((c) => `${quoteName(c)} is not null`).join(' and ')} group by ${key.map(quoteName).join(', ')} having count(*) > 1 order by count(*) desc, 1`)
      .catch(() => undefined);
    if (found !== undefined && found.length > 0) out.push({ kind: 'duplicates', table: copy.from, columns: key, count: found.length, examples: found.slice(0, EXAMPLES).map((r) => `${r.k} (${Number(r.n)} rows)`) });
  }
  for (const fk of table.foreignKeys) {
    // A parent rebuilt or changed by an earlier pending statement cannot be judged by its rows now; a table
    // that references itself is judged against its own mapped rows.
    const parent = fk.table === copy.from || fk.table === table.name ? mapped : skipParents.has(fk.table) ? undefined : quoteName(fk.table);
    if (parent === undefined || !fk.columns.every((c) => columns.has(c)) || fk.references.length !== fk.columns.length) continue;
    const orphan = `from ${mapped} c where ${fk.columns.map((col) => `c.${quoteName(col)} is not null`).join(' and ')} and not exists (select 1 from ${parent} p where ${fk.columns.map((col, k) => `p.${quoteName(fk.references[k] as string)} = c.${quoteName(col)}`).join(' and ')})`;
    const n = count(await db.query<{ n: number | string }>(`${withClause}select count(*) as n ${orphan}`).catch(() => undefined));
    if (n === 0) continue;
    const examples = ((await db.query<{ k: string }>(`${withClause}select distinct ${keyText(fk.columns, 'c.')} as k ${orphan} order by 1 limit ${EXAMPLES}`).catch(() => undefined)) ?? []).map((r) => r.k);
    out.push({ kind: 'orphans', table: copy.from, columns: fk.columns, count: n, examples });
  }
  return out;
}
