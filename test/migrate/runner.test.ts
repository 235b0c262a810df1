import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { PG_IDENTIFIER_MAX_BYTES } from '../../src/naming/index.js';
import { baselineMigrations, migrate, migrationStatus, planMigrations } from '../../src/migrate/index.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { committedTags } from '../support/committed-migrations.js';
import { catalogNames, describeCatalog } from '../support/catalog.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { REBUILD_PREFIX, statementShape } from '../../src/lint/statement-shape.js';
import { baseMigrationStatements, prefixedSchemaStatements, runStatements } from '../support/schema-sql.js';
import { createTempDir } from '../support/temp-dir.js';
import { postgresMode } from '../support/test-postgres.js';
import postgres from 'postgres';
import Database from 'libsql';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

/** Every object of the schema, prefixed, as it must appear in the catalog. */
function expectedObjects(prefix: string, dialect: 'postgresql' | 'sqlite'): string[] {
  const names = manifest.tables.flatMap((t) => {
    // SQLite keeps no names for foreign keys and checks; uniques are indexes there.
    const own = dialect === 'postgresql' ? [...t.foreignKeys.map((f) => f.name), ...t.checks] : [];
    return [t.name, ...t.indexes.map((i) => i.name), ...t.uniques.map((u) => u.name), ...own];
  });
  return names.map((n) => `${prefix}_${n}`);
}

/**
 * Base names of the tables a committed SQLite migration rebuilt: drizzle-kit's rebuild ends with
 * `ALTER TABLE __new_<table> RENAME TO <table>`, after which SQLite keeps the table's DDL text under a
 * double-quoted name, where drizzle-kit's DDL for a fresh schema quotes it with backticks.
 */
async function rebuiltSqliteTables(): Promise<Set<string>> {
  const rebuilt = new Set<string>();
  for (const statement of await baseMigrationStatements('sqlite')) {
    const shape = statementShape(statement);
    if (shape.kind === 'rename-table' && shape.table.startsWith(REBUILD_PREFIX)) rebuilt.add(shape.to);
  }
  return rebuilt;
}

/** The oracle's SQLite catalog as the migrated one must read: each rebuilt table's name quoted as SQLite's rename writes it. */
async function afterRebuilds(catalog: unknown, prefix: string): Promise<unknown> {
  const rebuilt = await rebuiltSqliteTables();
  return (catalog as { type: string; name: string; sql: string }[]).map((row) => {
    if (row.type !== 'table' || !rebuilt.has(row.name.slice(prefix.length + 1))) return row;
    const fresh = `CREATE TABLE \`${row.name}\` (`;
    if (!row.sql.startsWith(fresh)) throw new Error(`${row.name}: drizzle-kit's DDL does not start with ${fresh}`);
    return { ...row, sql: `CREATE TABLE "${row.name}" (${row.sql.slice(fresh.length)}` };
  });
}

