import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { unregisteredTables } from '../codegen/unregistered-tables.js';
import { isCtsDbError } from '../errors/index.js';
import { prefixStatements, splitStatements } from '../migrate/prefix-sql.js';
import { CROSS_PREFIX_RULE } from '../migrate/prefix-isolation.js';
import { ackEntry, LINT_ACKS_FILE, readLintAcks, statementDigest, type LintAck } from '../lint/lint-acks.js';
import type { LintFinding } from '../lint/migration-lint.js';
import { lintMigrationSet } from '../lint/lint-repository.js';
import { renderDownMigrations } from '../codegen/down-migrations.js';
import { diffGenerated, renderGenerated } from '../codegen/generate.js';
import { runDrizzleKit, type KitDialect } from '../codegen/drizzle-kit.js';
import { buildManifest } from '../codegen/manifest.js';
import { MIGRATION_MODULES, MIGRATIONS_MODULE, readEmbeddedInput, readMigrationSet, renderMigrationModules } from '../codegen/migrations-module.js';
import { MAX_PREFIX_BYTES, checkIdentifierLengths } from '../naming/index.js';
import { schemaProblems, type SchemaSpec } from '../schema-kit/index.js';
import { snapshotDrift } from './schema-drift.js';
import { sumProblems } from './sum-drift.js';
import { BREAKPOINT, emptySnapshot, snapshotOfTables } from '../codegen/migration-folder.js';
import { NO_RENAMES } from '../codegen/renames.js';
import { diffSnapshots } from '../codegen/snapshot-diff.js';
import type { EmbeddedMigrationData } from '../migrate/embedded-migrations.js';
import { buildPgTables, buildSqliteTables } from '../schema-kit/build-tables.js';
import { replayDrift, REPLAY_PREFIX } from './replay/replay-drift.js';
import type { CatalogDifference } from './replay/schema-catalog.js';
import { pgliteScratch, sqliteScratch } from './replay/scratch-database.js';

export type DriftCheck = 'schema' | 'identifiers' | 'migrations' | 'generated' | 'journal' | 'replay' | 'registry' | 'lint' | 'sum';

export interface DriftProblem {
  readonly check: DriftCheck;
  readonly dialect?: KitDialect;
  readonly message: string;
  readonly details: readonly string[];
  /** The command (or edit) that fixes it. */
  readonly fix: string;
}

export interface CheckDriftOptions {
  /** Called as each long step starts and ends. */
  readonly onStep?: (event: { readonly name: string; readonly phase: 'start' | 'end'; readonly ms?: number }) => void;
}

export interface DriftReport {
  readonly ok: boolean;
  readonly tables: number;
  readonly migrations: { readonly pg: number; readonly sqlite: number };
  readonly generatedFiles: number;
  readonly problems: readonly DriftProblem[];
}

const DIALECTS: readonly KitDialect[] = ['pg', 'sqlite'];
const REGENERATE = 'pnpm db:generate --name <what_changed>, then commit schema/, drizzle/ and generated/ together';

/**
 * The CI drift check: schema/, the committed migrations and generated/ must agree, and every base name must
 * leave room for the longest allowed prefix. Returns a report; only scripts/db-check.ts prints.
 */
