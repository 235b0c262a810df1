import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementDigest } from '../../src/lint/lint-acks.js';
import { migrate, planMigrations } from '../../src/migrate/index.js';
import { PG_BUILTIN_TYPES } from '../../src/migrate/pg/pg-builtin-types.js';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * Two prefixes in one database (one PostgreSQL database, one SQLite file): migrations run as prefix A must
 * not reach prefix B's objects. Every refused statement is refused before anything of its migration runs,
 * and B's rows and catalog entries are the same before and after.
 */

// Unique per run: roles are server-wide on PostgreSQL.
const run = randomBytes(3).toString('hex');
const A = `isoa${run}`;
const B = `isob${run}`;

/** A copy of the committed migrations of one dialect with `extra` appended, and optionally lint-acks.json. */
async function folderWith(root: string, folder: 'pg' | 'sqlite', extra: readonly { tag: string; sql: string }[], acks?: unknown): Promise<string> {
  await mkdir(root, { recursive: true });
  await cp(join(REPO_ROOT, 'drizzle', folder), join(root, folder), { recursive: true });
  const journalPath = join(root, folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
  for (const m of extra) {
    const last = journal.entries.at(-1);
    journal.entries.push({ idx: journal.entries.length, version: last?.version ?? '7', when: (last?.when ?? 0) + 1, tag: m.tag, breakpoints: true });
    await writeFile(join(root, folder, `${m.tag}.sql`), m.sql);
  }
  await writeFile(journalPath, JSON.stringify(journal, null, 2));
  if (acks !== undefined) await writeFile(join(root, 'lint-acks.json'), JSON.stringify({ acks }, null, 2));
  return root;
}

/** Rows of every table of `prefix` (md5 per table on PostgreSQL, all rows on SQLite) and its catalog entries, ACLs included. */
async function prefixDigest(target: MigrationTarget, prefix: string): Promise<unknown> {
  const like = `${prefix}\\_%`;
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ name: string }[]>`select relname::text as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname like ${like} order by 1`;
      const rows: Record<string, string> = {};
      for (const t of tables) {
        const [r] = await sql.unsafe<{ d: string }[]>(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) || ':' || count(*) as d from "${t.name}" t`);
        rows[t.name] = r?.d ?? '';
      }
      const catalog = await sql`
        select c.relname::text as name, c.relkind::text as kind, coalesce(c.relacl::text, '') as acl, pg_get_userbyid(c.relowner)::text as owner,
               (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
        from pg_class c where c.relnamespace = 'public'::regnamespace and c.relname like ${like} order by 1`;
      const constraints = await sql`select conname::text as name, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace and conname like ${like} order by 1`;
      return { tables: tables.length, rows, catalog, constraints };
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath as string);
  try {
    const catalog = db.prepare("select type, name, tbl_name, sql from sqlite_master where name like ? escape '\\' order by name").all(like) as { type: string; name: string }[];
    const rows: Record<string, string[]> = {};
    for (const t of catalog.filter((c) => c.type === 'table')) rows[t.name] = (db.prepare(`select * from "${t.name}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    return { tables: catalog.filter((c) => c.type === 'table').length, rows, catalog };
  } finally {
    db.close();
  }
}

async function execute(target: MigrationTarget, statement: string): Promise<void> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(statement).finally(() => sql.end());
    return;
  }
  const db = new Database(target.sqlitePath as string);
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}

async function query<T>(target: MigrationTarget, statement: string): Promise<T[]> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    return sql.unsafe(statement).then((rows) => [...rows] as T[]).finally(() => sql.end());
  }
  const db = new Database(target.sqlitePath as string);
  try {
    return db.prepare(statement).all() as T[];
  } finally {
    db.close();
  }
}

interface Case {
  readonly name: string;
  readonly sql: string;
  readonly object: string;
  readonly statement?: number;
  readonly reason?: string;
}

