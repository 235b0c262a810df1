/**
 * What a deployment of an app runs, from the packed package installed in a scratch app: the `cts-db` bin in a
 * release step, whose usage lines and hints must name commands the app has (`cts-db <command>`, never the
 * repository's `pnpm db:<command>` scripts), and the README's plain Node example, started again and again as a
 * server restarts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags } from '../support/committed-migrations.js';
import { installPackedApp, type PackedApp } from '../support/packed-app.js';
import { readmeFileBlocks } from '../support/readme-blocks.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { runCommand } from '../support/run-command.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';

const TAGS = committedTags('sqlite');

let packed: PackedApp;
let bin: string;
let pg: TestPostgres;

beforeAll(async () => {
  packed = await installPackedApp('cts-deploy');
  bin = join(packed.app, 'node_modules', '.bin', 'cts-db');
  pg = await createTestPostgres();
}, 400_000);

afterAll(async () => {
  await pg?.cleanup();
  await packed?.cleanup();
});

const sqliteEnv = (file: string) => ({ SQLITE_DB_PATH: `data/${file}`, DB_CONFIG_FILE: 'data/none.json', DATABASE_URL: '' });

describe('the bin names itself cts-db in usage lines, usage errors and hints', () => {
  it('an unknown flag: exit 2, the command and its --help named as cts-db migrate', async () => {
    const run = await runCommand(bin, ['migrate', '--bogus'], { cwd: packed.app, env: sqliteEnv('bogus.db') });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error [CLI_UNKNOWN_FLAG] cts-db migrate has no flag --bogus\n  hint: valid flags: --json, --tx, --lock-timeout, --migrations-dir, --plan, --help; see cts-db migrate --help\n');
  });

  it('a missing required flag: the hint is an example the app can run', async () => {
    const run = await runCommand(bin, ['baseline'], { cwd: packed.app, env: sqliteEnv('baseline.db') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error [CLI_MISSING_VALUE] cts-db baseline needs --to <tag>: the last migration the database already has\n  hint: e.g. cts-db baseline --to 0000_init\n');
  });

  it('--help: the usage line and every example start with cts-db <command>', async () => {
    const run = await runCommand(bin, ['migrate', '--help'], { cwd: packed.app });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('usage: cts-db migrate [flags]');
    expect(run.stdout.slice(run.stdout.indexOf('\nexamples:\n'))).toBe('\nexamples:\n  cts-db migrate\n  cts-db migrate --plan\n  cts-db migrate --tx all --lock-timeout 10000\n');
    expect(run.stdout).not.toContain('pnpm db:');
  });

  it('status with pending migrations: exit 1 and "run `cts-db migrate`"', async () => {
    const run = await runCommand(bin, ['status'], { cwd: packed.app, env: sqliteEnv('pending.db') });
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${TAGS.length} migration(s) pending: run \`cts-db migrate\``);
    expect(`${run.stdout}${run.stderr}`).not.toContain('pnpm db:');
  });

  it("a failing migration run: the library's hint names cts-db baseline and cts-db check --live", async () => {
    const file = join(packed.app, 'data', 'foreign.db');
    await runCommand('mkdir', ['-p', join(packed.app, 'data')], { cwd: packed.app });
    // A table of the prefix that this runner did not create: no ledger beside it.
    const raw = createClient({ url: `file:${file}` });
    await raw.execute('create table cts_v3_1_exchange_connections (id text primary key)');
    raw.close();
    const run = await runCommand(bin, ['migrate'], { cwd: packed.app, env: sqliteEnv('foreign.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error [MIGRATION_LEDGER_MISSING] tables of prefix cts_v3_1 exist (cts_v3_1_exchange_connections) but its ledger cts_v3_1_schema_migrations does not: they were not created by this runner\n' +
        `  hint: if they match the migrations up to a tag, record that with \`cts-db baseline --to <tag>\` (e.g. --to ${TAGS.at(-1)}; \`cts-db check --live\` compares them with the schema); otherwise use another DB_PREFIX\n`,
    );
  });
});

describe("the README's release step", () => {
  it('runs each command of its block as written: the first applies every migration, the second finds nothing to do', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /### Deploying[^\n]*\n[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)?.[1];
    const commands = (block ?? '').split('\n').map((line) => line.split('#')[0]!.trim()).filter((line) => line !== '');
    expect(commands).toEqual(['node node_modules/cts-db/dist/scripts/cli.js migrate', 'pnpm exec cts-db migrate']);
    const runs = [];
    for (const command of commands) runs.push(await runCommand('sh', ['-c', command], { cwd: packed.app, env: sqliteEnv('release.db') }));
    expect(runs.map((r) => [r.code, r.stderr, r.stdout.trimEnd().split('\n').at(-1)])).toEqual([
      [0, '', `applied ${TAGS.length} migration(s); ${TAGS.length} in total`],
      [0, '', `already up to date; ${TAGS.length} in total`],
    ]);
  });
});

describe("the README's plain Node example runs again and again", () => {
  const EXPECTED = { user: 'alice', role: 'trader', traders: 1 };
  const runTwice = async (env: NodeJS.ProcessEnv) => {
    const source = (await readmeFileBlocks()).get('main.mjs');
    expect(source).toBeDefined();
    await writeFile(join(packed.app, 'readme-main.mjs'), source as string);
    const runs = [];
    for (let i = 0; i < 2; i++) runs.push(await runCommand(process.execPath, ['readme-main.mjs'], { cwd: packed.app, env }));
    return runs.map((r) => ({ code: r.code, stderr: r.stderr, out: r.code === 0 ? (JSON.parse(r.stdout) as unknown) : r.stdout }));
  };

  it('on a fresh SQLite file: both runs exit 0 with the same one user', async () => {
    const runs = await runTwice(sqliteEnv('readme.db'));
    expect(runs).toEqual([
      { code: 0, stderr: '', out: EXPECTED },
      { code: 0, stderr: '', out: EXPECTED },
    ]);
  });

  it('on a fresh PostgreSQL database: both runs exit 0 with the same one user', async () => {
    const runs = await runTwice({ DATABASE_URL: pg.url, DB_CONFIG_FILE: 'data/none.json' });
    expect(runs).toEqual([
      { code: 0, stderr: '', out: EXPECTED },
      { code: 0, stderr: '', out: EXPECTED },
    ]);
  });
});
