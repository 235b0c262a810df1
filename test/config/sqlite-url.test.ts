import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSqliteUrl } from '../../src/config/sqlite-url.js';
import { committedTags } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * DATABASE_URL=file:... names the SQLite file that is used: db:info shows it, db:migrate migrates it. It used
 * to be ignored for data/cts.db (exit 0). A URL that could be read two ways, or one that disagrees with
 * SQLITE_DB_PATH, is a coded error instead of another file.
 */
const HINT = 'write file:/absolute/path/to/cts.db or file:relative/path.db, or unset DATABASE_URL and set SQLITE_DB_PATH';

describe('checkSqliteUrl reads file: URLs as SQLite does', () => {
  it.each([
    ['file:///tmp/a.db', '/tmp/a.db'],
    ['file:/tmp/a.db', '/tmp/a.db'],
    ['file://localhost/tmp/a.db', '/tmp/a.db'],
    ['FILE:///tmp/a.db', '/tmp/a.db'],
    ['file:a.db', 'a.db'],
    ['file:./data/a.db', './data/a.db'],
    ['file:///tmp/with%20space.db', '/tmp/with space.db'],
  ])('%s is %s', (url, path) => {
    expect(checkSqliteUrl(url)).toEqual({ ok: true, path });
  });

  it.each([
    ['file://server/share/a.db', 'it names the host "server"; only a local file can be used'],
    ['file:///tmp/a.db?mode=ro', 'it has a query or fragment (such as ?mode=ro), which is not applied'],
    ['file:///tmp/a.db#x', 'it has a query or fragment (such as ?mode=ro), which is not applied'],
    ['file://', 'it names no file'],
    ['file:///', 'it names no file'],
    ['file:%zz.db', 'it has a malformed %-escape'],
    ['sqlite:///a.db', 'the sqlite: scheme means different paths to different tools: sqlite:///x.db is relative to some, absolute to others'],
  ])('%s is refused: %s', (url, reason) => {
    expect(checkSqliteUrl(url)).toEqual({ ok: false, reason, hint: HINT });
  });
});

describe('DATABASE_URL=file: through the commands', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-sqlite-url');
    env = { DB_PREFIX: 'fileurl', DB_CONFIG_FILE: join(dir.path, 'none.json'), SQLITE_DB_PATH: '', DATABASE_TYPE: '', VERCEL: '' };
  });
  afterAll(() => dir.cleanup());
  const run = (script: string, args: readonly string[], extra: Record<string, string>) => runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${script}.ts`), args, { ...env, ...extra });

  it('an absolute file: URL: db:info shows that file, db:migrate migrates it, and data/cts.db is never made', async () => {
    const file = join(dir.path, 'elsewhere', 'x.db');
    const url = `file://${file}`;
    const migrated = await run('db-migrate', ['--json'], { DATABASE_URL: url });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ ok: true, applied: committedTags('sqlite').length });

    const info = await run('db-info', ['--json'], { DATABASE_URL: url });
    expect(info.code, info.stderr).toBe(0);
    const doc = JSON.parse(info.stdout) as { config: { dialect: string; sqlite: { path: string }; notes: string[] }; connected: { target: string } };
    expect([doc.config.dialect, doc.config.sqlite.path, doc.connected.target, doc.config.notes]).toEqual(['sqlite', file, file, [`DATABASE_URL is a file: URL, so SQLite is used at ${file}`]]);

    // The same file named the other way has every migration applied.
    const status = await run('db-status', ['--json'], { DATABASE_URL: '', SQLITE_DB_PATH: file });
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { rows: { tag: string; state: string }[] }).rows).toEqual(committedTags('sqlite').map((tag) => expect.objectContaining({ tag, state: 'applied' })));
    expect(existsSync(join(dir.path, 'data'))).toBe(false);
  });

  it('a relative file: URL is relative to the working directory', async () => {
    const info = await run('db-info', ['--json'], { DATABASE_URL: 'file:rel/r.db' });
    expect(info.code, info.stderr).toBe(0);
    expect((JSON.parse(info.stdout) as { config: { sqlite: { path: string } } }).config.sqlite.path).toBe(join(dir.path, 'rel', 'r.db'));
  });

  it('a file: URL and a SQLITE_DB_PATH naming another file: CONFIG_CONFLICTING_VALUES, nothing created', async () => {
    const a = join(dir.path, 'a.db');
    const b = join(dir.path, 'b.db');
    const failed = await run('db-migrate', [], { DATABASE_URL: `file://${a}`, SQLITE_DB_PATH: b });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`error [CONFIG_CONFLICTING_VALUES] DATABASE_URL names the SQLite file ${a} but SQLITE_DB_PATH names ${b}\n  hint: set only one of DATABASE_URL and SQLITE_DB_PATH\n`);
    expect([existsSync(a), existsSync(b)]).toEqual([false, false]);
    // Both naming the same file is no conflict.
    const same = await run('db-info', ['--json'], { DATABASE_URL: `file://${a}`, SQLITE_DB_PATH: a });
    expect(same.code, same.stderr).toBe(0);
  });

  it('sqlite: and remote forms are CONFIG_INVALID_DATABASE_URL naming the variable and the fix, under --json too', async () => {
    const failed = await run('db-migrate', ['--json'], { DATABASE_URL: 'sqlite:///x.db' });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({
      ok: false,
      error: {
        code: 'CONFIG_INVALID_DATABASE_URL',
        message: 'DATABASE_URL is not a usable SQLite URL (the sqlite: scheme means different paths to different tools: sqlite:///x.db is relative to some, absolute to others): sqlite:///x.db',
        hint: HINT,
      },
    });
    const remote = await run('db-info', [], { DATABASE_URL: 'file://nas/share/x.db' });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toBe(`error [CONFIG_INVALID_DATABASE_URL] DATABASE_URL is not a usable SQLite URL (it names the host "nas"; only a local file can be used): file://nas/share/x.db\n  hint: ${HINT}\n`);
    expect(existsSync(join(dir.path, 'data'))).toBe(false);
  });
});
