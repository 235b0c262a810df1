import { defineConfig } from 'vitest/config';
import { MUTATION_GROUPS } from './test/mutation-groups.mjs';

/**
 * The tests StrykerJS runs for the mutants of one group (CTS_MUTATION_GROUP, see test/mutation-groups.mjs):
 * in-process suites only. A command run as a child process does not see Stryker's active mutant, so the
 * process-level suites could not kill one; they stay in `pnpm test`.
 */
const name = process.env.CTS_MUTATION_GROUP ?? 'naming';
const group = MUTATION_GROUPS[name];
if (group === undefined) throw new Error(`CTS_MUTATION_GROUP=${name} is not a group`);

export default defineConfig({
  test: {
    include: [...group.tests],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
