import { CtsDbError } from '../errors/cts-db-error.js';

/**
 * A lossless lexer for the SQL that drizzle-kit writes and that people hand-write as custom migrations,
 * for PostgreSQL and SQLite alike. It does not parse: it only finds where strings, comments, quoted
 * identifiers and words start and end, which is what a rewriter must know so that it never edits text
 * inside a string, a comment or a function body. Joining every token's `text` gives back the input.
 */
export type TokenKind =
  | 'whitespace'
  | 'line-comment' // `-- ...` up to, not including, the line break
  | 'block-comment' // `/* ... */`, nested as PostgreSQL does
  | 'string' // `'it''s'`
  | 'escape-string' // `E'it\'s'`: backslash escapes (PostgreSQL)
  | 'dollar-string' // `$$ ... $$`, `$tag$ ... $tag$` (PostgreSQL)
  | 'quoted-identifier' // `"a""b"`
  | 'backtick-identifier' // `a``b` (SQLite, MySQL)
  | 'word' // bare identifier or keyword
  | 'number'
  | 'parameter' // `$1` (PostgreSQL), `$name` (SQLite)
  | 'punctuation'; // one character, or `::`

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** UTF-16 offset of the token's first character in the input. */
  readonly offset: number;
}

export type SqlTokenizeErrorCode = 'SQL_UNTERMINATED';

/** Raised for input whose string, comment or quoted identifier never ends: rewriting it cannot be safe. */
export class SqlTokenizeError extends CtsDbError {
  declare readonly code: SqlTokenizeErrorCode;
  /** Where the unterminated construct starts. */
  readonly offset: number;

  constructor(what: string, sql: string, offset: number) {
    const { line, column } = lineAndColumn(sql, offset);
    super(`unterminated ${what} starting at offset ${offset} (line ${line}, column ${column})`, {
      code: 'SQL_UNTERMINATED',
      subject: `offset ${offset}`,
      hint: `close the ${what}, or check for a stray quote character before it`,
    });
    this.offset = offset;
  }
}

