import { performance } from 'node:perf_hooks';

/**
 * Progress of a long command on stderr: each step as it starts and its time when it ends. On by default
 * when stderr is a terminal; off with --json (stdout is one document then) and when stderr is not a
 * terminal (logs stay short), unless CTS_PROGRESS=1 asks for it (CI logs, tests).
 */
export function progressEnabled(json: boolean): boolean {
  if (json) return false;
  if (process.env.CTS_PROGRESS === '1') return true;
  if (process.env.CTS_PROGRESS === '0') return false;
  return process.stderr.isTTY === true;
}

export interface Progress {
  /** Runs `fn` as one named step. */
  step<T>(label: string, fn: () => Promise<T>): Promise<T>;
  /** For steps reported by library callbacks. */
  start(label: string): void;
  end(label: string, ms: number): void;
}

export function progress(enabled: boolean): Progress {
  const start = (label: string) => {
    if (enabled) process.stderr.write(`... ${label}\n`);
  };
  const end = (label: string, ms: number) => {
    if (enabled) process.stderr.write(`done ${label} (${ms} ms)\n`);
  };
  return {
    start,
    end,
    async step(label, fn) {
      const started = performance.now();
      start(label);
      const result = await fn();
      end(label, Math.round(performance.now() - started));
      return result;
    },
  };
}
