import type { CaseResult } from './lib.js';

/** One-minute load average when the run started and ended (other work on the machine shows here). */
export interface BenchLoad {
  readonly before: number;
  readonly after: number;
}

export interface BenchReport {
  readonly quick: boolean;
  readonly reps: number;
  readonly seconds: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly postgres: string; readonly sqlite: string };
  readonly load?: BenchLoad;
  readonly results: readonly CaseResult[];
  /** Cases measured later by `--only <cases> --merge` and put in place of the full run's. */
  readonly merged?: readonly { readonly cases: readonly string[]; readonly quick: boolean; readonly seconds: number; readonly load: BenchLoad; readonly at: string }[];
}

/** Which `--only` case a result belongs to; results written before the group was recorded are told by their name. */
export function caseGroup(result: CaseResult): string {
  if (result.group !== undefined && result.group !== '') return result.group;
  const byName: readonly (readonly [RegExp, string])[] = [
    [/^fresh apply of \d+ migrations/, 'scale'],
    [/^up-to-date start-up/, 'startup'],
    [/^fresh apply/, 'fresh'],
    [/^health check/, 'health'],
    [/^hot query/, 'hot'],
    [/^bulk insert/, 'bulk'],
    [/^db:/, 'codegen'],
  ];
  return byName.find(([pattern]) => pattern.test(result.case))?.[1] ?? 'unknown';
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** The markdown table of bench/results/latest.md, from the JSON report. */
export function renderMarkdown(report: BenchReport): string {
  const { machine, results } = report;
  return [
    `Benchmark (${report.quick ? 'quick' : 'full'}, ${report.seconds} s): ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${machine.postgres}, ${machine.sqlite}. ` +
      `Times in ms: median (min-max) of the measured runs (column "runs") after a warm-up${report.quick ? '; quick mode: smaller data and 100 synthetic tables for db:generate/db:check' : ''}.` +
      (report.load === undefined ? '' : ` Load average (1 min) ${report.load.before.toFixed(1)} at the start, ${report.load.after.toFixed(1)} at the end.`),
    ...(report.merged ?? []).map(
      (m) => `\nCases ${m.cases.join(', ')} measured again on ${m.at.slice(0, 16).replace('T', ' ')} UTC (${m.quick ? 'quick' : 'full'}, ${m.seconds} s), load average ${m.load.before.toFixed(1)} at the start, ${m.load.after.toFixed(1)} at the end; the other rows are from the full run.`,
    ),
    '',
    '| case | engine | runs | ours | baseline | baseline median (min-max) | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.case} | ${r.dialect} | ${r.ours.runs} | ${fmt(r.ours.median)} (${fmt(r.ours.min)}-${fmt(r.ours.max)}) | ${r.baselineName} | ${fmt(r.baseline.median)} (${fmt(r.baseline.min)}-${fmt(r.baseline.max)}) | ${r.ratio.toFixed(2)} | ${r.target === undefined ? '' : r.met === undefined ? r.target : `${r.target}: ${r.met ? 'met' : '**missed**'}`} |`,
    ),
    '',
  ].join('\n');
}
