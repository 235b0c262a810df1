// @ts-check
/**
 * `pnpm test:mutation`: StrykerJS over the core modules, with the vitest runner. Not part of .ci/run (it takes
 * minutes); run it before changing src/naming or src/config, and update the scores in the README.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'pnpm',
  // Named explicitly: with pnpm's strict node_modules, Stryker cannot discover plugins beside its core.
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/naming/**/*.ts', 'src/config/**/*.ts', '!src/**/index.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['data', 'test-artifacts', 'dist', 'examples', 'bench/results', 'reports', '.stryker-tmp'],
};