export async function checkDrift(root: string, schema: SchemaSpec, options: CheckDriftOptions = {}): Promise<DriftReport> {
  const problems: DriftProblem[] = [];
  // Each long step reported as it starts and ends (db:check prints them: the whole check takes seconds).
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    options.onStep?.({ name, phase: 'start' });
    const result = await fn();
    options.onStep?.({ name, phase: 'end', ms: Math.round(performance.now() - started) });
    return result;
  };

  const structural = schemaProblems(schema);
  if (structural.length > 0) {
    problems.push({ check: 'schema', message: 'schema/ has structural problems', details: structural, fix: 'edit schema/ as each line says' });
    // The remaining checks build the schema, which refuses to build an invalid one.
    return { ok: false, tables: Object.keys(schema).length, migrations: { pg: 0, sqlite: 0 }, generatedFiles: 0, problems };
  }

  const unregistered = await unregisteredTables(join(root, 'schema'), schema);
  if (unregistered.length > 0) {
    problems.push({
      check: 'registry',
      message: 'tables defined in schema/ but not registered in schema/index.ts: no migration creates them',
      details: unregistered.map((u) => `${u.table} (export ${u.exportName} of ${u.file})`),
      fix: 'add each export to the schema object in schema/index.ts, then pnpm db:generate',
    });
  }

  const manifest = buildManifest(schema);
  const lengths = checkIdentifierLengths('x'.repeat(MAX_PREFIX_BYTES), manifest.objectNames);
  if (!lengths.ok) {
    problems.push({
      check: 'identifiers',
      message: `base names too long for the longest allowed prefix (${MAX_PREFIX_BYTES} bytes): PostgreSQL would cut them at 63 bytes`,
      details: lengths.offenders.map((o) => `${o.name.slice(MAX_PREFIX_BYTES + 1)} (${o.bytes - MAX_PREFIX_BYTES - 1} bytes, at most ${63 - MAX_PREFIX_BYTES - 1})`),
      fix: 'shorten these names in schema/, then run pnpm db:generate',
    });
  }

  // Before the journal check, which returns early: a byte changed anywhere in drizzle/ is reported either way.
  problems.push(...(await sumProblems(root)));

  // A journal the runner would refuse (duplicate tag, missing or unlisted file, moved entries) is reported
  // alone: the snapshot, down-file and replay checks below all read it.
  const journalError = await readMigrationSet(root).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const hasFolders = DIALECTS.some((d) => existsSync(join(root, 'drizzle', d, 'meta', '_journal.json')));
  if (journalError !== undefined && hasFolders) {
    const code = isCtsDbError(journalError) ? `[${journalError.code}] ` : '';
    problems.push({ check: 'journal', message: `${code}${journalError.message}`, details: [], fix: isCtsDbError(journalError) ? journalError.hint : 'restore drizzle/ from git' });
    return { ok: false, tables: manifest.tableCount, migrations: { pg: 0, sqlite: 0 }, generatedFiles: 0, problems };
  }

  const migrations = { pg: 0, sqlite: 0 };
  // drizzle-kit check runs in child processes while this one diffs, lints and replays; awaited last.
  const kitChecks = step('drizzle-kit check (both dialects, alongside the steps below)', () => Promise.all(DIALECTS.map((d) => runDrizzleKit(root, d, ['check']))));
  const snapshots = await step('schema/ against the latest snapshots', () => Promise.all(DIALECTS.map((d) => snapshotDrift(root, d, schema))));
  // Where each dialect's drizzle-kit problem goes once known: after that dialect's snapshot problem.
  const kitSlots: number[] = [];
  DIALECTS.forEach((dialect, i) => {
    const snap = snapshots[i]!;
    switch (snap.kind) {
      case 'in-sync':
        migrations[dialect] = snap.migrations;
        break;
      case 'no-migrations':
        problems.push({ check: 'migrations', dialect, message: `drizzle/${dialect} has no migrations`, details: [], fix: REGENERATE });
        break;
      case 'unreadable':
        problems.push({ check: 'migrations', dialect, message: `cannot read ${snap.file}: ${snap.message}`, details: [], fix: 'restore the file from git; never edit drizzle/ by hand' });
        break;
      case 'drift':
        migrations[dialect] = snap.migrations;
        problems.push({
          check: 'migrations',
          dialect,
          message: `schema/ differs from the latest ${dialect} migration (${snap.latest}): a migration is missing`,
          details: snap.statements.map((s) => s.replace(/\s+/g, ' ').trim()),
          fix: REGENERATE,
        });
        break;
    }
    kitSlots.push(problems.length);
  });

  const downProblems: string[] = [];
  await step('down migrations', async () => {
    for (const dialect of DIALECTS) {
      let rendered: Awaited<ReturnType<typeof renderDownMigrations>>;
      try {
        rendered = await renderDownMigrations(root, dialect);
      } catch (error) {
        // A snapshot missing or unreadable: named with its fix; the other checks still run.
        if (!isCtsDbError(error)) throw error;
        problems.push({ check: 'journal', dialect, message: `[${error.code}] ${error.message.split('\n  hint: ')[0]}`, details: [], fix: error.hint });
        continue;
      }
      for (const [file, expected] of rendered) {
        const actual = await readFile(file, 'utf8').catch(() => undefined);
        if (expected === undefined) continue; // custom migration: its down file is hand-written
        if (actual === undefined) downProblems.push(`${relative(root, file)}: missing`);
        else if (actual !== expected) downProblems.push(`${relative(root, file)}: differs from the reverse drizzle-kit derives`);
      }
    }
  });
  if (downProblems.length > 0) {
    problems.push({ check: 'migrations', message: 'down migrations are missing or edited', details: downProblems, fix: 'pnpm db:generate writes missing ones; restore edited ones from git' });
  }

  problems.push(...(await emptyMigrations(root)));
  problems.push(...(await step('migration safety lint', () => lintProblems(root))));
  problems.push(...(await step('replay: every migration on scratch PGlite and SQLite databases, compared with schema/', () => replayProblems(root, schema))));
  const kitRuns = await kitChecks;
  // Last dialect first, so the earlier slots stay where they were.
  for (let i = DIALECTS.length - 1; i >= 0; i--) {
    const kit = kitRuns[i]!;
    if (!kit.ok) {
      problems.splice(kitSlots[i]!, 0, { check: 'journal', dialect: kit.dialect, message: `${kit.command} reports journal or snapshot problems`, details: kit.output.split('\n'), fix: 'restore drizzle/ from git, or resolve the conflicting migrations and run pnpm db:generate' });
    }
  }

  const files = new Map(renderGenerated(schema));
  // The embedded migrations must be exactly drizzle/ (SQL, order, checksums, down files): the runner applies them.
  const embedded = await readEmbeddedInput(root).then(
    (data) => renderMigrationModules(data),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (embedded instanceof Error) {
    const code = isCtsDbError(embedded) ? `[${embedded.code}] ` : '';
    const hint = isCtsDbError(embedded) ? embedded.hint : 'restore drizzle/ from git, then pnpm db:generate';
    problems.push({ check: 'journal', message: `${code}drizzle/ cannot be embedded in ${MIGRATIONS_MODULE}: ${embedded.message}`, details: [], fix: hint });
  }
  // Expected either way, so a failure to embed is reported once (above), not again as "unexpected" files.
  const expected: readonly string[] = embedded instanceof Error ? MIGRATION_MODULES : [];
  if (!(embedded instanceof Error)) for (const [path, content] of embedded) files.set(path, content);
  const generatedDiffs = (await diffGenerated(root, files, (dir) => readdir(dir).catch(() => []))).filter((d) => !expected.includes(d.path));
  if (generatedDiffs.length > 0) {
    problems.push({
      check: 'generated',
      message: 'generated/ differs from what the generator writes now',
      details: generatedDiffs.map((d) => `${d.path}: ${d.problem}${(MIGRATION_MODULES as readonly string[]).includes(d.path) ? ' (it must embed drizzle/ exactly)' : ''}`),
      fix: 'pnpm db:generate (never edit generated/ by hand)',
    });
  }

  return { ok: problems.length === 0, tables: manifest.tableCount, migrations, generatedFiles: files.size, problems };
}

