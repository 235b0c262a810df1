import { identifierValue, scanTokens, type TokenKind } from './sql-tokenizer.js';

const OBJECT_KINDS = new Set(['table', 'index', 'sequence', 'type', 'view']);
const CREATE_MODIFIERS = new Set(['or', 'replace', 'unique', 'temp', 'temporary', 'materialized']);

/**
 * Base names of the objects a migration creates or renames to: `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name`,
 * `CREATE TABLE name`, `CONSTRAINT name`, `RENAME TO name`. Hand-written migrations (the seed's
 * `CREATE INDEX idx_users_username ON users(username)`) name objects that are in no drizzle-kit snapshot;
 * adding these names to the closed set lets the runner prefix them too. Read from tokens, never from text.
 */
export function createdObjectNames(sql: string): Set<string> {
  // The significant tokens as (kind, start, end), without token objects: this runs over whole files.
  const kinds: TokenKind[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  scanTokens(sql, (kind, start, end) => {
    if (kind === 'whitespace' || kind === 'line-comment' || kind === 'block-comment') return;
    kinds.push(kind);
    starts.push(start);
    ends.push(end);
  });
  const names = new Set<string>();
  const word = (i: number) => (kinds[i] === 'word' ? sql.slice(starts[i], ends[i]).toLowerCase() : undefined);
  const text = (i: number) => (i < kinds.length ? sql.slice(starts[i], ends[i]) : undefined);
  for (let i = 0; i < kinds.length; i++) {
    // Only CREATE, CONSTRAINT and RENAME start a name: skip every other token by its first letter.
    const first = kinds[i] === 'word' ? sql.charCodeAt(starts[i] ?? 0) | 0x20 : 0;
    if (first !== 0x63 && first !== 0x72) continue;
    const w = word(i);
    let at: number | undefined;
    if (w === 'create') {
      let j = i + 1;
      while (CREATE_MODIFIERS.has(word(j) ?? '')) j++;
      if (!OBJECT_KINDS.has(word(j) ?? '')) continue;
      j++;
      if (word(j) === 'concurrently') j++;
      if (word(j) === 'if' && word(j + 1) === 'not' && word(j + 2) === 'exists') j += 3;
      at = j;
    } else if (w === 'constraint') {
      at = i + 1;
    } else if (w === 'rename' && word(i + 1) === 'to') {
      at = i + 2;
    }
    if (at === undefined) continue;
    // schema.name: the object is the last part.
    while (text(at + 1) === '.' && at + 2 < kinds.length) at += 2;
    const kind = kinds[at];
    const token = at < kinds.length && kind !== undefined ? { kind, text: text(at) ?? '', offset: starts[at] ?? 0 } : undefined;
    const value = token === undefined ? undefined : identifierValue(token);
    if (value !== undefined) names.add(kind === 'word' ? value.toLowerCase() : value);
  }
  return names;
}
