import type { CommandResult } from './repo-copy.js';
import { killGroup, spawnInGroup } from './process-groups.js';

/**
 * Runs a command to completion, collecting its output and exit code. It runs in its own process group:
 * after `timeoutMs` the whole group is killed, so nothing it started outlives the test.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number; /** `env` is the whole environment (default: added to this process's). */ readonly exactEnv?: boolean },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawnInGroup(command, args, { cwd: options.cwd, env: options.exactEnv === true ? options.env : { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => void (child.pid === undefined ? child.kill('SIGKILL') : killGroup(child.pid)), options.timeoutMs ?? 120_000);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
