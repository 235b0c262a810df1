import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/check-drift.js';
import { statementDigest } from '../../src/lint/lint-acks.js';
import { lintMigration } from '../../src/lint/migration-lint.js';
import { nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

const DROP = 'ALTER TABLE "users" DROP COLUMN "preferences";';

describe('acknowledgements beside the migration (drizzle/lint-acks.json)', () => {
  it('a statement digest ignores comments and layout, and changes with what runs', () => {
    expect(statementDigest(`-- why\n${DROP}`)).toBe(statementDigest(`ALTER  TABLE "users"\n  DROP COLUMN "preferences"; /* x */`));
    expect(statementDigest(DROP)).not.toBe(statementDigest('ALTER TABLE "users" DROP COLUMN "email";'));
    expect(statementDigest(DROP)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an entry acknowledges exactly its dialect, migration, statement and rule', async () => {
    const ack = { dialect: 'pg' as const, tag: '0009_x', statement: statementDigest(DROP), rule: 'drop-column', reason: 'unused since release 3' };
    const acked = async (acks: (typeof ack)[], tag = '0009_x', dialect: 'postgresql' | 'sqlite' = 'postgresql') => (await lintMigration(dialect, tag, DROP, acks)).map((f) => [f.rule, f.acknowledged]);
    expect(await acked([ack])).toEqual([['drop-column', true]]);
    expect(await acked([{ ...ack, rule: 'drop-table' }])).toEqual([['drop-column', false]]);
    expect(await acked([{ ...ack, statement: statementDigest('ALTER TABLE "users" DROP COLUMN "email";') }])).toEqual([['drop-column', false]]);
    expect(await acked([ack], '0010_y')).toEqual([['drop-column', false]]);
    expect(await acked([ack], '0009_x', 'sqlite')).toEqual([['drop-column', false]]);
  });

  describe('acknowledging a migration after it was applied', () => {
    let copy: { root: string; cleanup: () => Promise<void> };
    const targets: MigrationTarget[] = [];
    const tag = (folder: 'pg' | 'sqlite') => nextTag(folder, 'drop_preferences');
    const check = async () => {
      const run = await runScriptIn(copy.root, 'db-check.ts', ['--json']);
      return { code: run.code, lint: (JSON.parse(run.stdout) as DriftReport).problems.filter((p) => p.check === 'lint') };
    };
    beforeAll(async () => {
      copy = await copyRepo();
      targets.push(await createMigrationTarget('postgresql'), await createMigrationTarget('sqlite'));
      const system = join(copy.root, 'schema', 'system.ts');
      await writeFile(system, (await readFile(system, 'utf8')).replace('    preferences: col.json().$type<Record<string, unknown>>().notNull().default({}),\n', ''));
      expect((await runScriptIn(copy.root, 'db-generate.ts', ['--name', 'drop_preferences'])).code).toBe(0);
    }, 180_000);
    afterAll(async () => {
      for (const t of targets) await t.cleanup();
      await copy?.cleanup();
    });

    it('keeps the checksum: db:migrate and db:rollback both work afterwards; an entry whose statement is gone fails db:check', async () => {
      for (const t of targets) expect((await runScriptIn(copy.root, 'db-migrate.ts', [], { ...t.env, DB_PREFIX: 'ack' })).code).toBe(0);
      const before = { pg: await readFile(join(copy.root, 'drizzle', 'pg', `${tag('pg')}.sql`), 'utf8'), sqlite: await readFile(join(copy.root, 'drizzle', 'sqlite', `${tag('sqlite')}.sql`), 'utf8') };

      const flagged = await check();
      expect(flagged.code).toBe(1);
      expect(flagged.lint.map((p) => [p.dialect, p.message.split(']')[0]])).toEqual([
        ['pg', '[drop-column'],
        ['sqlite', '[drop-column'],
      ]);
      // db:check prints the entry to add; the reviewer adds it with a reason.
      const entries = flagged.lint.flatMap((p) => p.details.map((d) => JSON.parse(d.slice(d.indexOf('acknowledge: ') + 'acknowledge: '.length)) as Record<string, string>));
      expect(entries).toEqual([
        { dialect: 'pg', tag: tag('pg'), statement: statementDigest(before.pg.split('--> statement-breakpoint').find((s) => s.includes('DROP COLUMN')) ?? ''), rule: 'drop-column', reason: '<why this is safe>' },
        { dialect: 'sqlite', tag: tag('sqlite'), statement: expect.stringMatching(/^[0-9a-f]{16}$/), rule: 'drop-column', reason: '<why this is safe>' },
      ]);
      const acks = entries.map((e) => ({ ...e, reason: 'preferences moved to user_settings in release 3' }));
      await writeFile(join(copy.root, 'drizzle', 'lint-acks.json'), `${JSON.stringify({ acks }, null, 2)}\n`);

      const clean = await check();
      expect([clean.code, clean.lint]).toEqual([0, []]);
      // The migrations were not touched, so what the ledgers recorded still matches.
      expect(await readFile(join(copy.root, 'drizzle', 'pg', `${tag('pg')}.sql`), 'utf8')).toBe(before.pg);
      for (const t of targets) {
        const env = { ...t.env, DB_PREFIX: 'ack' };
        const again = await runScriptIn(copy.root, 'db-migrate.ts', [], env);
        expect([again.code, again.stderr]).toEqual([0, '']);
        expect(again.stdout).toContain('already up to date');
        const back = await runScriptIn(copy.root, 'db-rollback.ts', ['--yes'], env);
        expect([back.code, back.stderr]).toEqual([0, '']);
        expect(back.stdout).toContain(`rolled back ${tag(t.folder)}`);
        expect((await runScriptIn(copy.root, 'db-migrate.ts', [], env)).code).toBe(0);
      }

      await writeFile(join(copy.root, 'drizzle', 'lint-acks.json'), `${JSON.stringify({ acks: [...acks, { ...acks[0], statement: '0123456789abcdef' }] }, null, 2)}\n`);
      const stale = await check();
      expect(stale.code).toBe(1);
      expect(stale.lint.map((p) => [p.message, p.details])).toEqual([
        [`[LINT_ACK_STALE] 1 acknowledgement(s) in drizzle/lint-acks.json match no finding: their statement changed or is gone`, [`pg ${tag('pg')} statement 0123456789abcdef [drop-column]: preferences moved to user_settings in release 3`]],
      ]);
    }, 240_000);
  });
});
