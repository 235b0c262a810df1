import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { committedTags } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { itNeedsServer } from '../support/test-postgres.js';

// CI once saw 1 of 16 concurrent first migrations through PgBouncer fail with MIGRATION_LEDGER_MISSING: its first
// look found no ledger, another run then committed the ledger and the tables, and its second look (which tables
// exist) found them. Here that other run is a real `db:migrate` process that runs to completion exactly between
// the two looks: the hook runs when the second statement is built, before it is sent, and blocks until the
// process has exited.
describe('a first migration racing another on PostgreSQL', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
  });

  itNeedsServer(
    'does not take the tables the other run just created for foreign ones: it sees the ledger and has nothing to do',
    async () => {
      const prefix = 'race_a';
      let raced = 0;
      const onQuery = (q: string) => {
        // The look that runs only when the first one found no ledger: tables by name, without the ledger entries.
        if (raced === 0 && q.startsWith('select (select string_agg(c.relname::text')) {
          raced++;
          execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'db-migrate.ts')], {
            cwd: REPO_ROOT,
            env: { ...process.env, ...target.env, DB_PREFIX: prefix },
            stdio: 'pipe',
            timeout: 120_000,
          });
        }
      };
      const result = await migrate(target.config(prefix), { onQuery });
      expect(raced).toBe(1);
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.applied).toBe(0);
      expect(result.results.map((r) => [r.tag, r.status])).toEqual(committedTags('postgresql').map((tag) => [tag, 'already-applied']));
    },
    180_000,
  );
});
