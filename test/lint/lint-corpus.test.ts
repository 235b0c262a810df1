import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/migrate/prefix-sql.js';
import { LINT_RULES, lintMigrations, type LintRule } from '../../src/lint/migration-lint.js';
import type { CorpusCase } from './corpus/corpus-case.js';
import { SQUAWK_CORPUS, SQUAWK_LEFT_OUT, SQUAWK_RULES } from './corpus/squawk.js';
import { KNOWN_MISSES_CORPUS, STRONG_MIGRATIONS_CORPUS, STRONG_MIGRATIONS_LEFT_OUT, STRONG_MIGRATIONS_OPERATIONS } from './corpus/strong-migrations.js';
import { REPO_ROOT } from '../support/repo-copy.js';

const ALL: readonly CorpusCase[] = [...SQUAWK_CORPUS, ...STRONG_MIGRATIONS_CORPUS, ...KNOWN_MISSES_CORPUS];

/** The rule ids the lint reports for each statement of each migration of a case (migrations linted in order). */
async function findingsOf(c: CorpusCase): Promise<LintRule[][][]> {
  const migrations = c.migrations.map((m, i) => ({ tag: `${String(i + 1).padStart(4, '0')}_corpus`, sql: m.sql }));
  const findings = await lintMigrations('postgresql', migrations);
  return migrations.map((m) => splitStatements(m.sql).map((_, s) => findings.filter((f) => f.tag === m.tag && f.statement === s + 1).map((f) => f.rule)));
}

describe('the lint corpus: squawk\'s and strong_migrations\' examples on this schema', () => {
  it.each(ALL.map((c) => ({ ...c, title: `${c.source} (${c.example}): ${c.note}` })))('$title', async (c) => {
    expect(await findingsOf(c)).toEqual(c.migrations.map((m) => m.expected));
  });

  it('every squawk rule has a bad example in the corpus or is left out with a reason', () => {
    const bad = new Set(SQUAWK_CORPUS.filter((c) => c.example === 'bad').map((c) => c.source));
    const uncovered = SQUAWK_RULES.filter((r) => !bad.has(`squawk:${r}`) && SQUAWK_LEFT_OUT[r] === undefined);
    // squawk's lock-timeout rules are met by the runner; their "bad" is turning its timeout off.
    expect(uncovered).toEqual([]);
    expect(Object.keys(SQUAWK_LEFT_OUT).filter((r) => bad.has(`squawk:${r}`))).toEqual([]);
  });

  it('every strong_migrations PostgreSQL operation has a bad example or is left out with a reason', () => {
    const bad = new Set(STRONG_MIGRATIONS_CORPUS.filter((c) => c.example === 'bad').map((c) => c.source));
    expect(STRONG_MIGRATIONS_OPERATIONS.filter((o) => !bad.has(`strong_migrations:${o}`) && STRONG_MIGRATIONS_LEFT_OUT[o] === undefined)).toEqual([]);
  });

  it('every rule of the lint that applies to PostgreSQL is shown by a bad example', () => {
    const shown = new Set(ALL.filter((c) => c.example === 'bad').flatMap((c) => c.migrations.flatMap((m) => m.expected.flat())));
    expect(Object.keys(LINT_RULES).filter((r) => !shown.has(r as LintRule))).toEqual(['table-rebuild']);
  });

  it('the README states the counts and names each rule left out with its reason', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    const squawkCovered = SQUAWK_RULES.length - Object.keys(SQUAWK_LEFT_OUT).length;
    const smCovered = STRONG_MIGRATIONS_OPERATIONS.length - Object.keys(STRONG_MIGRATIONS_LEFT_OUT).length;
    expect(readme).toContain(`covers ${squawkCovered} of squawk's ${SQUAWK_RULES.length} rules and ${smCovered} of strong_migrations' ${STRONG_MIGRATIONS_OPERATIONS.length} checks`);
    for (const [rule, reason] of [...Object.entries(SQUAWK_LEFT_OUT), ...Object.entries(STRONG_MIGRATIONS_LEFT_OUT)]) expect(readme).toContain(`\`${rule}\`: ${reason}`);
  });
});
