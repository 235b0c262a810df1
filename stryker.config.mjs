// @ts-check
import { MUTATION_GROUPS } from './test/mutation-groups.mjs';

/**
 * StrykerJS with the vitest runner, for ONE group of test/mutation-groups.mjs (CTS_MUTATION_GROUP, default
 * naming). `pnpm test:mutation` (scripts/mutation.mjs) runs every group in turn and summarises the reports.
 * Not part of .ci/run (minutes).
 */
const name = process.env.CTS_MUTATION_GROUP ?? 'naming';
const group = MUTATION_GROUPS[name];
if (group === undefined) throw new Error(`CTS_MUTATION_GROUP=${name} is not a group; use one of ${Object.keys(MUTATION_GROUPS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  // Named explicitly: with pnpm's strict node_modules, Stryker cannot discover plugins beside its core.
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  // vitest.mutation.config.ts reads CTS_MUTATION_GROUP too and runs the group's tests only.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [...group.mutate],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  concurrency: 2,
  // A mutant that loops is stopped after this much more than its tests' normal time (60 s made the run 24 min).
  timeoutMS: 10_000,
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
  ignorePatterns: ['data', 'test-artifacts', 'dist', 'examples', 'bench/results', 'reports', '.stryker-tmp'],
};
