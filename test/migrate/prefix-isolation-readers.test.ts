import { describe, expect, it } from 'vitest';
import { pgPrefixFindings } from '../../src/migrate/pg/pg-prefix-isolation.js';
import type { OwnNames } from '../../src/migrate/prefix-isolation.js';
import { sqlitePrefixFindings } from '../../src/migrate/sqlite/sqlite-prefix-isolation.js';

/**
 * The two readers on their own, on the SQL as the runner executes it (already prefixed): what each refuses,
 * by object and reason, and what it lets through. Prefix `a` owns `a_<base>` for the bases below.
 */
const own: OwnNames = { prefix: 'a', names: new Set(['users', 'b_users', 'status', 'idx_users', 'users_pkey']), roles: new Set(['a_admin', 'a_app']), schema: 'public' };
const notOurs = (object: string) => ({ object, reason: 'not an object of prefix a' });
const pg = (sql: string) => pgPrefixFindings(sql, own);
const sqlite = (sql: string) => sqlitePrefixFindings(sql, { ...own, schema: 'main' });

describe('PostgreSQL reader (parse tree)', () => {
  it('lets own objects, built-in types, the migrating role and catalog reads through', async () => {
    expect(
      await pg(
        'CREATE TABLE a_users (id int4 PRIMARY KEY, s a_status, t text, j jsonb, at timestamp(3) with time zone, CONSTRAINT a_users_pkey UNIQUE (id), r int REFERENCES public.a_users (id));' +
          'CREATE UNIQUE INDEX a_idx_users ON a_users (t); ALTER TABLE a_users OWNER TO a_admin; GRANT SELECT ON a_users TO a_app, CURRENT_USER;' +
          'SELECT c.relname FROM pg_catalog.pg_class c JOIN information_schema.tables t ON true; SET LOCAL lock_timeout = 1000;' +
          'ALTER TABLE __new_a_users RENAME TO a_users; WITH x AS (SELECT 1) SELECT * FROM x;',
      ),
    ).toEqual([]);
  });

  it('lets the serial shorthands through (the server expands them; they are not in pg_type), and only those', async () => {
    expect(
      await pg(
        'CREATE TABLE a_users (id serial PRIMARY KEY, b bigserial, s smallserial, s2 serial2, s4 serial4, s8 serial8); ALTER TABLE a_users ADD COLUMN n bigserial;',
      ),
    ).toEqual([]);
    expect(await pg('CREATE TABLE a_users (id public.serial)')).toEqual([notOurs('type public.serial')]);
    expect(await pg('CREATE TABLE a_users (id serials)')).toEqual([notOurs('type serials')]);
  });

  it('takes a_b_users as table users of prefix a_b unless b_users is a base of a: no "starts with a_" shortcut', async () => {
    expect(await pg('DROP TABLE a_b_users')).toEqual([]);
    expect(await pg('DROP TABLE a_b_orders')).toEqual([notOurs('table a_b_orders')]);
  });

  it('scopes CTE names: a later CTE name is a table inside an earlier CTE', async () => {
    expect(await pg('WITH x AS (SELECT * FROM b_users), b_users AS (SELECT 1) SELECT * FROM x, b_users')).toEqual([notOurs('relation b_users')]);
    expect(await pg('WITH RECURSIVE b_users AS (SELECT 1 UNION ALL SELECT 1 FROM b_users) SELECT * FROM b_users')).toEqual([]);
    expect(await pg('WITH b_users AS (SELECT 1) DELETE FROM b_users')).toEqual([notOurs('relation b_users')]);
  });

  it('refuses catalog writes and unqualified catalog reads, naming the fix', async () => {
    expect(await pg('DELETE FROM pg_catalog.pg_class WHERE false')).toEqual([{ object: 'relation pg_catalog.pg_class', reason: 'a write to the system catalog pg_catalog' }]);
    expect(await pg('SELECT * FROM pg_class')).toEqual([{ object: 'relation pg_class', reason: 'not an object of prefix a; a catalog read is written pg_catalog.pg_class' }]);
    expect(await pg('SELECT 1 INTO pg_catalog.x')).toEqual([{ object: 'relation pg_catalog.x', reason: 'a write to the system catalog pg_catalog' }]);
  });

  it('refuses other schemas, other types, sequences, constraints, functions and roles', async () => {
    expect(await pg('SELECT * FROM other.a_users')).toEqual([{ object: 'relation other.a_users', reason: 'outside schema public, the one this runner migrates' }]);
    expect(await pg('ALTER TABLE a_users ADD COLUMN s b_status')).toEqual([notOurs('type b_status')]);
    expect(await pg('DROP TYPE b_status; ALTER TYPE b_status ADD VALUE $$x$$')).toEqual([notOurs('type b_status'), notOurs('type b_status')]);
    expect(await pg('ALTER SEQUENCE b_users_id_seq RESTART')).toEqual([notOurs('relation b_users_id_seq')]);
    expect(await pg('ALTER TABLE a_users DROP CONSTRAINT b_users_pkey')).toEqual([notOurs('constraint b_users_pkey')]);
    expect(await pg('DROP FUNCTION b_touch()')).toEqual([notOurs('function b_touch')]);
    expect(await pg('REVOKE ALL ON a_users FROM b_app')).toEqual([{ object: 'role b_app', reason: 'not a role of prefix a (a_admin, a_app)' }]);
    expect(await pg('GRANT SELECT ON a_users TO PUBLIC')).toEqual([{ object: 'role PUBLIC', reason: "every role, including other prefixes' roles" }]);
    expect(await pg('GRANT b_admin TO a_app')).toEqual([{ object: 'role b_admin', reason: 'not a role of prefix a (a_admin, a_app)' }]);
    expect(await pg('GRANT SELECT ON ALL TABLES IN SCHEMA public TO a_app')).toEqual([{ object: 'every table in schema public', reason: "other prefixes' objects too" }]);
  });

  it('refuses shared objects and code it cannot read; reads a LANGUAGE sql body', async () => {
    expect(await pg('CREATE ROLE a_reader')).toEqual([{ object: 'role a_reader', reason: "a role is shared by every prefix on the server; db:setup creates the prefix's roles" }]);
    expect(await pg('DROP ROLE b_app')).toEqual([{ object: 'role b_app', reason: "a role is shared by every prefix on the server; db:setup creates the prefix's roles" }]);
    expect(await pg('SET search_path = other')).toEqual([{ object: 'setting search_path', reason: 'it changes which objects unqualified names reach, or who runs the statements that follow' }]);
    expect(await pg('DO $$ BEGIN EXECUTE $q$DROP TABLE b_users$q$; END $$')).toEqual([{ object: 'a DO block', reason: 'procedural code this check cannot read' }]);
    expect(await pg('CREATE FUNCTION a_users() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$')).toEqual([{ object: 'the body of function a_users', reason: 'plpgsql code this check cannot read' }]);
    expect(await pg("CREATE FUNCTION a_users() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM b_orders'")).toEqual([notOurs('relation b_orders')]);
  });
});