/**
 * Unacknowledged findings of the migration safety lint, one problem per rule and dialect; and acknowledgements
 * in drizzle/lint-acks.json that no longer match a finding (their statement changed or went away).
 */
async function lintProblems(root: string): Promise<DriftProblem[]> {
  const data = await readMigrationSet(root).catch(() => undefined);
  if (data === undefined) return [];
  let acks: LintAck[];
  try {
    acks = await readLintAcks(root);
  } catch (error) {
    return [{ check: 'lint', message: `[${isCtsDbError(error) ? error.code : 'LINT_ACKS_INVALID'}] ${(error as Error).message}`, details: [], fix: isCtsDbError(error) ? error.hint : `fix ${LINT_ACKS_FILE}` }];
  }
  const all = await lintMigrationSet(data, acks);
  const findings = all.filter((f) => !f.acknowledged);
  const groups = new Map<string, LintFinding[]>();
  for (const f of findings) groups.set(`${f.dialect}:${f.rule}`, [...(groups.get(`${f.dialect}:${f.rule}`) ?? []), f]);
  const problems = [...groups.values()].map((list): DriftProblem => {
    const first = list[0] as LintFinding;
    const dialect: KitDialect = first.dialect === 'postgresql' ? 'pg' : 'sqlite';
    return {
      check: 'lint',
      dialect,
      message: `[${first.rule}] ${first.risk}`,
      details: list.map((f) => `drizzle/${dialect}/${f.tag}.sql statement ${f.statement}: ${f.sql}\n  acknowledge: ${ackEntry(dialect, f.tag, f.digest, f.rule)}`),
      fix: `${first.safer}. If that is reviewed and intended, add the entry shown to ${LINT_ACKS_FILE} with the reason (the migration itself stays as it is, applied or not)`,
    };
  });
  // A cross-prefix acknowledgement is the runner's (the lint does not find those): stale when its statement is gone.
  const statementExists = (a: LintAck) => splitStatements(data[a.dialect === 'pg' ? 'postgresql' : 'sqlite'].find((m) => m.tag === a.tag)?.sql ?? '').some((st) => statementDigest(st) === a.statement);
  const stale = acks.filter((a) =>
    a.rule === CROSS_PREFIX_RULE
      ? !statementExists(a)
      : !all.some((f) => f.acknowledged && (f.dialect === 'postgresql' ? 'pg' : 'sqlite') === a.dialect && f.tag === a.tag && f.digest === a.statement && f.rule === a.rule),
  );
  if (stale.length > 0) {
    problems.push({
      check: 'lint',
      message: `[LINT_ACK_STALE] ${stale.length} acknowledgement(s) in ${LINT_ACKS_FILE} match no finding: their statement changed or is gone`,
      details: stale.map((a) => `${a.dialect} ${a.tag} statement ${a.statement} [${a.rule}]: ${a.reason}`),
      fix: `remove them from ${LINT_ACKS_FILE}; if the statement was changed on purpose, review the new one and acknowledge it with the digest db:check prints`,
    });
  }
  return problems;
}

