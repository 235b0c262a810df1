import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { upToDate } from './cases.js';
import { stats, type BenchDb, type CaseResult, type Dialect, type Settings } from './lib.js';
import { buildPackage, dbEnv } from './startup.js';

const CHILD = join(import.meta.dirname, 'cold-child.mjs');

interface ColdRun {
  readonly ms: number;
  readonly maxRssKiB: number;
}

/** One process from spawn to exit: wall time as the parent sees it, peak RSS as the child reports it. */
function cold(mode: string, env: Record<string, string>): Promise<ColdRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, [CHILD, mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`cold-child ${mode} failed: ${out}`));
      resolve({ ms, maxRssKiB: (JSON.parse(out.trim().split('\n').at(-1)!) as { maxRssKiB: number }).maxRssKiB });
    });
  });
}

/**
 * 7. Cold start from process start, imports included: a new process imports the built package, opens the
 * database and reads one row, against one doing the same with drizzle-orm alone on the same driver; and the
 * peak RSS of each. Pairs alternate which runs first; the ratio is the median of the pairs'.
 */
export async function coldStart(settings: Settings, dialect: Dialect, db: BenchDb): Promise<CaseResult[]> {
  buildPackage();
  await upToDate(db);
  const env = dbEnv(dialect, db, 'bench');
  await cold('cts', env);
  await cold('drizzle', env);
  const ours: ColdRun[] = [];
  const theirs: ColdRun[] = [];
  const reps = Math.max(settings.reps, 9);
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      ours.push(await cold('cts', env));
      theirs.push(await cold('drizzle', env));
    } else {
      theirs.push(await cold('drizzle', env));
      ours.push(await cold('cts', env));
    }
  }
  const time = stats(ours.map((r, i) => r.ms / theirs[i]!.ms)).median;
  const rss = stats(ours.map((r, i) => r.maxRssKiB / theirs[i]!.maxRssKiB)).median;
  const oursRss = stats(ours.map((r) => r.maxRssKiB / 1024));
  const theirRss = stats(theirs.map((r) => r.maxRssKiB / 1024));
  return [
    { case: 'cold start (new process: import, open, one query)', dialect, ours: stats(ours.map((r) => r.ms)), baseline: stats(theirs.map((r) => r.ms)), baselineName: 'drizzle-orm alone, same driver', ratio: time, target: '<= 1.3x', met: time <= 1.3 },
    { case: 'peak RSS of that process (MiB)', dialect, ours: oursRss, baseline: theirRss, baselineName: 'drizzle-orm alone, same driver', ratio: rss, target: '<= 1.3x', met: rss <= 1.3 },
  ];
}
