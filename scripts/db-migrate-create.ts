/**
 * `pnpm db:migrate:create <name>`: an empty custom SQL migration in both dialect folders (drizzle-kit
 * --custom), to be written with BASE names; the runner prefixes it like any other. Write its reverse by hand
 * in drizzle/<dialect>/down/<tag>.sql, or `pnpm db:rollback` will refuse to undo it. Once written, run
 * `pnpm db:generate` to embed it in generated/migrations.ts (what the runner applies; `pnpm db:check` fails until then).
 */
import { parseArgs } from 'node:util';
import { NAME_PATTERN } from '../src/naming/index.js';
import { runDrizzleKit } from '../src/codegen/drizzle-kit.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const name = positionals[0];
  if (name === undefined || !NAME_PATTERN.test(name)) {
    process.stderr.write(`error: give a lowercase slug, e.g. pnpm db:migrate:create backfill_volume_factor (got ${JSON.stringify(name ?? '')})\n`);
    return 1;
  }
  for (const dialect of ['pg', 'sqlite'] as const) {
    const run = await runDrizzleKit(process.cwd(), dialect, ['generate', '--custom', '--name', name]);
    if (!run.ok) {
      process.stderr.write(`error: ${run.command} failed:\n${run.output}\n`);
      return 1;
    }
    process.stdout.write(`drizzle/${dialect}: ${run.output.split('\n').filter((l) => l.trim() !== '').at(-1)?.replace(/^\[✓\]\s*/, '') ?? ''}\n`);
  }
  process.stdout.write('next: write the SQL (base names) in both files, then run `pnpm db:generate` to embed them for the runner\n');
  return 0;
});
