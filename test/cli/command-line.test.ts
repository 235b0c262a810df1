import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '../../scripts/commands.js';
import { commandNameFor } from '../../src/errors/index.js';
import { REPO_ROOT, runScriptIn, scriptArgs } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * Entries that answer from a cache and otherwise load the command's own script (flags, help and errors are
 * its own): the command they stand for.
 */
const DELEGATES: Readonly<Record<string, CommandName>> = { 'generate-unless-unchanged': 'db-generate' };

/** Every package.json script that runs one of scripts/*.ts (`entry`), the command it runs, and the arguments it adds. */
async function scriptCommands(): Promise<{ script: string; file: CommandName; entry: string; args: string[] }[]> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(pkg.scripts).flatMap(([script, line]) => {
    const match = /^exec node --import tsx scripts\/([a-z-]+)\.ts(.*)$/.exec(line);
    const entry = match?.[1] ?? '';
    return match === null ? [] : [{ script, file: (DELEGATES[entry] ?? entry) as CommandName, entry, args: match[2]!.trim().split(/\s+/).filter((a) => a !== '') }];
  });
}

const STACK = /\n\s+at .+:\d+:\d+/;

describe('one command-line layer for every command', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-cli');
    // Nothing may be created: no SQLite file, no data/ folder, no connection attempt (the URL is never used).
    env = { SQLITE_DB_PATH: join(dir.path, 'never.db'), DB_CONFIG_FILE: join(dir.path, 'never.json'), DATABASE_URL: '', DB_PREFIX: 'cli_help' };
  });
  afterAll(() => dir.cleanup());

  it('every script in package.json runs through a registered command spec', async () => {
    const commands = await scriptCommands();
    expect(commands.length).toBeGreaterThanOrEqual(20);
    for (const c of commands) expect(Object.keys(COMMANDS), c.script).toContain(c.file);
    for (const file of Object.keys(COMMANDS)) {
      const source = await readFile(join(REPO_ROOT, 'scripts', `${file}.ts`), 'utf8');
      expect(source, file).toContain(`runCommand(COMMANDS${file === 'start' ? '.start' : `['${file}']`}`);
    }
  });

  it('--help on every command: exit 0, usage naming every flag, the environment and an example; nothing touched', async () => {
    const commands = await scriptCommands();
    const runs = await Promise.all(commands.map(async (c) => ({ c, run: await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${c.entry}.ts`), [...c.args, '--help'], env) })));
    for (const { c, run } of runs) {
      const spec = COMMANDS[c.file];
      expect(run.stderr, c.script).toBe('');
      expect(run.code, c.script).toBe(0);
      expect(run.stdout, c.script).toMatch(new RegExp(`^usage: ${commandNameFor('repository', spec.command).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      for (const flag of [...Object.keys(spec.flags), 'verbose']) expect(run.stdout, `${c.script} --${flag}`).toContain(`--${flag}`);
      expect(run.stdout, c.script).toContain('-h, --help');
      for (const variable of spec.env) expect(run.stdout, `${c.script} ${variable}`).toContain(variable);
      expect(run.stdout, c.script).toMatch(/\nexamples?:\n {2}\S/);
    }
    expect(existsSync(env.SQLITE_DB_PATH!)).toBe(false);
    expect(await readdir(dir.path)).toEqual([]);
  }, 180_000);

  it('an unknown flag on every command: exit 2, CLI_UNKNOWN_FLAG naming it and the valid flags, no stack', async () => {
    const commands = await scriptCommands();
    const runs = await Promise.all(commands.map(async (c) => ({ c, run: await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${c.entry}.ts`), [...c.args, '--no-such-flag'], env) })));
    for (const { c, run } of runs) {
      expect(run.code, c.script).toBe(2);
      expect(run.stdout, c.script).toBe('');
      expect(run.stderr, c.script).toContain(`error [CLI_UNKNOWN_FLAG] ${commandNameFor('repository', COMMANDS[c.file].command)} has no flag --no-such-flag`);
      expect(run.stderr, c.script).toContain('valid flags: ');
      expect(run.stderr, c.script).not.toMatch(STACK);
    }
    expect(await readdir(dir.path)).toEqual([]);
  }, 180_000);

  it.each([
    ['db-migrate', ['--tx', 'foo'], 'CLI_INVALID_VALUE', '--tx must be one of each, all, got "foo"'],
    ['db-migrate', ['--lock-timeout', 'abc'], 'CLI_INVALID_VALUE', '--lock-timeout must be a whole number of at least 1, got "abc"'],
    ['db-migrate', ['--lock-timeout'], 'CLI_MISSING_VALUE', '--lock-timeout needs a value'],
    ['db-serve', ['--port', 'abc'], 'CLI_INVALID_VALUE', '--port must be a whole number from 0 to 65535, got "abc"'],
    ['db-serve', ['--port', '70000'], 'CLI_INVALID_VALUE', '--port must be a whole number from 0 to 65535, got "70000"'],
    ['db-generate', ['--name'], 'CLI_MISSING_VALUE', '--name needs a value'],
    ['db-generate', ['--name', 'Not A Slug'], 'CLI_INVALID_VALUE', '--name "Not A Slug" must be a lowercase slug'],
    ['db-baseline', [], 'CLI_MISSING_VALUE', 'pnpm db:baseline needs --to <tag>'],
    ['db-rename-prefix', [], 'CLI_MISSING_VALUE', 'pnpm db:rename-prefix needs --to <prefix>'],
    ['db-restore', [], 'CLI_MISSING_VALUE', 'pnpm db:restore needs <file>'],
    ['db-restore', ['a.db', 'b.db'], 'CLI_UNEXPECTED_ARGUMENT', 'pnpm db:restore takes 1 argument(s)'],
    ['db-status', ['extra'], 'CLI_UNEXPECTED_ARGUMENT', 'pnpm db:status takes no argument "extra"'],
    ['db-rollback', ['--steps', '0'], 'CLI_INVALID_VALUE', '--steps must be a whole number of at least 1, got "0"'],
    ['db-seed', ['--env', 'staging'], 'CLI_INVALID_VALUE', '--env must be one of development, production, got "staging"'],
    ['db-resolve', ['--yes'], 'CLI_MISSING_VALUE', 'give exactly one of --applied <tag> or --rolled-back <tag>'],
    ['db-migrate-create', ['Bad Name'], 'CLI_INVALID_VALUE', 'the migration name must be a lowercase slug, got "Bad Name"'],
  ] as const)('%s %j: exit 2 with %s, a hint, no stack, nothing touched', async (file, args, code, message) => {
    const run = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${file}.ts`), [...args], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error [${code}] ${message}`);
    expect(run.stderr).toMatch(/\n {2}hint: \S/);
    expect(run.stderr).not.toMatch(STACK);
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('output into a closed pipe ends quietly (no EPIPE error), exit 0', async () => {
    const err = join(dir.path, 'epipe.err');
    const codeFile = join(dir.path, 'epipe.code');
    const node = [process.execPath, ...scriptArgs(join(REPO_ROOT, 'scripts', 'db-info.ts'))].map((a) => `'${a}'`).join(' ');
    // `true` exits without reading: every write of the command meets a closed pipe.
    await new Promise<void>((resolve) => {
      const child = spawn('bash', ['-c', `${node} 2>'${err}' | true; echo \${PIPESTATUS[0]} > '${codeFile}'`], { cwd: dir.path, env: { ...process.env, ...env, SQLITE_DB_PATH: join(dir.path, 'epipe.db') }, stdio: 'ignore' });
      child.on('close', () => resolve());
    });
    expect(await readFile(err, 'utf8')).toBe('');
    expect((await readFile(codeFile, 'utf8')).trim()).toBe('0');
  }, 60_000);

  it('a failing command shows a coded error and no stack; --verbose adds the stack', async () => {
    // A path where SQLite cannot work: a directory. Whatever its code, the output must not be a stack trace.
    const plain = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-info.ts'), [], { ...env, SQLITE_DB_PATH: dir.path });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^error \[[A-Z_]+\] /m);
    expect(plain.stderr).not.toMatch(STACK);
    const verbose = await runScriptIn(dir.path, join(REPO_ROOT, 'scripts', 'db-info.ts'), ['--verbose'], { ...env, SQLITE_DB_PATH: dir.path });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(STACK);
  }, 60_000);
});
