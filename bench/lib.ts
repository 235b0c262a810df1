import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { resolveConfig, type DbConfig } from '../src/config/index.js';

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export interface Settings {
  readonly quick: boolean;
  readonly reps: number;
  readonly pgUrl: string;
}

/** One warm-up, then `reps` measured runs; `setup` runs before each and is not timed. */
export async function measure(settings: Settings, fn: (i: number) => Promise<unknown>, setup?: (i: number) => Promise<void>): Promise<Stats> {
  const times: number[] = [];
  for (let i = -1; i < settings.reps; i++) {
    await setup?.(i);
    const started = performance.now();
    await fn(i);
    const ms = performance.now() - started;
    if (i >= 0) times.push(ms);
  }
  return stats(times);
}

/**
 * Measures two contenders in alternating order (A B, B A, ...) after one warm-up of each, so neither profits
 * from running second (warm caches, JIT) more than the other.
 */
export async function measurePair(
  settings: Settings,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: { readonly setup?: () => Promise<void>; readonly reps?: number } = {},
): Promise<[Stats, Stats]> {
  const [ta, tb] = await measurePairRatio(settings, a, b, options);
  return [ta, tb];
}

/**
 * As measurePair, and also the median of the per-pair ratios a_i / b_i: each pair is measured back to back, so
 * a slowdown of the shared machine that lasts longer than one pair (seen here: the same baseline taking 360 ms in
 * one run and 520 ms in the next) cancels out of the ratio instead of landing on one contender.
 */
export async function measurePairRatio(
  settings: Settings,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: { readonly setup?: () => Promise<void>; readonly reps?: number } = {},
): Promise<[Stats, Stats, number]> {
  const ratios: number[] = [];
  const ta: number[] = [];
  const tb: number[] = [];
  const time = async (fn: () => Promise<unknown>) => {
    await options.setup?.();
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  await time(a);
  await time(b);
  for (let i = 0; i < (options.reps ?? settings.reps); i++) {
    const [x, y] = i % 2 === 0 ? [await time(a), await time(b)] : ((v) => [v[1], v[0]])([await time(b), await time(a)]);
    ta.push(x!);
    tb.push(y!);
    ratios.push(x! / y!);
  }
  return [stats(ta), stats(tb), stats(ratios).median];
}

export function stats(times: readonly number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

export type Dialect = 'postgresql' | 'sqlite';

/** A fresh empty database of a dialect; `drop` removes it. */
export interface BenchDb {
  readonly dialect: Dialect;
  readonly url: string | undefined;
  readonly path: string | undefined;
  config(prefix: string): DbConfig;
  drop(): Promise<void>;
}

export async function freshDb(settings: Settings, dialect: Dialect): Promise<BenchDb> {
  if (dialect === 'postgresql') {
    const name = `cts_bench_${randomBytes(5).toString('hex')}`;
    const admin = postgres(settings.pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(settings.pgUrl);
    url.pathname = `/${name}`;
    return {
      dialect,
      url: url.toString(),
      path: undefined,
      config: (prefix) => resolveConfig({ env: { DATABASE_URL: url.toString(), DB_PREFIX: prefix }, configFile: false }),
      drop: async () => {
        const a = postgres(settings.pgUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cts-bench-'));
  const path = join(dir, 'bench.db');
  return {
    dialect,
    url: undefined,
    path,
    config: (prefix) => resolveConfig({ env: { SQLITE_DB_PATH: path, DB_PREFIX: prefix }, configFile: false }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CaseResult {
  readonly case: string;
  /** The `--only` case that produced it (fresh, startup, ..., codegen). */
  readonly group?: string;
  readonly dialect: Dialect | 'none';
  readonly ours: Stats;
  readonly baseline: Stats;
  readonly baselineName: string;
  /** ours / baseline for times; for throughput cases, ours / baseline rows per second. */
  readonly ratio: number;
  readonly target?: string;
  readonly met?: boolean;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export const ratio = (ours: Stats, baseline: Stats) => ours.median / baseline.median;