function refusedCases(dialect: 'postgresql' | 'sqlite'): Case[] {
  const pg = dialect === 'postgresql';
  const rel = pg ? 'relation' : 'table';
  const cases: Case[] = [
    { name: 'drop', sql: `DROP TABLE "${B}_system_settings";\n`, object: `table ${B}_system_settings` },
    pg
      ? { name: 'drop, schema-qualified, cascade', sql: `DROP TABLE public.${B}_exchange_connections CASCADE;\n`, object: `table public.${B}_exchange_connections` }
      : { name: 'drop, schema-qualified', sql: `DROP TABLE main.${B}_exchange_connections;\n`, object: `table main.${B}_exchange_connections` },
    { name: 'drop index', sql: `DROP INDEX ${B}_idx_sys_category;\n`, object: `index ${B}_idx_sys_category` },
    { name: 'alter', sql: `ALTER TABLE ${B}_system_settings ADD COLUMN note text;\n`, object: `${rel} ${B}_system_settings` },
    pg
      ? { name: 'truncate', sql: `TRUNCATE ${B}_system_settings CASCADE;\n`, object: `relation ${B}_system_settings` }
      : { name: 'delete all', sql: `DELETE FROM ${B}_system_settings;\n`, object: `table ${B}_system_settings` },
    { name: 'insert', sql: `INSERT INTO ${B}_system_settings SELECT * FROM system_settings;\n`, object: `${rel} ${B}_system_settings` },
    { name: 'update', sql: `UPDATE ${B}_system_settings SET description = 'taken';\n`, object: `${rel} ${B}_system_settings` },
    { name: 'select', sql: `SELECT count(*) FROM system_settings JOIN ${B}_system_settings ON true;\n`, object: `${rel} ${B}_system_settings` },
    {
      name: 'a regular migration whose second statement reaches out',
      sql: `ALTER TABLE "system_settings" ADD COLUMN "note" text;--> statement-breakpoint\nALTER TABLE "${B}_system_settings" ADD COLUMN "note" text;`,
      object: `${rel} ${B}_system_settings`,
      statement: 2,
    },
  ];
  if (pg) {
    cases.push(
      { name: 'grant on its own table to the other prefix\'s role', sql: `GRANT SELECT ON system_settings TO ${B}_app;\n`, object: `role ${B}_app`, reason: `not a role of prefix ${A} (${A}_admin, ${A}_app)` },
      { name: 'grant on the other prefix\'s table', sql: `GRANT SELECT, DELETE ON ${B}_system_settings TO ${A}_app;\n`, object: `relation ${B}_system_settings` },
      { name: 'another schema', sql: `CREATE TABLE elsewhere.notes (id int);\n`, object: `relation elsewhere.${A}_notes`, reason: 'outside schema public, the one this runner migrates' },
      { name: 'a schema of its own', sql: `CREATE SCHEMA elsewhere;\n`, object: 'schema elsewhere', reason: 'a schema is shared by every prefix on the server; change it outside the migrations' },
      { name: 'a write to the catalog', sql: `UPDATE pg_catalog.pg_class SET relname = relname WHERE false;\n`, object: 'relation pg_catalog.pg_class', reason: 'a write to the system catalog pg_catalog' },
    );
  }
  return cases;
}

