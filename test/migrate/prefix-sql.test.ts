import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { prefixSql, prefixStatements, splitStatements, swapPrefixSql } from '../../src/migrate/prefix-sql.js';
import { checksumSql } from '../../src/migrate/sql-checksum.js';
import { SqlTokenizeError, identifierValue, tokenize, type Token } from '../../src/migrate/sql-tokenizer.js';
import { LEDGER_BASE_NAME, NamingError } from '../../src/naming/index.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const MIGRATIONS = {
  pg: readFileSync(join(REPO_ROOT, 'drizzle', 'pg', '0000_init.sql'), 'utf8'),
  sqlite: readFileSync(join(REPO_ROOT, 'drizzle', 'sqlite', '0000_init.sql'), 'utf8'),
};
const MANIFEST_NAMES: ReadonlySet<string> = new Set([...manifest.objectNames, LEDGER_BASE_NAME]);

const concat = (tokens: readonly Token[]): string => tokens.map((token) => token.text).join('');
/** `[kind, text]` of every token that is not whitespace, for compact expectations. */
const shape = (sql: string): [string, string][] =>
  tokenize(sql)
    .filter((token) => token.kind !== 'whitespace')
    .map((token) => [token.kind, token.text]);

function tokenizeError(sql: string): SqlTokenizeError {
  try {
    tokenize(sql);
  } catch (error) {
    if (error instanceof SqlTokenizeError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(sql)} to fail to tokenize`);
}

describe('tokenize', () => {
  it.each(Object.entries(MIGRATIONS))('is lossless on the real %s migration, with consistent offsets', (_, sql) => {
    const tokens = tokenize(sql);
    expect(concat(tokens)).toBe(sql);
    for (const token of tokens) expect(sql.slice(token.offset, token.offset + token.text.length)).toBe(token.text);
    // No quote character may be left over as punctuation: every string and identifier was recognised whole.
    expect(tokens.filter((token) => token.kind === 'punctuation' && /["'`]/.test(token.text))).toEqual([]);
  });

  it('recognises every token kind', () => {
    const sql =
      "SELECT 'it''s', E'a\\'b', e'\\\\', $$ x $$, $fn$ $$ y $fn$, \"a\"\"b\", `c``d`, 42, 1.5e-3, .5, $1, x::int, a$b -- note\n" +
      '/* outer /* inner */ still */;';
    expect(shape(sql)).toEqual([
      ['word', 'SELECT'],
      ['string', "'it''s'"],
      ['punctuation', ','],
      ['escape-string', "E'a\\'b'"],
      ['punctuation', ','],
      ['escape-string', "e'\\\\'"],
      ['punctuation', ','],
      ['dollar-string', '$$ x $$'],
      ['punctuation', ','],
      ['dollar-string', '$fn$ $$ y $fn$'],
      ['punctuation', ','],
      ['quoted-identifier', '"a""b"'],
      ['punctuation', ','],
      ['backtick-identifier', '`c``d`'],
      ['punctuation', ','],
      ['number', '42'],
      ['punctuation', ','],
      ['number', '1.5e-3'],
      ['punctuation', ','],
      ['number', '.5'],
      ['punctuation', ','],
      ['parameter', '$1'],
      ['punctuation', ','],
      ['word', 'x'],
      ['punctuation', '::'],
      ['word', 'int'],
      ['punctuation', ','],
      ['word', 'a$b'],
      ['line-comment', '-- note'],
      ['block-comment', '/* outer /* inner */ still */'],
      ['punctuation', ';'],
    ]);
    expect(concat(tokenize(sql))).toBe(sql);
  });

  it('keeps the line break out of a line comment, and accepts a comment at the end of input', () => {
    expect(tokenize('a -- x\r\nb').map((token) => token.kind)).toEqual(['word', 'whitespace', 'line-comment', 'whitespace', 'word']);
    expect(shape('a -- end')).toEqual([
      ['word', 'a'],
      ['line-comment', '-- end'],
    ]);
  });

  it('unquotes identifier values and ignores non-identifiers', () => {
    const [word, quoted, backtick, string] = tokenize('Users "a""b" `c``d` \'e\'').filter((t) => t.kind !== 'whitespace');
    expect([word, quoted, backtick, string].map((token) => (token === undefined ? 'missing' : identifierValue(token)))).toEqual([
      'Users',
      'a"b',
      'c`d',
      undefined,
    ]);
  });

  it('is lossless on generated SQL-like text, or names a valid offset when it refuses', () => {
    const pieces = fc.constantFrom(
      "'", '"', '`', ';', '--', '/*', '*/', '$$', '$a$', '$1', "E'", '\\', '\n', ' ', '::', '.5', '1e-3', 'users', '"users"', 'é',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 20 }), (parts) => {
        const sql = parts.join('');
        try {
          expect(concat(tokenize(sql))).toBe(sql);
        } catch (error) {
          if (!(error instanceof SqlTokenizeError)) throw error;
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThan(sql.length);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ["SELECT 'abc", 7, 'string'],
    ['SELECT "abc', 7, 'quoted identifier'],
    ['SELECT `abc', 7, 'backtick identifier'],
    ["SELECT E'abc\\'", 7, 'escape string'],
    ['SELECT /* a /* b */', 7, 'block comment'],
    ['SELECT $$ body', 7, 'dollar-quoted string $$'],
    ['SELECT $fn$ body $fn', 7, 'dollar-quoted string $fn$'],
    ["SELECT 'ok', 'it''s", 13, 'string'],
  ])('rejects %j as unterminated at offset %i', (sql, offset, what) => {
    const error = tokenizeError(sql);
    expect(error.offset).toBe(offset);
    expect(error.code).toBe('SQL_UNTERMINATED');
    expect(error.message).toContain(`unterminated ${what} starting at offset ${offset}`);
  });
});

