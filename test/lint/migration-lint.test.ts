import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigration, LINT_RULES, type LintRule } from '../../src/lint/migration-lint.js';
import type { DriftReport } from '../../src/drift/check-drift.js';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { copyRepo, REPO_ROOT, runScriptIn } from '../support/repo-copy.js';

/** One statement per rule that must trigger it on a table that already exists (not created in the same migration). */
const TRIGGERS: readonly { rule: LintRule; dialect: 'postgresql' | 'sqlite'; sql: string }[] = [
  { rule: 'drop-table', dialect: 'postgresql', sql: 'DROP TABLE "users" CASCADE;' },
  { rule: 'drop-table', dialect: 'sqlite', sql: 'DROP TABLE `users`;' },
  { rule: 'drop-column', dialect: 'postgresql', sql: 'ALTER TABLE "users" DROP COLUMN "preferences";' },
  { rule: 'drop-column', dialect: 'sqlite', sql: 'ALTER TABLE `users` DROP COLUMN `preferences`;' },
  { rule: 'column-type-change', dialect: 'postgresql', sql: 'ALTER TABLE "exchange_positions" ALTER COLUMN "leverage" SET DATA TYPE numeric(10, 2);' },
  {
    rule: 'table-rebuild',
    dialect: 'sqlite',
    sql: 'PRAGMA foreign_keys=OFF;--> statement-breakpoint\nCREATE TABLE `__new_users` (`id` text PRIMARY KEY NOT NULL);--> statement-breakpoint\nINSERT INTO `__new_users`("id") SELECT "id" FROM `users`;--> statement-breakpoint\nDROP TABLE `users`;--> statement-breakpoint\nALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint\nPRAGMA foreign_keys=ON;',
  },
  { rule: 'rename-table', dialect: 'postgresql', sql: 'ALTER TABLE "users" RENAME TO "accounts";' },
  { rule: 'rename-table', dialect: 'sqlite', sql: 'ALTER TABLE `users` RENAME TO `accounts`;' },
  { rule: 'rename-column', dialect: 'postgresql', sql: 'ALTER TABLE "users" RENAME COLUMN "email" TO "email_address";' },
  { rule: 'rename-column', dialect: 'sqlite', sql: 'ALTER TABLE `users` RENAME COLUMN "email" TO "email_address";' },
  { rule: 'set-not-null', dialect: 'postgresql', sql: 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;' },
  { rule: 'add-not-null-column', dialect: 'postgresql', sql: 'ALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;' },
  { rule: 'add-not-null-column', dialect: 'sqlite', sql: 'ALTER TABLE `users` ADD `nickname` text NOT NULL;' },
  { rule: 'constraint-validated', dialect: 'postgresql', sql: 'ALTER TABLE "site_logs" ADD CONSTRAINT "fk_x" FOREIGN KEY ("connection_id") REFERENCES "public"."exchange_connections"("id") ON DELETE set null;' },
  { rule: 'constraint-validated', dialect: 'postgresql', sql: 'ALTER TABLE "users" ADD CONSTRAINT "ck_x" CHECK ("role" <> \'\');' },
  { rule: 'index-not-concurrent', dialect: 'postgresql', sql: 'CREATE INDEX "idx_x" ON "users" USING btree ("email");' },
];

/** The safe or acknowledged counterparts: none may produce an unacknowledged finding. */
const SAFE: readonly { dialect: 'postgresql' | 'sqlite'; sql: string }[] = [
  { dialect: 'postgresql', sql: 'ALTER TABLE "users" ADD COLUMN "nickname" text;' },
  { dialect: 'postgresql', sql: 'ALTER TABLE "users" ADD COLUMN "score" integer DEFAULT 0 NOT NULL;' },
  { dialect: 'sqlite', sql: 'ALTER TABLE `users` ADD `score` integer DEFAULT 0 NOT NULL;' },
  { dialect: 'postgresql', sql: 'ALTER TABLE "users" ADD CONSTRAINT "ck_x" CHECK ("role" <> \'\') NOT VALID;' },
  // CONCURRENTLY cannot run in a transaction: only in a migration marked to run outside one.
  { dialect: 'postgresql', sql: '-- cts:transaction none\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_x" ON "users" ("email");' },
  { dialect: 'postgresql', sql: 'CREATE TABLE "notes" ("id" text PRIMARY KEY NOT NULL, "body" text NOT NULL);--> statement-breakpoint\nCREATE INDEX "idx_notes" ON "notes" USING btree ("body");--> statement-breakpoint\nALTER TABLE "notes" ADD CONSTRAINT "ck_n" CHECK ("body" <> \'\');' },
  { dialect: 'sqlite', sql: 'CREATE INDEX `idx_x` ON `users` (`email`);' },
  { dialect: 'postgresql', sql: '-- lint-ack: drop-column preferences moved to user_settings in 0004\nALTER TABLE "users" DROP COLUMN "preferences";' },
];

describe('the migration safety lint', () => {
  it.each(TRIGGERS)('$dialect: $rule is found in its statement, with risk and safer pattern', async ({ rule, dialect, sql }) => {
    const findings = await lintMigration(dialect, '0009_test', sql);
    expect(findings.map((f) => [f.rule, f.acknowledged])).toEqual([[rule, false]]);
    expect(findings[0]).toMatchObject({ tag: '0009_test', risk: LINT_RULES[rule].risk, safer: LINT_RULES[rule].safer });
    // The acknowledged form: a marker comment in the same statement naming the rule.
    const acked = await lintMigration(dialect, '0009_test', sql.replace(/(;--> statement-breakpoint\n)(CREATE TABLE `__new_)/, `$1-- lint-ack: ${rule} reviewed\n$2`).replace(/^(?!PRAGMA)/, `-- lint-ack: ${rule} reviewed\n`));
    expect(acked.map((f) => [f.rule, f.acknowledged])).toEqual([[rule, true]]);
  });

  it.each(SAFE)('$dialect: no unacknowledged finding for $sql', async ({ dialect, sql }) => {
    expect((await lintMigration(dialect, '0009_test', sql)).filter((f) => !f.acknowledged)).toEqual([]);
  });

  it('the committed migrations trigger nothing unacknowledged; the additive initial schema nothing at all', async () => {
    for (const [dialect, folder] of [['postgresql', 'pg'], ['sqlite', 'sqlite']] as const) {
      const sql = await readFile(join(REPO_ROOT, 'drizzle', folder, '0000_init.sql'), 'utf8');
      expect(await lintMigration(dialect, '0000_init', sql)).toEqual([]);
      for (const tag of committedTags(folder)) {
        const findings = await lintMigration(dialect, tag, await readFile(join(REPO_ROOT, 'drizzle', folder, `${tag}.sql`), 'utf8'));
        expect(findings.filter((f) => !f.acknowledged), `${folder} ${tag}`).toEqual([]);
      }
    }
  });

  it('db:check exits 1 naming every rule a committed migration triggers, and reports none once each statement is acknowledged', async () => {
    const copy = await copyRepo();
    try {
      expect((await runScriptIn(copy.root, 'db-migrate-create.ts', ['every_rule'])).code).toBe(0);
      const files = {
        postgresql: join(copy.root, 'drizzle', 'pg', `${nextTag('pg', 'every_rule')}.sql`),
        sqlite: join(copy.root, 'drizzle', 'sqlite', `${nextTag('sqlite', 'every_rule')}.sql`),
      };
      const write = async (ack: boolean) => {
        for (const dialect of ['postgresql', 'sqlite'] as const) {
          const acks = ack ? Object.keys(LINT_RULES).map((r) => `-- lint-ack: ${r} test\n`).join('') : '';
          const statements = TRIGGERS.filter((t) => t.dialect === dialect).flatMap((t) => t.sql.split('--> statement-breakpoint\n'));
          await writeFile(files[dialect], statements.map((st) => `${acks}${st.replace(/;?--> statement-breakpoint$/, '').trim()}`).join('\n--> statement-breakpoint\n'));
        }
        // The second write edits a migration the first one recorded in drizzle/migrations.sum (never applied).
        const rehash = ack ? ['--rehash', nextTag('pg', 'every_rule'), '--rehash', nextTag('sqlite', 'every_rule')] : [];
        const generated = await runScriptIn(copy.root, 'db-generate.ts', rehash);
        expect(generated.code).toBe(0);
        // db:generate lints the custom migration too, not only the migrations it writes itself.
        expect(generated.stdout.includes(`pg ${nextTag('pg', 'every_rule')} statement 1 [drop-table]: DROP TABLE "users" CASCADE;`)).toBe(!ack);
        expect(generated.stdout.includes('migration lint:')).toBe(!ack);
        const result = await runScriptIn(copy.root, 'db-check.ts', ['--json']);
        return { code: result.code, lint: (JSON.parse(result.stdout) as DriftReport).problems.filter((p) => p.check === 'lint') };
      };
      const flagged = await write(false);
      expect(flagged.code).toBe(1);
      const named = flagged.lint.map((p) => `${p.dialect} ${p.message.slice(1, p.message.indexOf(']'))}`).sort();
      const expected = [...new Set(TRIGGERS.map((t) => `${t.dialect === 'postgresql' ? 'pg' : 'sqlite'} ${t.rule}`))].sort();
      expect(named).toEqual(expected);
      const acknowledged = await write(true);
      expect(acknowledged.lint).toEqual([]);
    } finally {
      await copy.cleanup();
    }
  }, 120_000);

  it('db:generate warns, db:check exits 1 naming the rule until the statement is acknowledged, and db:migrate --plan counts the rows it touches', async () => {
    const copy = await copyRepo();
    try {
      const env = { SQLITE_DB_PATH: join(copy.root, 'lint.db'), DB_PREFIX: 'lint' };
      expect((await runScriptIn(copy.root, 'db-migrate.ts', [], env)).code).toBe(0);
      const { default: Database } = await import('libsql');
      const db = new Database(env.SQLITE_DB_PATH);
      db.exec(`insert into lint_users (id, username, password_hash, preferences) values ('u1', 'a', 'h', '{"x":1}'), ('u2', 'b', 'h', '{}'), ('u3', 'c', 'h', '{}')`);
      db.close();
      const system = join(copy.root, 'schema', 'system.ts');
      const text = await readFile(system, 'utf8');
      await writeFile(system, text.replace('    preferences: col.json().$type<Record<string, unknown>>().notNull().default({}),\n', ''));
      const generated = await runScriptIn(copy.root, 'db-generate.ts', ['--name', 'drop_preferences']);
      expect(generated.code).toBe(0);
      expect(generated.stdout).toContain(`pg ${nextTag('pg', 'drop_preferences')} statement 1 [drop-column]: ALTER TABLE "users" DROP COLUMN "preferences";`);
      const plan = await runScriptIn(copy.root, 'db-migrate.ts', ['--plan'], env);
      expect(plan.stdout).toContain('-- affects 3 row(s) of lint_users holding a value in preferences\nALTER TABLE `lint_users` DROP COLUMN `preferences`;');
      const failing = await runScriptIn(copy.root, 'db-check.ts', ['--json']);
      expect(failing.code).toBe(1);
      const report = JSON.parse(failing.stdout) as DriftReport;
      expect(report.problems.filter((p) => p.check === 'lint').map((p) => `${p.dialect} ${p.message.split(']')[0]}]`)).toEqual(['pg [drop-column]', 'sqlite [drop-column]']);

      for (const folder of ['pg', 'sqlite'] as const) {
        const file = join(copy.root, 'drizzle', folder, `${nextTag(folder, 'drop_preferences')}.sql`);
        await writeFile(file, `-- lint-ack: drop-column preferences are unused since release 3\n${await readFile(file, 'utf8')}`);
      }
      // The acknowledgement edits a recorded migration that no database has applied: recorded by name.
      expect((await runScriptIn(copy.root, 'db-generate.ts', ['--rehash', nextTag('pg', 'drop_preferences'), '--rehash', nextTag('sqlite', 'drop_preferences')])).code).toBe(0);
      const passing = await runScriptIn(copy.root, 'db-check.ts');
      expect(passing.stdout).toMatch(/^db:check: clean/);
      expect(passing.code).toBe(0);
    } finally {
      await copy.cleanup();
    }
  }, 120_000);
});
