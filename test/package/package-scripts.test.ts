import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-copy.js';
import { hasPnpm, runPackageScript } from '../support/package-script.js';

/**
 * Every package.json script is run as a process by some test (issue 16). The first test lists the scripts
 * and fails for any that no test runs; the others run the scripts no other test runs: setup, test,
 * typecheck, bench and test:mutation.
 */
const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const pnpm = hasPnpm();
if (!pnpm && process.env.CI === 'true') throw new Error('pnpm is required under CI (.ci/run installs it)');
if (!pnpm) console.log('[tests] skipped: package scripts run through pnpm: pnpm is not on PATH (npm run setup installs it)');

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(test\.ts|e2e\.mjs)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/**
 * Scripts no vitest test runs itself, with what runs them as a process instead; each claim is checked.
 */
const RUN_ELSEWHERE: Record<string, { readonly by: string; readonly check: () => Promise<boolean> }> = {
  // `pnpm pack` (test/support/packed-app.ts, for the packed-package tests) runs prepack, which is `pnpm build`.
  prepack: { by: 'pnpm pack in test/support/packed-app.ts', check: async () => (await readFile(join(REPO_ROOT, 'test/support/packed-app.ts'), 'utf8')).includes("runCommand('pnpm', ['pack'") },
  build: { by: 'prepack (pnpm pack)', check: async () => pkg.scripts.prepack === 'pnpm build' },
  // The end-to-end test is itself a test file (minutes: a Next.js build and a browser); .ci/run runs it.
  'test:e2e': { by: '.ci/run', check: async () => (await readFile(join(REPO_ROOT, '.ci/run'), 'utf8')).split('\n').includes('pnpm test:e2e') },
};

describe('package.json scripts', () => {
  it('every script is run as a process by at least one test (the entry file with a process helper, or the script by name with pnpm/npm)', async () => {
    const sources = await Promise.all((await testFiles(join(REPO_ROOT, 'test'))).map(async (f) => ({ file: relative(REPO_ROOT, f), text: await readFile(f, 'utf8') })));
    const runsProcesses = (text: string) => /\b(runScriptIn|runOnTerminal|scriptArgs|runCommand|spawn|startPnpm|runPackageScript)\(/.test(text);
    const unrun: string[] = [];
    for (const [name, line] of Object.entries(pkg.scripts)) {
      const tsx = /^exec node --import tsx scripts\/([a-z-]+)\.ts(.*)$/.exec(line);
      const byName = (text: string) => /\b(runPackageScript|startPnpm|spawn)\(/.test(text) && text.includes(`'${name}'`);
      const byEntry = (text: string) => {
        if (tsx === null) return false;
        const [, entry = '', extra = ''] = tsx;
        const named = new RegExp(`['"/(]${entry}(\\.ts)?['"]`).test(text);
        return named && runsProcesses(text) && extra.trim().split(/\s+/).filter(Boolean).every((arg) => text.includes(`'${arg}'`));
      };
      const runners = sources.filter((s) => byName(s.text) || byEntry(s.text)).map((s) => s.file);
      const elsewhere = RUN_ELSEWHERE[name];
      if (runners.length === 0 && !(elsewhere !== undefined && (await elsewhere.check()))) unrun.push(`${name} (${line})`);
    }
    expect(unrun).toEqual([]);
  });

  it.runIf(pnpm)('npm run setup on a copy without node_modules installs from the lockfile and runs the main job on SQLite (data/cts.db)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cts-setup-'));
    try {
      for (const entry of ['schema', 'src', 'generated', 'drizzle', 'scripts', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.json', 'drizzle.config.ts']) {
        await cp(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
      }
      const run = await runPackageScript(root, 'setup', [], { manager: 'npm', env: { CI: '', DATABASE_URL: '', CTS_PROGRESS: '0' } });
      expect(run.stdout).toContain('ready     sqlite');
      expect(run.stdout).toContain('setup: done. Run the tests with `pnpm test`.');
      expect(run.code).toBe(0);
      const db = new Database(join(root, 'data', 'cts.db'));
      try {
        const tables = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name like 'cts\\_v3\\_1\\_%' escape '\\'").get() as { n: number };
        expect(tables.n).toBe(32);
      } finally {
        db.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);

  it.runIf(pnpm)('pnpm test <file> runs that file and prints the summary line', async () => {
    const run = await runPackageScript(REPO_ROOT, 'test', ['test/naming/sanitize.test.ts']);
    expect(`${run.stdout}${run.stderr}`).toMatch(/tests: \d+ passed, 0 failed, 0 skipped/);
    expect(run.code).toBe(0);
  }, 300_000);

  it.runIf(pnpm)('pnpm typecheck fails, naming the file, when a type-only test stops holding (test/types is checked by tsc)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cts-typecheck-'));
    try {
      for (const entry of ['schema', 'src', 'generated', 'scripts', 'test', 'bench', 'package.json', 'tsconfig.json', 'drizzle.config.ts', 'vitest.config.ts']) {
        await cp(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
      }
      await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
      const file = join(root, 'test', 'types', 'row-types.types.ts');
      const text = await readFile(file, 'utf8');
      // Without its @ts-expect-error, the line that must not compile is an error tsc reports.
      const broken = text.replace(/^\/\/ @ts-expect-error .*\n/m, '');
      expect(broken).not.toBe(text);
      await writeFile(file, broken);
      const run = await runPackageScript(root, 'typecheck');
      expect(run.stdout).toMatch(/test\/types\/row-types\.types\.ts\(\d+,\d+\): error TS/);
      expect(run.code).not.toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);

  it.runIf(pnpm)('pnpm bench --only health --dialect sqlite --quick measures against its baseline and writes no files', async () => {
    const before = existsSync(join(REPO_ROOT, 'bench', 'results', 'latest.json')) ? await readFile(join(REPO_ROOT, 'bench', 'results', 'latest.json'), 'utf8') : null;
    const run = await runPackageScript(REPO_ROOT, 'bench', ['--only', 'health', '--dialect', 'sqlite', '--quick']);
    expect(run.stdout).toMatch(/sqlite +health check \(\d+ calls\): ours [\d.]+ ms vs bare SELECT 1 [\d.]+ ms -> ratio [\d.]+/);
    expect(run.stdout).toContain('a subset: no files written');
    expect(run.code).toBe(0);
    const after = existsSync(join(REPO_ROOT, 'bench', 'results', 'latest.json')) ? await readFile(join(REPO_ROOT, 'bench', 'results', 'latest.json'), 'utf8') : null;
    expect(after).toBe(before);
  }, 300_000);

  it.runIf(pnpm)('pnpm test:mutation refuses a group that does not exist, naming the groups (exit 2, nothing run)', async () => {
    const run = await runPackageScript(REPO_ROOT, 'test:mutation', ['nosuchgroup']);
    expect(run.stderr).toContain('error: nosuchgroup is not a mutation group; use one or more of naming, config, migrate, health, drift');
    expect(run.code).toBe(2);
  }, 120_000);
});
