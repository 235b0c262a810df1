import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { migrate } from '../../src/migrate/index.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const PASSWORD = 'S3cret-Pw-for-argv-check';

describe('db:backup calls pg_dump safely', () => {
  let pg: TestPostgres;
  let dir: { path: string; cleanup: () => Promise<void> };
  let url: string;
  beforeAll(async () => {
    if (postgresMode() !== 'server') return;
    pg = await createTestPostgres();
    dir = await createTempDir('cts-pg-tools');
    // Trust authentication ignores the password, so a URL carrying one still connects: what matters here is
    // where the password travels.
    const withPassword = new URL(pg.url);
    withPassword.password = PASSWORD;
    url = withPassword.toString();
    expect((await migrate(resolveConfig({ env: { DATABASE_URL: url, DB_PREFIX: 'tools' }, configFile: false }))).ok).toBe(true);
  });
  afterAll(async () => {
    await pg?.cleanup();
    await dir?.cleanup();
  });

  itNeedsServer('the password goes to pg_dump through PGPASSWORD, never on its command line (a recording pg_dump on PATH)', async () => {
    const bin = join(dir.path, 'bin');
    await mkdir(bin);
    const record = join(dir.path, 'pg_dump.record.json');
    // Stands in for the tool only (the database is real): records argv and PGPASSWORD, writes the --file it was given.
    await writeFile(
      join(bin, 'pg_dump'),
      `#!${process.execPath}\nconst fs = require('node:fs');\nconst args = process.argv.slice(2);\nfs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args, password: process.env.PGPASSWORD }));\nconst file = args.find((a) => a.startsWith('--file='));\nif (file) fs.writeFileSync(file.slice('--file='.length), 'dump');\n`,
    );
    await chmod(join(bin, 'pg_dump'), 0o755);
    const run = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-backup.ts'), ['--file', join(dir.path, 'b.dump')], {
      DATABASE_URL: url,
      DB_PREFIX: 'tools',
      DB_CONFIG_FILE: join(dir.path, 'none.json'),
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(PASSWORD);
    const seen = JSON.parse(await readFile(record, 'utf8')) as { args: string[]; password: string | undefined };
    expect(seen.password).toBe(PASSWORD);
    expect(seen.args.join(' ')).not.toContain(PASSWORD);
    expect(seen.args.some((a) => a.startsWith('--dbname=postgres'))).toBe(true);
  });

  itNeedsServer('without pg_dump on PATH: OPS_TOOL_MISSING naming the tool and how to install it', async () => {
    const run = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-backup.ts'), ['--file', join(dir.path, 'c.dump')], {
      DATABASE_URL: url,
      DB_PREFIX: 'tools',
      DB_CONFIG_FILE: join(dir.path, 'none.json'),
      PATH: join(dir.path, 'empty-path'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [OPS_TOOL_MISSING] pg_dump is not installed (or not on PATH)');
    expect(run.stderr).toContain('postgresql-client');
    expect(run.stderr).not.toContain(PASSWORD);
  });
});
