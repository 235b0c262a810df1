import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs for each mutant (`pnpm test:mutation`): the unit-level suites of the mutated modules.
 * The process-level suites (minutes each) stay in `pnpm test`; a mutant they alone would kill is reported as
 * surviving here, and listed in the README.
 */
export default defineConfig({
  test: {
    include: ['test/naming/**/*.test.ts', 'test/config/**/*.test.ts'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
