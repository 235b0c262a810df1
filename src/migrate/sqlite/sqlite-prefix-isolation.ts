import { identifierValue, tokenize, type Token } from '../sql-tokenizer.js';
import { isOwnName, type ObjectFinding, type OwnNames } from '../prefix-isolation.js';

/**
 * Which objects a SQLite statement touches that are not the prefix's. There is no SQLite parser here, so the
 * statement's tokens are read at every place SQLite's grammar puts an object name: after TABLE, INDEX, VIEW,
 * TRIGGER (CREATE/DROP/ALTER), INTO, a statement-leading UPDATE, FROM (with its comma list), JOIN, REFERENCES,
 * the ON of CREATE INDEX/TRIGGER, RENAME TO, INDEXED BY, and the table argument of the pragmas that take one.
 * Whatever stands there must be `<prefix>_<base>` (compared without case, as SQLite does), in schema main;
 * sqlite_master/sqlite_schema may be read, never written. A position holding something that is not a plain
 * name (a string, a `[bracketed]` name) is refused rather than guessed at. Names of CTEs declared by the
 * statement's leading WITH are not tables. ATTACH/DETACH are refused (another database file).
 * Table-valued functions (`pragma_table_info('x')`) take a string, which is not judged.
 */
export function sqlitePrefixFindings(statement: string, own: OwnNames): ObjectFinding[] {
  const tokens = tokenize(statement).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  return new Reader(tokens, own).findings();
}

const CATALOG_TABLES = new Set(['sqlite_master', 'sqlite_schema', 'sqlite_temp_master', 'sqlite_temp_schema']);
const TABLE_PRAGMAS = new Set(['table_info', 'table_xinfo', 'index_info', 'index_xinfo', 'index_list', 'foreign_key_list', 'foreign_key_check']);
const OBJECT_WORDS = new Set(['table', 'index', 'view', 'trigger']);

class Reader {
  private readonly out: ObjectFinding[] = [];
  private readonly ctes = new Set<string>();

  constructor(
    private readonly t: readonly Token[],
    private readonly own: OwnNames,
  ) {}

  private word(i: number): string | undefined {
    const token = this.t[i];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  }

  private punct(i: number): string | undefined {
    const token = this.t[i];
    return token?.kind === 'punctuation' ? token.text : undefined;
  }

  findings(): ObjectFinding[] {
    const first = this.word(0);
    if (first === 'attach' || first === 'detach') return [{ object: 'another database file', reason: `${first.toUpperCase()} reaches outside this database` }];
    if (first === 'with') this.readCtes();
    if (first === 'pragma') this.pragma();
    // The first ON after CREATE INDEX / CREATE TRIGGER names the table.
    const creates = first === 'create' ? this.t.findIndex((_, i) => i > 0 && OBJECT_WORDS.has(this.word(i) ?? '')) : -1;
    let onPending = creates > 0 && (this.word(creates) === 'index' || this.word(creates) === 'trigger');
    for (let i = 0; i < this.t.length; i++) {
      const w = this.word(i);
      if (w === undefined) continue;
      const prev = this.word(i - 1);
      if (OBJECT_WORDS.has(w) && (prev === 'create' || prev === 'drop' || prev === 'alter' || prev === 'temp' || prev === 'temporary' || prev === 'unique' || prev === 'virtual')) {
        let j = i + 1;
        if (this.word(j) === 'if' && this.word(j + 1) === 'not' && this.word(j + 2) === 'exists') j += 3;
        else if (this.word(j) === 'if' && this.word(j + 1) === 'exists') j += 2;
        this.name(j, w, 'write');
      } else if (w === 'into' && prev !== undefined && (prev === 'insert' || prev === 'replace' || this.word(i - 2) === 'or')) {
        this.name(i + 1, 'table', 'write');
      } else if (w === 'update' && this.startsStatement(i)) {
        const j = this.word(i + 1) === 'or' ? i + 3 : i + 1;
        this.name(j, 'table', 'write');
      } else if (w === 'from' && prev !== 'distinct') {
        this.fromList(i + 1, this.word(i - 1) === 'delete' ? 'write' : 'read');
      } else if (w === 'join') {
        this.fromList(i + 1, 'read', false);
      } else if (w === 'references') {
        this.name(i + 1, 'table', 'write');
      } else if (w === 'on' && onPending) {
        onPending = false;
        this.name(i + 1, 'table', 'write');
      } else if (w === 'to' && prev === 'rename') {
        this.name(i + 1, 'table', 'write');
      } else if (w === 'by' && prev === 'indexed') {
        this.name(i + 1, 'index', 'read');
      }
    }
    return this.out;
  }

