import { identifierValue, tokenize, type Token } from './sql-tokenizer.js';

/**
 * A statement's significant tokens (no whitespace or comments) with the source, so that a part of it (a CHECK
 * expression, a select list, a type) can be taken as written: the checks run that text as SQL, they never
 * rewrite it.
 */
export interface StatementParts {
  readonly sql: string;
  readonly tokens: readonly Token[];
}

export function statementParts(sql: string): StatementParts {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  // The terminating semicolon is not part of any clause.
  while (tokens.at(-1)?.text === ';') tokens.pop();
  return { sql, tokens };
}

/** The lower-cased word at `i`, or undefined for anything but a bare word. */
export function wordAt(parts: StatementParts, i: number): string | undefined {
  const t = parts.tokens[i];
  return t?.kind === 'word' ? t.text.toLowerCase() : undefined;
}

/** True when the words from `i` on are `expected`, in order. */
export function wordsAt(parts: StatementParts, i: number, ...expected: string[]): boolean {
  return expected.every((w, k) => wordAt(parts, i + k) === w);
}

/** A possibly qualified name at `i` (`"public"."t"` -> t): its last part and the index after it. */
export function nameAt(parts: StatementParts, i: number): { readonly name: string; readonly end: number } | undefined {
  let at = i;
  while (parts.tokens[at + 1]?.text === '.' && parts.tokens[at + 2] !== undefined) at += 2;
  const t = parts.tokens[at];
  const name = t === undefined ? undefined : identifierValue(t);
  return name === undefined ? undefined : { name, end: at + 1 };
}

/** The index of the `)` that closes the `(` at `open`, or undefined when it is not closed. */
export function closingParen(parts: StatementParts, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < parts.tokens.length; i++) {
    const text = parts.tokens[i]?.text;
    if (text === '(') depth++;
    else if (text === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}

/** The source text of tokens `from` to `to` inclusive, as written. */
export function sourceOf(parts: StatementParts, from: number, to: number): string {
  const first = parts.tokens[from];
  const last = parts.tokens[to];
  if (first === undefined || last === undefined || to < from) return '';
  return parts.sql.slice(first.offset, last.offset + last.text.length);
}

/** Token ranges [from, to] of the elements of `from..to` split at top-level commas. */
export function splitTopLevel(parts: StatementParts, from: number, to: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const text = parts.tokens[i]?.text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (text === ',' && depth === 0) {
      out.push([start, i - 1]);
      start = i + 1;
    }
  }
  if (start <= to) out.push([start, to]);
  return out;
}

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
