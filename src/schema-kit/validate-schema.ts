import { NAME_PATTERN } from '../naming/sanitize.js';
import { constraintNamesOf, tableKeyByName } from './schema-objects.js';
import { toSnakeCase, type SchemaSpec } from './table-spec.js';

/**
 * Structural problems that would make a schema unsafe to build or to prefix: unknown foreign-key targets,
 * foreign keys that are not TEXT -> TEXT, duplicate or malformed object names, and column names that
 * equal an object name (the migration rewriter prefixes object names, so such a column would be renamed).
 */
export function schemaProblems(schema: SchemaSpec): string[] {
  const problems: string[] = [];
  const byName = tableKeyByName(schema);
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    if (!NAME_PATTERN.test(name)) problems.push(`${owner}: name ${JSON.stringify(name)} is not lowercase snake_case`);
    const previous = owners.get(name);
    if (previous !== undefined) problems.push(`${owner}: name ${JSON.stringify(name)} is already used by ${previous}`);
    else owners.set(name, owner);
  };
  for (const [key, table] of Object.entries(schema)) {
    claim(table.name, `table ${table.name}`);
    if (toSnakeCase(key) !== table.name) problems.push(`table ${table.name}: its key ${key} should be the camelCase of its name`);
    for (const name of constraintNamesOf(table)) claim(name, `object ${name} of ${table.name}`);
    const pks = Object.values(table.columns).filter((c) => c.options.primaryKey);
    if (pks.length !== 1) problems.push(`table ${table.name}: has ${pks.length} primary-key columns, expected exactly 1`);
    for (const fk of table.foreignKeys ?? []) {
      const targetKey = byName.get(fk.references.table);
      const target = targetKey === undefined ? undefined : schema[targetKey];
      if (target === undefined) {
        problems.push(`foreign key ${fk.name} of ${table.name}: references unknown table ${fk.references.table}`);
        continue;
      }
      if (fk.columns.length !== fk.references.columns.length) {
        problems.push(`foreign key ${fk.name} of ${table.name}: ${fk.columns.length} columns reference ${fk.references.columns.length}`);
      }
      fk.columns.forEach((columnKey, i) => {
        const refKey = fk.references.columns[i] ?? '';
        const from = table.columns[columnKey];
        const to = target.columns[refKey];
        if (to === undefined) problems.push(`foreign key ${fk.name} of ${table.name}: ${target.name} has no column ${refKey}`);
        else if (from === undefined) problems.push(`foreign key ${fk.name} of ${table.name}: no column ${columnKey}`);
        else if (!['uuid', 'text'].includes(from.kind) || !['uuid', 'text'].includes(to.kind)) {
          problems.push(`foreign key ${fk.name} of ${table.name}: ${columnKey} (${from.kind}) -> ${target.name}.${refKey} (${to.kind}) is not TEXT -> TEXT`);
        }
      });
    }
  }
  for (const table of Object.values(schema)) {
    for (const key of Object.keys(table.columns)) {
      const column = toSnakeCase(key);
      const owner = owners.get(column);
      if (owner !== undefined) problems.push(`column ${table.name}.${column} has the same name as ${owner}, which would make prefixing ambiguous`);
    }
  }
  return problems;
}

export function assertValidSchema(schema: SchemaSpec): void {
  const problems = schemaProblems(schema);
  if (problems.length > 0) throw new Error(`schema/ is invalid:\n  - ${problems.join('\n  - ')}`);
}
