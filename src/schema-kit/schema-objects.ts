import { quoteIdent, quoteLiteral } from './default-sql.js';
import { toSnakeCase, type IndexSpec, type SchemaSpec, type TableSpec } from './table-spec.js';

/** `{prefix}_{base}`, or the base name itself when building the base-name schema drizzle-kit reads. */
export function objectNamer(prefix: string | undefined): (base: string) => string {
  return prefix === undefined || prefix === '' ? (base) => base : (base) => `${prefix}_${base}`;
}

export interface CheckSpec {
  readonly name: string;
  /** The enumeration column (TypeScript key) the check guards: error messages name it. */
  readonly column: string;
  /** Dialect-neutral SQL on bare, double-quoted column names (never table-qualified, so never prefixed). */
  readonly sql: string;
}

/** CHECK constraints implied by the columns: enumerations may only hold their values. */
export function checksOf(table: TableSpec): CheckSpec[] {
  const checks: CheckSpec[] = [];
  for (const [key, column] of Object.entries(table.columns)) {
    if (column.kind !== 'enum') continue;
    const values = (column.options.values ?? []).map(quoteLiteral).join(', ');
    checks.push({ name: `ck_${table.alias}_${toSnakeCase(key)}`, column: key, sql: `${quoteIdent(toSnakeCase(key))} IN (${values})` });
  }
  return checks;
}

export function indexWhereSql(where: NonNullable<IndexSpec<string>['where']>): string {
  return `${quoteIdent(toSnakeCase(where.column))} = ${quoteLiteral(where.equals)}`;
}

/** Every base object name a table owns besides itself: indexes, uniques, foreign keys, checks. */
export function constraintNamesOf(table: TableSpec): string[] {
  return [
    ...(table.indexes ?? []).map((i) => i.name),
    ...(table.uniques ?? []).map((u) => u.name),
    ...(table.foreignKeys ?? []).map((f) => f.name),
    ...checksOf(table).map((c) => c.name),
  ];
}

/** Finds a table of the schema by base name, for foreign keys. */
export function tableKeyByName(schema: SchemaSpec): ReadonlyMap<string, string> {
  return new Map(Object.entries(schema).map(([key, table]) => [table.name, key]));
}
