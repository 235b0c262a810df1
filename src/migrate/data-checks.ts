import { statementShape } from '../lint/statement-shape.js';
import { identifierValue, tokenize } from './sql-tokenizer.js';
import { quoteName, statementParts, wordAt, wordsAt } from './sql-parts.js';
import { addCheckProblem, EXAMPLES, keyText, readCreateTable, readRebuildCopy, rebuildProblems, typeChangeProblem, type CheckReader, type RebuildTable, type ValueProblem } from './value-checks-sql.js';
import { commandName } from '../errors/command-name.js';
import { MigrationError } from './migration-error.js';

/** Data a pending statement would fail on or lose, found before anything runs. */
export type DataConflict = ValueProblem & {
  readonly tag: string;
  /** 0-based statement index within the migration. */
  readonly statement: number;
};

const quote = quoteName;

/**
 * What each statement would fail on with the data there now: a UNIQUE index or constraint over duplicate
 * keys (rows whose key has a NULL never conflict, as in both engines), SET NOT NULL over nulls, a FOREIGN KEY
 * over orphans, a validated CHECK over rows it rejects (a narrowed enumeration), a type change that would
 * round, truncate or fail on values (PostgreSQL), and the copy step of a SQLite table rebuild over rows the
 * new table refuses. A table that does not exist yet (an earlier pending migration creates it) holds nothing.
 */
export async function dataConflicts(db: CheckReader, tag: string, statements: readonly string[], changed: Set<string> = new Set()): Promise<DataConflict[]> {
  const check = conflictChecker(db, tag, { changed });
  const out: DataConflict[] = [];
  for (const [i, statement] of statements.entries()) out.push(...(await check(statement, i)));
  return out;
}

/**
 * True when the database has no table at all outside the system catalogs (a new SQLite file, an empty
 * PostgreSQL database): then no statement can meet data it would fail on, and the checks would read nothing.
 * A fresh deployment skips them this way; their statement analysis was a tenth of a fresh apply on SQLite.
 */
export async function holdsNoTables(db: CheckReader): Promise<boolean> {
  const [row] = await db.query<{ n: number | string }>(
    db.dialect === 'sqlite'
      ? "select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'"
      : "select count(*) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where c.relkind in ('r', 'p', 'm', 'f') and s.nspname <> 'information_schema' and s.nspname not like 'pg\\_%' escape '\\'",
  );
  return Number(row?.n ?? 1) === 0;
}

export interface ConflictCheckerOptions {
  /** Tables an earlier statement may have changed (shared across the pending migrations of one run). */
  readonly changed?: Set<string>;
  /**
   * Every statement meets exactly the data there now: the caller runs each statement before checking the
   * next (the rollback's dry run), so nothing is skipped for an earlier change.
   */
  readonly exact?: boolean;
}

/** Checks statements one at a time, in order, remembering what the earlier ones create and change. */
export function conflictChecker(db: CheckReader, tag: string, options: ConflictCheckerOptions = {}): (statement: string, index: number) => Promise<DataConflict[]> {
  const changed = options.changed ?? new Set<string>();
  const exact = options.exact === true;
  const rows = <T>(sql: string) => db.query<T>(sql).catch(() => undefined);
  const rebuilt = new Map<string, RebuildTable>();
  return async (statement, i) => {
    const out: DataConflict[] = [];
    const at = (problem: ValueProblem | undefined) => {
      if (problem !== undefined) out.push({ ...problem, tag, statement: i });
    };
    const shape = statementShape(statement);
    const created = shape.kind === 'create-table' ? readCreateTable(statement) : undefined;
    if (created !== undefined) rebuilt.set(created.name, created);
    const copy = readRebuildCopy(statement);
    const target = copy === undefined ? undefined : rebuilt.get(copy.into);
    if (copy !== undefined && target !== undefined) {
      // The copy step of a rebuild: judged by the old table's rows, unless something earlier changed them.
      if (db.dialect === 'sqlite' && (exact || !changed.has(copy.from))) for (const p of await rebuildProblems(db, target, copy, exact ? new Set() : changed)) at(p);
      changed.add(copy.into);
      // A copy that keeps every column as it is leaves the values as they were, under the old name.
      if (!copy.identity) changed.add(copy.from);
      return out;
    }
    // An earlier pending statement that may change a table's rows (a backfill, a dedup DELETE, any SQL the
    // reader does not know) makes today's data the wrong thing to judge it by: no verdict on that table.
    const judged = shape.kind !== 'other' && (exact || !changed.has(shape.table));
    // A new table holds nothing the checks could read; the tables it references keep their rows.
    if (shape.kind === 'create-table') changed.add(shape.table);
    else if ((shape.kind === 'other' && !keepsRows(statement)) || shape.kind === 'add-column' || shape.kind === 'alter-type') {
      for (const t of tokenize(statement)) {
        const name = identifierValue(t);
        if (name !== undefined) changed.add(name);
      }
    }
    if (!judged) return out;
    if (shape.kind === 'alter-type') {
      at(await typeChangeProblem(db, statement));
      return out;
    }
    if (shape.kind === 'add-constraint' && shape.constraint !== 'unique' && shape.constraint !== 'foreign key') {
      at(await addCheckProblem(db, statement));
      return out;
    }
    const unique =
      shape.kind === 'create-index' && shape.unique && !shape.partial && shape.columns !== undefined
        ? shape.columns
        : shape.kind === 'add-constraint' && shape.constraint === 'unique'
          ? shape.columns
          : undefined;
    if (unique !== undefined && (shape.kind === 'create-index' || shape.kind === 'add-constraint')) {
      const found = await rows<{ k: string; n: number | string }>(
        `select ${keyText(unique)} as k, count(*) as n from ${quote(shape.table)} where ${unique.map((c) => `${quote(c)} is not null`).join(' and ')} group by ${unique.map(quote).join(', ')} having count(*) > 1 order by count(*) desc, 1`,
      );
      if (found !== undefined && found.length > 0) {
        out.push({ tag, statement: i, kind: 'duplicates', table: shape.table, columns: unique, count: found.length, examples: found.slice(0, EXAMPLES).map((r) => `${r.k} (${Number(r.n)} rows)`) });
      }
    }
    if (shape.kind === 'set-not-null') {
      const [row] = (await rows<{ n: number | string }>(`select count(*) as n from ${quote(shape.table)} where ${quote(shape.column)} is null`)) ?? [];
      const n = Number(row?.n ?? 0);
      if (n > 0) out.push({ tag, statement: i, kind: 'nulls', table: shape.table, columns: [shape.column], count: n, examples: [], refusedBy: 'SET NOT NULL' });
    }
    if (shape.kind === 'add-constraint' && shape.constraint === 'foreign key' && !shape.notValid && shape.columns !== undefined && shape.references !== undefined && shape.references.columns.length === shape.columns.length) {
      const { columns } = shape;
      const ref = shape.references;
      const orphan = `from ${quote(shape.table)} c where ${columns.map((col) => `c.${quote(col)} is not null`).join(' and ')} and not exists (select 1 from ${quote(ref.table)} p where ${columns.map((col, k) => `p.${quote(ref.columns[k] as string)} = c.${quote(col)}`).join(' and ')})`;
      const [count] = (await rows<{ n: number | string }>(`select count(*) as n ${orphan}`)) ?? [];
      const n = Number(count?.n ?? 0);
      if (n > 0) {
        const examples = ((await rows<{ k: string }>(`select distinct ${keyText(columns.map((col) => col))} as k ${orphan} order by 1 limit ${EXAMPLES}`)) ?? []).map((r) => r.k);
        out.push({ tag, statement: i, kind: 'orphans', table: shape.table, columns, count: n, examples });
      }
    }
    return out;
  };
}