for (const dialect of ['postgresql', 'sqlite'] as const) {
  describe(`prefix isolation on ${dialect}: prefix ${A} cannot reach prefix ${B}`, () => {
    let target: MigrationTarget;
    let dir: { path: string; cleanup: () => Promise<void> };
    const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
    const tag = nextTag(folder, 'reach_out');
    let before: unknown;
    beforeAll(async () => {
      target = await createMigrationTarget(dialect);
      dir = await createTempDir('cts-isolation');
      if (dialect === 'postgresql') for (const p of [A, B]) for (const role of ['admin', 'app']) await execute(target, `create role ${p}_${role} nologin`);
      for (const p of [A, B]) expect((await migrate(target.config(p))).ok).toBe(true);
      for (const p of [A, B]) await execute(target, `insert into ${p}_system_settings (key, value) values ('k-${p}', '"v"')`);
      before = await prefixDigest(target, B);
    }, 120_000);
    afterAll(async () => {
      await target.cleanup();
      if (target.pg !== undefined) {
        const admin = postgres(target.pg.adminUrl, { max: 1, onnotice: () => {} });
        for (const p of [A, B]) for (const role of ['admin', 'app']) await admin.unsafe(`drop role if exists ${p}_${role}`);
        await admin.end();
      }
      await dir.cleanup();
    });

    for (const [i, c] of refusedCases(dialect).entries()) {
      it(`refuses ${c.name}, before anything of the migration runs`, async () => {
        const root = await folderWith(join(dir.path, `case${i}`), folder, [{ tag, sql: c.sql }]);
        const statement = c.statement ?? 1;
        const plan = await planMigrations(target.config(A), { migrationsRoot: root });
        expect(plan.ok).toBe(false);
        expect(plan.pending.map((p) => [p.tag, (p.violations ?? []).map((v) => [v.statement + 1, v.object])])).toEqual([[tag, [[statement, c.object]]]]);
        const result = await migrate(target.config(A), { migrationsRoot: root });
        expect(result.ok).toBe(false);
        expect(result.applied).toBe(0);
        expect(result.error).toMatchObject({ code: 'MIGRATION_PREFIX_VIOLATION', subject: c.object, tag, statement, file: join(root, folder, `${tag}.sql`) });
        expect(result.error?.message).toContain(`${tag} statement ${statement} touches ${c.object} (${c.reason ?? `not an object of prefix ${A}`})`);
        expect(result.results.find((r) => r.tag === tag)?.status).toBe('not-run');
        // Nothing half-applied: the own first statement of the regular migration did not run either.
        const columns = await query<{ name: string }>(
          target,
          dialect === 'postgresql'
            ? `select attname::text as name from pg_attribute where attrelid = '${A}_system_settings'::regclass and attname = 'note'`
            : `select name from pragma_table_info('${A}_system_settings') where name = 'note'`,
        );
        expect(columns).toEqual([]);
        expect(await prefixDigest(target, B)).toEqual(before);
      }, 60_000);
    }

    it('applies a migration on its own tables (reading the catalog), and an acknowledged cross-prefix statement', async () => {
      await execute(target, 'create table iso_shared (id integer primary key)');
      const legit = nextTag(folder, 'own_index');
      const acked = `${String(committedTags(folder).length + 1).padStart(4, '0')}_shared_insert`;
      const catalogRead = dialect === 'postgresql' ? 'SELECT count(*) FROM information_schema.tables JOIN pg_catalog.pg_class ON true;' : 'SELECT count(*) FROM sqlite_master;';
      const shared = 'INSERT INTO iso_shared VALUES (1);';
      const extra = [
        { tag: legit, sql: `CREATE INDEX idx_iso_ok ON system_settings (updated_at);\n${catalogRead}\nUPDATE system_settings SET description = 'ours';\n` },
        { tag: acked, sql: `${shared}\n` },
      ];
      // Unacknowledged, the second is refused and nothing of either runs.
      const refused = await migrate(target.config(A), { migrationsRoot: await folderWith(join(dir.path, 'unacked'), folder, extra) });
      expect(refused.error).toMatchObject({ code: 'MIGRATION_PREFIX_VIOLATION', subject: `${dialect === 'postgresql' ? 'relation' : 'table'} iso_shared`, tag: acked, statement: 1 });
      expect(refused.error?.hint).toContain(`{"dialect":"${folder}","tag":"${acked}","statement":"${statementDigest(shared)}","rule":"cross-prefix","reason":"<why this is safe>"}`);
      const ack = { dialect: folder, tag: acked, statement: statementDigest(shared), rule: 'cross-prefix', reason: 'the shared lookup table is filled once by instance A' };
      const result = await migrate(target.config(A), { migrationsRoot: await folderWith(join(dir.path, 'acked'), folder, extra, [ack]) });
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ ok: true, applied: 2 });
      expect(await query<{ id: number }>(target, 'select id from iso_shared')).toEqual([{ id: 1 }]);
      const index = await query<{ name: string }>(
        target,
        dialect === 'postgresql' ? `select relname::text as name from pg_class where relname like '%idx_iso_ok'` : `select name from sqlite_master where name like '%idx_iso_ok'`,
      );
      expect(index).toEqual([{ name: `${A}_idx_iso_ok` }]);
      expect(await prefixDigest(target, B)).toEqual(before);
    }, 60_000);
  });
}

describe('the built-in type list', () => {
  it('names only types of pg_catalog on the server', async () => {
    const target = await createMigrationTarget('postgresql');
    try {
      const rows = await query<{ name: string }>(target, `select typname::text as name from pg_type where typnamespace = 'pg_catalog'::regnamespace`);
      const present = new Set(rows.map((r) => r.name));
      expect([...PG_BUILTIN_TYPES].filter((t) => !present.has(t))).toEqual([]);
    } finally {
      await target.cleanup();
    }
  });
});

