/** `pnpm db:health`: prints the health JSON; exit 0 when healthy, 1 otherwise. */
import { resolveConfig } from '../src/config/index.js';
import { createHealthChecker } from '../src/health/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

// The report is JSON with or without --json (the flag is accepted so every reporting command takes it).
await runCommand(COMMANDS['db-health'], async () => {
  const checker = createHealthChecker(resolveConfig());
  try {
    const report = await checker.check();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.status === 'healthy' ? 0 : 1;
  } finally {
    await checker.close();
  }
});
