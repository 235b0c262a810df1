import { LEDGER_BASE_NAME } from '../naming/index.js';
import { nameAt, quoteName, statementParts, wordAt, wordsAt } from './sql-parts.js';
import { readRebuildCopy, typeChangeProblem, type CheckReader } from './value-checks-sql.js';

/** Values a rollback statement would destroy, judged in the state the statements before it leave. */
export interface RollbackLoss {
  /** `table` or `table.column`. */
  readonly subject: string;
  /** What is lost, for the refusal. */
  readonly what: string;
}

const count = (rows: readonly { n: number | string }[]) => Number(rows[0]?.n ?? 0);

async function columnsOf(db: CheckReader, table: string): Promise<string[]> {
  const rows =
    db.dialect === 'postgresql'
      ? await db.query<{ name: string }>('select attname as name from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped order by attnum', [quoteName(table)])
      : await db.query<{ name: string }>(`select name from pragma_table_info('${table.replaceAll("'", "''")}') order by cid`);
  return rows.map((r) => r.name);
}

/**
 * What `statement` would lose: a dropped table or column that holds values; a type change that rounds or
 * truncates values (PostgreSQL); nothing for the DROP TABLE of a SQLite rebuild whose copy (an earlier
 * statement of the same step, `copied` maps the copy's source to its new table) kept every row and every
 * non-NULL value. It runs inside the rollback's dry run, so the state is exactly the one the statement meets.
 */
export async function rollbackLoss(db: CheckReader, statement: string, copied: ReadonlyMap<string, string>): Promise<RollbackLoss | undefined> {
  const parts = statementParts(statement);
  if (wordsAt(parts, 0, 'drop', 'table')) {
    let i = 2;
    if (wordsAt(parts, i, 'if', 'exists')) i += 2;
    const table = nameAt(parts, i)?.name;
    if (table === undefined || table.endsWith(LEDGER_BASE_NAME)) return undefined;
    const rows = count(await db.query<{ n: number | string }>(`select count(*) as n from ${quoteName(table)}`).catch(() => [{ n: 0 }]));
    if (rows === 0) return undefined;
    const copy = copied.get(table);
    if (copy !== undefined) {
      const kept = await rebuildKeepsValues(db, table, copy);
      if (kept === true) return undefined;
      return { subject: kept.subject, what: kept.what };
    }
    return { subject: table, what: `would drop table ${table}, which holds ${rows} row(s)` };
  }
  if (wordsAt(parts, 0, 'alter', 'table')) {
    const table = nameAt(parts, 2);
    if (table !== undefined && wordAt(parts, table.end) === 'drop') {
      const at = wordAt(parts, table.end + 1) === 'column' ? table.end + 2 : table.end + 1;
      if (wordAt(parts, at) !== 'constraint') {
        const column = nameAt(parts, at)?.name;
        if (column !== undefined) {
          const n = count(await db.query<{ n: number | string }>(`select count(*) as n from ${quoteName(table.name)} where ${quoteName(column)} is not null`).catch(() => [{ n: 0 }]));
          if (n > 0) return { subject: `${table.name}.${column}`, what: `would drop column ${table.name}.${column}, which holds ${n} row(s)` };
        }
      }
    }
    const narrowing = await typeChangeProblem(db, statement);
    if (narrowing?.kind === 'narrowing') {
      const column = `${narrowing.table}.${narrowing.columns.join(', ')}`;
      return { subject: column, what: `would change ${narrowing.count} value(s) of ${column} from ${narrowing.from} to ${narrowing.to}: ${narrowing.examples.join('; ')}` };
    }
  }
  return undefined;
}

/** Whether `rebuilt` (already filled by the copy) holds every row of `table` and every non-NULL value. */
async function rebuildKeepsValues(db: CheckReader, table: string, rebuilt: string): Promise<true | RollbackLoss> {
  const before = await columnsOf(db, table);
  const after = new Set(await columnsOf(db, rebuilt));
  for (const column of before.filter((c) => !after.has(c))) {
    const n = count(await db.query<{ n: number | string }>(`select count(*) as n from ${quoteName(table)} where ${quoteName(column)} is not null`));
    if (n > 0) return { subject: `${table}.${column}`, what: `would drop column ${table}.${column} (the table is rebuilt without it), which holds ${n} value(s)` };
  }
  const common = before.filter((c) => after.has(c)).map(quoteName).join(', ');
  const lost = count(await db.query<{ n: number | string }>(`select count(*) as n from (select ${common} from ${quoteName(table)} except select ${common} from ${quoteName(rebuilt)}) as lost`));
  const rows = count(await db.query<{ n: number | string }>(`select (select count(*) from ${quoteName(table)}) - (select count(*) from ${quoteName(rebuilt)}) as n`));
  if (lost > 0 || rows !== 0) return { subject: table, what: `would rebuild table ${table} without ${lost > 0 ? `${lost} of its rows as they are` : `${rows} of its rows`}` };
  return true;
}

/** The rebuild copies a step has made so far: source table -> the new table that received its rows. */
export function noteRebuildCopy(statement: string, copied: Map<string, string>): void {
  const copy = readRebuildCopy(statement);
  if (copy !== undefined) copied.set(copy.from, copy.into);
}
