/**
 * `pnpm db:check [--json]`: the CI drift check. Exit 0 with a one-line summary when schema/, drizzle/ and
 * generated/ agree; exit 1 listing what is out of sync and the command that fixes it.
 * `pnpm db:check --live`: compares the configured live database (this prefix only) with the schema.
 */
import { resolveConfig } from '../src/config/index.js';
import { formatLiveDrift, liveDrift } from '../src/drift/live-drift.js';
import { openMigrationDriver } from '../src/migrate/open-driver.js';
import { runCommand } from './command-line.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-check'], async ({ values }) => {
  if (values.live) {
    const config = resolveConfig();
    const driver = openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
    try {
      const live = await liveDrift(driver, config);
      process.stdout.write(values.json ? `${JSON.stringify(live, null, 2)}\n` : `${formatLiveDrift(live)}\n`);
      return live.ok ? 0 : 1;
    } finally {
      await driver.close();
    }
  }
  // The static check needs drizzle-kit and ts-morph (development tools): loaded only here, so `--live` runs
  // from an installed package with its production dependencies alone.
  const [{ schema }, { checkDrift, formatDriftReport }] = await Promise.all([import('../schema/index.js'), import('../src/drift/check-drift.js')]);
  const steps = progress(progressEnabled(values.json));
  const report = await checkDrift(process.cwd(), schema, { onStep: (e) => (e.phase === 'start' ? steps.start(e.name) : steps.end(e.name, e.ms ?? 0)) });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDriftReport(report)}\n`);
  return report.ok ? 0 : 1;
});
