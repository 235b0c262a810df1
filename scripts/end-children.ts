import { endChildGroups } from '../src/codegen/child-groups.js';

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * On SIGINT, SIGTERM or SIGHUP: ends the drizzle-kit process groups this command started, then exits with
 * 128 + the signal's number. Without it an interrupted db:check leaves `drizzle-kit check` running: it leads
 * its own process group, so neither a terminal's Ctrl-C nor a signal sent to us reaches it.
 */
export function endChildrenOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void endChildGroups('SIGTERM').finally(() => process.exit(EXIT_CODE[signal] ?? 1));
    });
  }
}
