#!/usr/bin/env node
// `pnpm test:mutation [group ...]`: StrykerJS once per group of test/mutation-groups.mjs (all groups by
// default; `--summary` runs none and only summarises the reports there are), then one summary of every report in reports/mutation/: the score per module and per file, and
// each surviving mutant (file:line, mutator, replacement), written to reports/mutation/summary.md and printed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MUTATION_GROUPS } from '../test/mutation-groups.mjs';

const ROOT = join(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'reports', 'mutation');
const summaryOnly = process.argv.includes('--summary');
const asked = process.argv.slice(2).filter((a) => a !== '--summary');
const unknown = asked.filter((g) => !(g in MUTATION_GROUPS));
if (unknown.length > 0) {
  process.stderr.write(`error: ${unknown.join(', ')} is not a mutation group; use one or more of ${Object.keys(MUTATION_GROUPS).join(', ')}\n`);
  process.exit(2);
}
const groups = summaryOnly ? [] : asked.length > 0 ? asked : Object.keys(MUTATION_GROUPS);
const started = Date.now();
for (const group of groups) {
  const t0 = Date.now();
  process.stdout.write(`\n== mutation group ${group} ==\n`);
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'stryker'), ['run'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CTS_MUTATION_GROUP: group } });
  if (run.status !== 0) {
    process.stderr.write(`error: stryker failed for group ${group} (${run.error?.message ?? `exit code ${run.status}`}); see its output above\n`);
    process.exit(1);
  }
  process.stdout.write(`group ${group}: ${((Date.now() - t0) / 60_000).toFixed(1)} min\n`);
}

/**
 * The mutated source text (Stryker's locations: 1-based lines, 1-based columns).
 * @param {string[]} lines @param {{ line: number; column: number }} start @param {{ line: number; column: number }} end
 */
function originalText(lines, start, end) {
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  return [(lines[start.line - 1] ?? '').slice(start.column - 1), ...lines.slice(start.line, end.line - 1), (lines[end.line - 1] ?? '').slice(0, end.column - 1)].join('\n');
}

/** @param {string} status */
const counted = (status) => ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status);
/** @type {Map<string, { killed: number; survived: number; noCoverage: number }>} */
const perFile = new Map();
/** @type {string[]} */
const survivors = [];
mkdirSync(REPORTS, { recursive: true });
for (const report of readdirSync(REPORTS).filter((f) => f.endsWith('.json')).sort()) {
  const data = JSON.parse(readFileSync(join(REPORTS, report), 'utf8'));
  for (const [path, file] of Object.entries(data.files)) {
    const rel = relative(ROOT, join(ROOT, path));
    const lines = String(file.source).split('\n');
    const tally = perFile.get(rel) ?? { killed: 0, survived: 0, noCoverage: 0 };
    for (const m of file.mutants) {
      if (!counted(m.status)) continue;
      if (m.status === 'Killed' || m.status === 'Timeout') tally.killed++;
      else if (m.status === 'Survived') tally.survived++;
      else tally.noCoverage++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const { start, end } = m.location;
        const short = (/** @type {string} */ text) => text.replace(/\s+/g, ' ').slice(0, 90);
        survivors.push(`- ${rel}:${start.line}:${start.column} ${m.status === 'NoCoverage' ? '(no coverage) ' : ''}${m.mutatorName}: \`${short(originalText(lines, start, end))}\` -> \`${short(String(m.replacement ?? ''))}\``);
      }
    }
    perFile.set(rel, tally);
  }
}
const score = (/** @type {{ killed: number; survived: number; noCoverage: number }} */ t) => {
  const total = t.killed + t.survived + t.noCoverage;
  return total === 0 ? 'n/a' : `${((100 * t.killed) / total).toFixed(1)} %`;
};
/** @type {Map<string, { killed: number; survived: number; noCoverage: number }>} */
const perModule = new Map();
for (const [file, t] of perFile) {
  const module = file.split('/').slice(0, 2).join('/');
  const m = perModule.get(module) ?? { killed: 0, survived: 0, noCoverage: 0 };
  perModule.set(module, { killed: m.killed + t.killed, survived: m.survived + t.survived, noCoverage: m.noCoverage + t.noCoverage });
}
const row = (/** @type {string} */ name, /** @type {{ killed: number; survived: number; noCoverage: number }} */ t) => `| ${name} | ${score(t)} | ${t.killed} | ${t.survived} | ${t.noCoverage} |`;
const header = ['| module | mutation score | killed | survived | no coverage |', '| --- | --- | --- | --- | --- |'];
const summary = [
  '# Mutation testing summary',
  '',
  ...header,
  ...[...perModule].sort(([a], [b]) => a.localeCompare(b)).map(([m, t]) => row(m, t)),
  '',
  '## Per file',
  '',
  ...header.map((l) => l.replace('module', 'file')),
  ...[...perFile].sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => row(f, t)),
  '',
  `## Surviving mutants (${survivors.length})`,
  '',
  ...survivors,
  '',
].join('\n');
writeFileSync(join(REPORTS, 'summary.md'), summary);
// The README's table (section "Mutation testing") should be these rows: say whether it is.
const moduleRows = [...perModule].sort(([a], [b]) => a.localeCompare(b)).map(([m, t]) => row(m, t));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Mutation testing'), readme.indexOf('\n## ', readme.indexOf('### Mutation testing')));
const readmeRows = section.split('\n').filter((l) => /^\| src\//.test(l));
const readmeNote = readmeRows.join('\n') === moduleRows.join('\n') ? 'the README table matches these reports' : 'the README table differs from these reports: update it (README, Mutation testing)';
process.stdout.write(`\n${summary}\n`);
process.stdout.write(`run: ${((Date.now() - started) / 60_000).toFixed(1)} min; summary in ${relative(ROOT, join(REPORTS, 'summary.md'))}; ${readmeNote}\n`);