describe('prefixSql', () => {
  const rewrite = (sql: string, names: readonly string[], prefix = 'p'): string => prefixSql(sql, { prefix, names: new Set(names) });

  it('rewrites the seed example', () => {
    const sql =
      'CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE); CREATE INDEX idx_users_username ON users(username);';
    expect(rewrite(sql, ['users', 'idx_users_username'], 'cts_v3_1')).toBe(
      'CREATE TABLE IF NOT EXISTS cts_v3_1_users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE); CREATE INDEX cts_v3_1_idx_users_username ON cts_v3_1_users(username);',
    );
  });

  it('rewrites the PostgreSQL shapes, leaving the schema and columns alone', () => {
    const names = ['exchange_positions', 'exchange_connections', 'fk_xp_connection', 'ck_xp_side'];
    expect(
      rewrite(
        'ALTER TABLE "exchange_positions" ADD CONSTRAINT "fk_xp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE cascade;',
        names,
        'cts',
      ),
    ).toBe(
      'ALTER TABLE "cts_exchange_positions" ADD CONSTRAINT "cts_fk_xp_connection" FOREIGN KEY ("connection_id") REFERENCES "public"."cts_exchange_connections"("id") ON DELETE cascade;',
    );
    expect(rewrite('\tCONSTRAINT "ck_xp_side" CHECK ("side" IN (\'long\', \'short\'))', names, 'cts')).toBe(
      '\tCONSTRAINT "cts_ck_xp_side" CHECK ("side" IN (\'long\', \'short\'))',
    );
  });

  it('rewrites the SQLite shapes: backticks, and double quotes inside CHECK and index WHERE', () => {
    const names = ['strategies_base', 'exchange_connections', 'idx_str_base_active', 'ck_str_base_side'];
    expect(
      rewrite(
        "CREATE INDEX `idx_str_base_active` ON `strategies_base` (`connection_id`,`side`) WHERE \"status\" = 'active';",
        names,
      ),
    ).toBe("CREATE INDEX `p_idx_str_base_active` ON `p_strategies_base` (`connection_id`,`side`) WHERE \"status\" = 'active';");
    expect(
      rewrite(
        "\tFOREIGN KEY (`connection_id`) REFERENCES `exchange_connections`(`id`) ON DELETE cascade,\n\tCONSTRAINT \"ck_str_base_side\" CHECK(\"side\" IN ('long', 'short'))",
        names,
      ),
    ).toBe(
      "\tFOREIGN KEY (`connection_id`) REFERENCES `p_exchange_connections`(`id`) ON DELETE cascade,\n\tCONSTRAINT \"p_ck_str_base_side\" CHECK(\"side\" IN ('long', 'short'))",
    );
  });

  it("rewrites drizzle-kit's SQLite table rebuild (__new_<table>)", () => {
    const sql =
      'CREATE TABLE `__new_users` (`id` text PRIMARY KEY NOT NULL);--> statement-breakpoint\n' +
      'INSERT INTO `__new_users`("id") SELECT "id" FROM `users`;--> statement-breakpoint\n' +
      'DROP TABLE `users`;--> statement-breakpoint\n' +
      'ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint\n' +
      'CREATE TABLE "__new_other" (x); CREATE TABLE __new_users (x);';
    expect(rewrite(sql, ['users'], 'cts_v3_1')).toBe(
      'CREATE TABLE `__new_cts_v3_1_users` (`id` text PRIMARY KEY NOT NULL);--> statement-breakpoint\n' +
        'INSERT INTO `__new_cts_v3_1_users`("id") SELECT "id" FROM `cts_v3_1_users`;--> statement-breakpoint\n' +
        'DROP TABLE `cts_v3_1_users`;--> statement-breakpoint\n' +
        'ALTER TABLE `__new_cts_v3_1_users` RENAME TO `cts_v3_1_users`;--> statement-breakpoint\n' +
        'CREATE TABLE "__new_other" (x); CREATE TABLE __new_cts_v3_1_users (x);',
    );
  });

  it('rewrites only the table part of a qualified column, in every quoting style', () => {
    expect(rewrite('SELECT "users"."id", `users`.`id`, users.id, "public"."t"."id" FROM "public"."t"', ['users', 't'])).toBe(
      'SELECT "p_users"."id", `p_users`.`id`, p_users.id, "public"."p_t"."id" FROM "public"."p_t"',
    );
  });

  it('never touches strings, comments, dollar-quoted bodies, numbers or longer words', () => {
    const sql =
      "SELECT 'users', E'users\\'', $$ users $$, $fn$ users $fn$, users_count, idx_users_username2, xusers, 1users, $users -- users\n/* users */";
    expect(rewrite(sql, ['users', 'idx_users_username'])).toBe(sql);
  });

  it('folds bare words to lower case but matches quoted identifiers exactly', () => {
    expect(rewrite('DROP TABLE USERS, Users, "USERS", "Users", `Users`, "users"', ['users'])).toBe(
      'DROP TABLE p_users, p_users, "USERS", "Users", `Users`, "p_users"',
    );
  });

  it('double-quotes a bare name when the prefix starts with a digit', () => {
    expect(rewrite('CREATE INDEX idx_u ON users (id); SELECT * FROM "users", `users`, __new_users', ['users', 'idx_u'], '3cx')).toBe(
      'CREATE INDEX "3cx_idx_u" ON "3cx_users" (id); SELECT * FROM "3cx_users", `3cx_users`, __new_3cx_users',
    );
  });

  it('rejects an invalid prefix instead of emitting a broken identifier', () => {
    expect(() => rewrite('SELECT 1', ['users'], 'Bad Prefix')).toThrow(NamingError);
    expect(() => rewrite('SELECT 1', ['users'], '')).toThrow(NamingError);
  });

  it('propagates SqlTokenizeError for unterminated input', () => {
    expect(() => rewrite("SELECT * FROM users WHERE name = 'x", ['users'])).toThrow(SqlTokenizeError);
  });

  it.each(Object.entries(MIGRATIONS))('prefixes every manifest name in the real %s migration and nothing else', (_, sql) => {
    const output = prefixSql(sql, { prefix: 'p', names: MANIFEST_NAMES });
    const before = tokenize(sql);
    const after = tokenize(output);
    expect(concat(after)).toBe(output);
    expect(after).toHaveLength(before.length);

    let renamed = 0;
    after.forEach((token, index) => {
      const value = identifierValue(token);
      const original = before[index];
      if (original === undefined) throw new Error(`token ${index} is missing from the input`);
      // No identifier may still carry a base name: everything that named one of our objects got prefixed.
      if (value !== undefined) expect(MANIFEST_NAMES.has(token.kind === 'word' ? value.toLowerCase() : value)).toBe(false);
      if (token.text === original.text) return;
      // The only change a token may undergo: an identifier of the set gains the prefix, in the same quoting.
      renamed++;
      expect(token.kind).toBe(original.kind);
      expect(MANIFEST_NAMES.has(identifierValue(original) ?? '')).toBe(true);
      expect(value).toBe(`p_${identifierValue(original) ?? ''}`);
    });
    expect(renamed).toBeGreaterThan(manifest.tableCount);
  });
});

