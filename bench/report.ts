import type { CaseResult } from './lib.js';

export interface BenchReport {
  readonly quick: boolean;
  readonly reps: number;
  readonly seconds: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly postgres: string; readonly sqlite: string };
  readonly results: readonly CaseResult[];
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** The markdown table of bench/results/latest.md, from the JSON report. */
export function renderMarkdown(report: BenchReport): string {
  const { machine, results } = report;
  return [
    `Benchmark (${report.quick ? 'quick' : 'full'}, ${report.seconds} s): ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${machine.postgres}, ${machine.sqlite}. ` +
      `Times in ms: median (min-max) of the measured runs (column "runs") after a warm-up${report.quick ? '; quick mode: smaller data and 100 synthetic tables for db:generate/db:check' : ''}.`,
    '',
    '| case | engine | runs | ours | baseline | baseline median (min-max) | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.case} | ${r.dialect} | ${r.ours.runs} | ${fmt(r.ours.median)} (${fmt(r.ours.min)}-${fmt(r.ours.max)}) | ${r.baselineName} | ${fmt(r.baseline.median)} (${fmt(r.baseline.min)}-${fmt(r.baseline.max)}) | ${r.ratio.toFixed(2)} | ${r.target === undefined ? '' : `${r.target}: ${r.met ? 'met' : '**missed**'}`} |`,
    ),
    '',
  ].join('\n');
}
