import { endChildGroups, ownChildren } from '../src/codegen/child-groups.js';

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * On SIGINT, SIGTERM or SIGHUP: ends the drizzle-kit process groups this command started and its other
 * child processes, then exits with
 * 128 + the signal's number. Without it an interrupted db:check leaves `drizzle-kit check` running: it leads
 * its own process group, so neither a terminal's Ctrl-C nor a signal sent to us reaches it.
 */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whatever else runs under us (the loader's esbuild service) would only notice some time after we exit. */
async function endOwnChildren(graceMs = 1_000): Promise<void> {
  const pids = ownChildren();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // ended meanwhile
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

export function endChildrenOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void endChildGroups('SIGTERM')
        .then(() => endOwnChildren())
        .finally(() => process.exit(EXIT_CODE[signal] ?? 1));
    });
  }
}
