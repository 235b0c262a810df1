import { readdir, readFile } from 'node:fs/promises';

/** A process as /proc shows it: its parent, its process group, when it started (ticks since boot) and its command line. */
export interface ProcInfo {
  readonly pid: number;
  /** R, S, D, Z (a zombie: it has ended and waits only to be reaped), ... */
  readonly state: string;
  readonly ppid: number;
  readonly pgid: number;
  readonly start: string;
  readonly cmdline: string;
}

async function info(pid: number): Promise<ProcInfo | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Fields after the command name, which is in parentheses and may contain spaces: state ppid pgrp ... starttime (22nd).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').trim();
  return { pid, state: rest[0] ?? '', ppid: Number(rest[1]), pgid: Number(rest[2]), start: rest[19] ?? '', cmdline };
}

/** Every process on the machine (Linux /proc). */
export async function allProcesses(): Promise<ProcInfo[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p)).map(Number);
  return (await Promise.all(pids.map(info))).filter((p): p is ProcInfo => p !== undefined);
}

/** The processes below `pid` (children, their children, ...). */
export async function descendantsOf(pid: number): Promise<ProcInfo[]> {
  const all = await allProcesses();
  const found: ProcInfo[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Those of `seen` still running: the same pid with the same start time (a reused pid is another process),
 * not a zombie (ended; only its exit status is left for a parent to collect).
 */
export async function stillRunning(seen: readonly ProcInfo[]): Promise<ProcInfo[]> {
  const now = await Promise.all(seen.map((p) => info(p.pid)));
  return now.filter((p, i): p is ProcInfo => p !== undefined && p.start === seen[i]?.start && p.state !== 'Z');
}

/** Processes whose command line contains `marker`. */
export async function processesWith(marker: string): Promise<ProcInfo[]> {
  return (await allProcesses()).filter((p) => p.pid !== process.pid && p.cmdline.includes(marker));
}
