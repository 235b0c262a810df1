import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { createdObjectNames } from '../../src/migrate/created-names.js';
import { readMigrationFiles } from '../../src/migrate/migration-files.js';
import { identifierValue, tokenize } from '../../src/migrate/sql-tokenizer.js';

const ROOT = join(import.meta.dirname, '..', '..', 'drizzle');

interface SnapshotTable {
  readonly name: string;
  readonly [group: string]: unknown;
}

/** Every object name drizzle-kit recorded in any snapshot of a dialect folder. */
function snapshotNames(folder: string): Set<string> {
  const meta = join(ROOT, folder, 'meta');
  const names = new Set<string>();
  for (const file of readdirSync(meta).filter((n) => n.endsWith('_snapshot.json'))) {
    const snapshot = JSON.parse(readFileSync(join(meta, file), 'utf8')) as { tables?: Record<string, SnapshotTable> };
    for (const table of Object.values(snapshot.tables ?? {})) {
      names.add(table.name);
      for (const group of ['indexes', 'foreignKeys', 'uniqueConstraints', 'checkConstraints', 'compositePrimaryKeys']) {
        for (const [key, object] of Object.entries((table[group] ?? {}) as Record<string, { name?: string }>)) names.add(object.name ?? key);
      }
    }
  }
  return names;
}

// The runner prefixes the names in manifest + created-by-a-migration + ledger. Snapshots used to be read as
// well; this holds the reason they no longer are: no migration (up or down) mentions a snapshot name that
// the closed set lacks. A future migration that does fails here, before it could be applied half-prefixed.
describe.each([
  { folder: 'pg', dialect: 'postgresql' as const },
  { folder: 'sqlite', dialect: 'sqlite' as const },
])('the closed set of names for $folder', ({ folder, dialect }) => {
  it('holds every snapshot name that any committed migration mentions', async () => {
    const files = await readMigrationFiles(ROOT, dialect);
    const closed = new Set([...manifest.objectNames, ...files.flatMap((f) => [...createdObjectNames(f.sql)])]);
    const downs = files.map((f) => join(ROOT, folder, 'down', `${f.tag}.sql`)).filter(existsSync).map((p) => readFileSync(p, 'utf8'));
    const mentioned = new Set<string>();
    for (const sql of [...files.map((f) => f.sql), ...downs]) {
      for (const token of tokenize(sql)) {
        const value = identifierValue(token);
        if (value !== undefined) mentioned.add(token.kind === 'word' ? value.toLowerCase() : value);
      }
    }
    const snapshot = snapshotNames(folder);
    expect(snapshot.size).toBeGreaterThan(100);
    expect([...snapshot].filter((name) => mentioned.has(name) && !closed.has(name))).toEqual([]);
    // And the manifest's names are all mentioned: the check is not vacuous.
    expect([...snapshot].filter((name) => mentioned.has(name)).length).toBeGreaterThan(150);
  });
});
