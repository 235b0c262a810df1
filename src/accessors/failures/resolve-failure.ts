import { constraintCatalog } from './constraint-catalog.js';
import type { DriverFailure } from './driver-failure.js';
import { resolveForeign } from './foreign-key-resolution.js';
import type { Resolved, ResolveContext } from './resolved-failure.js';
import { resolveUnique } from './unique-resolution.js';

function resolveCheck(failure: Extract<DriverFailure, { kind: 'check' }>, context: ResolveContext): Resolved {
  const named = constraintCatalog().constraint(failure.constraint);
  const check = named?.kind === 'check' ? named.check : undefined;
  const owner = check?.table ?? failure.table;
  const rows = context.statement?.rows;
  const row = check !== undefined && context.table === check.table && rows?.length === 1 ? rows[0] : undefined;
  const value = row === undefined || check === undefined || row[check.column] === undefined ? undefined : { value: row[check.column] };
  return { kind: 'check', table: context.table ?? owner, owner, constraint: failure.constraint, check, value };
}

/** Fills in what the schema and the statement's own input say; nothing is asked of the database here. */
export function resolveFailure(failure: DriverFailure, context: ResolveContext): Resolved {
  switch (failure.kind) {
    case 'unique':
      return resolveUnique(failure, context);
    case 'foreign':
      return resolveForeign(failure, context);
    case 'check':
      return resolveCheck(failure, context);
    case 'notNull': {
      const owner = failure.table === undefined ? undefined : constraintCatalog().table(failure.table);
      return { kind: 'notNull', table: context.table ?? failure.table, owner: failure.table, column: owner?.keyOf.get(failure.column) ?? failure.column };
    }
    case 'retryable':
      return { kind: 'retryable', table: context.table, reason: failure.reason };
  }
}
