import { cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured, type ProcessRun } from './process-peak.js';
import { stats, type CaseResult, type Settings, type Stats } from './lib.js';

const ROOT = join(import.meta.dirname, '..');
const MIB = 1024;
const PEAK_LIMIT_MIB = 300;

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

/** A script the way its package.json entry runs it (`node --import tsx scripts/x.ts`), checking what it printed. */
const script = (dir: string, file: string, args: readonly string[], expect: RegExp) => async (): Promise<ProcessRun> => {
  const run = await runMeasured(process.execPath, ['--import', import.meta.resolve('tsx'), join('scripts', file), ...args], { cwd: dir });
  if (!expect.test(run.stdout)) throw new Error(`${file} ${args.join(' ')} in ${dir} did not print ${expect}: ${run.stdout}`);
  return run;
};

/** What a drizzle-kit user runs for this project: the command once per dialect, one after the other. */
const kitBoth = (dir: string, command: 'check' | 'generate', expect: RegExp) => async (): Promise<ProcessRun> => {
  let ms = 0;
  let peakKiB = 0;
  let stdout = '';
  for (const dialect of ['postgresql', 'sqlite']) {
    const run = await runMeasured(join(dir, 'node_modules', '.bin', 'drizzle-kit'), [command, '--config', 'drizzle.config.ts'], { cwd: dir, env: { DRIZZLE_DIALECT: dialect } });
    // A generate that wrote a migration would change the copy under measurement.
    if (!expect.test(run.stdout)) throw new Error(`drizzle-kit ${command} (${dialect}) in ${dir} did not print ${expect}: ${run.stdout}`);
    ms += run.ms;
    peakKiB = Math.max(peakKiB, run.peakKiB);
    stdout += run.stdout;
  }
  return { ms, peakKiB, stdout };
};

interface PairResult {
  readonly ours: Stats;
  readonly baseline: Stats;
  readonly ratio: number;
  readonly oursPeakMiB: number;
  readonly baselinePeakMiB: number;
}

/** One warm-up of each, then `reps` back-to-back pairs in alternating order; the ratio is the median of the pairs'. */
async function pairs(reps: number, ours: () => Promise<ProcessRun>, baseline: () => Promise<ProcessRun>): Promise<PairResult> {
  await ours();
  await baseline();
  const a: ProcessRun[] = [];
  const b: ProcessRun[] = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      a.push(await ours());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      a.push(await ours());
    }
  }
  return {
    ours: stats(a.map((r) => r.ms)),
    baseline: stats(b.map((r) => r.ms)),
    ratio: stats(a.map((r, i) => r.ms / b[i]!.ms)).median,
    oursPeakMiB: Math.max(...a.map((r) => r.peakKiB)) / MIB,
    baselinePeakMiB: Math.max(...b.map((r) => r.peakKiB)) / MIB,
  };
}

const CLEAN = /^db:check: clean/;
const HIT = /\(unchanged since the last clean check\)/;
const GENERATE_NOOP = /drizzle\/pg: no schema changes, no migration\ndrizzle\/sqlite: no schema changes, no migration/;
const GENERATE_HIT = /db:generate: nothing to do/;
const KIT_CHECK_OK = /Everything's fine/;
const KIT_NOTHING = /No schema changes, nothing to migrate/;

/**
 * 6. The development loop against drizzle-kit, on this schema (31 tables) and on a synthetic 300-table one:
 * db:check with nothing changed (answered from its cache) and with the cache bypassed (what any changed
 * byte costs: the replay of every migration on PGlite and SQLite), and db:generate with nothing to do (through
 * its cache, as `pnpm db:generate` runs it, and the generator itself), each against the drizzle-kit command
 * run for both dialects. Peak memory is the whole process tree's.
 */
