/**
 * `pnpm bench [--quick]`: every case on SQLite (file) and PostgreSQL (server), one warm-up and 5 measured
 * runs each (21 for SQLite's 15 ms fresh apply), as ratios against a baseline measured in the same run. Each
 * dialect runs in a process of its own (`--results-to` is that process's side of it).
 * Writes bench/results/latest.{json,md}. `--only <case>[,<case>]` (fresh, startup, cold, scale, health, hot,
 * bulk, queries, codegen) and `--dialect sqlite|postgresql` run a subset while working on one case; a subset prints its
 * table and writes no files, unless `--merge`: then its results replace those of the same cases in
 * latest.json (the other cases' numbers stay) and latest.md is rendered again. `--render` rewrites latest.md
 * from latest.json.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createClient } from '@libsql/client';
import { bulkInsert, freshApply, healthCheck, hotQuery } from './cases.js';
import { codegenScale } from './codegen-scale.js';
import { queryCases } from './query-cases.js';
import { coldStart } from './cold-start.js';
import { freshDb, type CaseResult, type Dialect, type Settings } from './lib.js';
import { caseGroup, renderMarkdown, type BenchReport } from './report.js';
import { startup } from './startup.js';
import { migrationScale } from './migration-scale.js';

const RESULTS = join(import.meta.dirname, 'results');
const { values: early } = parseArgs({ options: { render: { type: 'boolean', default: false } }, strict: false });
if (early.render === true) {
  // `--render`: rewrite latest.md from latest.json (after a change to the table's layout), measuring nothing.
  const report = JSON.parse(await readFile(join(RESULTS, 'latest.json'), 'utf8')) as BenchReport;
  await writeFile(join(RESULTS, 'latest.md'), renderMarkdown(report));
  process.stdout.write('written: bench/results/latest.md (from latest.json)\n');
  process.exit(0);
}
const CASES = ['fresh', 'startup', 'cold', 'scale', 'health', 'hot', 'bulk', 'queries', 'codegen'] as const;
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, dialect: { type: 'string' }, render: { type: 'boolean', default: false }, merge: { type: 'boolean', default: false }, 'results-to': { type: 'string' } },
});
const only = new Set(values.only === undefined ? CASES : values.only.split(','));
for (const name of only) {
  if (!(CASES as readonly string[]).includes(name)) {
    process.stderr.write(`error: --only ${JSON.stringify(name)} is not a case; use one or more of ${CASES.join(', ')}\n`);
    process.exit(2);
  }
}
const dialects = (['sqlite', 'postgresql'] as const).filter((d) => values.dialect === undefined || values.dialect === d);
if (dialects.length === 0) {
  process.stderr.write(`error: --dialect ${JSON.stringify(values.dialect)} is not sqlite or postgresql\n`);
  process.exit(2);
}
const subset = only.size < CASES.length || dialects.length < 2;
if (values.merge && dialects.length < 2 && values['results-to'] === undefined) {
  process.stderr.write('error: --merge replaces whole cases: run it without --dialect\n');
  process.exit(2);
}
// The machine is shared: the load before and after a run says how far its absolute times can be trusted.
const loadBefore = loadavg()[0] ?? 0;
const settings: Settings = { quick: values.quick, reps: 5, pgUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
const started = Date.now();
const results: CaseResult[] = [];
let lastLog = Date.now();
let group = '';
const log = (r: CaseResult) => {
  results.push({ ...r, group });
  process.stdout.write(`[${((Date.now() - lastLog) / 1000).toFixed(1)} s] `);
  lastLog = Date.now();
  process.stdout.write(`${r.dialect.padEnd(10)} ${r.case}: ours ${r.ours.median.toFixed(1)} ms vs ${r.baselineName} ${r.baseline.median.toFixed(1)} ms -> ratio ${r.ratio.toFixed(2)}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''}\n`);
};

const pg = postgres(settings.pgUrl, { max: 1, onnotice: () => {} });
const pgVersion = String((await pg`select version() as v`)[0]?.v).split(' on ')[0];
await pg.end();
const lite = createClient({ url: ':memory:' });
const sqliteVersion = String((await lite.execute('select sqlite_version() as v')).rows[0]?.v);
lite.close();

const as = (name: string) => {
  group = name;
  return only.has(name);
};

/**
 * Each dialect's cases run in a process of their own. In one process PostgreSQL's in-process cases ran after
 * SQLite's on a heap that had grown to 2.5 GB, and measured 1.27 and 1.35 where a process of their own gave 0.98
 * and 1.17: the garbage collector's work on SQLite's leftovers was charged to whichever contender it interrupted.
 */
