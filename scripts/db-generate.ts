/**
 * `pnpm db:generate [--name <slug>]`: regenerates generated/ from schema/, then drizzle-kit migrations for
 * PostgreSQL (drizzle/pg) and SQLite (drizzle/sqlite) with BASE names, then embeds drizzle/ in
 * generated/migrations.ts. Non-interactive; exit 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { schema } from '../schema/index.js';
import { renderGenerated, writeGenerated } from '../src/codegen/generate.js';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { renderDownMigrations } from '../src/codegen/down-migrations.js';
import { runDrizzleKit } from '../src/codegen/drizzle-kit.js';
import { MIGRATIONS_MODULE, readMigrationSet, renderMigrationModules } from '../src/codegen/migrations-module.js';
import { NAME_PATTERN } from '../src/naming/index.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: false });
  if (values.name !== undefined && !NAME_PATTERN.test(values.name)) {
    process.stderr.write(`error: --name ${JSON.stringify(values.name)} must be a lowercase slug like add_order_notes\n`);
    return 1;
  }
  const root = process.cwd();
  const changed = await writeGenerated(root, renderGenerated(schema));
  process.stdout.write(changed.length === 0 ? 'generated/ is up to date\n' : `generated/: wrote ${changed.join(', ')}\n`);
  for (const dialect of ['pg', 'sqlite'] as const) {
    const run = await runDrizzleKit(root, dialect, ['generate', ...(values.name === undefined ? [] : ['--name', values.name])]);
    const last = run.output.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
    if (!run.ok) {
      process.stderr.write(`error: ${run.command} failed:\n${run.output}\n`);
      return 1;
    }
    process.stdout.write(`drizzle/${dialect}: ${last.replace(/^\[✓\]\s*/, '')}\n`);
    // The reverse of each generated migration, written once next to it; never rewritten once it exists.
    for (const [file, content] of await renderDownMigrations(root, dialect)) {
      if (content === undefined || existsSync(file)) continue;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      process.stdout.write(`drizzle/${dialect}: wrote down migration ${relative(root, file)}\n`);
    }
  }
  // Last, from what drizzle/ now holds: the migrations embedded for the runner (apps migrate without the folder).
  const changedModules = await writeGenerated(root, renderMigrationModules(await readMigrationSet(root)));
  process.stdout.write(changedModules.length === 0 ? `${MIGRATIONS_MODULE} is up to date\n` : `${MIGRATIONS_MODULE}: embedded the migrations of drizzle/ (${changedModules.join(', ')})\n`);
  return 0;
});