/** Migrations with no statement at all (an unwritten custom template): the runner refuses them. */
async function emptyMigrations(root: string): Promise<DriftProblem[]> {
  const data = await readMigrationSet(root).catch(() => undefined);
  if (data === undefined) return [];
  return DIALECTS.flatMap((dialect): DriftProblem[] => {
    const empty = data[MIGRATION_DIALECT[dialect]].filter((m) => prefixStatements(m.sql, { prefix: REPLAY_PREFIX, names: new Set() }).length === 0);
    return empty.length === 0
      ? []
      : [{ check: 'migrations', dialect, message: `[MIGRATION_EMPTY] migrations with no SQL statement (empty or only comments): db:migrate refuses them`, details: empty.map((m) => `drizzle/${dialect}/${m.tag}.sql`), fix: 'write their SQL (base names) and run pnpm db:generate, or delete them' }];
  });
}

const MIGRATION_DIALECT = { pg: 'postgresql', sqlite: 'sqlite' } as const;
const unprefixed = (name: string) => (name.startsWith(`${REPLAY_PREFIX}_`) ? name.slice(REPLAY_PREFIX.length + 1) : name);
const base = (key: string) => {
  const dot = key.indexOf('.');
  return dot < 0 ? unprefixed(key) : `${unprefixed(key.slice(0, dot))}.${unprefixed(key.slice(dot + 1))}`;
};

