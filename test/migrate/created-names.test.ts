import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createdObjectNames } from '../../src/migrate/created-names.js';
import { SqlTokenizeError, identifierValue, tokenize, type Token } from '../../src/migrate/sql-tokenizer.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The straightforward version over token objects that the scanning one replaced; it defines the result. */
function reference(sql: string): Set<string> {
  const OBJECT_KINDS = new Set(['table', 'index', 'sequence', 'type', 'view']);
  const CREATE_MODIFIERS = new Set(['or', 'replace', 'unique', 'temp', 'temporary', 'materialized']);
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
    while (tokens[at + 1]?.text === '.' && tokens[at + 2] !== undefined) at += 2;
    const value = tokens[at] === undefined ? undefined : identifierValue(tokens[at] as Token);
    if (value !== undefined) names.add(tokens[at]?.kind === 'word' ? value.toLowerCase() : value);
  }
  return names;
}

describe('createdObjectNames', () => {
  it('finds what hand-written and generated migrations create, in strings and comments never', () => {
    const sql = `CREATE UNIQUE INDEX IF NOT EXISTS Idx_A ON users (a); -- CREATE TABLE not_me
      CREATE TABLE "Mixed" (id int, CONSTRAINT pk_m PRIMARY KEY (id)); ALTER TABLE x RENAME TO y;
      CREATE INDEX CONCURRENTLY public.idx_b ON t (b); SELECT 'CREATE TABLE nope'; CREATE FUNCTION f() RETURNS int AS $$ select 1 $$;`;
    expect([...createdObjectNames(sql)].sort()).toEqual(['Mixed', 'idx_a', 'idx_b', 'pk_m', 'y']);
  });

  it.each(['pg', 'sqlite'])('agrees with the token-object version on the real %s migration', (folder) => {
    const sql = readFileSync(join(REPO_ROOT, 'drizzle', folder, '0000_init.sql'), 'utf8');
    const names = createdObjectNames(sql);
    expect(names.size).toBeGreaterThan(100);
    expect(names).toEqual(reference(sql));
  });

  it('agrees with the token-object version on SQL-like text', () => {
    const pieces = fc.constantFrom(
      'CREATE', 'create', 'unique', 'OR', 'replace', 'TABLE', 'index', 'IF', 'NOT', 'EXISTS', 'concurrently', 'CONSTRAINT', 'RENAME', 'TO',
      'users', '"Users"', '`b`', '.', ' ', '\n', ';', '--', "'", 'Crate', 'réname', 'c', 'r',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, pieces, fc.string({ maxLength: 3 })), { maxLength: 24 }), (parts) => {
        const sql = parts.join(' ');
        let expected: Set<string>;
        try {
          expected = reference(sql);
        } catch (error) {
          if (!(error instanceof SqlTokenizeError)) throw error;
          expect(() => createdObjectNames(sql)).toThrow(SqlTokenizeError);
          return;
        }
        expect(createdObjectNames(sql)).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
  });
});
