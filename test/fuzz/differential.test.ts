/**
 * A differential property test of the typed accessors: generated sequences of calls (inserts, finds with every
 * filter on every column kind, orders, pages, counts, updates, deletes, upserts, transactions that commit or
 * roll back) run on SQLite (a file), on PostgreSQL and on an in-memory model of the promised semantics
 * (model.ts); every result, and the rows at the end, must be the model's on both engines. A failure prints
 * the seed, fast-check's path and the shrunk calls as code, then which engine differs at which call.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ctsDatabase, openAppDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';
import { caseArb } from './call-arbitraries.js';
import { checkCase, type Engine } from './check-case.js';
import { formatCalls } from './format-call.js';
import { describeSettings, fuzzSettings } from './fuzz-settings.js';

const settings = fuzzSettings(process.env);

describe(`differential: accessors on SQLite, PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'}) and the model`, () => {
  const engines: Engine[] = [];
  const targets: MigrationTarget[] = [];

  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const target = await createMigrationTarget(dialect);
      targets.push(target);
      const config = target.config('fuzz');
      const migrated = await migrate(config);
      if (!migrated.ok) throw migrated.error;
      engines.push({ name: dialect, db: ctsDatabase(await openAppDatabase(config)) });
    }
  }, 120_000);

  afterAll(async () => {
    for (const e of engines) await e.db.close();
    for (const t of targets) await t.cleanup();
  });

  it(`${settings.runs} generated call sequences give the model's results and rows on both engines`, async () => {
    console.log(describeSettings(settings));
    // The counterexample prints as the numbered calls the report refers to.
    const cases = caseArb(settings, settings.maxCalls).map((c) => Object.assign(c, { [fc.toStringMethod]: () => `\n${formatCalls(c.calls)}\n` }));
    await fc.assert(
      fc.asyncProperty(cases, (c) => checkCase(c, engines)),
      { seed: settings.seed, numRuns: settings.runs, ...(settings.path === undefined ? {} : { path: settings.path }) },
    );
  }, settings.timeoutMs);
});