describe('SQLite reader (tokens at name positions)', () => {
  it('lets own objects, a rebuild, catalog reads and CTEs through', () => {
    expect(
      sqlite(
        'CREATE TABLE `__new_a_users` (id integer REFERENCES `a_users`(id)); INSERT INTO `__new_a_users`(id) SELECT id FROM `a_users`; DROP TABLE `a_users`; ' +
          'ALTER TABLE `__new_a_users` RENAME TO `a_users`; CREATE UNIQUE INDEX IF NOT EXISTS a_idx_users ON a_users (id); SELECT name FROM sqlite_master; ' +
          'PRAGMA foreign_keys=OFF; PRAGMA table_info(a_users); SELECT * FROM A_USERS u, main.a_users AS v JOIN json_each(u.j) ON 1;',
      ),
    ).toEqual([]);
    expect(sqlite('WITH x AS (SELECT 1), y AS (SELECT * FROM x) SELECT * FROM x, y')).toEqual([]);
  });

  it('refuses other prefixes at every name position, case-insensitively', () => {
    expect(sqlite('SELECT * FROM a_users, b_users x, "B_Orders"')).toEqual([notOurs('table b_users'), notOurs('table B_Orders')]);
    expect(sqlite('SELECT * FROM a_users LEFT JOIN b_users ON 1')).toEqual([notOurs('table b_users')]);
    expect(sqlite('INSERT OR REPLACE INTO b_users VALUES (1)')).toEqual([notOurs('table b_users')]);
    expect(sqlite('UPDATE OR IGNORE b_users SET x = 1')).toEqual([notOurs('table b_users')]);
    expect(sqlite('CREATE INDEX a_idx_users ON b_users (id)')).toEqual([notOurs('table b_users')]);
    expect(sqlite('CREATE TRIGGER a_t AFTER DELETE ON a_users BEGIN DELETE FROM b_users; UPDATE b_orders SET x = 1; END')).toEqual([notOurs('trigger a_t'), notOurs('table b_users'), notOurs('table b_orders')]);
    expect(sqlite('DELETE FROM a_users WHERE id IN (SELECT id FROM b_users)')).toEqual([notOurs('table b_users')]);
    expect(sqlite('PRAGMA table_info(b_users)')).toEqual([notOurs('table b_users')]);
  });

  it('refuses writes to the schema table, other databases, and names it cannot read', () => {
    expect(sqlite('DELETE FROM sqlite_master')).toEqual([{ object: 'table sqlite_master', reason: 'a write to the schema table' }]);
    expect(sqlite('PRAGMA writable_schema = 1')).toEqual([{ object: 'pragma writable_schema', reason: 'it lets the statements that follow write the schema of every prefix' }]);
    expect(sqlite("ATTACH DATABASE 'other.db' AS other")).toEqual([{ object: 'another database file', reason: 'ATTACH reaches outside this database' }]);
    expect(sqlite('SELECT * FROM other.a_users')).toEqual([{ object: 'table other.a_users', reason: 'outside schema main, the database this runner migrates' }]);
    expect(sqlite("DROP TABLE 'b_users'")).toEqual([{ object: "table 'b_users'", reason: "not a plain name, so it cannot be told to be the prefix's" }]);
    expect(sqlite('DROP TABLE [b_users]')).toEqual([{ object: 'table [', reason: "not a plain name, so it cannot be told to be the prefix's" }]);
    expect(sqlite('WITH b_users AS (SELECT 1) DELETE FROM b_users')).toEqual([notOurs('table b_users')]);
  });
});
