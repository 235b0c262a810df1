import type { LintRule } from './lint-rules.js';
import { REBUILD_PREFIX, statementShape } from './statement-shape.js';

/**
 * The SQLite side of the lint, on statement shapes read from tokens: SQLite's DDL is small (no concurrent
 * builds, no NOT VALID, no lock levels), so what it can lose is what is judged: drops, renames, a NOT NULL
 * column without default, and drizzle-kit's table rebuild (which stands in for type changes there).
 */
export function lintSqliteStatements(statements: readonly string[]): LintRule[][] {
  const created = new Set<string>();
  const rebuilt = new Set<string>();
  const existing = (table: string) => !created.has(table);
  return statements.map((statement): LintRule[] => {
    const shape = statementShape(statement);
    switch (shape.kind) {
      case 'create-table':
        if (shape.table.startsWith(REBUILD_PREFIX)) {
          const base = shape.table.slice(REBUILD_PREFIX.length);
          rebuilt.add(base);
          return existing(base) ? ['table-rebuild'] : [];
        }
        created.add(shape.table);
        return [];
      case 'drop-table':
        // The rebuild drops the old table after copying it: reported once, as the rebuild.
        return existing(shape.table) && !rebuilt.has(shape.table) ? ['drop-table'] : [];
      case 'drop-column':
        return existing(shape.table) ? ['drop-column'] : [];
      case 'rename-table':
        return !shape.table.startsWith(REBUILD_PREFIX) && existing(shape.table) ? ['rename-table'] : [];
      case 'rename-column':
        return existing(shape.table) ? ['rename-column'] : [];
      case 'add-column':
        return existing(shape.table) && shape.notNull && !shape.hasDefault ? ['add-not-null-column'] : [];
      default:
        return [];
    }
  });
}
