import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATEGORIES, type SchemaSpec, type TableSpec } from '../schema-kit/index.js';

export interface UnregisteredTable {
  readonly file: string;
  readonly exportName: string;
  readonly table: string;
}

function isTableSpec(value: unknown): value is TableSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['alias'] === 'string' && (CATEGORIES as readonly unknown[]).includes(v['category']) && typeof v['columns'] === 'object';
}

/**
 * Tables a category file of schema/ exports but schema/index.ts does not register. drizzle-kit and the
 * generator only see the registry, so such a table would silently never exist.
 */
export async function unregisteredTables(schemaDir: string, schema: SchemaSpec): Promise<UnregisteredTable[]> {
  const registered = new Set<unknown>(Object.values(schema));
  const files = (await readdir(schemaDir)).filter((f) => /\.(ts|js|mts|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/^index\./.test(f)).sort();
  const out: UnregisteredTable[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(schemaDir, file)).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (isTableSpec(value) && !registered.has(value)) out.push({ file: `schema/${file}`, exportName, table: value.name });
    }
  }
  return out;
}
