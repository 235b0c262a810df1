/**
 * `pnpm db:migrate:create <name>`: an empty custom SQL migration in both dialect folders (a snapshot equal to
 * the previous one, as drizzle-kit's --custom writes), to be written with BASE names; the runner prefixes it
 * like any other. The template is comments only and ends in a newline, so SQL appended to it is never inside
 * a comment, and the runner refuses the migration until SQL is written. Write its reverse by hand in
 * drizzle/<dialect>/down/<tag>.sql, or `pnpm db:rollback` will refuse to undo it. Then run `pnpm db:generate`
 * to embed it in generated/migrations.ts (what the runner applies; `pnpm db:check` fails until then).
 * drizzle/migrations.sum records the new snapshot and journal at once, the template SQL only when
 * `pnpm db:generate` embeds it: the SQL is written after this command, so recording it now would make its
 * first edit look like an edit of a recorded migration.
 */
import { join, relative } from 'node:path';
import { planCustomMigration } from '../src/codegen/plan-migration.js';
import { writeFilesTogether } from '../src/codegen/write-files.js';
import { sha256Hex, verifySumBeforeWrite, writeSum } from '../src/codegen/migration-sum.js';
import { readMigrationSet } from '../src/codegen/migrations-module.js';
import { readLintAcks } from '../src/lint/lint-acks.js';
import { lintMigrationSet } from '../src/lint/lint-repository.js';
import { formatFinding } from '../src/lint/migration-lint.js';
import { NAME_PATTERN } from '../src/naming/index.js';
import { runCommand, UsageError } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-migrate-create'], async ({ positionals, json }) => {
  const name = positionals[0] ?? '';
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError('CLI_INVALID_VALUE', `the migration name must be a lowercase slug, got ${JSON.stringify(name)}`, 'e.g. pnpm db:migrate:create backfill_volume_factor');
  }
  const root = process.cwd();
  const { recorded, actual } = await verifySumBeforeWrite(root);
  // Read before anything is written: an unreadable drizzle/lint-acks.json stops the command here.
  const acks = await readLintAcks(root);
  const plans = [await planCustomMigration(root, 'pg', name), await planCustomMigration(root, 'sqlite', name)];
  const files = new Map(plans.flatMap((p) => [...p.files]));
  await writeFilesTogether(files);
  const lines = new Map(recorded ?? actual);
  for (const [file, content] of files) if (!file.endsWith('.sql')) lines.set(relative(join(root, 'drizzle'), file), sha256Hex(content));
  await writeSum(root, lines);
  // The lint over drizzle/ as it now is, the new template included (comments only, so nothing in it yet):
  // custom migrations written earlier and not yet acknowledged are named here, before the next one is written.
  const findings = (await lintMigrationSet(await readMigrationSet(root), acks)).filter((f) => !f.acknowledged);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: true, tags: plans.map((p) => p.tag), files: plans.flatMap((p) => [...p.files.keys()].map((f) => relative(root, f))), lint: findings }, null, 2)}\n`);
    return 0;
  }
  for (const [i, dialect] of (['pg', 'sqlite'] as const).entries()) {
    process.stdout.write(`drizzle/${dialect}: wrote ${relative(root, `${root}/drizzle/${dialect}/${plans[i]?.tag ?? ''}.sql`)}\n`);
  }
  if (findings.length > 0) {
    process.stdout.write(`migration lint: ${findings.length} unacknowledged finding(s) in drizzle/ to review (pnpm db:check fails until each is acknowledged):\n${findings.map((f) => `  - ${formatFinding(f)}`).join('\n')}\n`);
  }
  process.stdout.write('next: write the SQL (base names) in both files and their down files, then run `pnpm db:generate` to embed them for the runner\n');
  return 0;
});