function lineAndColumn(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

// Only ASCII whitespace separates tokens; PostgreSQL treats other characters (even U+00A0) as identifier text.
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
// Non-ASCII characters may appear in identifiers on both engines; both halves of a surrogate pair match.
const isIdentStart = (ch: string): boolean =>
  (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || ch.charCodeAt(0) >= 0x80;
const isIdentPart = (ch: string): boolean => isIdentStart(ch) || isDigit(ch) || ch === '$';
const isTagPart = (ch: string): boolean => isIdentStart(ch) || isDigit(ch);
const isAlnum = (ch: string): boolean => isIdentStart(ch) || isDigit(ch);

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  scanTokens(sql, (kind, start, end) => {
    tokens.push({ kind, text: sql.slice(start, end), offset: start });
  });
  return tokens;
}

/**
 * The same tokens as `tokenize`, reported as (kind, start, end) without building token objects or
 * substrings: the runner lexes whole migration files on every fresh apply, where allocating one object and
 * one string per token was most of its own cost.
 */
export function scanTokens(sql: string, visit: (kind: TokenKind, start: number, end: number) => void): void {
  const out: Scanned = { kind: 'whitespace' };
  let pos = 0;
  while (pos < sql.length) {
    const end = scan(sql, pos, out);
    visit(out.kind, pos, end);
    pos = end;
  }
}

interface Scanned {
  kind: TokenKind;
}

/** End offset (exclusive) of the token starting at `start`; its kind goes into `out`. */
function scan(sql: string, start: number, out: Scanned): number {
  const ch = sql.charAt(start);
  const next = sql.charAt(start + 1);
  if (isSpace(ch)) {
    let end = start + 1;
    while (end < sql.length && isSpace(sql.charAt(end))) end++;
    out.kind = 'whitespace';
    return end;
  }
  if (ch === '-' && next === '-') {
    let end = start + 2;
    while (end < sql.length && sql.charAt(end) !== '\n' && sql.charAt(end) !== '\r') end++;
    out.kind = 'line-comment';
    return end;
  }
  if (ch === '/' && next === '*') return found(out, 'block-comment', scanBlockComment(sql, start));
  if (ch === "'") return found(out, 'string', scanQuoted(sql, start, "'", 'string'));
  if ((ch === 'E' || ch === 'e') && next === "'") return found(out, 'escape-string', scanEscapeString(sql, start));
  if (ch === '"') return found(out, 'quoted-identifier', scanQuoted(sql, start, '"', 'quoted identifier'));
  if (ch === '`') return found(out, 'backtick-identifier', scanQuoted(sql, start, '`', 'backtick identifier'));
  if (ch === '$') {
    const [kind, end] = scanDollar(sql, start);
    return found(out, kind, end);
  }
  if (isIdentStart(ch)) {
    let end = start + 1;
    while (end < sql.length && isIdentPart(sql.charAt(end))) end++;
    out.kind = 'word';
    return end;
  }
  if (isDigit(ch) || (ch === '.' && isDigit(next))) return found(out, 'number', scanNumber(sql, start));
  // Any other code unit is one punctuation token (`::` is one), so the lexer never fails on unknown operators.
  return found(out, 'punctuation', ch === ':' && next === ':' ? start + 2 : start + 1);
}

function found(out: Scanned, kind: TokenKind, end: number): number {
  out.kind = kind;
  return end;
}

/** `/* ... *\/` with nesting: PostgreSQL nests block comments, and refusing to guess is safer on SQLite too. */
function scanBlockComment(sql: string, start: number): number {
  let depth = 0;
  let pos = start;
  while (pos < sql.length) {
    const pair = sql.slice(pos, pos + 2);
    if (pair === '/*') {
      depth++;
      pos += 2;
    } else if (pair === '*/') {
      depth--;
      pos += 2;
      if (depth === 0) return pos;
    } else {
      pos++;
    }
  }
  throw new SqlTokenizeError('block comment', sql, start);
}

/** A quote-delimited token in which a doubled quote character stands for itself. */
function scanQuoted(sql: string, start: number, quote: string, what: string): number {
  let pos = start + 1;
  for (;;) {
    const close = sql.indexOf(quote, pos);
    if (close === -1) throw new SqlTokenizeError(what, sql, start);
    if (sql.charAt(close + 1) !== quote) return close + 1;
    pos = close + 2;
  }
}

function scanEscapeString(sql: string, start: number): number {
  let pos = start + 2;
  while (pos < sql.length) {
    const ch = sql.charAt(pos);
    if (ch === '\\') pos += 2;
    else if (ch === "'" && sql.charAt(pos + 1) === "'") pos += 2;
    else if (ch === "'") return pos + 1;
    else pos++;
  }
  throw new SqlTokenizeError('escape string', sql, start);
}

/** `$1` parameter, `$$`/`$tag$` dollar-quoted string, SQLite `$name` parameter, or a lone `$`. */
function scanDollar(sql: string, start: number): [TokenKind, number] {
  let end = start + 1;
  if (isDigit(sql.charAt(end))) {
    while (isDigit(sql.charAt(end))) end++;
    return ['parameter', end];
  }
  if (sql.charAt(end) !== '$' && !isIdentStart(sql.charAt(end))) return ['punctuation', end];
  while (end < sql.length && isTagPart(sql.charAt(end))) end++;
  if (sql.charAt(end) !== '$') return ['parameter', end];
  const delimiter = sql.slice(start, end + 1);
  const close = sql.indexOf(delimiter, end + 1);
  if (close === -1) throw new SqlTokenizeError(`dollar-quoted string ${delimiter}`, sql, start);
  return ['dollar-string', close + delimiter.length];
}

/**
 * Digits with optional fraction and exponent. Letters glued to the digits (`0x1F`, `1_000`, or junk such as
 * `1users`) stay in the number token, so a rewriter never mistakes them for an identifier.
 */
function scanNumber(sql: string, start: number): number {
  let end = start;
  const run = (): void => {
    while (end < sql.length && isAlnum(sql.charAt(end))) end++;
  };
  run();
  if (sql.charAt(end) === '.' && sql.charAt(end + 1) !== '.') {
    end++;
    run();
  }
  const sign = sql.charAt(end);
  // The cheap tests first: a signed exponent is rare, and this runs for every number of a migration.
  if ((sign === '+' || sign === '-') && isDigit(sql.charAt(end + 1)) && /^[0-9.]+[eE]$/.test(sql.slice(start, end).replaceAll('_', ''))) {
    end++;
    run();
  }
  return end;
}

/**
 * The name an identifier token denotes, without quotes (doubled quotes undone), or `undefined` for tokens
 * that are not identifiers. Bare words are returned as written: case folding is the caller's decision.
 */
export function identifierValue(token: Token): string | undefined {
  switch (token.kind) {
    case 'word':
      return token.text;
    case 'quoted-identifier':
      return token.text.slice(1, -1).replaceAll('""', '"');
    case 'backtick-identifier':
      return token.text.slice(1, -1).replaceAll('``', '`');
    default:
      return undefined;
  }
}
