import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { migrate } from '../src/migrate/index.js';
import { stats, type BenchDb, type CaseResult, type Dialect, type Settings, type Stats } from './lib.js';

interface ChildResult {
  /** From process start to the end of the start-up, imports included. */
  ms: number;
  /** When the mode's entry module had loaded. */
  importMs: number;
  /** The start-up after that. */
  workMs: number;
  roundTrips: number | null;
}

const ROOT = join(import.meta.dirname, '..');
const CHILD = join(import.meta.dirname, 'startup-child.mjs');

/**
 * The child runs the BUILT package with plain `node`, as a deployed app does: measuring a cold start through
 * tsx would mostly measure tsx. Built once per bench run.
 */
let built = false;
export function buildPackage(): void {
  if (built) return;
  const run = spawnSync('pnpm', ['build'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pnpm build failed:\n${run.stdout}${run.stderr}`);
  built = true;
}

/** One start-up process: a mode of startup-child.mjs with its arguments and environment. */
export interface Contender {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

function child(contender: Contender): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, ...contender.args], {
      env: { ...process.env, ...contender.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult) : reject(new Error(`startup child ${contender.args.join(' ')} failed: ${out}`))));
  });
}

export interface Runs {
  readonly stats: Stats;
  readonly roundTrips: number | null;
  readonly importMs: number;
  readonly workMs: number;
}

/** One warm-up each, then the contenders in turn (rotating which goes first), so none profits from running later. */
export async function childRuns(settings: Settings, contenders: readonly Contender[]): Promise<Runs[]> {
  const results = contenders.map((): ChildResult[] => []);
  for (let i = -1; i < settings.reps; i++) {
    for (let k = 0; k < contenders.length; k++) {
      const m = (k + Math.max(i, 0)) % contenders.length;
      const r = await child(contenders[m]!);
      if (i >= 0) results[m]!.push(r);
    }
  }
  return results.map((rs) => ({
    stats: stats(rs.map((r) => r.ms)),
    roundTrips: rs[0]!.roundTrips,
    importMs: stats(rs.map((r) => r.importMs)).median,
    workMs: stats(rs.map((r) => r.workMs)).median,
  }));
}

export const dbEnv = (dialect: Dialect, db: BenchDb, prefix: string): Record<string, string> =>
  dialect === 'postgresql' ? { DATABASE_URL: db.url!, DB_PREFIX: prefix } : { SQLITE_DB_PATH: db.path!, DB_PREFIX: prefix };

/**
 * 2. Up-to-date start-up in a new process, from process start (imports included): ours vs drizzle's migrator
 * (no-op) and vs connect + SELECT 1.
 */
export async function startup(settings: Settings, dialect: Dialect, db: BenchDb): Promise<CaseResult[]> {
  // Both ledgers up to date: ours with the prefix, drizzle's with base names in the same database.
  const env = dbEnv(dialect, db, 'bench');
  buildPackage();
  await migrate(db.config('bench'));
  await child({ args: ['drizzle'], env });
  const [ours, theirs, bare] = (await childRuns(settings, [{ args: ['ours'], env }, { args: ['drizzle'], env }, { args: ['select1'], env }])) as [Runs, Runs, Runs];
  const extra = {
    roundTrips: { ours: ours.roundTrips, drizzle: theirs.roundTrips, select1: bare.roundTrips },
    moduleLoadMs: { ours: ours.importMs, drizzle: theirs.importMs, select1: bare.importMs },
    afterImportsMs: { ours: ours.workMs, drizzle: theirs.workMs, select1: bare.workMs },
  };
  const vsDrizzle = ours.stats.median / theirs.stats.median;
  const vsBare = ours.stats.median / bare.stats.median;
  return [
    { case: 'up-to-date start-up (new process from its start, built package)', dialect, ours: ours.stats, baseline: theirs.stats, baselineName: "drizzle-orm's migrator (no-op)", ratio: vsDrizzle, target: '<= 1.2x, <= 2 round trips', met: vsDrizzle <= 1.2 && (ours.roundTrips ?? 0) <= 2, extra },
    { case: 'up-to-date start-up (new process from its start, built package)', dialect, ours: ours.stats, baseline: bare.stats, baselineName: 'connect + SELECT 1', ratio: vsBare, extra },
  ];
}
