import { assertValidPrefix } from '../naming/sanitize.js';
import { identifierValue, scanTokens, tokenize, type Token } from './sql-tokenizer.js';

/**
 * Migrations are generated with base object names (`users`, `idx_usr_role`) so one file serves every
 * project; the runner puts the project prefix in front of exactly those names when it applies them. It
 * works on tokens, not on text, so a base name inside a string, a comment, a function body or a longer
 * word (`users_count`) is never touched.
 */
export interface PrefixSqlOptions {
  /** A valid prefix (`cts_v3_1`); checked with the same rule as `DB_PREFIX`. */
  readonly prefix: string;
  /** The closed set of base names to prefix: the manifest's object names plus the ledger. */
  readonly names: ReadonlySet<string>;
}

/** drizzle-kit's SQLite table rebuild creates `__new_<table>`, then renames it to `<table>`. */
const REBUILD_MARKER = '__new_';

/** Output that may stay bare on both engines: it must not start with a digit, and must be lowercase for PostgreSQL. */
const BARE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function prefixSql(sql: string, options: PrefixSqlOptions): string {
  const prefix = assertValidPrefix(options.prefix, 'prefix');
  return tokenize(sql)
    .map((token) => rewriteIdentifier(token, prefix, options.names) ?? token.text)
    .join('');
}

/** The token's replacement text, or `undefined` when it is not an identifier naming one of our objects. */
function rewriteIdentifier(token: Token, prefix: string, names: ReadonlySet<string>): string | undefined {
  const value = identifierValue(token);
  if (value === undefined) return undefined;
  if (token.kind === 'word') {
    // PostgreSQL folds bare identifiers to lower case (ASCII only), so `USERS` names the table `users`.
    const renamed = prefixedName(foldAscii(value), prefix, names);
    if (renamed === undefined) return undefined;
    // A prefix may start with a digit (`3cx`), which a bare identifier may not; quoting works on both engines.
    return BARE_IDENTIFIER.test(renamed) ? renamed : quoteIdentifier(renamed, '"');
  }
  // Quoted identifiers keep their case on PostgreSQL, so they only match exactly.
  const renamed = prefixedName(value, prefix, names);
  if (renamed === undefined) return undefined;
  return quoteIdentifier(renamed, token.kind === 'backtick-identifier' ? '`' : '"');
}

function prefixedName(name: string, prefix: string, names: ReadonlySet<string>): string | undefined {
  if (names.has(name)) return `${prefix}_${name}`;
  if (name.startsWith(REBUILD_MARKER)) {
    const base = name.slice(REBUILD_MARKER.length);
    if (names.has(base)) return `${REBUILD_MARKER}${prefix}_${base}`;
  }
  return undefined;
}

// Not `toLowerCase()`: Unicode folding maps e.g. the Kelvin sign to `k`, which PostgreSQL does not do.
function foldAscii(word: string): string {
  let upper = false;
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 0x80) ascii = false;
  }
  if (!upper) return word;
  // On pure ASCII the built-in is the same fold and much faster (this runs for every keyword of a migration).
  return ascii ? word.toLowerCase() : word.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function quoteIdentifier(name: string, quote: '"' | '`'): string {
  return `${quote}${name.replaceAll(quote, quote + quote)}${quote}`;
}

/** The marker drizzle-kit writes between statements, as a line comment of its own. */
const BREAKPOINT = '--> statement-breakpoint';

const isBreakpoint = (token: Token): boolean => token.kind === 'line-comment' && token.text.trimEnd() === BREAKPOINT;
const isTrivia = (token: Token): boolean =>
  token.kind === 'whitespace' || token.kind === 'line-comment' || token.kind === 'block-comment';
const isSemicolon = (token: Token): boolean => token.kind === 'punctuation' && token.text === ';';

/**
 * Splits a migration into statements. A drizzle-kit file is split on its breakpoint markers only, as
 * drizzle's own migrator does; a hand-written file without markers is split on top-level `;` (each part
 * keeps its `;`). Parts are trimmed, and parts with nothing but whitespace, comments and `;` are dropped.
 */
export function splitStatements(sql: string): string[] {
  return statementParts(tokenize(sql)).map((part) => textOf(part).trim());
}

/**
 * `splitStatements(sql).map((s) => prefixSql(s, options))` in one lexing pass without token objects: the
 * runner prefixes whole migration files on every fresh apply, and lexing each file three times (split,
 * prefix, created names) into objects was most of the runner's own cost there. The property test in
 * prefix-sql.test.ts holds it to the two-step result.
 */
export function prefixStatements(sql: string, options: PrefixSqlOptions): string[] {
  const prefix = assertValidPrefix(options.prefix, 'prefix');
  // Without the marker text anywhere there is no marker token; with it, a pass that finds none splits on `;`.
  if (sql.includes(BREAKPOINT)) {
    const split = prefixPass(sql, prefix, options, true);
    if (split !== undefined) return split;
  }
  return prefixPass(sql, prefix, options, false) ?? [];
}

