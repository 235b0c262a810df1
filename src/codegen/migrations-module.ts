import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IndentationText, Project, QuoteKind, VariableDeclarationKind } from 'ts-morph';
import type { EmbeddedMigration, EmbeddedMigrationSet } from '../migrate/embedded-migrations.js';
import { readMigrationFiles } from '../migrate/migration-files.js';
import { GENERATED_HEADER } from './emit-files.js';

/** Where the embedded migrations live, relative to the repository root. */
export const MIGRATIONS_MODULE = 'generated/migrations.ts';

const FOLDER = { postgresql: 'pg', sqlite: 'sqlite' } as const;

/** Reads drizzle/<dialect>/ (journal order, SQL, down files) into the set the module embeds. */
export async function readMigrationSet(root: string): Promise<EmbeddedMigrationSet> {
  const read = async (dialect: keyof typeof FOLDER): Promise<EmbeddedMigration[]> => {
    const files = await readMigrationFiles(join(root, 'drizzle'), dialect);
    return Promise.all(
      files.map(async (f) => ({
        idx: f.journalIdx,
        tag: f.tag,
        checksum: f.checksum,
        sql: f.sql,
        down: (await readFile(join(root, 'drizzle', FOLDER[dialect], 'down', `${f.tag}.sql`), 'utf8').catch(() => undefined)) ?? null,
      })),
    );
  };
  const [postgresql, sqlite] = await Promise.all([read('postgresql'), read('sqlite')]);
  return { postgresql, sqlite };
}

/**
 * The module text of generated/migrations.ts: every committed migration with its tag, checksum, SQL and down
 * SQL, so the runner needs no drizzle/ folder at run time (bundled servers, installed packages). Emitted
 * through ts-morph; strings are JSON literals, so the SQL round-trips byte for byte.
 */
export function renderMigrationsModule(set: EmbeddedMigrationSet): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const file = project.createSourceFile(MIGRATIONS_MODULE, '');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../src/migrate/embedded-migrations.js', namedImports: ['EmbeddedMigrationSet'] });
  const entry = (m: EmbeddedMigration) =>
    `{\n    idx: ${m.idx},\n    tag: ${JSON.stringify(m.tag)},\n    checksum: ${JSON.stringify(m.checksum)},\n    sql: ${JSON.stringify(m.sql)},\n    down: ${m.down === null ? 'null' : JSON.stringify(m.down)},\n  }`;
  const list = (items: readonly EmbeddedMigration[]) => (items.length === 0 ? '[]' : `[\n  ${items.map(entry).join(',\n  ')},\n]`);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['The committed migrations of drizzle/ (pg and sqlite), in journal order: what the runner applies by default.'],
    declarations: [
      {
        name: 'migrations',
        type: 'EmbeddedMigrationSet',
        initializer: `{\npostgresql: ${list(set.postgresql)},\nsqlite: ${list(set.sqlite)},\n}`,
      },
    ],
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return `${GENERATED_HEADER.replace('from schema/', 'from drizzle/')}\n${file.getFullText().trimEnd()}\n`;
}
