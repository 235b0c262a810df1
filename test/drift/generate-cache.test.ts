import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const NOOP = [
  'generated/ is up to date',
  'drizzle/pg: no schema changes, no migration',
  'drizzle/sqlite: no schema changes, no migration',
  'generated/migrations.ts is up to date',
  'drizzle/migrations.sum is up to date',
  '',
].join('\n');
const HIT_LINE = 'db:generate: nothing to do (schema/, drizzle/, generated/ and the toolkit unchanged since the last run that wrote nothing)\n';

describe('pnpm db:generate answers a run with nothing to do from its kept output while no input byte changed', () => {
  let repo: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    repo = await copyRepo();
  });
  afterAll(() => repo.cleanup());

  it('keeps a run that wrote nothing; repeats its output; a changed byte runs the generator; the kept bytes again answer from it again', async () => {
    const first = await runScriptIn(repo.root, 'generate-unless-unchanged.ts');
    expect({ code: first.code, stdout: first.stdout }).toEqual({ code: 0, stdout: NOOP });
    const hit = await runScriptIn(repo.root, 'generate-unless-unchanged.ts', ['--name', 'anything']);
    expect({ code: hit.code, stdout: hit.stdout, stderr: hit.stderr }).toEqual({ code: 0, stdout: `${NOOP}${HIT_LINE}`, stderr: '' });

    // A hand edit of generated/: the generator must run and restore it.
    const file = join(repo.root, 'generated', 'schema.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}edited\n`);
    const restored = await runScriptIn(repo.root, 'generate-unless-unchanged.ts');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('generated/: wrote generated/schema.md\n');
    expect(await readFile(file, 'utf8')).toBe(original);
    // The same bytes as the kept run again: its output applies again.
    const again = await runScriptIn(repo.root, 'generate-unless-unchanged.ts');
    expect(again.stdout).toBe(`${NOOP}${HIT_LINE}`);
  }, 400_000);

  it('--json keeps its own document; --rename, --drop and --rehash always run the generator', async () => {
    const first = await runScriptIn(repo.root, 'generate-unless-unchanged.ts', ['--json']);
    expect(first.code).toBe(0);
    const hit = await runScriptIn(repo.root, 'generate-unless-unchanged.ts', ['--json']);
    expect(hit.stdout).toBe(first.stdout);
    expect(JSON.parse(hit.stdout)).toMatchObject({ ok: true, written: [], embedded: [], sum: false });
    const drop = await runScriptIn(repo.root, 'generate-unless-unchanged.ts', ['--drop', 'no_such_table']);
    expect(drop.stdout).not.toContain('db:generate: nothing to do');
  }, 400_000);
});