function describeDifference(d: CatalogDifference): string {
  return `${base(d.object)} (${d.what}): schema/ gives ${d.schema === undefined ? 'nothing' : JSON.stringify(d.schema)}, the migrations give ${d.migrations === undefined ? 'nothing' : JSON.stringify(d.migrations)}`;
}

/**
 * Replays drizzle/ with the real runner in scratch databases (PGlite, a temporary SQLite file) and compares the
 * engine's catalog with a database built fresh from schema/; then down and up again. Catches what comparing
 * snapshots cannot: an edited or custom migration, a down file that does not undo its migration.
 */
async function replayProblems(root: string, schema: SchemaSpec): Promise<DriftProblem[]> {
  let data: EmbeddedMigrationData;
  try {
    data = await readMigrationSet(root);
  } catch {
    return []; // reported by the embedding check
  }
  const run = async (dialect: KitDialect): Promise<DriftProblem[]> => {
    const tables = (dialect === 'pg' ? buildPgTables(schema) : buildSqliteTables(schema)) as Record<string, unknown>;
    const empty = await emptySnapshot(dialect);
    const fresh = await diffSnapshots(dialect, empty, await snapshotOfTables(dialect, tables, empty.id), { renames: NO_RENAMES, mode: 'as-drop' });
    const freshSql = fresh.kind === 'ok' ? fresh.statements.join(BREAKPOINT) : '';
    const scratch = dialect === 'pg' ? await pgliteScratch() : await sqliteScratch();
    try {
      const result = await replayDrift(MIGRATION_DIALECT[dialect], scratch, data[MIGRATION_DIALECT[dialect]], freshSql);
      return result.problems.map((p): DriftProblem => {
        switch (p.kind) {
          case 'schema-differs':
            return { check: 'replay', dialect, message: `replaying drizzle/${dialect} does not give the schema of schema/ (an edited or custom migration?)`, details: p.differences.map(describeDifference), fix: 'restore the edited migration from git, or change schema/ and run pnpm db:generate so a migration records the change' };
          case 'down-incomplete':
            return { check: 'replay', dialect, message: `drizzle/${dialect}/down/${p.tag}.sql does not undo ${p.tag}`, details: p.differences.map(describeDifference), fix: `make drizzle/${dialect}/down/${p.tag}.sql restore the catalog from before ${p.tag} (a derived one: restore it from git)` };
          case 'migration-failed':
            return { check: 'replay', dialect, message: `replaying drizzle/${dialect} failed (${p.phase}) in a scratch database`, details: [p.message], fix: 'fix the migration named above; it would fail the same way on a real database' };
        }
      });
    } finally {
      await scratch.close();
    }
  };
  return (await Promise.all(DIALECTS.map(run))).flat();
}

/** One line when clean; otherwise each problem with its details and fix. */
export function formatDriftReport(report: DriftReport): string {
  if (report.ok) {
    return `db:check: clean: ${report.tables} tables; migrations pg ${report.migrations.pg}, sqlite ${report.migrations.sqlite}; ${report.generatedFiles} generated files in sync`;
  }
  const lines = [`db:check: ${report.problems.length} problem(s):`];
  for (const p of report.problems) {
    lines.push(`- [${p.check}${p.dialect === undefined ? '' : `/${p.dialect}`}] ${p.message}`);
    for (const d of p.details.slice(0, 20)) lines.push(`    ${d}`);
    if (p.details.length > 20) lines.push(`    ... and ${p.details.length - 20} more`);
    lines.push(`  fix: ${p.fix}`);
  }
  return lines.join('\n');
}
