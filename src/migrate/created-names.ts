import { identifierValue, tokenize, type Token } from './sql-tokenizer.js';

const OBJECT_KINDS = new Set(['table', 'index', 'sequence', 'type', 'view']);
const CREATE_MODIFIERS = new Set(['or', 'replace', 'unique', 'temp', 'temporary', 'materialized']);

/**
 * Base names of the objects a migration creates or renames to: `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name`,
 * `CREATE TABLE name`, `CONSTRAINT name`, `RENAME TO name`. Hand-written migrations (the seed's
 * `CREATE INDEX idx_users_username ON users(username)`) name objects that are in no drizzle-kit snapshot;
 * adding these names to the closed set lets the runner prefix them too. Read from tokens, never from text.
 */
export function createdObjectNames(sql: string): Set<string> {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'line-comment' && t.kind !== 'block-comment');
  const names = new Set<string>();
  const word = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toLowerCase() : undefined);
  for (let i = 0; i < tokens.length; i++) {
    const w = word(tokens[i]);
    let at: number | undefined;
    if (w === 'create') {
      let j = i + 1;
      while (CREATE_MODIFIERS.has(word(tokens[j]) ?? '')) j++;
      if (!OBJECT_KINDS.has(word(tokens[j]) ?? '')) continue;
      j++;
      if (word(tokens[j]) === 'concurrently') j++;
      if (word(tokens[j]) === 'if' && word(tokens[j + 1]) === 'not' && word(tokens[j + 2]) === 'exists') j += 3;
      at = j;
    } else if (w === 'constraint') {
      at = i + 1;
    } else if (w === 'rename' && word(tokens[i + 1]) === 'to') {
      at = i + 2;
    }
    if (at === undefined) continue;
    // schema.name: the object is the last part.
    while (tokens[at + 1]?.text === '.' && tokens[at + 2] !== undefined) at += 2;
    const value = tokens[at] === undefined ? undefined : identifierValue(tokens[at] as Token);
    if (value !== undefined) names.add(tokens[at]?.kind === 'word' ? value.toLowerCase() : value);
  }
  return names;
}
