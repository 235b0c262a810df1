import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  readonly ms: number;
  /** The sum over the command's process tree of each process's peak resident set (VmHWM), in KiB. */
  readonly peakKiB: number;
  readonly stdout: string;
}

/** pid -> ppid of every process (Linux /proc). */
async function parents(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    // The command name is in parentheses and may contain spaces: ppid is the second field after it.
    const ppid = stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== undefined) out.set(Number(name), ppid);
  }
  return out;
}

async function peakOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
}

/**
 * Runs a command to its end, in its own process group (killed with it, so nothing outlives a measurement),
 * sampling every 20 ms the peak RSS of it and every descendant: processes that ran at different times are
 * added too, so the figure is an upper bound of the tree's peak, and growth in a process's last 20 ms is missed.
 */
export function runMeasured(command: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const peaks = new Map<number, number>();
    let sampling = true;
    const sample = async () => {
      while (sampling) {
        const tree = await parents();
        const mine = new Set([child.pid ?? -1]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const [pid, ppid] of tree) if (mine.has(ppid) && !mine.has(pid)) (mine.add(pid), (grew = true));
        }
        for (const pid of mine) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, await peakOf(pid)));
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const sampled = sample();
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      sampling = false;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      void sampled.then(() => {
        if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code} in ${options.cwd}: ${out}`));
        else resolve({ ms, peakKiB: [...peaks.values()].reduce((a, b) => a + b, 0), stdout: out });
      });
    });
  });
}