  /** UPDATE starts a statement: at the start, after a leading WITH's `)`, or inside a trigger body. */
  private startsStatement(i: number): boolean {
    if (i === 0) return true;
    const prev = this.t[i - 1];
    if (prev?.kind === 'punctuation') return prev.text === ';' || (prev.text === ')' && this.word(0) === 'with');
    return this.word(i - 1) === 'begin';
  }

  /** `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...), ...` at the statement's start. */
  private readCtes(): void {
    let i = this.word(1) === 'recursive' ? 2 : 1;
    for (;;) {
      const value = this.t[i] === undefined ? undefined : identifierValue(this.t[i] as Token);
      if (value === undefined) return;
      this.ctes.add(value.toLowerCase());
      i++;
      if (this.punct(i) === '(') i = this.skipParens(i);
      if (this.word(i) !== 'as') return;
      i++;
      while (this.word(i) === 'not' || this.word(i) === 'materialized') i++;
      if (this.punct(i) !== '(') return;
      i = this.skipParens(i);
      if (this.punct(i) !== ',') return;
      i++;
    }
  }

  /** The index after the `)` matching the `(` at `i`. */
  private skipParens(i: number): number {
    let depth = 0;
    for (let j = i; j < this.t.length; j++) {
      if (this.punct(j) === '(') depth++;
      else if (this.punct(j) === ')' && --depth === 0) return j + 1;
    }
    return this.t.length;
  }

  /** FROM a [AS x], b, (subquery) y, fn(...): each table of the list (subqueries are read where their own FROM is). */
  private fromList(i: number, mode: 'read' | 'write', list = true): void {
    for (;;) {
      if (this.punct(i) === '(') {
        i = this.skipParens(i);
      } else {
        const next = this.t[i + 1]?.kind === 'punctuation' && this.t[i + 1]?.text === '.' ? i + 3 : i + 1;
        // A table-valued function: its arguments are values, not names.
        if (this.punct(next) === '(') i = this.skipParens(next);
        else i = this.name(i, 'table', mode);
      }
      if (!list) return;
      if (this.word(i) === 'as') i++;
      if (this.punct(i) !== ',' && this.t[i] !== undefined && identifierValue(this.t[i] as Token) !== undefined && this.punct(i + 1) === ',') i++;
      if (this.punct(i) !== ',') return;
      i++;
    }
  }

  /** PRAGMA [schema.]name[(arg) | = arg]: a table argument of ours, schema main. */
  private pragma(): void {
    let i = 1;
    if (this.punct(2) === '.') {
      const schema = this.word(1);
      if (schema !== 'main') this.out.push({ object: `schema ${schema ?? '?'}`, reason: 'another database than main' });
      i = 3;
    }
    const name = this.word(i);
    if (name === 'writable_schema') this.out.push({ object: 'pragma writable_schema', reason: 'it lets the statements that follow write the schema of every prefix' });
    if (name !== undefined && TABLE_PRAGMAS.has(name) && (this.punct(i + 1) === '(' || this.punct(i + 1) === '=')) {
      const arg = this.t[i + 2];
      const value = arg === undefined ? undefined : arg.kind === 'string' ? arg.text.slice(1, -1).replaceAll("''", "'") : identifierValue(arg);
      if (value === undefined || !isOwnName(value, this.own, true)) this.out.push({ object: `table ${value ?? arg?.text ?? '?'}`, reason: `not an object of prefix ${this.own.prefix}` });
    }
  }

  /** Checks the (possibly schema-qualified) name at `i`; returns the index after it. */
  private name(i: number, kind: string, mode: 'read' | 'write'): number {
    const token = this.t[i];
    const first = token === undefined ? undefined : identifierValue(token);
    if (token === undefined || first === undefined || token.kind === 'string') {
      this.out.push({ object: `${kind} ${token?.text ?? '(end of statement)'}`, reason: 'not a plain name, so it cannot be told to be the prefix\'s' });
      return i + 1;
    }
    let schema: string | undefined;
    let name = first;
    let end = i + 1;
    if (this.punct(i + 1) === '.' && this.t[i + 2] !== undefined) {
      schema = first.toLowerCase();
      name = identifierValue(this.t[i + 2] as Token) ?? '';
      end = i + 3;
    }
    const shown = `${kind} ${schema === undefined ? '' : `${schema}.`}${name}`;
    const folded = name.toLowerCase();
    if (schema !== undefined && schema !== 'main') this.out.push({ object: shown, reason: 'outside schema main, the database this runner migrates' });
    else if (CATALOG_TABLES.has(folded)) {
      if (mode === 'write') this.out.push({ object: shown, reason: 'a write to the schema table' });
    } else if (!(schema === undefined && mode === 'read' && this.ctes.has(folded)) && !isOwnName(name, this.own, true)) {
      this.out.push({ object: shown, reason: `not an object of prefix ${this.own.prefix}` });
    }
    return end;
  }
}
