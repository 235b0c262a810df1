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
    mutate: ['src/migrate/verify-history.ts', 'src/migrate/prefix-sql.ts', 'src/migrate/sql-tokenizer.ts', 'src/migrate/ledger-entries.ts', 'src/migrate/created-names.ts'],
    tests: ['test/migrate/verify-history.test.ts', 'test/migrate/prefix-sql.test.ts', 'test/migrate/ledger-entries.test.ts', 'test/migrate/created-names.test.ts', 'test/migrate/closed-set.test.ts'],
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