describe('db:migrate as a process, prefix isolation', () => {
  let copy: { root: string; cleanup: () => Promise<void> };
  const targets: MigrationTarget[] = [];
  beforeAll(async () => {
    copy = await copyRepo();
    for (const dialect of ['postgresql', 'sqlite'] as const) {
      const target = await createMigrationTarget(dialect);
      targets.push(target);
      for (const p of [A, B]) expect((await migrate(target.config(p))).ok).toBe(true);
    }
  }, 120_000);
  afterAll(async () => {
    for (const t of targets) await t.cleanup();
    await copy.cleanup();
  });

  it('refuses a custom migration that drops the other prefix\'s table (--plan marks it), and applies it once acknowledged and embedded', async () => {
    const created = await runScriptIn(copy.root, 'db-migrate-create.ts', ['drop_theirs']);
    expect(created.code).toBe(0);
    const drop = `DROP TABLE "${B}_system_settings";`;
    const tags = { pg: nextTag('pg', 'drop_theirs'), sqlite: nextTag('sqlite', 'drop_theirs') };
    for (const folder of ['pg', 'sqlite'] as const) await writeFile(join(copy.root, 'drizzle', folder, `${tags[folder]}.sql`), `${drop}\n`);
    for (const target of targets) {
      const env = { ...target.env, DB_PREFIX: A };
      const tag = tags[target.folder];
      const plan = await runScriptIn(copy.root, 'db-migrate.ts', ['--migrations-dir', 'drizzle', '--plan'], env);
      expect(plan.code).toBe(1);
      expect(plan.stdout).toContain(`-- ${tag} (drizzle/${target.folder}/${tag}.sql)\n-- REFUSED: ${tag} statement 1 touches table ${B}_system_settings (not an object of prefix ${A})\nDROP TABLE "${B}_system_settings";\n`);
      const refused = await runScriptIn(copy.root, 'db-migrate.ts', ['--migrations-dir', 'drizzle'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`error [MIGRATION_PREFIX_VIOLATION] a pending statement reaches outside prefix ${A}; nothing was run:\n  ${tag} statement 1 touches table ${B}_system_settings (not an object of prefix ${A})\n    SQL: ${drop}\n`);
      expect((await query<{ n: number }>(target, target.pg === undefined ? `select count(*) as n from sqlite_master where name = '${B}_system_settings'` : `select count(*)::int as n from pg_class where relname = '${B}_system_settings'`))).toEqual([{ n: 1 }]);
    }
    const acks = (['pg', 'sqlite'] as const).map((folder) => ({ dialect: folder, tag: tags[folder], statement: statementDigest(drop), rule: 'cross-prefix', reason: 'instance B was retired; A removes its settings table' }));
    await writeFile(join(copy.root, 'drizzle', 'lint-acks.json'), `${JSON.stringify({ acks }, null, 2)}\n`);
    // Until db:generate embeds them, the commands (which apply the embedded set) say so instead of refusing.
    const stale = await runScriptIn(copy.root, 'db-migrate.ts', [], { ...targets[0]!.env, DB_PREFIX: A });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('\n  drizzle/lint-acks.json: its cross-prefix acknowledgements are not the embedded ones\n');
    const generated = await runScriptIn(copy.root, 'db-generate.ts');
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(await readFile(join(copy.root, 'generated', 'migrations.ts'), 'utf8')).toContain(`acks: [\n    { dialect: "pg", tag: "${tags.pg}", statement: "${statementDigest(drop)}", rule: "cross-prefix", reason: "instance B was retired; A removes its settings table" },`);
    for (const target of targets) {
      const applied = await runScriptIn(copy.root, 'db-migrate.ts', [], { ...target.env, DB_PREFIX: A });
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect((await query<{ n: number }>(target, target.pg === undefined ? `select count(*) as n from sqlite_master where name = '${B}_system_settings'` : `select count(*)::int as n from pg_class where relname = '${B}_system_settings'`))).toEqual([{ n: 0 }]);
    }
  }, 300_000);
});
