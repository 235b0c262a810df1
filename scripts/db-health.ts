/** `pnpm db:health`: prints the health JSON; exit 0 when healthy, 1 otherwise. */
import { resolveConfig } from '../src/config/index.js';
import { createHealthChecker } from '../src/health/index.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const checker = createHealthChecker(resolveConfig());
  try {
    const report = await checker.check();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.status === 'healthy' ? 0 : 1;
  } finally {
    await checker.close();
  }
});
