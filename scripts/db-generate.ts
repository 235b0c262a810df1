/**
 * `pnpm db:generate [--name <slug>] [--rename <from>=<to>]... [--drop <table>[.<column>]]... [--rehash <tag>]... [--concurrent-indexes]`:
 * regenerates generated/ from schema/, writes the next migration of each dialect (drizzle/pg, drizzle/sqlite)
 * with BASE names and its derived down file, embeds drizzle/ in generated/migrations.ts, and records the bytes
 * of every new file in drizzle/migrations.sum.
 *
 * It refuses to start when a file the sum lists was edited or removed: it records its own writes and new
 * files (a custom migration's SQL once written), never a change to a recorded migration, unless `--rehash`
 * names that migration's tag (only right while no database has applied it).
 *
 * Never interactive: renames come from `renamedFrom` in schema/ or `--rename`; a table or column that
 * disappears next to a new one without either (or `--drop`) is an error naming both, and nothing is written.
 * All or nothing: every file is computed first and written only when both dialects succeeded.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { schema } from '../schema/index.js';
import { formatAmbiguity } from '../src/codegen/ambiguity-message.js';
import { renderDownMigrations } from '../src/codegen/down-migrations.js';
import { renderGenerated, writeGenerated } from '../src/codegen/generate.js';
import { generateIntent } from '../src/codegen/generate-intent.js';
import { MIGRATIONS_MODULE, readEmbeddedInput, renderMigrationModules } from '../src/codegen/migrations-module.js';
import { planSchemaMigration, type SchemaPlan } from '../src/codegen/plan-migration.js';
import { unregisteredTables } from '../src/codegen/unregistered-tables.js';
import { writeFilesTogether } from '../src/codegen/write-files.js';
import { hashMigrationFiles, SUM_FILE, verifySumBeforeWrite, writeSum } from '../src/codegen/migration-sum.js';
import { readLintAcks } from '../src/lint/lint-acks.js';
import { lintMigrationSet } from '../src/lint/lint-repository.js';
import { formatFinding } from '../src/lint/migration-lint.js';
import { NAME_PATTERN } from '../src/naming/index.js';
import { buildPgTables, buildSqliteTables } from '../src/schema-kit/build-tables.js';
import { schemaProblems } from '../src/schema-kit/index.js';
import { runCommand, UsageError } from './command-line.js';
import { CtsDbError } from '../src/errors/index.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-generate'], async ({ values }) => {
  if (values.name !== undefined && !NAME_PATTERN.test(values.name)) {
    throw new UsageError('CLI_INVALID_VALUE', `--name ${JSON.stringify(values.name)} must be a lowercase slug`, 'e.g. --name add_order_notes');
  }
  const root = process.cwd();
  // First, so nothing below reads (and re-embeds) an edit of a recorded migration.
  await verifySumBeforeWrite(root, new Set(values.rehash ?? []));
  // Read before anything is written: an unreadable drizzle/lint-acks.json stops the command here.
  const acks = await readLintAcks(root);
  const structural = schemaProblems(schema);
  if (structural.length > 0) {
    throw new CtsDbError(`schema/ has structural problems; nothing was written:\n  - ${structural.join('\n  - ')}`, { code: 'GENERATE_SCHEMA_INVALID', subject: 'schema/', hint: 'edit schema/ as each line says, then run pnpm db:generate again' });
  }
  const unregistered = await unregisteredTables(join(root, 'schema'), schema);
  if (unregistered.length > 0) {
    throw new CtsDbError(
      `${unregistered.length} table(s) defined in schema/ but not registered in schema/index.ts; nothing was written:\n${unregistered
        .map((u) => `  - ${u.table} (export ${u.exportName} of ${u.file}): add ${u.exportName} to the schema object in schema/index.ts`)
        .join('\n')}`,
      { code: 'GENERATE_TABLE_UNREGISTERED', subject: unregistered.map((u) => u.table).join(', '), hint: 'add each export to the schema object in schema/index.ts' },
    );
  }
  const intent = generateIntent(schema, { rename: values.rename, drop: values.drop });
  if (!intent.ok) {
    throw new CtsDbError(intent.errors.join('\n'), { code: 'GENERATE_INVALID_DECLARATION', subject: 'renamedFrom / --rename / --drop', hint: 'fix the declaration named above; see "Changing the schema" in the README' });
  }

  // Everything is computed before anything is written.
  const name = values.name ?? 'schema_change';
  const steps = progress(progressEnabled(values.json));
  // Under --json the text lines go nowhere and one document is printed at the end.
  const say = (text: string) => (values.json ? undefined : process.stdout.write(text));
  const plans: SchemaPlan[] = [
    await steps.step('diffing schema/ against drizzle/pg', () => planSchemaMigration(root, 'pg', buildPgTables(schema) as Record<string, unknown>, intent.intent, name, { concurrentIndexes: values['concurrent-indexes'] === true })),
    await steps.step('diffing schema/ against drizzle/sqlite', () => planSchemaMigration(root, 'sqlite', buildSqliteTables(schema) as Record<string, unknown>, intent.intent, name)),
  ];
  const ambiguous = [...new Set(plans.flatMap((p) => (p.kind === 'ambiguous' ? p.ambiguities.map(formatAmbiguity) : [])))];
  if (ambiguous.length > 0) {
    throw new CtsDbError(`schema/ changed in a way that needs your decision; nothing was written:\n${ambiguous.join('\n')}`, {
      code: 'GENERATE_AMBIGUOUS_CHANGE',
      subject: 'schema/',
      hint: 'declare each change as shown above (renamedFrom in schema/, or --rename / --drop), then run pnpm db:generate again',
    });
  }
  const files = new Map<string, string>();
  steps.start('rendering generated/');
  const renderStarted = Date.now();
  for (const [path, content] of renderGenerated(schema)) {
    const target = join(root, path);
    if ((await readFile(target, 'utf8').catch(() => undefined)) !== content) files.set(target, content);
  }
  for (const plan of plans) if (plan.kind === 'migration') for (const [path, content] of plan.files) files.set(path, content);
  // Down files a folder lacks for its earlier migrations (written once, never rewritten once they exist).
  for (const dialect of ['pg', 'sqlite'] as const) {
    for (const [file, content] of await renderDownMigrations(root, dialect)) {
      if (content === undefined || files.has(file) || (await readFile(file, 'utf8').catch(() => undefined)) !== undefined) continue;
      files.set(file, content);
    }
  }
  steps.end('rendering generated/', Date.now() - renderStarted);
  await writeFilesTogether(files);

  const written = [...files.keys()].map((f) => relative(root, f)).sort();
  const generated = written.filter((f) => f.startsWith('generated/'));
  say(generated.length === 0 ? 'generated/ is up to date\n' : `generated/: wrote ${generated.join(', ')}\n`);
  for (const plan of plans) {
    const folder = `drizzle/${plan.dialect}`;
    if (plan.kind === 'none') say(`${folder}: no schema changes, no migration\n`);
    if (plan.kind === 'migration') say(`${folder}: wrote ${plan.tag}.sql (${plan.statements.length} statement(s))\n`);
    if (plan.kind === 'migration' && plan.concurrent !== undefined) say(`${folder}: wrote ${plan.concurrent.tag}.sql (${plan.concurrent.statements.length} index(es) built CONCURRENTLY, outside a transaction)\n`);
  }
  for (const f of written.filter((w) => w.includes('/down/'))) say(`${f.split('/').slice(0, 2).join('/')}: wrote down migration ${f}\n`);
  // Last, from what drizzle/ now holds: the migrations embedded for the runner (apps migrate without the folder).
  const migrationSet = await readEmbeddedInput(root);
  // The safety lint on every migration, the one just written and custom ones alike, in journal order (a
  // later statement may rely on an earlier one): warnings here; `pnpm db:check` fails until each is acknowledged.
  const findings = (await lintMigrationSet(migrationSet, acks)).filter((f) => !f.acknowledged);
  if (findings.length > 0) {
    say(`migration lint: ${findings.length} unacknowledged finding(s) to review (pnpm db:check fails until each is acknowledged):\n${findings.map((f) => `  - ${formatFinding(f)}`).join('\n')}\n`);
  }
  const changedModules = await steps.step('embedding drizzle/ in generated/migrations.ts', async () => writeGenerated(root, renderMigrationModules(migrationSet)));
  say(changedModules.length === 0 ? `${MIGRATIONS_MODULE} is up to date\n` : `${MIGRATIONS_MODULE}: embedded the migrations of drizzle/ (${changedModules.join(', ')})\n`);
  // Every recorded file still had its recorded bytes (checked first), so hashing the folders now adds
  // exactly the new files, this run's writes and the --rehash tags.
  const sumChanged = await writeSum(root, await hashMigrationFiles(root));
  say(sumChanged ? `${SUM_FILE}: recorded the new and rehashed files of drizzle/\n` : `${SUM_FILE} is up to date\n`);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          ok: true,
          written,
          migrations: plans.map((p) => ({
            dialect: p.dialect,
            kind: p.kind,
            ...(p.kind === 'migration' ? { tag: p.tag, statements: p.statements, ...(p.concurrent === undefined ? {} : { concurrent: p.concurrent }) } : {}),
          })),
          lint: findings,
          embedded: changedModules,
          sum: sumChanged,
        },
        null,
        2,
      )}\n`,
    );
  }
  return 0;
});
