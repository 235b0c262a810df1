import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrationSet, renderMigrationModules } from '../src/codegen/migrations-module.js';
import { toEmbeddedSet, type EmbeddedMigrationSet } from '../src/migrate/embedded-migrations.js';
import { migrate } from '../src/migrate/index.js';
import { builtPackage } from './built-package.js';
import { freshDb, measurePair, ratio, type BenchDb, type CaseResult, type Dialect, type Settings } from './lib.js';
import { buildPackage, childRuns, dbEnv, type Runs } from './startup.js';
import { drizzleMigrate } from './cases.js';

const REPO = join(import.meta.dirname, '..');
const SYNTHETIC = 200;

interface Journal {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

/** One synthetic migration: a table and an index, as a schema change usually is. */
function syntheticSql(folder: 'pg' | 'sqlite', i: number): string {
  const q = folder === 'pg' ? '"' : '`';
  const t = `${q}syn_t${i}${q}`;
  return `CREATE TABLE ${t} (\n\t${q}id${q} text PRIMARY KEY NOT NULL,\n\t${q}v${q} integer\n);\n--> statement-breakpoint\nCREATE INDEX ${q}idx_syn_t${i}_v${q} ON ${t} (${q}v${q});`;
}

/**
 * A migrations root like drizzle/ with the real initial migration and `extra` synthetic ones after it (read by
 * drizzle's migrator), plus generated/migrations.js and migration-sql.js embedding the same set, as
 * db:generate writes them (heads, and SQL loaded on demand), loaded by our start-up child.
 */
function migrationsRoot(extra: number): { root: string; module: string; set: EmbeddedMigrationSet; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `cts-bench-migrations-${extra}-`));
  for (const folder of ['pg', 'sqlite'] as const) {
    const dir = join(root, 'drizzle', folder);
    mkdirSync(join(dir, 'meta'), { recursive: true });
    cpSync(join(REPO, 'drizzle', folder, '0000_init.sql'), join(dir, '0000_init.sql'));
    const journal = JSON.parse(readFileSync(join(REPO, 'drizzle', folder, 'meta', '_journal.json'), 'utf8')) as Journal;
    const first = journal.entries[0]!;
    journal.entries = [first];
    for (let i = 1; i <= extra; i++) {
      const tag = `${String(i).padStart(4, '0')}_synthetic_${i}`;
      journal.entries.push({ ...first, idx: i, when: first.when + i * 1000, tag });
      writeFileSync(join(dir, `${tag}.sql`), syntheticSql(folder, i));
    }
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  }
  return { root, module: join(root, 'generated', 'migrations.js'), set: undefined as never, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

async function prepared(extra: number): Promise<ReturnType<typeof migrationsRoot>> {
  const made = migrationsRoot(extra);
  const data = await readMigrationSet(made.root);
  // Exactly what db:generate writes, compiled to JavaScript as the package build does.
  const esbuild = await import('esbuild');
  mkdirSync(join(made.root, 'generated'), { recursive: true });
  writeFileSync(join(made.root, 'generated', 'package.json'), '{ "type": "module" }\n');
  for (const [path, source] of renderMigrationModules(data)) {
    const { code } = await esbuild.transform(source, { loader: 'ts', format: 'esm' });
    writeFileSync(join(made.root, path.replace(/\.ts$/, '.js')), code);
  }
  return { ...made, set: toEmbeddedSet(data) };
}

/**
 * 6. Many migrations: up-to-date start-up of the built package in a new process with 200 migrations vs with 1
 * (target <= 1.2x), and the fresh apply of the 200 against drizzle's migrator (reported, no target).
 */
export async function migrationScale(settings: Settings, dialect: Dialect): Promise<CaseResult[]> {
  buildPackage();
  const one = await prepared(0);
  const many = await prepared(SYNTHETIC);
  const total = SYNTHETIC + 1;
  const results: CaseResult[] = [];
  const db = await freshDb(settings, dialect);
  try {
    // Two prefixes in one database, each up to date with its own set.
    for (const [prefix, set] of [['one', one.set], ['many', many.set]] as const) {
      const r = await migrate(db.config(prefix), { migrations: set, criticalTables: [] });
      if (!r.ok) throw r.error;
    }
    const [withMany, withOne] = (await childRuns(settings, [
      { args: ['ours', many.module], env: dbEnv(dialect, db, 'many') },
      { args: ['ours', one.module], env: dbEnv(dialect, db, 'one') },
    ])) as [Runs, Runs];
    const r = ratio(withMany.stats, withOne.stats);
    results.push({
      case: `up-to-date start-up with ${total} migrations (new process, built package)`,
      dialect,
      ours: withMany.stats,
      baseline: withOne.stats,
      baselineName: 'the same with 1 migration',
      ratio: r,
      target: '<= 1.2x',
      met: r <= 1.2,
      extra: { roundTrips: { many: withMany.roundTrips, one: withOne.roundTrips }, afterImportsMs: { many: withMany.workMs, one: withOne.workMs } },
    });
  } finally {
    await db.drop();
  }

  let fresh: BenchDb | undefined;
  const setup = async () => {
    await fresh?.drop();
    fresh = await freshDb(settings, dialect);
  };
  // The built package's runner, as apps run it.
  const built = await builtPackage();
  const ours = (tx: 'each' | 'all') => async () => {
    const r = await built.migrate(fresh!.config('bench'), { migrations: many.set, criticalTables: [], tx });
    if (!r.ok) throw r.error;
  };
  for (const tx of ['each', 'all'] as const) {
    const [o, d] = await measurePair(settings, ours(tx), () => drizzleMigrate(fresh!, join(many.root, 'drizzle')), { setup, reps: settings.quick ? 3 : settings.reps });
    results.push({ case: `fresh apply of ${total} migrations (--tx ${tx})`, dialect, ours: o, baseline: d, baselineName: "drizzle-orm's migrator (one transaction)", ratio: ratio(o, d) });
  }
  await fresh?.drop();
  one.cleanup();
  many.cleanup();
  return results;
}
