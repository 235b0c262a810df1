import type { ColumnDef, Constraint, Node, RangeVar, TypeName } from 'libpg-query';

/** Small readers over libpg-query's AST, for the lint: names, types and constraints as plain values. */

/** `{ AlterTableStmt: {...} }` -> ['AlterTableStmt', {...}]. */
export function nodeKind(node: Node): [string, unknown] {
  const [entry] = Object.entries(node);
  return entry === undefined ? ['', undefined] : [entry[0], entry[1]];
}

/** The `sval` of each String node in a name list (`public.users` -> ['public', 'users']). */
export function names(list: readonly Node[] | undefined): string[] {
  return (list ?? []).flatMap((n) => ('String' in n && n.String.sval !== undefined ? [n.String.sval] : []));
}

/** The last part of a qualified name list: the object's own name. */
export const lastName = (list: readonly Node[] | undefined): string => names(list).at(-1) ?? '';

export const relName = (rv: RangeVar | undefined): string => rv?.relname ?? '';

/** A DROP's objects: each a List of name parts, or a String. */
export function dropObjectNames(objects: readonly Node[] | undefined): string[] {
  return (objects ?? []).map((o) => ('List' in o ? lastName(o.List.items) : 'String' in o ? (o.String.sval ?? '') : ''));
}

export function constraintsOf(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

/** The type's own name as PostgreSQL stores it (`integer` -> int4, `varchar(5)` -> varchar) and whether it has modifiers. */
export function typeOf(type: TypeName | undefined): { readonly name: string; readonly qualified: boolean; readonly hasModifiers: boolean } {
  const parts = names(type?.names);
  return { name: parts.at(-1) ?? '', qualified: parts[0] === 'pg_catalog', hasModifiers: (type?.typmods ?? []).length > 0 };
}

/** Every node below `value` (objects and arrays walked), for searching expressions. */
export function* descendants(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* descendants(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  yield value as Record<string, unknown>;
  for (const child of Object.values(value)) yield* descendants(child);
}

/** The names of the functions called anywhere in an expression, lower-cased, without schema. */
export function calledFunctions(expr: Node | undefined): string[] {
  const found: string[] = [];
  for (const n of descendants(expr)) {
    const call = n['FuncCall'] as { funcname?: Node[] } | undefined;
    if (call !== undefined) found.push(lastName(call.funcname).toLowerCase());
  }
  return found;
}

/** `col IS NOT NULL` (optionally parenthesised): the column, or undefined for any other expression. */
export function isNotNullColumn(expr: Node | undefined): string | undefined {
  if (expr === undefined || !('NullTest' in expr)) return undefined;
  const test = expr.NullTest;
  if (test.nulltesttype !== 'IS_NOT_NULL' || test.arg === undefined || !('ColumnRef' in test.arg)) return undefined;
  const fields = names(test.arg.ColumnRef.fields);
  return fields.length === 1 ? fields[0] : undefined;
}