describe('checksumSql', () => {
  it('is the sha256 hex of the exact text, stable and sensitive to any change', () => {
    expect(checksumSql('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(checksumSql(MIGRATIONS.pg)).toBe(checksumSql(MIGRATIONS.pg));
    expect(checksumSql(MIGRATIONS.pg)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumSql('SELECT 1;')).not.toBe(checksumSql('SELECT 1; '));
    expect(checksumSql(MIGRATIONS.pg)).not.toBe(checksumSql(MIGRATIONS.sqlite));
  });
});

describe('splitStatements', () => {
  it.each(Object.entries(MIGRATIONS))('splits the real %s migration exactly as the marker text does', (_, sql) => {
    const byMarker = sql
      .split('--> statement-breakpoint')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    expect(byMarker.length).toBeGreaterThan(1);
    expect(splitStatements(sql)).toEqual(byMarker);
  });

  it('splits a hand-written migration on top-level semicolons only', () => {
    const sql = [
      "INSERT INTO t (a) VALUES ('x; y'); -- trailing; comment",
      'CREATE FUNCTION f() RETURNS text AS $$ SELECT \'a;b\'; $$ LANGUAGE sql;',
      '/* ; */ SELECT E\'\\\';\' ;;',
      'SELECT 1',
      '-- only a comment;',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      "INSERT INTO t (a) VALUES ('x; y');",
      "-- trailing; comment\nCREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b'; $$ LANGUAGE sql;",
      "/* ; */ SELECT E'\\';' ;",
      'SELECT 1\n-- only a comment;',
    ]);
  });

  it('ignores a breakpoint marker inside a string', () => {
    expect(splitStatements("SELECT '--> statement-breakpoint'; SELECT 2;")).toEqual(["SELECT '--> statement-breakpoint';", 'SELECT 2;']);
    expect(splitStatements("SELECT '--> statement-breakpoint;';--> statement-breakpoint\nSELECT 2; SELECT 3;")).toEqual([
      "SELECT '--> statement-breakpoint;';",
      'SELECT 2; SELECT 3;',
    ]);
  });

  it('keeps the body of a trigger or BEGIN ATOMIC routine in one statement', () => {
    const trigger =
      'CREATE TEMP TRIGGER trg AFTER INSERT ON users BEGIN UPDATE users SET n = CASE WHEN 1 THEN 2 END; DELETE FROM x; END;';
    const routine = 'CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;';
    expect(splitStatements(`BEGIN; ${trigger}\n${routine}\nCOMMIT;`)).toEqual(['BEGIN;', trigger, routine, 'COMMIT;']);
  });
});

describe('prefixStatements (one lexing pass for split and prefix)', () => {
  const options = { prefix: 'p', names: new Set(['users', 'orders', 'idx_a']) };
  const reference = (sql: string) => splitStatements(sql).map((s) => prefixSql(s, options));

  it.each(Object.entries(MIGRATIONS))('gives exactly split-then-prefix on the real %s migration', (_, sql) => {
    const names = { prefix: 'cts_v3_1', names: MANIFEST_NAMES };
    expect(prefixStatements(sql, names)).toEqual(splitStatements(sql).map((s) => prefixSql(s, names)));
  });

  it('gives exactly split-then-prefix on SQL-like text, Unicode spaces at the edges included', () => {
    const pieces = fc.constantFrom(
      "'", '"', ';', '--', '/*', '*/', '$$', '\n', ' ', '\u00a0', '\u2028', '\ufeff', 'users', 'USERS', '"users"', 'orders', '__new_orders',
      'idx_a', '--> statement-breakpoint\n', 'BEGIN', 'END', 'CREATE TRIGGER', 'CASE',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 24 }), (parts) => {
        const sql = parts.join('');
        let expected: string[];
        try {
          expected = reference(sql);
        } catch (error) {
          if (!(error instanceof SqlTokenizeError)) throw error;
          expect(() => prefixStatements(sql, options)).toThrow(SqlTokenizeError);
          return;
        }
        expect(prefixStatements(sql, options)).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
  });
});

/**
 * Deterministic cases for what the property test reaches only by chance: where a statement ends in
 * semicolon mode (routine bodies, CASE ... END, words that only look like BEGIN), the breakpoint marker with
 * trailing spaces, the rebuild marker's exact shape, and the subject of a refused prefix. Each case holds for
 * both splitStatements + prefixSql and the one-pass prefixStatements.
 */
describe('statement boundaries and rewriting, case by case', () => {
  const options = { prefix: 'p', names: new Set(['users', 'alpha', 'zeta']) };
  const both = (sql: string) => ({ split: splitStatements(sql).map((s) => prefixSql(s, options)), pass: prefixStatements(sql, options) });

  it.each([
    ['a SQLite trigger body with CASE ... END inside', 'CREATE TRIGGER t AFTER INSERT ON users BEGIN UPDATE users SET n = CASE WHEN 1 THEN 2 END; DELETE FROM users; END; SELECT 1;', ['CREATE TRIGGER t AFTER INSERT ON p_users BEGIN UPDATE p_users SET n = CASE WHEN 1 THEN 2 END; DELETE FROM p_users; END;', 'SELECT 1;']],
    ['CREATE TEMPORARY TRIGGER', 'CREATE TEMPORARY TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END; SELECT 2;', ['CREATE TEMPORARY TRIGGER t AFTER INSERT ON p_users BEGIN SELECT 1; END;', 'SELECT 2;']],
    ['CREATE CONSTRAINT TRIGGER (a BEGIN in its body)', 'CREATE CONSTRAINT TRIGGER t BEGIN SELECT 1; END; SELECT 2;', ['CREATE CONSTRAINT TRIGGER t BEGIN SELECT 1; END;', 'SELECT 2;']],
    ['CREATE OR REPLACE PROCEDURE ... BEGIN ATOMIC', 'CREATE OR REPLACE PROCEDURE pr() LANGUAGE sql BEGIN ATOMIC INSERT INTO users VALUES (1); END; SELECT 2;', ['CREATE OR REPLACE PROCEDURE pr() LANGUAGE sql BEGIN ATOMIC INSERT INTO p_users VALUES (1); END;', 'SELECT 2;']],
    ['CREATE FUNCTION ... BEGIN ATOMIC', 'create function f() returns int language sql begin atomic select 1; end; select 2;', ['create function f() returns int language sql begin atomic select 1; end;', 'select 2;']],
    ['CASE ... END outside a routine does not hold the statement open', 'SELECT CASE WHEN 1 THEN 2 END; SELECT 3;', ['SELECT CASE WHEN 1 THEN 2 END;', 'SELECT 3;']],
    ['an END without an open body is an ordinary word', 'SELECT end; SELECT 3;', ['SELECT end;', 'SELECT 3;']],
    ['a column called begin in CREATE TABLE opens no body', 'CREATE TABLE users (begin text); SELECT 2;', ['CREATE TABLE p_users (begin text);', 'SELECT 2;']],
    ['BEGIN in a statement that does not start with CREATE opens no body', 'SELECT trigger, begin FROM users; SELECT 2;', ['SELECT trigger, begin FROM p_users;', 'SELECT 2;']],
    ['a transaction BEGIN is its own statement', 'BEGIN; SELECT 1; COMMIT;', ['BEGIN;', 'SELECT 1;', 'COMMIT;']],
    ['CREATE alone then a body word', 'CREATE; BEGIN; SELECT 1;', ['CREATE;', 'BEGIN;', 'SELECT 1;']],
    ['a trigger after another statement (the body is recognised in every statement, not only the first)', 'SELECT 1; CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 2; END; SELECT 3;', ['SELECT 1;', 'CREATE TRIGGER t AFTER INSERT ON p_users BEGIN SELECT 2; END;', 'SELECT 3;']],
    ['a trigger after a routine (each statement starts afresh)', 'CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END; CREATE TABLE users (begin text); SELECT 2;', ['CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END;', 'CREATE TABLE p_users (begin text);', 'SELECT 2;']],
    ['a part that is only a block comment is dropped', 'SELECT 1; /* only a comment */', ['SELECT 1;']],
    ['a block comment before CREATE TRIGGER does not hide it', 'SELECT 1; /* c */ CREATE TRIGGER t BEGIN SELECT 2; END; SELECT 3;', ['SELECT 1;', '/* c */ CREATE TRIGGER t BEGIN SELECT 2; END;', 'SELECT 3;']],
    ['whitespace-only and semicolon-only parts are dropped', 'SELECT 1;\n  \n;;\n', ['SELECT 1;']],
    ['the breakpoint marker with trailing spaces still splits (semicolons inside a part stay)', 'SELECT 1; SELECT 2;--> statement-breakpoint   \nSELECT 3;', ['SELECT 1; SELECT 2;', 'SELECT 3;']],
    ['a statement after the last semicolon is kept', 'SELECT 1; SELECT 2', ['SELECT 1;', 'SELECT 2']],
    ['a comment between statements belongs to the next one', 'SELECT 1; /* c */ SELECT 2;', ['SELECT 1;', '/* c */ SELECT 2;']],
  ])('%s', (_, sql, expected) => {
    const { split, pass } = both(sql);
    expect(split).toEqual(expected);
    expect(pass).toEqual(expected);
  });

  it('folds a bare word whose only capital is A or Z (the ends of the range), and leaves @ and [ alone', () => {
    expect(prefixSql('SELECT * FROM Alpha, Zeta, zetA', options)).toBe('SELECT * FROM p_alpha, p_zeta, p_zeta');
    expect(prefixStatements('SELECT * FROM Alpha JOIN Zeta;', options)).toEqual(['SELECT * FROM p_alpha JOIN p_zeta;']);
    expect(prefixSql('SELECT alph@, [zeta]', options)).toBe('SELECT alph@, [p_zeta]');
  });

  it('folds ASCII only: the Kelvin sign (which toLowerCase maps to k) keeps a word from matching, as on PostgreSQL', () => {
    const kelvin = { prefix: 'p', names: new Set(['userk']) };
    expect(prefixSql('SELECT * FROM USER\u212A, USERK', kelvin)).toBe('SELECT * FROM USER\u212A, p_userk');
    expect(prefixStatements('SELECT * FROM USER\u212A, USERK;', kelvin)).toEqual(['SELECT * FROM USER\u212A, p_userk;']);
  });

  it('only the exact __new_ marker is a rebuild: six other characters before a name are a different word', () => {
    expect(prefixSql('ALTER TABLE __new_users RENAME TO users; SELECT abcdefusers, _new_users', options)).toBe('ALTER TABLE __new_p_users RENAME TO p_users; SELECT abcdefusers, _new_users');
    expect(prefixSql('SELECT __new_orders', options)).toBe('SELECT __new_orders');
  });

  it('a refused prefix is reported as the option that carried it', () => {
    for (const call of [() => prefixSql('SELECT 1', { prefix: 'Bad', names: options.names }), () => prefixStatements('SELECT 1', { prefix: 'Bad', names: options.names })]) {
      expect(call).toThrowError(NamingError);
      try {
        call();
      } catch (error) {
        expect((error as NamingError).subject).toBe('prefix');
      }
    }
  });
});

describe('swapPrefixSql (db:rename-prefix)', () => {
  const names = new Set(['users', 'idx_a']);

  it('moves bare, double-quoted and backticked identifiers of the closed set from one prefix to the other (strings and other names untouched)', () => {
    expect(swapPrefixSql('CREATE INDEX old_idx_a ON "old_users" (`old_users`.id); SELECT OLD_USERS, old_orders, "OLD_USERS", \'old_users\'', { from: 'old', to: 'new', names })).toBe(
      'CREATE INDEX new_idx_a ON "new_users" (`new_users`.id); SELECT new_users, old_orders, "OLD_USERS", \'old_users\'',
    );
  });

  it('quotes a bare result that would start with a digit', () => {
    expect(swapPrefixSql('SELECT * FROM old_users', { from: 'old', to: '3cx', names })).toBe('SELECT * FROM "3cx_users"');
  });

  it('leaves another prefix that merely starts like this one alone', () => {
    expect(swapPrefixSql('SELECT * FROM old_eu_users, old_users', { from: 'old', to: 'new', names })).toBe('SELECT * FROM old_eu_users, new_users');
  });

  it('names the option carrying an invalid prefix', () => {
    for (const [from, to, subject] of [['Old', 'new', 'from'], ['old', 'New', 'to']] as const) {
      try {
        swapPrefixSql('SELECT 1', { from, to, names });
        throw new Error('expected a NamingError');
      } catch (error) {
        expect(error).toBeInstanceOf(NamingError);
        expect((error as NamingError).subject).toBe(subject);
      }
    }
  });
});
