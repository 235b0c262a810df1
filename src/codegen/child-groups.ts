import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The process groups of the tools this process started and that still run (drizzle-kit, spawned with
 * `detached: true`, leads its own group, so its own children go with it). A command that is interrupted
 * ends them (scripts/end-children.ts): otherwise they outlive it, reparented to init, still working.
 */
const groups = new Set<number>();

/** Records a child spawned with `detached: true` until it exits. */
export function trackChildGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  groups.add(pid);
  child.once('exit', () => groups.delete(pid));
}

/** The group ids still recorded. */
export function liveChildGroups(): readonly number[] {
  return [...groups];
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to every recorded group, waits up to `graceMs` for them to go, then SIGKILLs what is left.
 * Resolves when none of them has a process any more (as far as signals can tell).
 */
export async function endChildGroups(signal: NodeJS.Signals = 'SIGTERM', graceMs = 1_000): Promise<void> {
  const list = [...groups];
  for (const pgid of list) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (list.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  for (const pgid of list.filter(groupAlive)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone between the check and the kill
    }
  }
}

/**
 * The pids of this process's own children (Linux: /proc/self/task/<tid>/children; elsewhere none), such as
 * the esbuild service a TypeScript loader starts: ended too when the command is interrupted.
 */
export function ownChildren(): number[] {
  try {
    return readdirSync('/proc/self/task').flatMap((tid) =>
      readFileSync(`/proc/self/task/${tid}/children`, 'utf8')
        .split(' ')
        .filter((p) => p.trim() !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}
