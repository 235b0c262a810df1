import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Commands a test starts run in their own process group (`detached: true`), recorded here with their
 * folder until they exit, so a timeout or a cleanup can end the command together with everything it
 * started (drizzle-kit, esbuild, a server). Killing only the direct child left `drizzle-kit check`
 * processes spinning for an hour after their temporary repository was deleted.
 */
const live = new Map<number, string>();

/** spawn in a new process group, recorded until it exits. */
export function spawnInGroup(command: string, args: readonly string[], options: SpawnOptions & { readonly cwd: string }): ChildProcess {
  const child = spawn(command, [...args], { ...options, detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    live.set(pid, options.cwd);
    child.once('exit', () => live.delete(pid));
  }
  return child;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs the whole group led by `pgid` and waits (up to 5 s) until no process of it is left. */
export async function killGroup(pgid: number): Promise<void> {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return; // nothing left
  }
  const deadline = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** Ends every recorded command started in `folder` or below it: before the folder is deleted. */
export async function killGroupsUnder(folder: string): Promise<void> {
  const inside = [...live].filter(([, cwd]) => cwd === folder || cwd.startsWith(`${folder}/`)).map(([pid]) => pid);
  await Promise.all(inside.map(killGroup));
}
