import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measure, type CaseResult, type Settings } from './lib.js';

const ROOT = join(import.meta.dirname, '..');

function run(cwd: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join('scripts', script)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${script} failed in ${cwd}: ${out}`))));
  });
}

async function copyProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cts-bench-codegen-'));
  for (const entry of ['schema', 'src', 'generated', 'drizzle', 'scripts', 'drizzle.config.ts', 'package.json', 'tsconfig.json']) await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A synthetic schema of `n` tables in the same style as schema/: a foreign key chain and two indexes per table. */
function syntheticSchema(n: number): string {
  const tables = Array.from({ length: n }, (_, i) => {
    const fk = i === 0 ? '' : `\n  foreignKeys: [{ name: 'fk_s${i}_prev', columns: ['prevId'], references: { table: 'synth${i - 1}', columns: ['id'] }, onDelete: 'cascade' }],`;
    return `export const synth${i} = defineTable({
  name: 'synth${i}', alias: 's${i}', category: 'indications', description: 'synthetic table ${i}', core: false, critical: false,
  columns: { id: col.uuid().primaryKey().defaultRandom(), prevId: col.uuid(), symbol: col.text().notNull(), side: col.enum(['long', 'short']).notNull(),
    price: col.decimal(38, 18), payload: col.json(), active: col.boolean().notNull().default(true), calculatedAt: col.timestamp().notNull().defaultNow() },
  indexes: [{ name: 'idx_s${i}_prev', columns: ['prevId'] }, { name: 'idx_s${i}_symbol', columns: ['symbol', { column: 'calculatedAt', order: 'desc' }] }],${fk}
});`;
  });
  return `import { col, defineTable } from '../src/schema-kit/index.js';\n\n${tables.join('\n\n')}\n\nexport const schema = { ${Array.from({ length: n }, (_, i) => `synth${i}`).join(', ')} } as const;\nexport type Schema = typeof schema;\n`;
}

/**
 * 6. db:generate and db:check on the real schema and on a synthetic 300-table schema: wall time and growth.
 * db:check includes the replay of the migrations in PGlite and SQLite and the catalog comparison.
 */
export async function codegenScale(settings: Settings): Promise<CaseResult[]> {
  // Quick mode: one run each (each run is a whole process, ~5 s); the full run measures 5 after a warm-up.
  const once = async (fn: () => Promise<void>, setup?: () => Promise<void>) => {
    await setup?.();
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    return { median: ms, min: ms, max: ms, runs: 1 };
  };
  const timed = (fn: () => Promise<void>, setup?: () => Promise<void>) => (settings.quick ? once(fn, setup) : measure(settings, fn, setup));
  const real = await copyProject();
  const synthetic = await copyProject();
  // Quick mode: 100 synthetic tables, one run each, to stay under a minute; the full run uses 300.
  const tables = settings.quick ? 100 : 300;
  try {
    await writeFile(join(synthetic, 'schema', 'index.ts'), syntheticSchema(tables));
    // Only the synthetic tables: the category files' tables would be defined but unregistered (db:check fails).
    for (const file of await readdir(join(synthetic, 'schema'))) if (file !== 'index.ts') await rm(join(synthetic, 'schema', file));
    const fresh = (dir: string) => async () => {
      await rm(join(dir, 'drizzle', 'pg'), { recursive: true, force: true });
      await rm(join(dir, 'drizzle', 'sqlite'), { recursive: true, force: true });
    };
    const genReal = await timed(() => run(real, 'db-generate.ts'), fresh(real));
    const genSynth = await timed(() => run(synthetic, 'db-generate.ts'), fresh(synthetic));
    const checkReal = await timed(() => run(real, 'db-check.ts'));
    const checkSynth = await timed(() => run(synthetic, 'db-check.ts'));
    const perTable = (synth: number, base: number) => synth / tables / (base / 31);
    return [
      { case: `db:generate, ${tables} synthetic tables (from scratch)`, dialect: 'none', ours: genSynth, baseline: genReal, baselineName: 'the real schema (31 tables)', ratio: genSynth.median / genReal.median, target: '< 15 s, per-table cost not above the 31-table run', met: genSynth.median < 15_000 && perTable(genSynth.median, genReal.median) <= 1, extra: { perTableCostRatio: perTable(genSynth.median, genReal.median) } },
      { case: `db:check, ${tables} synthetic tables`, dialect: 'none', ours: checkSynth, baseline: checkReal, baselineName: 'the real schema (31 tables)', ratio: checkSynth.median / checkReal.median, target: '< 15 s, per-table cost not above the 31-table run', met: checkSynth.median < 15_000 && perTable(checkSynth.median, checkReal.median) <= 1, extra: { perTableCostRatio: perTable(checkSynth.median, checkReal.median) } },
    ];
  } finally {
    await rm(real, { recursive: true, force: true });
    await rm(synthetic, { recursive: true, force: true });
  }
}
