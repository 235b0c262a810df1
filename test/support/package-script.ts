import { spawnSync } from 'node:child_process';
import type { CommandResult } from './repo-copy.js';
import { runCommand } from './run-command.js';

/** Whether pnpm is on PATH (`npm run setup` installs it; .ci/run too). */
export const hasPnpm = (): boolean => spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs a package.json script the way a person does, `pnpm run <name> [args]` (or `npm run` for `setup`,
 * which must work before pnpm exists), as a process in `cwd`. Vitest's own variables are removed, so a
 * nested `vitest run` behaves as it does on a terminal.
 */
export function runPackageScript(
  cwd: string,
  name: string,
  args: readonly string[] = [],
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number; readonly manager?: 'pnpm' | 'npm' } = {},
): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST') delete env[key];
  const manager = options.manager ?? 'pnpm';
  const separator = manager === 'npm' && args.length > 0 ? ['--'] : [];
  return runCommand(manager, ['run', name, ...separator, ...args], { cwd, env, exactEnv: true, timeoutMs: options.timeoutMs ?? 300_000 });
}
