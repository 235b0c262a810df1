import postgres, { type Sql } from 'postgres';
import type { DbConfig } from '../config/index.js';
import { redactSecrets } from '../errors/redact.js';
import { formatLooseUrl, parseLooseUrl } from '../config/loose-url.js';
import { postgresEndpoint } from '../db/postgres/endpoint.js';
import { ownedBy } from '../drift/live-catalog.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
import { createLedgerSql, ledgerTableName } from '../migrate/ledger.js';
import { OpsError } from './ops-error.js';

export interface ProvisionOptions {
  /** Administrative URL (DATABASE_ADMIN_URL, else DATABASE_URL). */
  readonly adminUrl: string;
  readonly adminPassword: string;
  readonly appPassword: string;
  /** Create `{prefix}_main` and use it (else the database of DATABASE_URL). */
  readonly createDatabase: boolean;
}

export interface ProvisionResult {
  readonly database: string;
  readonly createdRoles: readonly string[];
  readonly createdDatabase: boolean;
  /** URL of the chosen database as the admin role (with its password: keep it out of logs). */
  readonly adminRoleUrl: string;
  readonly appRoleUrl: string;
}

/** Runs one statement and returns its rows: the runner's driver or transaction, or a postgres.js one (viaPostgres). */
export type SqlQuery = <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

const viaPostgres =
  (sql: Pick<Sql, 'unsafe'>): SqlQuery =>
  async <T>(q: string, params: readonly unknown[] = []) =>
    (await sql.unsafe(q, params as never[])) as unknown as T[];

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Creates this prefix's roles with least privilege, idempotently (a second run changes nothing):
 * `{prefix}_admin` owns the objects and runs migrations; `{prefix}_app` may only SELECT/INSERT/UPDATE/DELETE
 * this prefix's tables and use its sequences, also for tables created later (default privileges for the
 * admin role). Neither gets anything on other prefixes' objects.
 */
export async function provisionPostgres(config: DbConfig, options: ProvisionOptions): Promise<ProvisionResult> {
  const admin = config.roles.admin.user;
  const app = config.roles.app.user;
  const secrets = [options.adminPassword, options.appPassword, options.adminUrl];
  const server = client(options.adminUrl);
  const createdRoles: string[] = [];
  let database = parseLooseUrl(options.adminUrl).url.pathname.slice(1) || 'postgres';
  let createdDatabase = false;
  try {
    for (const [role, password] of [
      [admin, options.adminPassword],
      [app, options.appPassword],
    ] as const) {
      const [exists] = await server`select 1 from pg_roles where rolname = ${role}`;
      if (exists === undefined) {
        // CREATE ROLE takes no bind parameters: the password is an escaped literal, sent once and never logged.
        await server.unsafe(`create role ${ident(role)} login password ${literal(password)}`);
        createdRoles.push(role);
      }
    }
    if (options.createDatabase) {
      database = config.databases.main;
      const [exists] = await server`select 1 from pg_database where datname = ${database}`;
      if (exists === undefined) {
        await server.unsafe(`create database ${ident(database)} owner ${ident(admin)}`);
        createdDatabase = true;
      }
    }
  } catch (cause) {
    throw new OpsError(`provisioning roles on the server failed: ${redactSecrets((cause as Error).message, secrets)}`, {
      code: 'OPS_TOOL_FAILED',
      subject: admin,
      hint: 'DATABASE_ADMIN_URL must be a superuser or a role with CREATEROLE (and CREATEDB for --create-database)',
    });
  } finally {
    await server.end();
  }

  const target = parseLooseUrl(options.adminUrl);
  target.url.pathname = `/${database}`;
  const targetUrl = formatLooseUrl(target);
  const db = client(targetUrl);
  try {
    await grant(db, config, database);
  } finally {
    await db.end();
  }
  const roleUrl = (user: string, password: string) => {
    const url = parseLooseUrl(targetUrl);
    url.url.username = user;
    url.url.password = password;
    return formatLooseUrl(url);
  };
  return { database, createdRoles, createdDatabase, adminRoleUrl: roleUrl(admin, options.adminPassword), appRoleUrl: roleUrl(app, options.appPassword) };
}

/** One connection for provisioning; IPv6 and Unix-socket URLs go through {@link postgresEndpoint} as everywhere. */
function client(url: string): Sql {
  const endpoint = postgresEndpoint(url);
  return postgres(endpoint.url, { ...endpoint.options, max: 1, onnotice: () => {} });
}

async function grant(sql: Sql, config: DbConfig, database: string): Promise<void> {
  const admin = ident(config.roles.admin.user);
  const app = ident(config.roles.app.user);
  await sql.begin(async (tx) => {
    await tx.unsafe(`grant connect on database ${ident(database)} to ${admin}, ${app}`);
    await tx.unsafe(`grant usage, create on schema public to ${admin}`);
    await tx.unsafe(`grant usage on schema public to ${app}`);
    // Before PostgreSQL 15 every role may create tables in public (CREATE for PUBLIC); 15 took that away.
    // Our app role must not, so older servers lose it too (the admin role keeps its explicit grant).
    const [version] = await tx.unsafe<{ n: number }[]>(`select current_setting('server_version_num')::int as n`);
    if ((version?.n ?? 150000) < 150000) await tx.unsafe('revoke create on schema public from public');
    // ...and everything the admin role creates later is granted the same way (the ledger excepted, below).
    await tx.unsafe(`alter default privileges for role ${admin} in schema public grant select, insert, update, delete on tables to ${app}`);
    await tx.unsafe(`alter default privileges for role ${admin} in schema public grant usage, select on sequences to ${app}`);
    // The ledger exists before the first migration, owned by the admin role, so its grants are ours to set.
    await tx.unsafe(`set local role ${admin}`);
    await tx.unsafe(createLedgerSql('postgresql', config.prefix));
    await tx.unsafe('reset role');
    await grantTables(viaPostgres(tx), config);
  });
}

