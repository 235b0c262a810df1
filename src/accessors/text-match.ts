import { sql, type Column, type SQL } from 'drizzle-orm';

export const TEXT_OPERATORS = ['startsWith', 'endsWith', 'contains'] as const;
export type TextOperator = (typeof TEXT_OPERATORS)[number];

export const isTextOperator = (op: string): op is TextOperator => (TEXT_OPERATORS as readonly string[]).includes(op);

/**
 * How a dialect tests a text column against startsWith / endsWith / contains, with the same answers on both:
 * every character of the text matches only itself, and `insensitive` folds A-Z to a-z and nothing else.
 *
 * Why ASCII only: PostgreSQL's ILIKE and lower() fold by the server's locale (a C-locale database folds ASCII
 * only, an en_US one also folds É and Σ), and SQLite's LIKE folds ASCII only. Folding A-Z on both engines gives
 * one answer whatever the server.
 */
export interface TextMatch {
  /** The value to bind for `text`: a LIKE or GLOB pattern in which `text` matches only itself. */
  pattern(op: TextOperator, text: string, insensitive: boolean): string;
  /** The condition "column matches the bound pattern". */
  condition(column: Column, pattern: unknown, insensitive: boolean): SQL;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** A-Z to a-z, every other character as it is (String.prototype.toLowerCase would fold É and Σ too). */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

const wrap = (op: TextOperator, body: string, any: string) => (op === 'startsWith' ? `${body}${any}` : op === 'endsWith' ? `${any}${body}` : `${any}${body}${any}`);

/** A LIKE pattern with ESCAPE '\': the escape character itself, `%` and `_` escaped. */
export function likePattern(op: TextOperator, text: string): string {
  return wrap(op, text.replace(/[\\%_]/g, (c) => `\\${c}`), '%');
}

/** A GLOB pattern (SQLite): `*`, `?` and `[` each written as a one-character set, which GLOB has no escape for. */
export function globPattern(op: TextOperator, text: string): string {
  return wrap(op, text.replace(/[*?[]/g, (c) => `[${c}]`), '*');
}

/** PostgreSQL: LIKE (case-sensitive), and for `insensitive` LIKE on the column with A-Z translated. */
export const pgTextMatch: TextMatch = {
  pattern: (op, text, insensitive) => likePattern(op, insensitive ? foldAscii(text) : text),
  condition: (column, pattern, insensitive) =>
    insensitive ? sql`translate(${column}, ${sql.raw(`'${UPPER}'`)}, ${sql.raw(`'${LOWER}'`)}) like ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`,
};

/**
 * SQLite: GLOB, which is case-sensitive (LIKE is not), and for `insensitive` LIKE, which folds ASCII letters and
 * nothing else (libSQL is built without ICU; a test pins that É and é stay different).
 */
export const sqliteTextMatch: TextMatch = {
  pattern: (op, text, insensitive) => (insensitive ? likePattern(op, foldAscii(text)) : globPattern(op, text)),
  condition: (column, pattern, insensitive) => (insensitive ? sql`${column} like ${pattern} escape '\\'` : sql`${column} glob ${pattern}`),
};
