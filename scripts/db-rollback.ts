/**
 * `pnpm db:rollback [--steps N | --to <tag>] [--yes] [--plan]`: undoes applied migrations with their down files,
 * newest first. Every step is checked (down file present, no table or column holding rows dropped without
 * --yes) before any runs; `--plan` prints each step's exact down SQL and runs nothing.
 */
import { resolveConfig } from '../src/config/index.js';
import { rollbackMigrations } from '../src/migrate/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-rollback'], async ({ values }) => {
  const steps = values.steps === undefined ? undefined : Number(values.steps);
  const config = resolveConfig();
  const result = await rollbackMigrations(config, {
    ...(await migrationOptions(values)),
    ...(steps === undefined ? {} : { steps }),
    ...(values.to === undefined ? {} : { to: values.to }),
    yes: values.yes,
    plan: values.plan,
  });
  if (values.json) {
    if (result.error !== undefined) throw result.error;
    process.stdout.write(`${JSON.stringify({ ok: true, plan: values.plan, rolledBack: result.rolledBack, steps: result.steps }, null, 2)}\n`);
    return 0;
  }
  if (values.plan) {
    if (result.error !== undefined) throw result.error;
    if (result.steps.length === 0) process.stdout.write('nothing to roll back\n');
    for (const step of result.steps) process.stdout.write(`-- undo ${step.tag} (${step.where})\n${step.statements.map((s) => `${s.trimEnd()}${s.trimEnd().endsWith(';') ? '' : ';'}`).join('\n')}\n\n`);
    return 0;
  }
  for (const tag of result.rolledBack) process.stdout.write(`rolled back ${tag}\n`);
  if (result.error !== undefined) throw result.error;
  process.stdout.write(result.rolledBack.length === 0 ? 'nothing to roll back\n' : `rolled back ${result.rolledBack.length} migration(s) on prefix ${config.prefix}\n`);
  return 0;
});
