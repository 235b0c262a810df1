import { identifierValue, tokenize, type Token } from '../migrate/sql-tokenizer.js';

/**
 * What one DDL statement does, read from its tokens (never from text patterns): enough for the safety lint
 * and for counting the rows a destructive statement touches. Statements it does not recognise are `other`.
 */
export type StatementShape =
  | { readonly kind: 'create-table'; readonly table: string }
  | { readonly kind: 'drop-table'; readonly table: string }
  | { readonly kind: 'drop-column'; readonly table: string; readonly column: string }
  | { readonly kind: 'alter-type'; readonly table: string; readonly column: string }
  | { readonly kind: 'set-not-null'; readonly table: string; readonly column: string }
  | { readonly kind: 'rename-table'; readonly table: string; readonly to: string }
  | { readonly kind: 'rename-column'; readonly table: string; readonly column: string; readonly to: string }
  | { readonly kind: 'add-column'; readonly table: string; readonly column: string; readonly notNull: boolean; readonly hasDefault: boolean }
  | {
      readonly kind: 'add-constraint';
      readonly table: string;
      readonly name: string;
      readonly constraint: 'foreign key' | 'check' | 'unique' | 'other';
      readonly notValid: boolean;
      /** The constrained columns, when they are plain names (UNIQUE, FOREIGN KEY). */
      readonly columns?: readonly string[];
      /** FOREIGN KEY: the referenced table and columns. */
      readonly references?: { readonly table: string; readonly columns: readonly string[] };
    }
  | {
      readonly kind: 'create-index';
      readonly table: string;
      readonly name: string;
      readonly concurrently: boolean;
      readonly unique: boolean;
      /** The indexed columns when each is a plain name (not an expression); undefined otherwise. */
      readonly columns: readonly string[] | undefined;
      /** A partial index (WHERE ...). */
      readonly partial: boolean;
    }
  | { readonly kind: 'other' };

/** drizzle-kit's SQLite table rebuild works on `__new_<table>`. */
export const REBUILD_PREFIX = '__new_';

interface Reader {
  readonly word: (i: number) => string | undefined;
  readonly name: (i: number) => string | undefined;
  readonly length: number;
}

function reader(sql: string): Reader {
  const tokens: Token[] = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  return {
    length: tokens.length,
    word: (i) => (tokens[i]?.kind === 'word' ? tokens[i]?.text.toLowerCase() : undefined),
    // An identifier, the last part of a qualified one (`"public"."users"` -> users).
    name: (i) => {
      let at = i;
      while (tokens[at + 1]?.text === '.' && tokens[at + 2] !== undefined) at += 2;
      const t = tokens[at];
      return t === undefined ? undefined : identifierValue(t);
    },
  };
}

const ORDERING = new Set(['asc', 'desc', 'nulls', 'first', 'last']);

/** `( a, "b" DESC, ... )` at `i`: the names and the index after `)`, or undefined when an element is an expression. */
function columnList(tokens: readonly Token[], i: number): { readonly columns: string[]; readonly end: number } | undefined {
  if (tokens[i]?.text !== '(') return undefined;
  const columns: string[] = [];
  let at = i + 1;
  for (;;) {
    const t = tokens[at];
    const name = t === undefined ? undefined : identifierValue(t);
    if (name === undefined) return undefined;
    columns.push(name);
    at++;
    while (tokens[at]?.kind === 'word' && ORDERING.has((tokens[at]?.text ?? '').toLowerCase())) at++;
    if (tokens[at]?.text === ',') {
      at++;
      continue;
    }
    if (tokens[at]?.text === ')') return { columns, end: at + 1 };
    return undefined;
  }
}

/** Index of the token after a possibly qualified name starting at `i`. */
function after(i: number, tokensText: (i: number) => string | undefined): number {
  let at = i;
  while (tokensText(at + 1) === '.') at += 2;
  return at + 1;
}