/**
 * Statements the reader knows leave every row as it is (dropping a constraint or an index, switching
 * SQLite's foreign keys): a narrowed CHECK is written as DROP CONSTRAINT then ADD CONSTRAINT, and the second
 * must still be judged by the rows there now.
 */
function keepsRows(statement: string): boolean {
  const parts = statementParts(statement);
  if (wordsAt(parts, 0, 'drop', 'index') || wordAt(parts, 0) === 'pragma') return true;
  if (!wordsAt(parts, 0, 'alter', 'table')) return false;
  const drop = parts.tokens.findIndex((t, k) => k > 2 && t.kind === 'word' && t.text.toLowerCase() === 'drop');
  return drop > 0 && wordAt(parts, drop + 1) === 'constraint' && !parts.tokens.some((t) => t.text === ',');
}

/** One line per conflict, as the refusal and `--plan` print it. */
export function describeConflict(c: DataConflict): string {
  const cols = c.columns.join(', ');
  switch (c.kind) {
    case 'duplicates':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} duplicate key(s) in ${c.table} (${cols}) for a UNIQUE index or constraint: ${c.examples.join('; ')}`;
    case 'nulls':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} row(s) of ${c.table} have ${cols} NULL, which ${c.refusedBy} refuses`;
    case 'orphans':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} row(s) of ${c.table} have ${cols} with no row to reference: ${c.examples.join('; ')}`;
    case 'check':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} row(s) of ${c.table} fail CHECK ${c.constraint}${c.examples.length === 0 ? '' : ` (${cols}): ${c.examples.join('; ')}`}`;
    case 'narrowing':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} value(s) of ${c.table}.${cols} would change from ${c.from} to ${c.to}: ${c.examples.join('; ')}`;
    case 'unconvertible':
      return `${c.tag} statement ${c.statement + 1}: values of ${c.table}.${cols} do not convert from ${c.from} to ${c.to}: ${c.examples.join('; ')}`;
  }
}

export function dataConflictError(conflicts: readonly DataConflict[], command: 'migrate' | 'rollback' = 'migrate'): MigrationError {
  const first = conflicts[0] as DataConflict;
  const loses = conflicts.some((c) => c.kind === 'narrowing');
  const statements = new Set(conflicts.map((c) => `${c.tag}#${c.statement}`)).size;
  const kind = command === 'migrate' ? 'pending' : 'rollback';
  const what = statements === 1 ? `a ${kind} statement` : `${statements} ${kind} statements`;
  return new MigrationError(`the data would make ${what} ${loses ? 'fail or lose values' : 'fail'}; nothing was run:\n${conflicts.map((c) => `  ${describeConflict(c)}`).join('\n')}`, {
    code: 'MIGRATION_DATA_CONFLICT',
    subject: `${first.table} (${first.columns.join(', ')})`,
    tag: first.tag,
    hint:
      command === 'migrate'
        ? `fix the data first (in a custom migration before this one, or by hand), or change the migration; \`${commandName('migrate')} --plan\` lists the conflicts`
        : `fix the data first, or change the down file; \`${commandName('rollback')} --plan\` lists the conflicts`,
  });
}
