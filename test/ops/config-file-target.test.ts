import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { migrate } from '../../src/migrate/index.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const suffix = randomBytes(3).toString('hex');
// Another instance's file in the default place: no command run with DB_CONFIG_FILE may touch it.
const OTHER = `${JSON.stringify({ projectName: 'Other Instance', dbPrefix: 'other_instance' }, null, 2)}\n`;

const script = (name: string) => join(REPO_ROOT, 'scripts', name);

describe.each([
  { dialect: 'sqlite' as const, label: 'SQLite' },
  { dialect: 'postgresql' as const, label: 'PostgreSQL' },
])('DB_CONFIG_FILE is the one file db:setup and db:rename-prefix write ($label)', ({ dialect }) => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pg: TestPostgres | undefined;
  let env: Record<string, string>;
  const project = `Cfg ${dialect} ${suffix}`;
  const prefix = `cfg_${dialect}_${suffix}`;
  const renamed = `cfgr_${dialect.slice(0, 2)}_${suffix}`;
  beforeAll(async () => {
    dir = await createTempDir('cts-config-file');
    await mkdir(join(dir.path, 'data'), { recursive: true });
    await writeFile(join(dir.path, 'data', 'db-config.json'), OTHER);
    env = { DB_CONFIG_FILE: 'instance-a/cfg.json', SQLITE_DB_PATH: join(dir.path, 'a.db'), PROJECT_NAME: '', DB_PREFIX: '', DATABASE_URL: '' };
    if (dialect === 'postgresql' && postgresMode() === 'server') {
      pg = await createTestPostgres();
      env.DATABASE_URL = pg.url;
    }
  });
  afterAll(async () => {
    await pg?.cleanup();
    await dir.cleanup();
  });

  const run = dialect === 'sqlite' ? it : itNeedsServer;

  run('setup writes DB_CONFIG_FILE, rename-prefix updates it, the default file is untouched, and the next start finds the data under the new prefix', async () => {
    // --config-only on PostgreSQL: role creation is setup.test.ts's subject; the file handling is the same code.
    const setup = await runScriptIn(dir.path, script('db-setup.ts'), ['--yes', '--project-name', project, ...(dialect === 'postgresql' ? ['--config-only'] : [])], env);
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    const cfgPath = join(dir.path, 'instance-a', 'cfg.json');
    expect(setup.stdout).toContain(`wrote ${cfgPath}`);
    expect(JSON.parse(await readFile(cfgPath, 'utf8'))).toMatchObject({ projectName: project, dbPrefix: prefix });
    expect(await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8')).toBe(OTHER);

    const config = () => resolveConfig({ cwd: dir.path, env: { ...env, DATABASE_TYPE: dialect } });
    expect(config().prefix).toBe(prefix);
    const first = await migrate(config());
    expect(first.ok).toBe(true);

    const rename = await runScriptIn(dir.path, script('db-rename-prefix.ts'), ['--to', renamed, '--yes'], env);
    expect(rename.stderr).toBe('');
    expect(rename.code).toBe(0);
    expect(rename.stdout).toContain(`updated ${cfgPath}`);
    expect(JSON.parse(await readFile(cfgPath, 'utf8'))).toMatchObject({ dbPrefix: renamed });
    expect(await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8')).toBe(OTHER);
    expect((await readdir(join(dir.path, 'data'))).sort()).toEqual(['db-config.json']);

    // What `pnpm start` does next: it resolves the new prefix from the file and has nothing to create.
    const after = config();
    expect(after.prefix).toBe(renamed);
    const again = await migrate(after);
    expect(again.ok).toBe(true);
    expect(again.applied).toBe(0);
  }, 120_000);
});