describe.each(DIALECTS)('migration runner on $label', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  });
  afterAll(() => target.cleanup());
  const tags = committedTags(dialect);

  it('applies everything fresh, then an immediate second run applies nothing', async () => {
    const first = await migrate(target.config('alpha'));
    expect(first.error).toBeUndefined();
    expect(first.ok).toBe(true);
    expect(first.applied).toBe(tags.length);
    expect(first.results).toEqual(tags.map((tag) => expect.objectContaining({ tag, status: 'applied' })));
    const second = await migrate(target.config('alpha'));
    expect(second).toMatchObject({ ok: true, applied: 0, results: tags.map((tag) => ({ tag, status: 'already-applied', ms: 0 })) });
  });

  it('keeps two prefixes side by side; the catalog has every object prefixed in full and none unprefixed', async () => {
    const beta = await migrate(target.config('beta_instance'));
    expect(beta.ok).toBe(true);
    const names = await catalogNames(target);
    for (const prefix of ['alpha', 'beta_instance']) {
      for (const object of expectedObjects(prefix, dialect)) expect(names).toContain(object);
      expect(names).toContain(`${prefix}_schema_migrations`);
    }
    const base = new Set<string>(manifest.objectNames);
    expect(names.filter((n) => base.has(n))).toEqual([]);
    expect(names.filter((n) => Buffer.byteLength(n) > PG_IDENTIFIER_MAX_BYTES)).toEqual([]);
    // Each prefix has its own ledger with its own row.
    const status = await migrationStatus(target.config('beta_instance'));
    expect(status.rows).toEqual(tags.map((tag) => expect.objectContaining({ tag, state: 'applied' })));
  });

  it('produces, from the rewritten base SQL, exactly the catalog drizzle-kit makes for the prefixed schema (oracle)', async () => {
    const oracle = await createMigrationTarget(dialect);
    try {
      const statements = await prefixedSchemaStatements(dialect === 'postgresql' ? 'pg' : 'sqlite', 'alpha');
      if (oracle.pg !== undefined) {
        const sql = postgres(oracle.pg.url, { max: 1, onnotice: () => {} });
        try {
          await runStatements({ dialect: 'pg', sql }, statements);
        } finally {
          await sql.end();
        }
      } else {
        const db = new Database(oracle.sqlitePath as string);
        try {
          for (const s of statements) db.exec(s);
        } finally {
          db.close();
        }
      }
      const ours = await describeCatalog(target, 'alpha');
      const fresh = await describeCatalog(oracle, 'alpha');
      const theirs = dialect === 'sqlite' ? await afterRebuilds(fresh, 'alpha') : fresh;
      // The ledger is ours alone.
      const withoutLedger = (c: unknown) => JSON.parse(JSON.stringify(c).replaceAll('alpha_schema_migrations', 'LEDGER')) as unknown;
      const strip = (c: unknown): unknown =>
        Array.isArray(c)
          ? c.filter((r: { name?: string }) => r.name !== 'LEDGER' && !String(r.name ?? '').startsWith('LEDGER'))
          : Object.fromEntries(
              Object.entries(c as Record<string, { table?: string; indexname?: string; conname?: string }[]>).map(([k, rows]) => [
                k,
                rows.filter((r) => ![r.table, r.indexname, r.conname].some((n) => n !== undefined && n.startsWith('LEDGER'))),
              ]),
            );
      expect(strip(withoutLedger(ours))).toEqual(strip(withoutLedger(theirs)));
    } finally {
      await oracle.cleanup();
    }
  });

  it('takes at most 2 round trips after connecting when the database is up to date', async () => {
    const queries: string[] = [];
    const result = await migrate(target.config('alpha'), { onQuery: (q) => queries.push(q) });
    expect(result).toMatchObject({ ok: true, applied: 0 });
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.length).toBeLessThanOrEqual(2);
  });

  it('reports a critical table dropped outside the migrations instead of calling the database up to date', async () => {
    expect((await migrate(target.config('crit'))).ok).toBe(true);
    if (target.pg !== undefined) {
      const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
      await sql`drop table crit_site_logs cascade`;
      await sql.end();
    } else {
      const db = new Database(target.sqlitePath as string);
      db.exec('PRAGMA foreign_keys = OFF; DROP TABLE crit_site_logs;');
      db.close();
    }
    const result = await migrate(target.config('crit'));
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('MIGRATION_CRITICAL_TABLES_MISSING');
    expect(result.missingCriticalTables).toEqual(['crit_site_logs']);
  });

  it('plans the exact prefixed SQL without running it', async () => {
    const plan = await planMigrations(target.config('gamma'));
    expect(plan.ok).toBe(true);
    expect(plan.pending.map((p) => p.tag)).toEqual(tags);
    const text = plan.pending[0]!.statements.join('\n');
    expect(text).toContain(dialect === 'postgresql' ? 'CREATE TABLE "gamma_exchange_connections"' : 'CREATE TABLE `gamma_exchange_connections`');
    expect(text).not.toMatch(/CREATE TABLE ["`]exchange_connections["`]/);
    expect(await catalogNames(target)).not.toContain('gamma_exchange_connections');
  });

  it("prefixes a committed table rebuild's transient table as __new_<prefix>_<table>; the plan counts the rows of the rebuilt table", async () => {
    // Base names of the rebuilt tables, in the order the migrations rebuild them (none on PostgreSQL).
    const rebuilt = dialect === 'sqlite' ? [...(await rebuiltSqliteTables())] : [];
    const plan = await planMigrations(target.config('gamma'));
    const transient = plan.pending.flatMap((m) => m.statements.map(statementShape).flatMap((s) => (s.kind === 'create-table' && s.table.includes(REBUILD_PREFIX) ? [s.table] : [])));
    expect(transient).toEqual(rebuilt.map((t) => `${REBUILD_PREFIX}gamma_${t}`));
    // Each rebuild is noted twice (the copy into __new_, the drop), both times with its own table.
    expect(plan.pending.flatMap((m) => (m.affects ?? []).map((a) => a.table))).toEqual(rebuilt.flatMap((t) => [`gamma_${t}`, `gamma_${t}`]));
  });
});

// The seed's hand-written style (000_412b038ea91723e3.txt): bare base names, the same SQL on both dialects.
const usersSql = () => `CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE);\nCREATE INDEX idx_users_username ON users(username);\n`;

describe.each(DIALECTS)('migration history and failures on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    dir = await createTempDir('cts-fixtures');
  });
  afterAll(async () => {
    await target.cleanup();
    await dir.cleanup();
  });

  const folder = () => (dialect === 'postgresql' ? 'pg' : 'sqlite') as 'pg' | 'sqlite';

  it('a failing statement rolls back its migration only, names the file and statement; after the fix a re-run completes', async () => {
    const root = join(dir.path, 'failure');
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: usersSql() },
      { tag: '0001_presets', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY, name TEXT NOT NULL);\nINSERT INTO presets VALUES (1, 2, 3);\n' },
    ]);
    const config = target.config('fail');
    const result = await migrate(config, { migrationsRoot: root, criticalTables: [] });
    expect(result.ok).toBe(false);
    expect(result.results).toEqual([
      expect.objectContaining({ tag: '0000_users', status: 'applied' }),
      expect.objectContaining({ tag: '0001_presets', status: 'failed' }),
    ]);
    expect(result.error).toMatchObject({ code: 'MIGRATION_FAILED', tag: '0001_presets', statement: 2, file: join(root, folder(), '0001_presets.sql') });
    expect(result.error?.message).toContain('INSERT INTO fail_presets VALUES (1, 2, 3)');
    const names = await catalogNames(target);
    expect(names).toContain('fail_users');
    expect(names).not.toContain('fail_presets');
    expect((await migrationStatus(config, { migrationsRoot: root, criticalTables: [] })).rows.map((r) => [r.tag, r.state])).toEqual([
      ['0000_users', 'applied'],
      ['0001_presets', 'pending'],
    ]);
    await writeFile(join(root, folder(), '0001_presets.sql'), "CREATE TABLE presets (id TEXT PRIMARY KEY, name TEXT NOT NULL);\nINSERT INTO presets VALUES ('p1', 'first');\n");
    const rerun = await migrate(config, { migrationsRoot: root, criticalTables: [] });
    expect(rerun).toMatchObject({ ok: true, applied: 1 });
  });

  it('with --tx all a failure keeps nothing of the batch', async () => {
    const root = join(dir.path, 'all');
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: usersSql() },
      // Fails when it runs, on a table of its own (a table of no prefix is refused before anything runs).
      { tag: '0001_bad', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY);\nSELECT no_such_column FROM presets;\n' },
    ]);
    const config = target.config('txall');
    const result = await migrate(config, { migrationsRoot: root, tx: 'all', criticalTables: [] });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'MIGRATION_FAILED', tag: '0001_bad', statement: 2 });
    const names = await catalogNames(target);
    expect(names.filter((n) => n.startsWith('txall_') && !n.startsWith('txall_schema_migrations'))).toEqual([]);
    expect((await migrationStatus(config, { migrationsRoot: root, criticalTables: [] })).rows.every((r) => r.state === 'pending')).toBe(true);
  });

  it('an applied migration edited afterwards stops the run, naming the file and both checksums, and changes nothing', async () => {
    const root = join(dir.path, 'tamper');
    await writeMigrationFolder(root, folder(), [{ tag: '0000_users', sql: usersSql() }]);
    const config = target.config('tamper');
    expect((await migrate(config, { migrationsRoot: root, criticalTables: [] })).ok).toBe(true);
    const file = join(root, folder(), '0000_users.sql');
    const before = await catalogNames(target);
    await writeFile(file, `${await readFile(file, 'utf8')}CREATE INDEX idx_users_extra ON users(id);\n`);
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: await readFile(file, 'utf8') },
      { tag: '0001_presets', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY);\n' },
    ]);
    const result = await migrate(config, { migrationsRoot: root, criticalTables: [] });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('MIGRATION_CHECKSUM_MISMATCH');
    expect(result.error?.message).toContain(file);
    expect(result.error).toHaveProperty('expectedChecksum');
    expect(result.error?.message).toMatch(/checksum [0-9a-f]{64}, the ledger recorded [0-9a-f]{64}/);
    expect(await catalogNames(target)).toEqual(before);
    const status = await migrationStatus(config, { migrationsRoot: root, criticalTables: [] });
    expect(status.ok).toBe(false);
    expect(status.rows.map((r) => r.state)).toEqual(['changed', 'pending']);
  });

  it('a pending migration that sorts before an applied one is an error, not a skip', async () => {
    const root = join(dir.path, 'order');
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: usersSql() },
      { tag: '0002_presets', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY);\n' },
    ]);
    const config = target.config('order');
    expect((await migrate(config, { migrationsRoot: root, criticalTables: [] })).applied).toBe(2);
    // A branch merged later adds a migration that sorts between the applied ones.
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: usersSql() },
      { tag: '0001_preset_trades', sql: 'CREATE TABLE preset_trades (id TEXT PRIMARY KEY);\n' },
      { tag: '0002_presets', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY);\n' },
    ]);
    const result = await migrate(config, { migrationsRoot: root, criticalTables: [] });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'MIGRATION_OUT_OF_ORDER', tag: '0001_preset_trades' });
    expect(await catalogNames(target)).not.toContain('order_preset_trades');
  });

  it('baseline records migrations as applied without running their SQL', async () => {
    const root = join(dir.path, 'baseline');
    await writeMigrationFolder(root, folder(), [
      { tag: '0000_users', sql: usersSql() },
      { tag: '0001_presets', sql: 'CREATE TABLE presets (id TEXT PRIMARY KEY);\n' },
    ]);
    const config = target.config('base');
    const result = await baselineMigrations(config, '0000_users', { migrationsRoot: root, criticalTables: [] });
    expect(result).toMatchObject({ ok: true, applied: 1 });
    expect(await catalogNames(target)).not.toContain('base_users');
    expect((await migrationStatus(config, { migrationsRoot: root, criticalTables: [] })).rows.map((r) => r.state)).toEqual(['applied', 'pending']);
    const unknown = await baselineMigrations(config, '9999_nope', { migrationsRoot: root, criticalTables: [] });
    expect(unknown.error?.code).toBe('MIGRATION_UNKNOWN_TAG');
  });
});

describe('the real migrations folder', () => {
  it('is the package default', async () => {
    const plan = await readFile(join(REPO_ROOT, 'drizzle', 'pg', 'meta', '_journal.json'), 'utf8');
    expect(JSON.parse(plan).entries.length).toBeGreaterThan(0);
  });
});
