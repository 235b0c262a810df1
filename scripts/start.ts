/**
 * `pnpm start`, the main job: resolves the configuration, prints it (never a password), and runs the
 * start-up initialisation: connect with retries, apply pending migrations under the lock, verify the
 * critical tables. Exit 0 when the database is ready.
 */
import { databaseTarget, describeConfig, resolveConfig } from '../src/config/index.js';
import { assertEmbeddingCurrent, describeHolders, initializeDatabase } from '../src/migrate/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS.start, async ({ json }) => {
  const config = resolveConfig();
  if (!json) process.stdout.write(`${describeConfig(config)}\n`);
  const out = json ? process.stderr : process.stdout;
  await assertEmbeddingCurrent(process.cwd());
  const summary = await initializeDatabase(config, {
    // A migration waiting for a table lock says so (PostgreSQL; see "Lock-safe DDL" in the README).
    onLockWait: (w) => out.write(`waiting   ${w.tag} statement ${w.statement} could not lock ${w.table ?? 'its table'} within ${w.lockTimeoutMs} ms (held by ${describeHolders(w.holders)}); retry ${w.attempt} of ${w.retries} in ${w.backoffMs} ms\n`),
  });
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...summary }, null, 2)}\n`);
    return 0;
  }
  for (const r of summary.results) if (r.status === 'applied') process.stdout.write(`applied   ${r.tag} (${r.ms} ms)\n`);
  process.stdout.write(
    `ready     ${config.dialect} ${databaseTarget(config)}, prefix ${config.prefix}: ` +
      `${summary.applied === 0 ? 'up to date' : `applied ${summary.applied} migration(s)`} (${summary.total} in total), critical tables present, ${summary.ms} ms\n`,
  );
  return 0;
});