/** One pass; in breakpoint mode `undefined` when the text holds no breakpoint token. */
function prefixPass(sql: string, prefix: string, options: PrefixSqlOptions, byBreakpoints: boolean): string[] | undefined {
  const statements: string[] = [];
  let sawBreakpoint = false;
  // The statement being read: where its first and last non-whitespace tokens are, whether it has content,
  // and its output so far (`pieces` up to offset `copied`, the rest still to copy from `sql`).
  let coreStart = -1;
  let coreEnd = -1;
  let content = false;
  let pieces: string[] = [];
  let copied = 0;
  // Semicolon mode: CREATE [modifiers] TRIGGER|FUNCTION|PROCEDURE opens bodies whose `;` do not end it.
  let head: 'start' | 'create' | 'done' = 'start';
  let routine = false;
  let depth = 0;

  const finish = () => {
    if (content) {
      const core = sql.slice(coreStart, coreEnd);
      // trim() also strips Unicode spaces (and spaces ending a line comment) that lie inside a token here:
      // then the tokens of the trimmed text differ, so do exactly what splitStatements + prefixSql do.
      if (core.trim() !== core) statements.push(prefixSql(core.trim(), options));
      else statements.push(pieces.length === 0 ? core : `${pieces.join('')}${sql.slice(copied, coreEnd)}`);
    }
    coreStart = -1;
    coreEnd = -1;
    content = false;
    pieces = [];
    head = 'start';
    routine = false;
    depth = 0;
  };

  scanTokens(sql, (kind, start, end) => {
    if (byBreakpoints && kind === 'line-comment' && sql.slice(start, end).trimEnd() === BREAKPOINT) {
      sawBreakpoint = true;
      finish();
      return;
    }
    if (kind === 'whitespace') return;
    if (coreStart < 0) {
      coreStart = start;
      copied = start;
    }
    coreEnd = end;
    if (kind === 'line-comment' || kind === 'block-comment') return;
    const semicolon = kind === 'punctuation' && end === start + 1 && sql.charCodeAt(start) === 59;
    if (!semicolon) content = true;
    const text = kind === 'word' || kind === 'quoted-identifier' || kind === 'backtick-identifier' ? sql.slice(start, end) : undefined;
    if (text !== undefined) {
      const renamed = rewriteIdentifier({ kind, text, offset: start }, prefix, options.names);
      if (renamed !== undefined) {
        pieces.push(sql.slice(copied, start), renamed);
        copied = end;
      }
    }
    if (byBreakpoints) return;
    const folded = foldAscii(text ?? sql.slice(start, end));
    if (head === 'start') {
      head = folded === 'create' ? 'create' : 'done';
    } else if (head === 'create' && !ROUTINE_MODIFIERS.has(folded)) {
      routine = ROUTINE_KINDS.has(folded);
      head = 'done';
    }
    if (kind === 'word') {
      if ((folded === 'begin' || folded === 'case') && routine) depth++;
      else if (folded === 'end' && depth > 0) depth--;
    } else if (semicolon && depth === 0) {
      finish();
    }
  });
  finish();
  return byBreakpoints && !sawBreakpoint ? undefined : statements;
}

const textOf = (tokens: readonly Token[]): string => tokens.map((token) => token.text).join('');

function statementParts(tokens: readonly Token[]): Token[][] {
  const parts = tokens.some(isBreakpoint) ? splitOnBreakpoints(tokens) : splitOnSemicolons(tokens);
  return parts.filter((part) => part.some((token) => !isTrivia(token) && !isSemicolon(token)));
}

function splitOnBreakpoints(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (isBreakpoint(token)) parts.push([]);
    else parts.at(-1)?.push(token);
  }
  return parts;
}

/**
 * Top-level `;` ends a statement, except inside the BEGIN ... END body of a trigger (SQLite) or a
 * `BEGIN ATOMIC` routine (PostgreSQL), whose inner statements end with `;` too. CASE ... END is counted
 * so that `END;` closing a CASE inside such a body does not end the statement early.
 */
function splitOnSemicolons(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    current.push(token);
    if (token.kind === 'word') {
      const word = foldAscii(token.text);
      if ((word === 'begin' || word === 'case') && declaresRoutine(current)) depth++;
      else if (word === 'end' && depth > 0) depth--;
    } else if (isSemicolon(token) && depth === 0) {
      parts.push(current);
      current = [];
    }
  }
  parts.push(current);
  return parts;
}

const ROUTINE_MODIFIERS = new Set(['or', 'replace', 'temp', 'temporary', 'constraint']);
const ROUTINE_KINDS = new Set(['trigger', 'function', 'procedure']);

/** Whether the statement so far starts `CREATE [OR REPLACE] [TEMP] TRIGGER|FUNCTION|PROCEDURE`. */
function declaresRoutine(statement: readonly Token[]): boolean {
  const words = statement.filter((token) => !isTrivia(token)).map((token) => foldAscii(token.text));
  if (words[0] !== 'create') return false;
  const kind = words.slice(1).find((word) => !ROUTINE_MODIFIERS.has(word));
  return kind !== undefined && ROUTINE_KINDS.has(kind);
}

/**
 * Moves our identifiers from one prefix to another (`old_users` -> `new_users`), for renaming an instance: it
 * rewrites the live DDL of sqlite_master, which never holds drizzle-kit's transient `__new_` tables. Only
 * identifiers whose rest after `{from}_` is in the closed set change.
 */
export function swapPrefixSql(sql: string, options: { readonly from: string; readonly to: string; readonly names: ReadonlySet<string> }): string {
  const from = `${assertValidPrefix(options.from, 'from')}_`;
  const to = assertValidPrefix(options.to, 'to');
  const unprefixed = new Set([...options.names].map((n) => `${from}${n}`));
  return tokenize(sql)
    .map((token) => {
      const value = identifierValue(token);
      if (value === undefined) return token.text;
      const name = token.kind === 'word' ? foldAscii(value) : value;
      if (!unprefixed.has(name)) return token.text;
      const renamed = `${to}_${name.slice(from.length)}`;
      if (token.kind === 'word') return BARE_IDENTIFIER.test(renamed) ? renamed : quoteIdentifier(renamed, '"');
      return quoteIdentifier(renamed, token.kind === 'backtick-identifier' ? '`' : '"');
    })
    .join('');
}
