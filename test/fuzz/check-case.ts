/**
 * The property: a generated case, run on fresh tables of every engine and on a fresh model, gives the
 * model's outcome after every call and the model's rows at the end. The first call where an engine differs
 * stops the case with a report naming the call, each engine that differs and how.
 */
import type { CtsDatabase } from '../../src/index.js';
import type { Expectation, FuzzCase, Outcome } from './calls.js';
import { differences, mismatch, tableMismatch } from './compare.js';
import { formatOutcome, formatValue } from './format-call.js';
import { FUZZ_TABLES } from './fuzz-schema.js';
import { Model } from './model.js';
import { clearTables, runCall, tableRows } from './run-engine.js';

export interface Engine {
  readonly name: string;
  readonly db: CtsDatabase;
}

/** Thrown with the report; fast-check prints it under the shrunk counterexample. */
export class Discrepancy extends Error {
  override readonly name = 'Discrepancy';
}

const indent = (text: string) => text.replace(/\n/g, '\n      ');

function describeStep(label: string, expected: Expectation, results: readonly { engine: string; outcome: Outcome | undefined; problem: string | undefined }[]): string {
  const lines = [`call ${label}: model ${expected.kind === 'exact' ? '' : `(${expected.kind}) `}${formatOutcome(expected.outcome)}`];
  for (const r of results) {
    if (r.problem === undefined) lines.push(`  ${r.engine}: agrees`);
    else lines.push(`  ${r.engine}: ${r.outcome === undefined ? 'no such result' : formatOutcome(r.outcome)}`, `    why: ${indent(r.problem)}`);
  }
  return lines.join('\n');
}

export async function checkCase(fuzzCase: FuzzCase, engines: readonly Engine[]): Promise<void> {
  await Promise.all(engines.map((e) => clearTables(e.db)));
  const model = new Model();
  for (const [i, call] of fuzzCase.calls.entries()) {
    const expected = model.apply(structuredClone(call));
    // The engines are independent databases: run the call on both at once, each on its own copy of the call,
    // which must come back unchanged (an accessor that writes into its caller's objects is a bug too).
    const copies = engines.map(() => structuredClone(call));
    const actual = await Promise.all(engines.map((e, k) => runCall(e.db, copies[k]!)));
    const changed = engines.filter((_, k) => differences(call, copies[k]).length > 0);
    if (changed.length > 0) {
      const diff = differences(call, copies[engines.indexOf(changed[0]!)]).map((d) => d.replace('model ', 'given ').replace('engine ', 'afterwards '));
      throw new Discrepancy(`${changed.map((e) => e.name).join(' and ')}: call ${i + 1} changed the objects it was given:\n  ${diff.join('\n  ')}`);
    }
    const steps = expected.map((exp, j) => {
      const results = engines.map((e, k) => {
        const outcome = actual[k]?.[j];
        return { engine: e.name, outcome, problem: outcome === undefined ? 'the engine stopped before this result' : mismatch(exp, outcome) };
      });
      return { label: expected.length === 1 ? `${i + 1}` : `${i + 1}.${j + 1}`, expected: exp, results };
    });
    // The first differing result only: after it, a transaction's later results differ as a consequence.
    const bad = steps.filter((s) => s.results.some((r) => r.problem !== undefined)).slice(0, 1);
    const extra = engines.filter((_, k) => (actual[k]?.length ?? 0) > expected.length).map((e) => `${e.name} went on after the model stopped`);
    if (bad.length > 0 || extra.length > 0) {
      const disagree = engines.filter((_, k) => steps.some((s) => s.results[k]?.problem !== undefined)).map((e) => e.name);
      throw new Discrepancy(
        [`${disagree.join(' and ') || 'an engine'} disagree${disagree.length === 1 ? 's' : ''} with the model at call ${i + 1}${i === 0 ? '' : i === 1 ? ' (call 1 agreed)' : ` (calls 1-${i} agreed)`}:`, ...bad.map((s) => describeStep(s.label, s.expected, s.results)), ...extra].join('\n'),
      );
    }
  }
  for (const table of FUZZ_TABLES) {
    const expected = model.rows(table);
    const rows = await Promise.all(engines.map((e) => tableRows(e.db, table)));
    const problems = engines.flatMap((e, k) => {
      const why = tableMismatch(expected, rows[k] ?? []);
      return why === undefined ? [] : [`  ${e.name}: ${formatValue(rows[k])}\n    why: ${indent(why)}`];
    });
    if (problems.length > 0) throw new Discrepancy([`after the last call, ${table} differs from the model's rows ${formatValue(expected)}:`, ...problems].join('\n'));
  }
}
