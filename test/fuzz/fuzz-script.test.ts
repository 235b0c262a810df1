/** `pnpm test:fuzz` as a person runs it: a process, a random seed printed, its exit code following the result. */
import { describe, expect, it } from 'vitest';
import { hasPnpm, runPackageScript } from '../support/package-script.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { DEFAULT_SEED } from './fuzz-settings.js';

describe('pnpm test:fuzz', () => {
  it.runIf(hasPnpm())('runs the differential test with a random seed it prints, FUZZ_RUNS cases, and exits 0 exactly when it passed', async () => {
    const run = await runPackageScript(REPO_ROOT, 'test:fuzz', [], { env: { FUZZ_RUNS: '2', FUZZ_SEED: '', FUZZ_PATH: '', FUZZ_SKIP: '' } });
    const out = `${run.stdout}${run.stderr}`;
    const seed = /\[fuzz\] seed (-?\d+), 2 runs, up to 8 calls each; again: FUZZ_SEED=\1 FUZZ_RUNS=2 pnpm test:fuzz/.exec(out);
    expect(seed, out).not.toBeNull();
    expect(Number(seed?.[1])).not.toBe(DEFAULT_SEED);
    const summary = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(out);
    expect(summary, out).not.toBeNull();
    // Only the differential test ran; it passed or failed (with its report), and the exit code says which.
    expect([Number(summary?.[1]) + Number(summary?.[2]), Number(summary?.[3])]).toEqual([1, 0]);
    expect(run.code).toBe(summary?.[2] === '0' ? 0 : 1);
  }, 300_000);
});