/**
 * Gives this prefix's tables and sequences to the admin role and grants the app role DML on them, except
 * the ledger, which the app role may only read (health checks read it; only migrations write it). Only this
 * prefix's objects: a prefix extending ours, like cts_eu for cts, is recognised by its ledger and skipped.
 */
export async function grantTables(query: SqlQuery, config: DbConfig): Promise<void> {
  const admin = ident(config.roles.admin.user);
  const app = ident(config.roles.app.user);
  // Tables first: a new owner of a table is also the owner of the sequences its serial and identity columns
  // own, and PostgreSQL refuses to give such a sequence an owner of its own (it is already the admin's then).
  const candidates = await query<{ name: string; kind: string }>(
    `select c.relname::text as name, c.relkind::text as kind from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'S') and starts_with(c.relname::text, $1)
     order by c.relkind = 'S', c.relname`,
    [`${config.prefix}_`],
  );
  const owned = ownedBy(config.prefix, candidates.map((c) => c.name).filter((n) => n.endsWith(`_${LEDGER_BASE_NAME}`)));
  const mine = candidates.filter((c) => owned(c.name));
  for (const { name } of mine) await query(`alter table ${ident(name)} owner to ${admin}`);
  const ledger = ledgerTableName(config.prefix);
  const tables = mine.filter((c) => c.kind !== 'S' && c.name !== ledger).map((c) => ident(c.name));
  const sequences = mine.filter((c) => c.kind === 'S').map((c) => ident(c.name));
  if (tables.length > 0) await query(`grant select, insert, update, delete on table ${tables.join(', ')} to ${app}`);
  if (sequences.length > 0) await query(`grant usage, select on sequence ${sequences.join(', ')} to ${app}`);
  if (mine.some((c) => c.name === ledger)) {
    await query(`revoke all on table ${ident(ledger)} from ${app}`);
    await query(`grant select on table ${ident(ledger)} to ${app}`);
  }
}

export interface PrivilegeProblem {
  /** The table or sequence. */
  readonly table: string;
  readonly problem: string;
}

type Flags<K extends string> = { readonly name: string; readonly owner: string } & { readonly [P in K]: boolean };

/**
 * What is not as `db:setup` leaves it: a table or sequence of the prefix not owned by the admin role, or the app
 * role missing a privilege it needs or holding one it must not. Tables: SELECT/INSERT/UPDATE/DELETE (SELECT only
 * on the ledger), never TRUNCATE, REFERENCES or TRIGGER. Sequences (serial and identity columns): USAGE and
 * SELECT, which inserting a row and reading currval need, never UPDATE (setval). Empty when all is as it should be.
 */
export async function privilegeProblems(query: SqlQuery, config: DbConfig): Promise<PrivilegeProblem[]> {
  const params = [`${config.prefix}_`, config.roles.app.user];
  const tables = await query<Flags<'s' | 'i' | 'u' | 'd' | 't' | 'r' | 'tr'>>(
    `select c.relname::text as name, pg_get_userbyid(c.relowner)::text as owner,
            has_table_privilege($2, c.oid, 'select') as s, has_table_privilege($2, c.oid, 'insert') as i,
            has_table_privilege($2, c.oid, 'update') as u, has_table_privilege($2, c.oid, 'delete') as d,
            has_table_privilege($2, c.oid, 'truncate') as t, has_table_privilege($2, c.oid, 'references') as r,
            has_table_privilege($2, c.oid, 'trigger') as tr
     from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and starts_with(c.relname::text, $1)
     order by c.relname`,
    params,
  );
  const sequences = await query<Flags<'use' | 'sel' | 'upd'>>(
    `select c.relname::text as name, pg_get_userbyid(c.relowner)::text as owner,
            has_sequence_privilege($2, c.oid, 'usage') as use, has_sequence_privilege($2, c.oid, 'select') as sel,
            has_sequence_privilege($2, c.oid, 'update') as upd
     from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S' and starts_with(c.relname::text, $1)
     order by c.relname`,
    params,
  );
  const owned = ownedBy(config.prefix, tables.map((r) => r.name).filter((n) => n.endsWith(`_${LEDGER_BASE_NAME}`)));
  const ledger = ledgerTableName(config.prefix);
  const app = config.roles.app.user;
  const problems: PrivilegeProblem[] = [];
  const check = <K extends string>(row: Flags<K>, expected: Readonly<Record<K, boolean>>, names: Readonly<Record<K, string>>) => {
    if (row.owner !== config.roles.admin.user) problems.push({ table: row.name, problem: `owned by ${row.owner}, not ${config.roles.admin.user}` });
    for (const key of Object.keys(expected) as K[]) {
      if (row[key] !== expected[key]) problems.push({ table: row.name, problem: `${app} ${expected[key] ? 'lacks' : 'has'} ${names[key]}` });
    }
  };
  const TABLE = { s: 'SELECT', i: 'INSERT', u: 'UPDATE', d: 'DELETE', t: 'TRUNCATE', r: 'REFERENCES', tr: 'TRIGGER' } as const;
  for (const r of tables.filter((row) => owned(row.name))) {
    const writes = r.name !== ledger;
    check(r, { s: true, i: writes, u: writes, d: writes, t: false, r: false, tr: false }, TABLE);
  }
  for (const r of sequences.filter((row) => owned(row.name))) check(r, { use: true, sel: true, upd: false }, { use: 'USAGE', sel: 'SELECT', upd: 'UPDATE' });
  return problems;
}
