import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { migrate } from '../../src/migrate/index.js';
import { REPO_ROOT, runScriptIn, scriptArgs } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const suffix = randomBytes(3).toString('hex');
const PROJECT = `Setup ${suffix}`;
const PREFIX = `setup_${suffix}`;
const WIZARD = `Wizard ${suffix}`;
const WIZARD_PREFIX = `wizard_${suffix}`;
const RESTORE = `Restore ${suffix}`;
const RESTORE_PREFIX = `restore_${suffix}`;
const CREATED = `Created ${suffix}`;
const CREATED_PREFIX = `created_${suffix}`;

/** Owners of the prefix's tables and every privilege the app role holds on them, as the server reports them. */
async function privileges(url: string, prefix: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const owners = await sql`select tablename, tableowner from pg_tables where tablename like ${`${prefix}\\_%`} order by 1`;
    const grants = await sql`select grantee, table_name, privilege_type from information_schema.role_table_grants where grantee like ${`${prefix}%`} order by 1, 2, 3`;
    const defaults = await sql`select defaclrole::regrole::text as role, defaclobjtype, defaclacl::text from pg_default_acl order by 1, 2`;
    return JSON.stringify({ owners, grants, defaults });
  } finally {
    await sql.end();
  }
}

async function secrets(cwd: string): Promise<Record<string, string>> {
  const text = await readFile(join(cwd, 'data', '.env.db'), 'utf8');
  return Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('db:setup on PostgreSQL (roles with least privilege)', () => {
  let pg: TestPostgres;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    if (postgresMode() !== 'server') return;
    pg = await createTestPostgres();
    dir = await createTempDir('cts-setup');
    env = { DATABASE_URL: pg.url };
  });
  afterAll(async () => {
    if (pg === undefined) return;
    await pg.cleanup();
    await dir.cleanup();
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${CREATED_PREFIX}_main" with (force)`);
    for (const prefix of [PREFIX, WIZARD_PREFIX, RESTORE_PREFIX, CREATED_PREFIX]) {
      for (const role of [`${prefix}_admin`, `${prefix}_app`]) {
        await admin.unsafe(`drop owned by "${role}"`).catch(() => undefined);
        await admin.unsafe(`drop role if exists "${role}"`);
      }
    }
    await admin.end();
  });

  itNeedsServer('with flags: the app role reads and writes its tables and nothing else; a second run changes nothing', async () => {
    const first = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes', '--project-name', PROJECT], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`roles: created ${PREFIX}_admin, ${PREFIX}_app`);
    // The next steps name the exact URLs, with the passwords as variables loaded from the secrets file.
    const database = new URL(pg.url).pathname.slice(1);
    expect(first.stdout).toContain('set -a; . data/.env.db; set +a');
    expect(first.stdout).toContain(`DATABASE_URL="postgresql://${PREFIX}_app:\${DB_APP_PASSWORD}@127.0.0.1:${new URL(pg.url).port || 5432}/${database}"`);
    expect(first.stdout).toContain(`DATABASE_URL_UNPOOLED="postgresql://${PREFIX}_admin:\${DB_ADMIN_PASSWORD}@127.0.0.1:${new URL(pg.url).port || 5432}/${database}"`);
    const passwords = await secrets(dir.path);
    expect(Object.keys(passwords).sort()).toEqual(['DB_ADMIN_PASSWORD', 'DB_APP_PASSWORD']);
    for (const p of Object.values(passwords)) expect(first.stdout).not.toContain(p);

    // Another instance in the same database, migrated by the server's superuser.
    expect((await migrate(resolveConfig({ env: { DATABASE_URL: pg.url, DB_PREFIX: 'neighbour' }, configFile: false }))).ok).toBe(true);

    const appUrl = new URL(pg.url);
    appUrl.username = `${PREFIX}_app`;
    appUrl.password = passwords.DB_APP_PASSWORD!;
    const app = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      await app.unsafe(`insert into "${PREFIX}_exchange_connections" (name, exchange) values ('main', 'bybit')`);
      expect((await app.unsafe(`select count(*)::int as n from "${PREFIX}_exchange_connections"`))[0]?.n).toBe(1);
      await app.unsafe(`update "${PREFIX}_exchange_connections" set exchange = 'okx'`);
      await expect(app.unsafe('create table app_made (a int)')).rejects.toThrow(/permission denied/);
      await expect(app.unsafe(`drop table "${PREFIX}_presets"`)).rejects.toThrow(/must be owner/);
      await expect(app.unsafe(`alter table "${PREFIX}_presets" add column x int`)).rejects.toThrow(/must be owner/);
      await expect(app.unsafe('select * from neighbour_exchange_connections')).rejects.toThrow(/permission denied/);
      await expect(app.unsafe('select * from neighbour_schema_migrations')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }

    const state = async () => {
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      try {
        const roles = await sql`select rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname like ${`${PREFIX}%`} order by 1`;
        const grants = await sql`select grantee, table_name, privilege_type from information_schema.role_table_grants where grantee like ${`${PREFIX}%`} order by 1, 2, 3`;
        const defaults = await sql`select defaclrole::regrole::text as role, defaclobjtype, defaclacl::text from pg_default_acl order by 1, 2`;
        const owners = await sql`select tablename, tableowner from pg_tables where tablename like ${`${PREFIX}%`} order by 1`;
        return JSON.stringify({ roles, grants, defaults, owners, config: await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8'), secrets: await secrets(dir.path) });
      } finally {
        await sql.end();
      }
    };
    const before = await state();
    const second = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes', '--project-name', PROJECT], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('roles: already present');
    expect(second.stdout).toContain('is up to date');
    expect(await state()).toEqual(before);
  }, 90_000);

  itNeedsServer('the app role reads the ledger but cannot write it; after db:backup and db:restore as the superuser, owners and grants are as setup made them and setup is idempotent', async () => {
    const cwd = join(dir.path, 'restore');
    await mkdir(cwd, { recursive: true });
    const setup = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes', '--project-name', RESTORE], env);
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    const appUrl = new URL(pg.url);
    appUrl.username = `${RESTORE_PREFIX}_app`;
    appUrl.password = (await secrets(cwd)).DB_APP_PASSWORD!;
    const ledger = `"${RESTORE_PREFIX}_schema_migrations"`;
    const asApp = async (check: (app: postgres.Sql) => Promise<void>) => {
      const app = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
      try {
        await check(app);
      } finally {
        await app.end();
      }
    };
    const ledgerIsReadOnly = async (app: postgres.Sql) => {
      expect((await app.unsafe(`select count(*)::int as n from ${ledger}`))[0]?.n).toBeGreaterThan(0);
      await expect(app.unsafe(`insert into ${ledger} (tag, journal_idx, checksum, execution_ms, prefix, dialect) values ('9999_forged', 9999, 'x', 0, 'x', 'postgresql')`)).rejects.toThrow(/permission denied for table/);
      await expect(app.unsafe(`update ${ledger} set checksum = 'forged'`)).rejects.toThrow(/permission denied for table/);
      await expect(app.unsafe(`delete from ${ledger}`)).rejects.toThrow(/permission denied for table/);
      await expect(app.unsafe(`truncate ${ledger}`)).rejects.toThrow(/permission denied for table/);
    };
    await asApp(async (app) => {
      await ledgerIsReadOnly(app);
      await app.unsafe(`insert into "${RESTORE_PREFIX}_exchange_connections" (name, exchange) values ('kept', 'bybit')`);
    });
    const afterSetup = await privileges(pg.url, RESTORE_PREFIX);

    const file = join(cwd, 'backup.dump');
    const backup = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', 'db-backup.ts'), ['--file', file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const restore = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', 'db-restore.ts'), [file], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    // Owners and grants exactly as after setup; the admin role owns every table.
    expect(await privileges(pg.url, RESTORE_PREFIX)).toEqual(afterSetup);
    const owners = JSON.parse(afterSetup).owners as { tableowner: string }[];
    expect(owners.length).toBe(32);
    expect(new Set(owners.map((o) => o.tableowner))).toEqual(new Set([`${RESTORE_PREFIX}_admin`]));
    await asApp(async (app) => {
      await ledgerIsReadOnly(app);
      const tables = (await app.unsafe<{ t: string }[]>(`select tablename::text as t from pg_tables where tablename like '${RESTORE_PREFIX}\\_%' and tablename <> '${RESTORE_PREFIX}_schema_migrations'`)).map((r) => r.t);
      expect(tables).toHaveLength(31);
      const [rights] = await app.unsafe<{ n: number }[]>(
        `select count(*)::int as n from unnest($1::text[]) as t(name)
         where has_table_privilege(quote_ident(name), 'select') and has_table_privilege(quote_ident(name), 'insert')
           and has_table_privilege(quote_ident(name), 'update') and has_table_privilege(quote_ident(name), 'delete')`,
        [tables],
      );
      expect(rights?.n).toBe(31);
      expect((await app.unsafe(`select name from "${RESTORE_PREFIX}_exchange_connections"`)).map((r) => r.name)).toEqual(['kept']);
      await app.unsafe(`update "${RESTORE_PREFIX}_exchange_connections" set exchange = 'okx'`);
      await app.unsafe(`delete from "${RESTORE_PREFIX}_exchange_connections"`);
      await expect(app.unsafe('create table app_made_after_restore (a int)')).rejects.toThrow(/permission denied/);
      await expect(app.unsafe(`drop table "${RESTORE_PREFIX}_presets"`)).rejects.toThrow(/must be owner/);
      await expect(app.unsafe(`alter table "${RESTORE_PREFIX}_presets" add column x int`)).rejects.toThrow(/must be owner/);
    });

    const again = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes', '--project-name', RESTORE], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('roles: already present');
    expect(again.stdout).toContain('migrations as');
    expect(await privileges(pg.url, RESTORE_PREFIX)).toEqual(afterSetup);
  }, 120_000);

  itNeedsServer('--create-database with DATABASE_ADMIN_URL: creates {prefix}_main owned by the admin role, .env.db is 0600, and the app role reaches tables and sequences the admin role creates later', async () => {
    const cwd = join(dir.path, 'created');
    await mkdir(cwd, { recursive: true });
    // DATABASE_URL names a database that does not exist yet: setup works through DATABASE_ADMIN_URL.
    const target = new URL(pg.url);
    target.pathname = `/${CREATED_PREFIX}_main`;
    const run = await runScriptIn(cwd, join(REPO_ROOT, 'scripts', 'db-setup.ts'), ['--yes', '--project-name', CREATED, '--create-database'], { DATABASE_URL: target.toString(), DATABASE_ADMIN_URL: pg.adminUrl });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`database ${CREATED_PREFIX}_main (created)`);
    expect((await stat(join(cwd, 'data', '.env.db'))).mode & 0o777).toBe(0o600);
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    try {
      const [db] = await admin`select pg_get_userbyid(datdba)::text as owner from pg_database where datname = ${`${CREATED_PREFIX}_main`}`;
      expect(db?.owner).toBe(`${CREATED_PREFIX}_admin`);
    } finally {
      await admin.end();
    }
    const passwords = await secrets(cwd);
    const as = (role: 'admin' | 'app') => {
      const url = new URL(target.toString());
      url.username = `${CREATED_PREFIX}_${role}`;
      url.password = passwords[role === 'admin' ? 'DB_ADMIN_PASSWORD' : 'DB_APP_PASSWORD']!;
      return postgres(url.toString(), { max: 1, onnotice: () => {} });
    };
    const adminRole = as('admin');
    const appRole = as('app');
    try {
      // Created later by the admin role (as a migration would): default privileges reach them.
      await adminRole.unsafe(`create table "${CREATED_PREFIX}_later" (id serial primary key, note text)`);
      await adminRole.unsafe(`create sequence "${CREATED_PREFIX}_counter"`);
      await appRole.unsafe(`insert into "${CREATED_PREFIX}_later" (note) values ('reached')`);
      expect((await appRole.unsafe(`select note from "${CREATED_PREFIX}_later"`)).map((r) => r.note)).toEqual(['reached']);
      expect((await appRole.unsafe(`select nextval('"${CREATED_PREFIX}_counter"') as n`))[0]?.n).toBe('1');
      await expect(appRole.unsafe(`drop table "${CREATED_PREFIX}_later"`)).rejects.toThrow(/must be owner/);
    } finally {
      await adminRole.end();
      await appRole.end();
    }
  }, 90_000);

  itNeedsServer('driven through its prompts on stdin', async () => {
    const cwd = join(dir.path, 'wizard');
    await (await import('node:fs/promises')).mkdir(cwd, { recursive: true });
    const child = spawn(process.execPath, scriptArgs(join(REPO_ROOT, 'scripts', 'db-setup.ts')), { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const ask = (text: string) =>
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (output.includes(text)) {
            clearInterval(poll);
            resolve();
          }
        }, 20);
      });
    await ask('Project name [');
    child.stdin.write(`${WIZARD}\n`);
    await ask('[y/N]');
    expect(output).toContain(`prefix     ${WIZARD_PREFIX}`);
    expect(output).toContain(`roles      ${WIZARD_PREFIX}_admin (owns objects, migrates), ${WIZARD_PREFIX}_app`);
    child.stdin.write('y\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toContain(`migrations as ${WIZARD_PREFIX}_admin: applied 1`);
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'data', 'db-config.json'), 'utf8'))).toMatchObject({ projectName: WIZARD, dbPrefix: WIZARD_PREFIX });
  }, 90_000);
});
