/**
 * Sequences of the app's tables (identity and serial columns), which the CTS schema itself does not have: a
 * custom migration in a scratch copy of the repository adds two such tables. The app role must be able to
 * insert into them after db:setup adopts tables that were migrated before it, and again after db:backup and
 * db:restore; `privilegeProblems` names a sequence privilege that is missing or one too many. The serial
 * column is the one that needs the grant: its default calls nextval(), which checks USAGE, while PostgreSQL
 * draws an identity column's value without a privilege check.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { privilegeProblems } from '../../src/ops/provision.js';
import { nextTag } from '../support/committed-migrations.js';
import { embedMigrations } from '../support/embed-migrations.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const suffix = randomBytes(3).toString('hex');
const PROJECT = `Seq ${suffix}`;
const PREFIX = `seq_${suffix}`;
const APP = `${PREFIX}_app`;

const SQL = {
  pg: 'CREATE TABLE counters (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL);\n--> statement-breakpoint\nCREATE TABLE tickets (id serial PRIMARY KEY, note text NOT NULL);\n',
  sqlite: 'CREATE TABLE counters (id integer PRIMARY KEY AUTOINCREMENT, note text NOT NULL);\n--> statement-breakpoint\nCREATE TABLE tickets (id integer PRIMARY KEY AUTOINCREMENT, note text NOT NULL);\n',
} as const;
const DOWN = 'DROP TABLE tickets;\n--> statement-breakpoint\nDROP TABLE counters;\n';

describe('sequences of identity and serial columns under the least-privilege roles', () => {
  let pg: TestPostgres;
  let copy: { root: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let appUrl: string;
  beforeAll(async () => {
    if (postgresMode() !== 'server') return;
    pg = await createTestPostgres();
    env = { DATABASE_URL: pg.url };
    copy = await copyRepo();
    const created = await runScriptIn(copy.root, 'db-migrate-create.ts', ['add_counters']);
    expect(created.stderr).toBe('');
    for (const folder of ['pg', 'sqlite'] as const) {
      const tag = nextTag(folder, 'add_counters');
      await writeFile(join(copy.root, 'drizzle', folder, `${tag}.sql`), SQL[folder]);
      await writeFile(join(copy.root, 'drizzle', folder, 'down', `${tag}.sql`), DOWN);
    }
    await embedMigrations(copy.root);
  }, 60_000);
  afterAll(async () => {
    if (pg === undefined) return;
    await pg.cleanup();
    await copy.cleanup();
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    for (const role of [`${PREFIX}_admin`, APP]) {
      await admin.unsafe(`drop owned by "${role}"`).catch(() => undefined);
      await admin.unsafe(`drop role if exists "${role}"`);
    }
    await admin.end();
  });

  /** The ids the app role's inserts got from the two sequences. */
  const insertAsApp = async (note: string): Promise<number[]> => {
    const app = postgres(appUrl, { max: 1, onnotice: () => {} });
    try {
      const ids: number[] = [];
      for (const table of ['counters', 'tickets']) {
        const [row] = await app.unsafe<{ id: number }[]>(`insert into "${PREFIX}_${table}" (note) values ($1) returning id`, [note]);
        ids.push(row!.id);
      }
      return ids;
    } finally {
      await app.end();
    }
  };
  const problems = async () => {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      return await privilegeProblems(async <T>(q: string, p: readonly unknown[] = []) => (await sql.unsafe(q, p as never[])) as unknown as T[], resolveConfig({ env: { DATABASE_URL: pg.url, DB_PREFIX: PREFIX }, configFile: false }));
    } finally {
      await sql.end();
    }
  };
  const superuser = async (statement: string) => {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end();
    }
  };

  itNeedsServer('tables migrated before db:setup: after setup, and after db:backup and db:restore, the app role inserts through both sequences', async () => {
    // Migrated by the server's superuser first: the tables and their sequences are not the admin role's yet,
    // so only setup's own grants (not the admin role's default privileges) reach them.
    const migrated = await runScriptIn(copy.root, 'db-migrate.ts', [], { ...env, DB_PREFIX: PREFIX });
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const setup = await runScriptIn(copy.root, 'db-setup.ts', ['--yes', '--project-name', PROJECT], env);
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    const password = /^DB_APP_PASSWORD=(.*)$/m.exec(await readFile(join(copy.root, 'data', '.env.db'), 'utf8'))?.[1];
    const url = new URL(pg.url);
    url.username = APP;
    url.password = password!;
    appUrl = url.toString();

    expect(await problems()).toEqual([]);
    expect(await insertAsApp('after setup')).toEqual([1, 1]);

    const file = join(copy.root, 'data', 'sequences.dump');
    const backup = await runScriptIn(copy.root, 'db-backup.ts', ['--file', file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const restore = await runScriptIn(copy.root, 'db-restore.ts', [file], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await problems()).toEqual([]);
    // The sequences carry on where the backup left them.
    expect(await insertAsApp('after restore')).toEqual([2, 2]);
  }, 120_000);

  itNeedsServer('privilegeProblems names a sequence the app role cannot use, or may set; db:setup grants USAGE again', async () => {
    await superuser(`revoke usage on sequence "${PREFIX}_counters_id_seq" from "${APP}"`);
    await superuser(`grant update on sequence "${PREFIX}_tickets_id_seq" to "${APP}"`);
    expect(await problems()).toEqual([
      { table: `${PREFIX}_counters_id_seq`, problem: `${APP} lacks USAGE` },
      { table: `${PREFIX}_tickets_id_seq`, problem: `${APP} has UPDATE` },
    ]);
    await superuser(`revoke update on sequence "${PREFIX}_tickets_id_seq" from "${APP}"`);
    const again = await runScriptIn(copy.root, 'db-setup.ts', ['--yes', '--project-name', PROJECT], env);
    expect(again.code).toBe(0);
    expect(await problems()).toEqual([]);
    expect(await insertAsApp('after setup again')).toEqual([3, 3]);
  }, 60_000);
});
