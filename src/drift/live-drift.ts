import { manifest } from '../../generated/manifest.js';
import type { DbConfig } from '../config/index.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
import type { MigrationDriver } from '../migrate/migration-driver.js';
import { ownedBy, readLiveCatalog, type LiveCatalog } from './live-catalog.js';
import { commandName } from '../errors/command-name.js';

export type LiveDifferenceKind =
  | 'missing-table'
  | 'extra-table'
  | 'missing-column'
  | 'extra-column'
  | 'column-type'
  | 'column-nullability'
  | 'column-default'
  | 'missing-index'
  | 'extra-index';

export interface LiveDifference {
  readonly kind: LiveDifferenceKind;
  /** Base table name (without the prefix). */
  readonly table: string;
  /** Column or index base name, when the difference is about one. */
  readonly object?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Missing tables, columns and indexes can be added without touching data; everything else cannot. */
  readonly additive: boolean;
}

export interface LiveDriftReport {
  readonly ok: boolean;
  readonly prefix: string;
  readonly dialect: DbConfig['dialect'];
  readonly differences: readonly LiveDifference[];
}

// format_type writes `timestamp(3) with time zone` and `numeric(38,18)`; drizzle-kit writes spaces there.
const normalizeType = (type: string) => type.toLowerCase().replaceAll(' (', '(').replaceAll(', ', ',').trim();

/**
 * Compares this prefix's live tables, columns (type, nullability, default) and indexes with the schema.
 * Objects of other instances are ignored, including a prefix that extends this one (`cts` vs `cts_eu`),
 * which is recognised by its own ledger table.
 */
export async function liveDrift(driver: MigrationDriver, config: DbConfig): Promise<LiveDriftReport> {
  return compareLive(await readLiveCatalog(driver, config.prefix), config);
}

export function compareLive(catalog: LiveCatalog, config: DbConfig): LiveDriftReport {
  const prefix = `${config.prefix}_`;
  const ledger = `${config.prefix}_${LEDGER_BASE_NAME}`;
  const owned = ownedBy(config.prefix, catalog.ledgers);
  const ours = (name: string) => owned(name) && name !== ledger;
  const base = (name: string) => name.slice(prefix.length);
  const isEngineIndex = (name: string) => name.endsWith('_pkey') || name.startsWith('sqlite_autoindex_');

  const live = new Map<string, Map<string, (typeof catalog.columns)[number]>>();
  for (const c of catalog.columns.filter((c) => ours(c.table))) {
    const columns = live.get(base(c.table)) ?? new Map();
    columns.set(c.column, c);
    live.set(base(c.table), columns);
  }
  const liveIndexes = new Map(catalog.indexes.filter((i) => ours(i.table) && !isEngineIndex(i.name)).map((i) => [i.name, base(i.table)]));
  const differences: LiveDifference[] = [];
  const pg = config.dialect === 'postgresql';

  for (const table of manifest.tables) {
    const columns = live.get(table.name);
    if (columns === undefined) {
      differences.push({ kind: 'missing-table', table: table.name, additive: true });
      continue;
    }
    for (const column of table.columns) {
      const actual = columns.get(column.name);
      if (actual === undefined) {
        differences.push({ kind: 'missing-column', table: table.name, object: column.name, expected: pg ? column.pgType : column.sqliteType, additive: true });
        continue;
      }
      const expectedType = normalizeType(pg ? column.pgType : column.sqliteType);
      if (normalizeType(actual.type) !== expectedType) {
        differences.push({ kind: 'column-type', table: table.name, object: column.name, expected: expectedType, actual: normalizeType(actual.type), additive: false });
      }
      if (actual.notNull === column.nullable) {
        differences.push({ kind: 'column-nullability', table: table.name, object: column.name, expected: column.nullable ? 'null' : 'not null', actual: actual.notNull ? 'not null' : 'null', additive: false });
      }
      if (actual.hasDefault !== column.hasDefault) {
        differences.push({ kind: 'column-default', table: table.name, object: column.name, expected: column.hasDefault ? 'a default' : 'no default', actual: actual.hasDefault ? 'a default' : 'no default', additive: false });
      }
    }
    const expected = new Set<string>(table.columns.map((c) => c.name));
    for (const name of columns.keys()) {
      if (!expected.has(name)) differences.push({ kind: 'extra-column', table: table.name, object: name, additive: false });
    }
    for (const index of [...table.indexes.map((i) => i.name), ...table.uniques.map((u) => u.name)]) {
      if (!liveIndexes.has(`${prefix}${index}`)) differences.push({ kind: 'missing-index', table: table.name, object: index, additive: true });
    }
  }
  const expectedTables = new Set<string>(manifest.tables.map((t) => t.name));
  for (const table of live.keys()) {
    if (!expectedTables.has(table)) differences.push({ kind: 'extra-table', table, additive: false });
  }
  const expectedIndexes = new Set<string>(manifest.tables.flatMap((t) => [...t.indexes.map((i) => i.name), ...t.uniques.map((u) => u.name)]));
  for (const [name, table] of liveIndexes) {
    if (!expectedIndexes.has(base(name))) differences.push({ kind: 'extra-index', table, object: base(name), additive: false });
  }
  return { ok: differences.length === 0, prefix: config.prefix, dialect: config.dialect, differences };
}

export function formatLiveDrift(report: LiveDriftReport): string {
  if (report.ok) return `db:check --live: ${report.dialect}, prefix ${report.prefix}: the live database matches the schema (${manifest.tableCount} tables)`;
  const lines = [`db:check --live: ${report.dialect}, prefix ${report.prefix}: ${report.differences.length} difference(s):`];
  for (const d of report.differences) {
    const what = d.object === undefined ? `${report.prefix}_${d.table}` : `${report.prefix}_${d.table}.${d.object}`;
    const detail = d.expected === undefined && d.actual === undefined ? '' : ` (expected ${d.expected ?? '-'}, found ${d.actual ?? '-'})`;
    lines.push(`- ${d.kind} ${what}${detail}${d.additive ? '' : ' [not repaired automatically]'}`);
  }
  lines.push(report.differences.some((d) => d.additive) ? `  fix: ${commandName('repair')} adds what is missing; other differences need a migration or a manual decision` : '  fix: needs a migration or a manual decision');
  return lines.join('\n');
}
