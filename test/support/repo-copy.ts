import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { killGroup, killGroupsUnder, spawnInGroup } from './process-groups.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

const COPIED = ['schema', 'src', 'generated', 'drizzle', 'scripts', 'drizzle.config.ts', 'package.json', 'tsconfig.json'];

/** A scratch copy of the project (node_modules linked) in which a test may break things on purpose. */
export async function copyRepo(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'cts-repo-'));
  for (const entry of COPIED) await cp(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  // A command still running there (a test that timed out) is ended first, with its whole process group.
  return { root, cleanup: async () => {
    await killGroupsUnder(root);
    await rm(root, { recursive: true, force: true });
  } };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Node arguments that run a TypeScript script in ONE process (tsx as a loader), so a signal sent to the
 * child reaches the code itself; the tsx CLI would run it in a grandchild.
 */
export function scriptArgs(script: string, args: readonly string[] = []): string[] {
  // Resolved from this repository, so the script also runs with a working directory outside it.
  return ['--import', import.meta.resolve('tsx'), isAbsolute(script) ? script : join('scripts', script), ...args];
}

/** Longer than any test's own timeout: a backstop, the copy's cleanup normally ends a left-over command first. */
const SCRIPT_TIMEOUT_MS = 900_000;

/**
 * Runs one of the project's scripts the way `pnpm <script>` does (tsx), in `cwd`, in its own process group:
 * after `timeoutMs` the whole group is killed (the script and whatever it started) and `code` is null.
 */
export function runScriptIn(cwd: string, script: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}, timeoutMs = SCRIPT_TIMEOUT_MS): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawnInGroup(process.execPath, scriptArgs(script, args), {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => void (child.pid === undefined ? undefined : killGroup(child.pid)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
