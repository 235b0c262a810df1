import { statementShape } from '../lint/statement-shape.js';
import { identifierValue, tokenize } from './sql-tokenizer.js';
import type { MigrationDriver } from './migration-driver.js';
import { commandName } from '../errors/command-name.js';
import { MigrationError } from './migration-error.js';

/** Data a pending statement would fail on, found before anything runs. */
export interface DataConflict {
  readonly tag: string;
  /** 0-based statement index within the migration. */
  readonly statement: number;
  readonly kind: 'duplicates' | 'nulls' | 'orphans';
  readonly table: string;
  readonly columns: readonly string[];
  /** Rows (nulls, orphans) or keys (duplicates) in conflict. */
  readonly count: number;
  /** Up to 10 examples: `key (count)` for duplicates, the offending values for orphans. */
  readonly examples: readonly string[];
}

const EXAMPLES = 10;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
// The key as text, the same on both engines: values joined by ', ', NULL spelled out.
const keyText = (columns: readonly string[]) => columns.map((c) => `coalesce(cast(${quote(c)} as text), 'NULL')`).join(` || ', ' || `);

/**
 * What each statement would fail on with the data there now: a UNIQUE index or constraint over duplicate
 * keys (rows whose key has a NULL never conflict, as in both engines), SET NOT NULL over nulls, a FOREIGN KEY
 * over orphans. A table that does not exist yet (an earlier pending migration creates it) holds nothing.
 */
export async function dataConflicts(driver: MigrationDriver, tag: string, statements: readonly string[], changed: Set<string> = new Set()): Promise<DataConflict[]> {
  const out: DataConflict[] = [];
  const rows = <T>(sql: string) => driver.query<T>(sql).catch(() => undefined);
  for (const [i, statement] of statements.entries()) {
    const shape = statementShape(statement);
    // An earlier pending statement that may change a table's rows (a backfill, a dedup DELETE, any SQL the
    // reader does not know) makes today's data the wrong thing to judge it by: no verdict on that table.
    const judged = shape.kind !== 'other' && !changed.has(shape.table);
    if (shape.kind === 'other' || shape.kind === 'add-column' || shape.kind === 'alter-type' || shape.kind === 'create-table') {
      for (const t of tokenize(statement)) {
        const name = identifierValue(t);
        if (name !== undefined) changed.add(name);
      }
    }
    if (!judged) continue;
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
      if (n > 0) out.push({ tag, statement: i, kind: 'nulls', table: shape.table, columns: [shape.column], count: n, examples: [] });
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
  }
  return out;
}

/** One line per conflict, as the refusal and `--plan` print it. */
export function describeConflict(c: DataConflict): string {
  const cols = c.columns.join(', ');
  switch (c.kind) {
    case 'duplicates':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} duplicate key(s) in ${c.table} (${cols}) for a UNIQUE index or constraint: ${c.examples.join('; ')}`;
    case 'nulls':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} row(s) of ${c.table} have ${cols} NULL, which SET NOT NULL refuses`;
    case 'orphans':
      return `${c.tag} statement ${c.statement + 1}: ${c.count} row(s) of ${c.table} have ${cols} with no row to reference: ${c.examples.join('; ')}`;
  }
}

export function dataConflictError(conflicts: readonly DataConflict[]): MigrationError {
  const first = conflicts[0] as DataConflict;
  return new MigrationError(`the data would make ${conflicts.length === 1 ? 'a pending statement' : `${conflicts.length} pending statements`} fail; nothing was run:\n${conflicts.map((c) => `  ${describeConflict(c)}`).join('\n')}`, {
    code: 'MIGRATION_DATA_CONFLICT',
    subject: `${first.table} (${first.columns.join(', ')})`,
    tag: first.tag,
    hint: `fix the data first (in a custom migration before this one, or by hand), or change the migration; \`${commandName('migrate')} --plan\` lists the conflicts`,
  });
}
