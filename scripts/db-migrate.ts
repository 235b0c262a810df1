/**
 * `pnpm db:migrate [--plan] [--json] [--tx each|all] [--lock-timeout <ms>]`: applies the pending migrations
 * with the configured prefix; `--plan` prints the exact prefixed SQL instead of running it.
 */
import { databaseTarget, resolveConfig } from '../src/config/index.js';
import { describeConflict, describeHolders, describeViolation, describeMigrationSource, migrate, planMigrations } from '../src/migrate/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand } from './command-line.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';
import { errorLine, jsonError } from './json-error.js';

await runCommand(COMMANDS['db-migrate'], async ({ values }) => {
  const options = await migrationOptions(values);
  const config = resolveConfig();
  const where = `${config.dialect} ${databaseTarget(config)}, prefix ${config.prefix}`;
  if (values.plan === true) {
    const plan = await planMigrations(config, options);
    if (plan.error !== undefined) process.stderr.write(errorLine(plan.error));
    if (values.json) process.stdout.write(`${JSON.stringify({ ...plan, error: plan.error === undefined ? undefined : jsonError(plan.error) }, null, 2)}\n`);
    else if (plan.error !== undefined && plan.pending.length === 0) return 1;
    else if (plan.pending.length === 0) process.stdout.write(`nothing to apply on ${where}\n`);
    else {
      for (const m of plan.pending) {
        const affects = new Map((m.affects ?? []).map((a) => [a.statement, a]));
        const lines = m.statements.map((s, i) => {
          const a = affects.get(i);
          const refused =
            (m.violations ?? []).filter((v) => v.statement === i).map((v) => `-- REFUSED: ${describeViolation(v)}\n`).join('') +
            (m.conflicts ?? []).filter((c) => c.statement === i).map((c) => `-- REFUSED: ${describeConflict(c)}\n`).join('');
          const note = refused + (a === undefined ? '' : `-- affects ${a.rows === undefined ? 'no existing' : a.rows} row(s) of ${a.table}${a.column === undefined ? '' : ` holding a value in ${a.column}`}\n`);
          return `${note}${s.trimEnd()}${s.trimEnd().endsWith(';') ? '' : ';'}`;
        });
        process.stdout.write(`-- ${m.tag} (${m.file})\n${lines.join('\n')}\n\n`);
      }
    }
    return plan.ok ? 0 : 1;
  }
  // Progress while a statement waits for a table lock (PostgreSQL): on stderr under --json, which keeps stdout one document.
  const waits = values.json ? process.stderr : process.stdout;
  const steps = progress(progressEnabled(values.json));
  const result = await migrate(config, {
    ...options,
    onMigration: (m) => (m.ms === undefined ? steps.start(`applying ${m.tag}`) : steps.end(`applying ${m.tag}`, m.ms)),
    onLockWait: (w) =>
      waits.write(
        `waiting: ${w.tag} statement ${w.statement} could not lock ${w.table ?? 'its table'} within ${w.lockTimeoutMs} ms (held by ${describeHolders(w.holders)}); retry ${w.attempt} of ${w.retries} in ${w.backoffMs} ms\n`,
      ),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...result, error: result.error === undefined ? undefined : jsonError(result.error) }, null, 2)}\n`);
  } else {
    process.stdout.write(`migrating ${where} (migrations: ${describeMigrationSource(options)})\n`);
    for (const r of result.results) if (r.status !== 'already-applied') process.stdout.write(`  ${r.status.padEnd(8)} ${r.tag}${r.status === 'applied' ? ` (${r.ms} ms)` : ''}\n`);
    process.stdout.write(result.ok ? `${result.applied === 0 ? 'already up to date' : `applied ${result.applied} migration(s)`}; ${result.results.length} in total\n` : '');
  }
  if (result.error !== undefined) process.stderr.write(errorLine(result.error));
  return result.ok ? 0 : 1;
});
