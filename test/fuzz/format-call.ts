/**
 * Calls and results as TypeScript a reader can paste: `db.exchangePositions.findMany({ where: ... })`.
 * Strings escape everything outside printable ASCII as \u{...}, so combining marks, astral characters and
 * U+0000 are visible and exact; Dates are `new Date("...")`.
 */
import type { Call, Outcome, TableCall } from './calls.js';

function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'new Date(NaN)' : `new Date(${quote(value.toISOString())})`;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${IDENTIFIER.test(k) ? k : quote(k)}: ${formatValue(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

function formatTableCall(call: TableCall, db: string): string {
  const target = `${db}.${call.table}`;
  switch (call.op) {
    case 'insert':
      return `${target}.insert(${formatValue(call.row)})`;
    case 'insertMany':
    case 'insertBulk':
      return `${target}.${call.op}(${formatValue(call.rows)})`;
    case 'aggregate':
    case 'groupBy':
      return `${target}.${call.op}(${formatValue(call.options)})`;
    case 'findMany':
    case 'findFirst':
    case 'count':
      return `${target}.${call.op}(${call.options === undefined ? '' : formatValue(call.options)})`;
    case 'update':
    case 'updateReturning':
      return `${target}.${call.op}(${formatValue({ ...call.scope, set: call.set })})`;
    case 'delete':
    case 'deleteReturning':
      return `${target}.${call.op}(${formatValue(call.scope)})`;
    case 'upsert':
      return `${target}.upsert(${formatValue({ values: call.values, target: call.target, ...(call.set === undefined ? {} : { set: call.set }) })})`;
  }
}

/** One call as a statement; a transaction over several lines. `n` numbers it as the failure report does. */
export function formatCall(call: Call, n: number): string {
  if (call.op !== 'transaction') return `/* ${n} */ await ${formatTableCall(call, 'db')};`;
  const body = call.body.map((c, i) => `  /* ${n}.${i + 1} */ await ${formatTableCall(c, 'tx')};`);
  const end = call.end === 'throw' ? `  /* ${n}.${call.body.length + 1} */ throw new Error('roll back');` : `  /* ${n}.${call.body.length + 1} */ return;`;
  return [`/* ${n} */ await db.transaction(async (tx) => {`, ...body, end, '});'].join('\n');
}

export function formatCalls(calls: readonly Call[]): string {
  return calls.map((c, i) => formatCall(c, i + 1)).join('\n');
}

export function formatOutcome(outcome: Outcome): string {
  return outcome.ok ? formatValue(outcome.value) : `refused (${outcome.error.split('\n')[0]})`;
}
