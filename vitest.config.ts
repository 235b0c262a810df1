import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    // Each file gets its own PostgreSQL database and SQLite file, so files run in parallel safely.
    fileParallelism: true,
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Many tests run commands as processes (tsx start-up, db:check's replay): 60 s on two shared cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
