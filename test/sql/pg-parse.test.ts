import { describe, expect, it } from 'vitest';
import { parsePgScript, PgSyntaxError } from '../../src/sql/pg-parse.js';

describe('parsePgScript (PostgreSQL 18 grammar through libpg-query)', () => {
  it('splits a script into statements with their text and character offsets, across non-ASCII text', async () => {
    const script = "-- prix en €\nCREATE INDEX \"a_x\" ON \"a_t\" (\"c\");\nINSERT INTO a_t (c) VALUES ('€€');\n--> statement-breakpoint\nALTER TABLE a_t DROP c";
    const statements = await parsePgScript(script);
    expect(statements.map((s) => Object.keys(s.node)[0])).toEqual(['IndexStmt', 'InsertStmt', 'AlterTableStmt']);
    expect(statements.map((s) => s.text)).toEqual([
      'CREATE INDEX "a_x" ON "a_t" ("c")',
      "INSERT INTO a_t (c) VALUES ('€€')",
      'ALTER TABLE a_t DROP c',
    ]);
    for (const s of statements) expect(script.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
  });

  it('rejects what PostgreSQL rejects, with the position in characters', async () => {
    const script = "SELECT '€'; CREATE INDEXX a ON b (c)";
    const error = await parsePgScript(script).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PgSyntaxError);
    expect((error as PgSyntaxError).message).toBe('syntax error at or near "INDEXX"');
    expect(script.slice((error as PgSyntaxError).position)).toBe('INDEXX a ON b (c)');
  });
});
