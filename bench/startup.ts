import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { migrate } from '../src/migrate/index.js';
import { stats, type BenchDb, type CaseResult, type Dialect, type Settings, type Stats } from './lib.js';

interface ChildResult {
  ms: number;
  importMs: number;
  roundTrips: number | null;
}

const BUILT = join(import.meta.dirname, '.build', 'startup-child.mjs');

/**
 * The child is compiled to plain JavaScript first, as a deployed server would run it: measuring a cold start
 * through tsx would mostly measure tsx. Dependencies stay external and load from node_modules.
 */
export async function buildStartupChild(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [join(import.meta.dirname, 'startup-child.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: BUILT, logLevel: 'error' });
}

function child(mode: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BUILT, mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult) : reject(new Error(`startup child ${mode} failed: ${out}`))));
  });
}

interface Runs {
  readonly stats: Stats;
  readonly roundTrips: number | null;
  readonly importMs: number;
}

/** One warm-up each, then the modes in turn (rotating which goes first), so none profits from running later. */
async function runs(settings: Settings, modes: readonly string[], env: Record<string, string>): Promise<Runs[]> {
  const results = modes.map((): ChildResult[] => []);
  for (let i = -1; i < settings.reps; i++) {
    for (let k = 0; k < modes.length; k++) {
      const m = (k + Math.max(i, 0)) % modes.length;
      const r = await child(modes[m]!, env);
      if (i >= 0) results[m]!.push(r);
    }
  }
  return results.map((rs) => ({ stats: stats(rs.map((r) => r.ms)), roundTrips: rs[0]!.roundTrips, importMs: stats(rs.map((r) => r.importMs)).median }));
}

/** 2. Up-to-date start-up in a new process: ours vs drizzle's migrator (no-op) and vs connect + SELECT 1. */
export async function startup(settings: Settings, dialect: Dialect, db: BenchDb): Promise<CaseResult[]> {
  // Both ledgers up to date: ours with the prefix, drizzle's with base names in the same database.
  const env: Record<string, string> = dialect === 'postgresql' ? { DATABASE_URL: db.url!, DB_PREFIX: 'bench' } : { SQLITE_DB_PATH: db.path!, DB_PREFIX: 'bench' };
  await buildStartupChild();
  await migrate(db.config('bench'));
  await child('drizzle', env);
  const [ours, theirs, bare] = (await runs(settings, ['ours', 'drizzle', 'select1'], env)) as [Runs, Runs, Runs];
  const extra = { roundTrips: { ours: ours.roundTrips, drizzle: theirs.roundTrips, select1: bare.roundTrips }, moduleLoadMs: { ours: ours.importMs, drizzle: theirs.importMs, select1: bare.importMs } };
  const vsDrizzle = ours.stats.median / theirs.stats.median;
  const vsBare = ours.stats.median / bare.stats.median;
  return [
    { case: 'up-to-date start-up (new process)', dialect, ours: ours.stats, baseline: theirs.stats, baselineName: "drizzle-orm's migrator (no-op)", ratio: vsDrizzle, target: '<= 1.2x, <= 2 round trips', met: vsDrizzle <= 1.2 && (ours.roundTrips ?? 0) <= 2, extra },
    { case: 'up-to-date start-up (new process)', dialect, ours: ours.stats, baseline: bare.stats, baselineName: 'connect + SELECT 1', ratio: vsBare, extra },
  ];
}
