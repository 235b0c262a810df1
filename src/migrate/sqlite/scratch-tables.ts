import { identifierValue, tokenize, type Token } from '../sql-tokenizer.js';

export interface ScratchTable {
  /** The statement as a libSQL server takes it: `CREATE TABLE`, without TEMP and without a `temp.` qualifier. */
  readonly sql: string;
  /** The table it creates, to drop before the transaction commits. */
  readonly table: string;
}

const isTrivia = (token: Token) => token.kind === 'whitespace' || token.kind === 'line-comment' || token.kind === 'block-comment';
const wordIs = (token: Token | undefined, ...words: string[]) => token?.kind === 'word' && words.includes(token.text.toLowerCase());

/**
 * sqld (and so Turso) refuses `CREATE TEMP TABLE`: a temporary table belongs to one connection, which a
 * server with replicas does not promise. A migration's transaction holds the write lock from BEGIN IMMEDIATE to
 * COMMIT and nobody else sees its uncommitted tables, so an ordinary table created inside it and dropped before
 * COMMIT is as private as a temporary one. The runner has already prefixed the name (created-names.ts), so it
 * cannot meet another instance's. Works on tokens: TEMP (or TEMPORARY) and a `temp.` qualifier are left out,
 * nothing else changes.
 *
 * @returns undefined when the statement is not `CREATE TEMP[ORARY] TABLE`.
 */
export function scratchTable(statement: string): ScratchTable | undefined {
  const tokens = tokenize(statement);
  const significant = tokens.map((token, index) => ({ token, index })).filter(({ token }) => !isTrivia(token));
  const at = (i: number) => significant[i]?.token;
  if (!wordIs(at(0), 'create') || !wordIs(at(1), 'temp', 'temporary') || !wordIs(at(2), 'table')) return undefined;
  let name = 3;
  if (wordIs(at(3), 'if') && wordIs(at(4), 'not') && wordIs(at(5), 'exists')) name = 6;
  const drop = new Set<number>();
  // TEMP and the whitespace after it.
  const temp = significant[1]!.index;
  drop.add(temp);
  if (tokens[temp + 1]?.kind === 'whitespace') drop.add(temp + 1);
  const qualifier = at(name);
  if (qualifier !== undefined && identifierValue(qualifier)?.toLowerCase() === 'temp' && at(name + 1)?.text === '.') {
    drop.add(significant[name]!.index);
    drop.add(significant[name + 1]!.index);
    name += 2;
  }
  const table = at(name) === undefined ? undefined : identifierValue(at(name)!);
  if (table === undefined) return undefined;
  return { sql: tokens.filter((_, index) => !drop.has(index)).map((token) => token.text).join(''), table };
}