async function runDialectInChild(dialect: Dialect): Promise<CaseResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cts-bench-'));
  const out = join(dir, 'results.json');
  try {
    const args = [join(import.meta.dirname, 'run.ts'), '--dialect', dialect, '--results-to', out, ...(values.quick ? ['--quick'] : []), '--only', [...only].filter((c) => c !== 'codegen').join(',')];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx'), args, { stdio: 'inherit' });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`the ${dialect} bench process exited with code ${code}`);
    return JSON.parse(await readFile(out, 'utf8')) as CaseResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const inChildren = values['results-to'] === undefined && dialects.length === 2 && [...only].some((c) => c !== 'codegen');
for (const dialect of inChildren ? [] : (dialects as readonly Dialect[])) {
  if (as('fresh')) log(await freshApply(settings, dialect));
  const db = await freshDb(settings, dialect);
  try {
    if (as('startup')) for (const r of await startup(settings, dialect, db)) log(r);
    if (as('cold')) for (const r of await coldStart(settings, dialect, db)) log(r);
    if (as('scale')) for (const r of await migrationScale(settings, dialect)) log(r);
    if (as('health')) log(await healthCheck(settings, dialect, db));
    if (as('hot')) log(await hotQuery(settings, dialect, db));
    if (as('bulk')) for (const r of await bulkInsert(settings, dialect, db)) log(r);
    if (as('queries')) for (const r of await queryCases(settings, dialect, db)) log(r);
  } finally {
    await db.drop();
  }
}
if (inChildren) for (const dialect of dialects as readonly Dialect[]) results.push(...(await runDialectInChild(dialect)));
if (values['results-to'] !== undefined) {
  // A dialect's process of a full run: its results go to the parent, which writes the report.
  await writeFile(values['results-to'], JSON.stringify(results));
  process.exit(0);
}
if (as('codegen')) for (const r of await codegenScale(settings)) log(r);

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, postgres: pgVersion ?? 'unknown', sqlite: `SQLite ${sqliteVersion} (libSQL)` };
const load = { before: loadBefore, after: loadavg()[0] ?? 0 };
const report: BenchReport = { quick: settings.quick, reps: settings.reps, seconds: Math.round((Date.now() - started) / 1000), machine, load, results };
const md = renderMarkdown(report);
if (subset && values.merge) {
  // The other cases keep their numbers (and the note of the run that measured them); these cases are replaced.
  const previous = JSON.parse(await readFile(join(RESULTS, 'latest.json'), 'utf8')) as BenchReport;
  const measured = { cases: [...only], quick: settings.quick, seconds: report.seconds, load, at: new Date().toISOString() };
  const merged: BenchReport = {
    ...previous,
    results: [...previous.results.filter((r) => !only.has(caseGroup(r))), ...results],
    merged: [...(previous.merged ?? []).filter((m) => !m.cases.some((c) => only.has(c))), measured],
  };
  const mergedMd = renderMarkdown(merged);
  await writeFile(join(RESULTS, 'latest.json'), `${JSON.stringify(merged, null, 2)}\n`);
  await writeFile(join(RESULTS, 'latest.md'), mergedMd);
  process.stdout.write(`\n${md}\nmerged into bench/results/latest.json and latest.md (${[...only].join(', ')} replaced)\n`);
} else if (subset) {
  process.stdout.write(`\n${md}\na subset: no files written (run without --only/--dialect for bench/results/latest.*)\n`);
} else {
  await writeFile(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(RESULTS, 'latest.md'), md);
  process.stdout.write(`\n${md}\nwritten: bench/results/latest.json, bench/results/latest.md\n`);
}
