/**
 * `pnpm db:check [--json] [--no-cache]`: the CI drift check. Exit 0 with a one-line summary when schema/,
 * drizzle/ and generated/ agree; exit 1 listing what is out of sync and the command that fixes it.
 * A clean verdict is kept in .cache/cts-db/db-check.json under the digest of everything it depends on
 * (src/dev-cache/command-inputs.ts): while not one byte of that changed, the next run answers from it.
 * `pnpm db:check --live`: compares the configured live database (this prefix only) with the schema.
 */
import { join } from 'node:path';
import { projectDigest } from '../src/dev-cache/command-inputs.js';
import { readCached, writeCached } from '../src/dev-cache/result-cache.js';
import { runCommand } from './command-line.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';
import { endChildrenOnSignal } from './end-children.js';

interface CachedCheck {
  readonly report: unknown;
  readonly text: string;
}

const CACHE_NAME = 'db-check';

await runCommand(COMMANDS['db-check'], async ({ values }) => {
  if (values.live) {
    // Loaded only here: the drivers take about a second to import, which the static check's cache hit must not pay.
    const [{ resolveConfig }, { formatLiveDrift, liveDrift }, { openMigrationDriver }] = await Promise.all([
      import('../src/config/index.js'),
      import('../src/drift/live-drift.js'),
      import('../src/migrate/open-driver.js'),
    ]);
    const config = resolveConfig();
    const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
    try {
      const live = await liveDrift(driver, config);
      process.stdout.write(values.json ? `${JSON.stringify(live, null, 2)}\n` : `${formatLiveDrift(live)}\n`);
      return live.ok ? 0 : 1;
    } finally {
      await driver.close();
    }
  }
  const root = process.cwd();
  const toolkitRoot = join(import.meta.dirname, '..');
  // Before anything heavy is loaded: a hit costs the start of Node and one read of the inputs.
  const digest = await projectDigest(root, toolkitRoot, ['db-check']);
  const cached = values['no-cache'] ? undefined : await readCached<CachedCheck>(root, CACHE_NAME, digest);
  if (cached !== undefined) {
    process.stdout.write(values.json ? `${JSON.stringify({ ...(cached.report as object), cached: true }, null, 2)}\n` : `${cached.text} (unchanged since the last clean check)\n`);
    return 0;
  }
  endChildrenOnSignal();
  // The static check needs drizzle-kit and ts-morph (development tools): loaded only here, so `--live` runs
  // from an installed package with its production dependencies alone.
  const [{ schema }, { checkDrift, formatDriftReport }] = await Promise.all([import('../schema/index.js'), import('../src/drift/check-drift.js')]);
  const steps = progress(progressEnabled(values.json));
  const report = await checkDrift(root, schema, { onStep: (e) => (e.phase === 'start' ? steps.start(e.name) : steps.end(e.name, e.ms ?? 0)) });
  const text = formatDriftReport(report);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${text}\n`);
  // Kept only when the inputs are still the bytes the check started from (nothing was edited meanwhile).
  if (report.ok && (await projectDigest(root, toolkitRoot, ['db-check'])) === digest) await writeCached<CachedCheck>(root, CACHE_NAME, digest, { report, text });
  return report.ok ? 0 : 1;
});
