import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/check-drift.js';
import { nextTag } from '../support/committed-migrations.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function scratch(): Promise<string> {
  const { root, cleanup } = await copyRepo();
  cleanups.push(cleanup);
  return root;
}

async function replaceIn(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  await writeFile(path, text.replace(from, to));
}

/** db:check --json after a change; the embedding check is left out (it flags every edit of drizzle/ anyway). */
async function check(root: string): Promise<{ code: number | null; report: DriftReport }> {
  const result = await runScriptIn(root, 'db-check.ts', ['--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as DriftReport };
}

const replayDetails = (report: DriftReport, dialect: 'pg' | 'sqlite') =>
  report.problems.filter((p) => p.check === 'replay' && p.dialect === dialect).flatMap((p) => p.details);

describe('db:check replays the migrations in scratch databases (PGlite, SQLite) and compares the catalogs with schema/', () => {
  it('a hand-edited committed migration (type width, default, index column order, dropped CHECK) fails naming each object, on each dialect', async () => {
    const root = await scratch();
    const pg = join(root, 'drizzle', 'pg', '0000_init.sql');
    await replaceIn(pg, '"entry_price" numeric(38, 18),', '"entry_price" numeric(30, 18),');
    await replaceIn(pg, '"category" text DEFAULT \'general\' NOT NULL', '"category" text DEFAULT \'misc\' NOT NULL');
    await replaceIn(pg, 'USING btree ("role","is_active")', 'USING btree ("is_active","role")');
    await replaceIn(pg, ',\n\tCONSTRAINT "ck_usr_role" CHECK ("role" IN (\'admin\', \'trader\', \'viewer\'))', '');
    const lite = join(root, 'drizzle', 'sqlite', '0000_init.sql');
    await replaceIn(lite, '`category` text DEFAULT \'general\' NOT NULL', '`category` text DEFAULT \'misc\' NOT NULL');
    await replaceIn(lite, '(`role`,`is_active`)', '(`is_active`,`role`)');
    await replaceIn(lite, ',\n\tCONSTRAINT "ck_usr_role" CHECK("role" IN (\'admin\', \'trader\', \'viewer\'))', '');

    const { code, report } = await check(root);
    expect(code).toBe(1);
    const pgDetails = replayDetails(report, 'pg');
    expect(pgDetails).toContainEqual(expect.stringMatching(/^base_pseudo_positions\.entry_price \(column\): schema\/ gives "numeric\(38,18\) null", the migrations give "numeric\(30,18\) null"$/));
    expect(pgDetails).toContainEqual(expect.stringMatching(/^system_settings\.category \(column\): .*'general'.*'misc'/));
    expect(pgDetails).toContainEqual(expect.stringMatching(/^users\.idx_usr_role .*\(role, is_active\).*\(is_active, role\)/));
    expect(pgDetails).toContainEqual(expect.stringMatching(/^users\.ck_usr_role .*CHECK.*the migrations give nothing$/));
    expect(pgDetails).toHaveLength(4);
    const liteDetails = replayDetails(report, 'sqlite');
    expect(liteDetails).toContainEqual(expect.stringMatching(/^system_settings\.category \(column\): .*'general'.*'misc'/));
    expect(liteDetails).toContainEqual(expect.stringMatching(/^users\.idx_usr_role .*\( role , is_active \).*\( is_active , role \)/));
    expect(liteDetails).toContainEqual(expect.stringMatching(/^users\.ck_usr_role .*check.*the migrations give nothing$/));
    expect(liteDetails).toHaveLength(3);
  }, 120_000);

  it('a custom migration that changes the schema without schema/ changing fails; a down file that does not undo its migration fails', async () => {
    const root = await scratch();
    const tags = { pg: nextTag('pg', 'add_note', root), sqlite: nextTag('sqlite', 'add_note', root) };
    expect((await runScriptIn(root, 'db-migrate-create.ts', ['add_note'])).code).toBe(0);
    for (const folder of ['pg', 'sqlite'] as const) {
      await appendFile(join(root, 'drizzle', folder, `${tags[folder]}.sql`), 'ALTER TABLE users ADD COLUMN note text;\n');
      // Its "reverse" forgets the column.
      await writeFile(join(root, 'drizzle', folder, 'down', `${tags[folder]}.sql`), 'SELECT 1;\n');
    }
    const { code, report } = await check(root);
    expect(code).toBe(1);
    for (const dialect of ['pg', 'sqlite'] as const) {
      const problems = report.problems.filter((p) => p.check === 'replay' && p.dialect === dialect);
      expect(problems.map((p) => p.message)).toEqual([
        `replaying drizzle/${dialect} does not give the schema of schema/ (an edited or custom migration?)`,
        `drizzle/${dialect}/down/${tags[dialect]}.sql does not undo ${tags[dialect]}`,
      ]);
      expect(problems[0]?.details).toEqual([expect.stringMatching(/^users\.note \(column\): schema\/ gives nothing, the migrations give "text null"$/)]);
      expect(problems[1]?.details).toEqual([expect.stringMatching(/^users\.note \(column\): schema\/ gives nothing, the migrations give "text null"$/)]);
    }
  }, 120_000);

  it('a type change on a SQLite table with descending indexes replays cleanly (drizzle-kit rebuilds lose expression index columns; repaired) and the lint names both risks', async () => {
    const root = await scratch();
    await replaceIn(join(root, 'schema', 'positions.ts'), "    leverage: col.integer().notNull().default(1),\n    marginType", "    leverage: col.decimal(10, 2).notNull().default('1'),\n    marginType");
    const tag = nextTag('sqlite', 'leverage_decimal', root);
    const generated = await runScriptIn(root, 'db-generate.ts', ['--name', 'leverage_decimal']);
    expect(generated.code).toBe(0);
    const sql = await readFile(join(root, 'drizzle', 'sqlite', `${tag}.sql`), 'utf8');
    expect(sql).toContain('CREATE INDEX `idx_xp_conn_symbol` ON `exchange_positions` (`connection_id`,`symbol`,"opened_at" desc);');
    const { code, report } = await check(root);
    expect(code).toBe(1);
    expect(report.problems.filter((p) => p.check === 'replay')).toEqual([]);
    expect(report.problems.filter((p) => p.check === 'lint').map((p) => `${p.dialect} ${p.message.slice(0, p.message.indexOf(']') + 1)}`)).toEqual(['pg [column-type-change]', 'sqlite [table-rebuild]']);
  }, 120_000);

  it('a table exported from a category file but not registered in schema/index.ts fails db:check and db:generate, naming it', async () => {
    const root = await scratch();
    await appendFile(
      join(root, 'schema', 'presets.ts'),
      "\nexport const presetNotes = defineTable({\n  name: 'preset_notes',\n  alias: 'pnote',\n  category: 'presets',\n  description: 'Notes.',\n  core: false,\n  critical: false,\n  columns: { id: col.uuid().primaryKey(), note: col.text() },\n});\n",
    );
    const result = await runScriptIn(root, 'db-check.ts');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[registry] tables defined in schema/ but not registered in schema/index.ts');
    expect(result.stdout).toContain('preset_notes (export presetNotes of schema/presets.ts)');
    const generate = await runScriptIn(root, 'db-generate.ts');
    expect(generate.code).toBe(1);
    expect(generate.stderr).toContain('preset_notes (export presetNotes of schema/presets.ts): add presetNotes to the schema object in schema/index.ts');
  }, 120_000);
});
