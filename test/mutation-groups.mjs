// @ts-check
/**
 * What `pnpm test:mutation` mutates, and with which tests. Each group pairs core modules with the in-process
 * suites that test them, so that every mutant runs only fast tests and the whole run stays under 30 minutes
 * on this machine (2 cores). Files left out are listed with the reason in the README (Mutation testing).
 *
 * @type {Record<string, { readonly mutate: readonly string[]; readonly tests: readonly string[] }>}
 */
export const MUTATION_GROUPS = {
  naming: {
    mutate: ['src/naming/**/*.ts', '!src/naming/index.ts'],
    tests: ['test/naming/**/*.test.ts', 'test/config/**/*.test.ts'],
  },
  config: {
    mutate: ['src/config/**/*.ts', '!src/config/index.ts'],
    tests: ['test/config/**/*.test.ts'],
  },
  migrate: {
    // sql-tokenizer.ts and created-names.ts are left out: their loop mutants run into the timeout, and with
    // them the group alone took 24 minutes (README, Mutation testing).
    mutate: ['src/migrate/verify-history.ts', 'src/migrate/prefix-sql.ts', 'src/migrate/ledger-entries.ts'],
    tests: ['test/migrate/verify-history.test.ts', 'test/migrate/prefix-sql.test.ts', 'test/migrate/ledger-entries.test.ts'],
  },
  health: {
    mutate: ['src/health/health-checker.ts', 'src/health/error-code.ts'],
    tests: ['test/health/health-checker.test.ts', 'test/health/presence-cache.test.ts'],
  },
  drift: {
    mutate: ['src/drift/live-drift.ts'],
    tests: ['test/drift/live-drift-report.test.ts'],
  },
};
