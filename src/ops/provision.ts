import postgres, { type Sql } from 'postgres';
import type { DbConfig } from '../config/index.js';
import { redactSecrets } from '../errors/redact.js';
import { ownedBy } from '../drift/live-catalog.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
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
  const server = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  const createdRoles: string[] = [];
  let database = new URL(options.adminUrl).pathname.slice(1) || 'postgres';
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

  const target = new URL(options.adminUrl);
  target.pathname = `/${database}`;
  const db = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    await grant(db, config, database);
  } finally {
    await db.end();
  }
  const roleUrl = (user: string, password: string) => {
    const url = new URL(target.toString());
    url.username = user;
    url.password = password;
    return url.toString();
  };
  return { database, createdRoles, createdDatabase, adminRoleUrl: roleUrl(admin, options.adminPassword), appRoleUrl: roleUrl(app, options.appPassword) };
}

async function grant(sql: Sql, config: DbConfig, database: string): Promise<void> {
  const admin = ident(config.roles.admin.user);
  const app = ident(config.roles.app.user);
  await sql.begin(async (tx) => {
    await tx.unsafe(`grant connect on database ${ident(database)} to ${admin}, ${app}`);
    await tx.unsafe(`grant usage, create on schema public to ${admin}`);
    await tx.unsafe(`grant usage on schema public to ${app}`);
    // Tables that exist already (created before the roles) move to the admin role and are granted now...
    // (Only this prefix's: a prefix extending ours, like cts_eu for cts, is recognised by its ledger and skipped.)
    const candidates = await tx<{ name: string; kind: string }[]>`
      select c.relname::text as name, c.relkind::text as kind from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'S') and c.relname like ${`${config.prefix.replaceAll('_', '\\_')}\\_%`}`;
    const owned = ownedBy(config.prefix, candidates.map((c) => c.name).filter((n) => n.endsWith(`_${LEDGER_BASE_NAME}`)));
    const mine = candidates.filter((c) => owned(c.name));
    for (const { name } of mine) await tx.unsafe(`alter table ${ident(name)} owner to ${admin}`);
    const tables = mine.filter((c) => c.kind !== 'S').map((c) => ident(c.name));
    const sequences = mine.filter((c) => c.kind === 'S').map((c) => ident(c.name));
    if (tables.length > 0) await tx.unsafe(`grant select, insert, update, delete on table ${tables.join(', ')} to ${app}`);
    if (sequences.length > 0) await tx.unsafe(`grant usage, select on sequence ${sequences.join(', ')} to ${app}`);
    // ...and everything the admin role creates later is granted the same way.
    await tx.unsafe(`alter default privileges for role ${admin} in schema public grant select, insert, update, delete on tables to ${app}`);
    await tx.unsafe(`alter default privileges for role ${admin} in schema public grant usage, select on sequences to ${app}`);
  });
}
