import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const CLEAN = /^db:check: clean: 31 tables; migrations pg \d+, sqlite \d+; 10 generated files in sync\n$/;
const HIT = /^db:check: clean: 31 tables; migrations pg \d+, sqlite \d+; 10 generated files in sync \(unchanged since the last clean check\)\n$/;

describe('db:check answers from its cache only while no input byte changed', () => {
  let repo: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    repo = await copyRepo();
  });
  afterAll(() => repo.cleanup());

  it('a clean run is kept; the next one answers from it (text and --json); a comment-only edit of a migration runs the whole check again; --no-cache always does', async () => {
    const first = await runScriptIn(repo.root, 'db-check.ts');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(CLEAN);
    expect(existsSync(join(repo.root, '.cache', 'cts-db', 'db-check.json'))).toBe(true);

    const hit = await runScriptIn(repo.root, 'db-check.ts');
    expect({ code: hit.code, stderr: hit.stderr }).toEqual({ code: 0, stderr: '' });
    expect(hit.stdout).toMatch(HIT);
    const json = await runScriptIn(repo.root, 'db-check.ts', ['--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, cached: true, tables: 31, generatedFiles: 10, problems: [] });

    // One byte of a comment: the sum check (part of the full run) must see it, so the cache must miss.
    const file = join(repo.root, 'drizzle', 'pg', '0000_init.sql');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `-- reviewed\n${original}`);
    const edited = await runScriptIn(repo.root, 'db-check.ts');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('- [sum/pg]');
    await writeFile(file, original);

    // The same bytes as the clean run again: its verdict applies again.
    const restored = await runScriptIn(repo.root, 'db-check.ts');
    expect(restored.stdout).toMatch(HIT);
    const forced = await runScriptIn(repo.root, 'db-check.ts', ['--no-cache']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(CLEAN);
  }, 400_000);
});