export async function codegenScale(settings: Settings): Promise<CaseResult[]> {
  const real = await copyProject();
  const synthetic = await copyProject();
  // Quick mode: 100 synthetic tables and one pair each; the full run uses 300, 5 pairs (3 for the full check).
  const tables = settings.quick ? 100 : 300;
  const reps = settings.quick ? 1 : settings.reps;
  const slowReps = settings.quick ? 1 : 3;
  const results: CaseResult[] = [];
  try {
    await writeFile(join(synthetic, 'schema', 'index.ts'), syntheticSchema(tables));
    // Only the synthetic tables: the category files' tables would be defined but unregistered (db:check fails).
    for (const file of await readdir(join(synthetic, 'schema'))) if (file !== 'index.ts') await rm(join(synthetic, 'schema', file));
    await rm(join(synthetic, 'drizzle', 'pg'), { recursive: true, force: true });
    await rm(join(synthetic, 'drizzle', 'sqlite'), { recursive: true, force: true });
    // Both refer to the real migrations: stale for the synthetic ones.
    await rm(join(synthetic, 'drizzle', 'migrations.sum'), { force: true });
    await rm(join(synthetic, 'drizzle', 'lint-acks.json'), { force: true });
    const scratch = await script(synthetic, 'db-generate.ts', ['--name', 'init'], /drizzle\/pg: wrote/)();
    for (const [dir, n] of [[real, 31], [synthetic, tables]] as const) {
      const kitCheck = kitBoth(dir, 'check', KIT_CHECK_OK);
      const kitGenerate = kitBoth(dir, 'generate', KIT_NOTHING);
      // The warm-up of the cached contenders is the run that fills the cache.
      const cachedCheck = await pairs(reps, script(dir, 'db-check.ts', [], CLEAN), kitCheck);
      const hit = await script(dir, 'db-check.ts', [], HIT)();
      const fullCheck = await pairs(slowReps, script(dir, 'db-check.ts', ['--no-cache'], CLEAN), kitCheck);
      const cachedGenerate = await pairs(reps, script(dir, 'generate-unless-unchanged.ts', [], GENERATE_NOOP), kitGenerate);
      await script(dir, 'generate-unless-unchanged.ts', [], GENERATE_HIT)();
      const fullGenerate = await pairs(slowReps, script(dir, 'db-generate.ts', [], GENERATE_NOOP), kitGenerate);
      const peaks = (p: PairResult) => ({ oursPeakMiB: Math.round(p.oursPeakMiB), baselinePeakMiB: Math.round(p.baselinePeakMiB) });
      results.push(
        {
          case: `db:check, nothing changed (cached), ${n} tables`,
          dialect: 'none',
          ours: cachedCheck.ours,
          baseline: cachedCheck.baseline,
          baselineName: 'drizzle-kit check, pg then sqlite',
          ratio: cachedCheck.ratio,
          target: `<= 1.5x, peak <= ${PEAK_LIMIT_MIB} MiB (${Math.round(cachedCheck.oursPeakMiB)} MiB)`,
          met: cachedCheck.ratio <= 1.5 && cachedCheck.oursPeakMiB <= PEAK_LIMIT_MIB,
          extra: { ...peaks(cachedCheck), hitPeakMiB: Math.round(hit.peakKiB / MIB) },
        },
        {
          case: `db:check --no-cache (a changed byte: full replay), ${n} tables`,
          dialect: 'none',
          ours: fullCheck.ours,
          baseline: fullCheck.baseline,
          baselineName: 'drizzle-kit check, pg then sqlite',
          ratio: fullCheck.ratio,
          target: `reported (peak ${Math.round(fullCheck.oursPeakMiB)} MiB)`,
          extra: peaks(fullCheck),
        },
        {
          case: `db:generate, nothing to do (cached, pnpm db:generate), ${n} tables`,
          dialect: 'none',
          ours: cachedGenerate.ours,
          baseline: cachedGenerate.baseline,
          baselineName: 'drizzle-kit generate, pg then sqlite',
          ratio: cachedGenerate.ratio,
          target: '<= 1.2x',
          met: cachedGenerate.ratio <= 1.2,
          extra: peaks(cachedGenerate),
        },
        {
          case: `db:generate, nothing to do (the generator itself, scripts/db-generate.ts), ${n} tables`,
          dialect: 'none',
          ours: fullGenerate.ours,
          baseline: fullGenerate.baseline,
          baselineName: 'drizzle-kit generate, pg then sqlite',
          ratio: fullGenerate.ratio,
          target: 'reported',
          extra: { ...peaks(fullGenerate), ...(dir === synthetic ? { fromScratchMs: Math.round(scratch.ms) } : {}) },
        },
      );
    }
    return results;
  } finally {
    await rm(real, { recursive: true, force: true });
    await rm(synthetic, { recursive: true, force: true });
  }
}