export function statementShape(sql: string): StatementShape {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  const r = reader(sql);
  const text = (i: number) => tokens[i]?.text;
  const words = (i: number, ...expected: string[]) => expected.every((w, k) => r.word(i + k) === w);
  let i = 0;
  if (words(0, 'create')) {
    i = 1;
    let unique = false;
    while (['unique', 'temp', 'temporary', 'or', 'replace'].includes(r.word(i) ?? '')) {
      if (r.word(i) === 'unique') unique = true;
      i++;
    }
    if (r.word(i) === 'table') {
      i++;
      if (words(i, 'if', 'not', 'exists')) i += 3;
      return { kind: 'create-table', table: r.name(i) ?? '' };
    }
    if (r.word(i) === 'index') {
      i++;
      const concurrently = r.word(i) === 'concurrently';
      if (concurrently) i++;
      if (words(i, 'if', 'not', 'exists')) i += 3;
      const name = r.name(i) ?? '';
      i = after(i, text);
      if (r.word(i) !== 'on') return { kind: 'other' };
      i++;
      if (r.word(i) === 'only') i++;
      const indexTable = r.name(i) ?? '';
      i = after(i, text);
      if (r.word(i) === 'using') i += 2;
      const list = columnList(tokens, i);
      const partial = Array.from({ length: r.length - i }, (_, k) => r.word(i + k)).includes('where');
      return { kind: 'create-index', table: indexTable, name, concurrently, unique, columns: list?.columns, partial };
    }
    return { kind: 'other' };
  }
  if (words(0, 'drop', 'table')) {
    i = 2;
    if (words(i, 'if', 'exists')) i += 2;
    return { kind: 'drop-table', table: r.name(i) ?? '' };
  }
  if (!words(0, 'alter', 'table')) return { kind: 'other' };
  i = 2;
  if (words(i, 'if', 'exists')) i += 2;
  if (r.word(i) === 'only') i++;
  const table = r.name(i) ?? '';
  i = after(i, text);
  const action = r.word(i);
  if (action === 'rename') {
    if (r.word(i + 1) === 'to') return { kind: 'rename-table', table, to: r.name(i + 2) ?? '' };
    const at = r.word(i + 1) === 'column' ? i + 2 : i + 1;
    if (r.word(at + 1) === 'to') return { kind: 'rename-column', table, column: r.name(at) ?? '', to: r.name(at + 2) ?? '' };
    return { kind: 'other' };
  }
  if (action === 'drop' && r.word(i + 1) === 'column') {
    let at = i + 2;
    if (words(at, 'if', 'exists')) at += 2;
    return { kind: 'drop-column', table, column: r.name(at) ?? '' };
  }
  if (action === 'alter') {
    const at = r.word(i + 1) === 'column' ? i + 2 : i + 1;
    const column = r.name(at) ?? '';
    if (words(at + 1, 'set', 'data', 'type') || r.word(at + 1) === 'type') return { kind: 'alter-type', table, column };
    if (words(at + 1, 'set', 'not', 'null')) return { kind: 'set-not-null', table, column };
    return { kind: 'other' };
  }
  if (action === 'add') {
    if (r.word(i + 1) === 'constraint') {
      const name = r.name(i + 2) ?? '';
      const rest = Array.from({ length: r.length - i - 3 }, (_, k) => r.word(i + 3 + k) ?? '');
      const constraint = rest[0] === 'foreign' ? 'foreign key' : rest[0] === 'check' ? 'check' : rest[0] === 'unique' ? 'unique' : 'other';
      const notValid = rest.some((w, k) => w === 'not' && rest[k + 1] === 'valid');
      // UNIQUE [NULLS [NOT] DISTINCT] (cols) / FOREIGN KEY (cols) REFERENCES t (cols)
      let at = i + 4;
      if (constraint === 'foreign key') at = i + 5;
      if (constraint === 'unique') while (['nulls', 'not', 'distinct'].includes(r.word(at) ?? '')) at++;
      const list = constraint === 'unique' || constraint === 'foreign key' ? columnList(tokens, at) : undefined;
      if (list === undefined) return { kind: 'add-constraint', table, name, constraint, notValid };
      if (constraint === 'unique') return { kind: 'add-constraint', table, name, constraint, notValid, columns: list.columns };
      if (r.word(list.end) !== 'references') return { kind: 'add-constraint', table, name, constraint, notValid, columns: list.columns };
      const refTable = r.name(list.end + 1) ?? '';
      const refs = columnList(tokens, after(list.end + 1, text));
      return { kind: 'add-constraint', table, name, constraint, notValid, columns: list.columns, ...(refs === undefined ? {} : { references: { table: refTable, columns: refs.columns } }) };
    }
    if (['foreign', 'check', 'unique', 'primary'].includes(r.word(i + 1) ?? '')) return { kind: 'other' };
    let at = r.word(i + 1) === 'column' ? i + 2 : i + 1;
    if (words(at, 'if', 'not', 'exists')) at += 3;
    const column = r.name(at) ?? '';
    const rest = Array.from({ length: r.length - at - 1 }, (_, k) => r.word(at + 1 + k) ?? '');
    const notNull = rest.some((w, k) => w === 'not' && rest[k + 1] === 'null');
    const hasDefault = rest.includes('default') || rest.includes('generated');
    return { kind: 'add-column', table, column, notNull, hasDefault };
  }
  return { kind: 'other' };
}
