/**
 * How many cases, from which seed. `pnpm test` runs a fixed seed and a small count; `pnpm test:fuzz` sets
 * FUZZ_MODE=random (a new seed each run, many more cases). Variables:
 *   FUZZ_SEED   the seed (an integer); printed by every run, so a failure can be repeated
 *   FUZZ_RUNS   how many cases
 *   FUZZ_PATH   fast-check's path of a failure (printed with it): replays just that case and its shrinking
 *   FUZZ_CALLS  most calls per case after the setup (a transaction counts as one)
 *   FUZZ_SKIP   comma-separated things the generator leaves out while exploring past a known discrepancy:
 *               a column kind (kept out of where, orderBy and update sets), `nul` (U+0000 in text and JSON),
 *               `early-dates` (years 1-99). Never set by default.
 */
import type { ColumnKind } from '../../src/schema-kit/index.js';
import type { GenSettings } from './value-arbitraries.js';

export interface FuzzSettings extends GenSettings {
  readonly seed: number;
  readonly runs: number;
  readonly path: string | undefined;
  readonly maxCalls: number;
  readonly random: boolean;
  /** For vitest: generous, as shrinking a failure runs many more cases than `runs`. */
  readonly timeoutMs: number;
}

/** The seed and count `pnpm test` uses: 7-11 s of test time on two cores here (idle-busy) when every case passes. */
export const DEFAULT_SEED = 20_260_201;
export const DEFAULT_RUNS = 200;
const RANDOM_RUNS = 1000;

const KINDS: readonly ColumnKind[] = ['uuid', 'text', 'integer', 'bigint', 'boolean', 'timestamp', 'json', 'decimal', 'enum'];
const SKIPPABLE = new Set<string>([...KINDS, 'nul', 'early-dates']);

function integer(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name}=${text}: expected a whole number >= ${min}`);
  return n;
}

export function fuzzSettings(env: NodeJS.ProcessEnv): FuzzSettings {
  const random = env.FUZZ_MODE === 'random';
  const seed = integer(env, 'FUZZ_SEED', -(2 ** 31)) ?? (random ? Math.floor(Math.random() * 2 ** 31) : DEFAULT_SEED);
  const runs = integer(env, 'FUZZ_RUNS', 1) ?? (random ? RANDOM_RUNS : DEFAULT_RUNS);
  const skip = new Set((env.FUZZ_SKIP ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
  const unknown = [...skip].filter((s) => !SKIPPABLE.has(s));
  if (unknown.length > 0) throw new Error(`FUZZ_SKIP: unknown ${unknown.join(', ')}; use any of ${[...SKIPPABLE].join(', ')}`);
  const path = env.FUZZ_PATH === undefined || env.FUZZ_PATH === '' ? undefined : env.FUZZ_PATH;
  return { seed, runs, path, maxCalls: integer(env, 'FUZZ_CALLS', 1) ?? 8, random, skip, timeoutMs: 180_000 + runs * 1_500 };
}

/** The line every run prints first: what ran, and how to run it again. */
export function describeSettings(s: FuzzSettings): string {
  const skip = s.skip.size === 0 ? '' : `, skipping ${[...s.skip].join(',')}`;
  const again = [`FUZZ_SEED=${s.seed}`, `FUZZ_RUNS=${s.runs}`, ...(s.skip.size === 0 ? [] : [`FUZZ_SKIP=${[...s.skip].join(',')}`])].join(' ');
  return `[fuzz] seed ${s.seed}, ${s.runs} runs, up to ${s.maxCalls} calls each${skip}${s.path === undefined ? '' : `, path ${s.path}`}; again: ${again} pnpm test:fuzz`;
}
