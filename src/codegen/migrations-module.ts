import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IndentationText, Project, QuoteKind, VariableDeclarationKind, type SourceFile } from 'ts-morph';
import { headsDigest, type EmbeddedMigration, type EmbeddedMigrationData } from '../migrate/embedded-migrations.js';
import { readMigrationFiles } from '../migrate/migration-files.js';
import { readLintAcks } from '../lint/lint-acks.js';
import { CROSS_PREFIX_RULE } from '../migrate/prefix-isolation.js';
import { GENERATED_HEADER, type GeneratedFiles } from './emit-files.js';

/** The embedded migrations, relative to the repository root: summary, heads and SQL (the last two loaded on demand). */
export const MIGRATIONS_MODULE = 'generated/migrations.ts';
export const MIGRATION_HEADS_MODULE = 'generated/migration-heads.ts';
export const MIGRATION_SQL_MODULE = 'generated/migration-sql.ts';
export const MIGRATION_MODULES = [MIGRATIONS_MODULE, MIGRATION_HEADS_MODULE, MIGRATION_SQL_MODULE] as const;

const FOLDER = { postgresql: 'pg', sqlite: 'sqlite' } as const;

/** A down file's text, or null when there is none; any other read error is an error (never embedded as "none"). */
async function readDown(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads drizzle/<dialect>/ (journal order, SQL, down files) of a repository root. */
export async function readMigrationSet(root: string): Promise<EmbeddedMigrationData> {
  const read = async (dialect: keyof typeof FOLDER): Promise<EmbeddedMigration[]> => {
    const files = await readMigrationFiles(join(root, 'drizzle'), dialect);
    return Promise.all(
      files.map(async (f) => ({
        idx: f.journalIdx,
        tag: f.tag,
        checksum: f.checksum,
        sql: f.sql,
        down: await readDown(join(root, 'drizzle', FOLDER[dialect], 'down', `${f.tag}.sql`)),
      })),
    );
  };
  const [postgresql, sqlite] = await Promise.all([read('postgresql'), read('sqlite')]);
  return { postgresql, sqlite };
}

/**
 * What generated/migrations.ts embeds: the migrations and the `cross-prefix` acknowledgements of
 * drizzle/lint-acks.json (only what the runner needs at run time; the lint's other ones are for db:check).
 */
export async function readEmbeddedInput(root: string): Promise<EmbeddedMigrationData> {
  const [data, acks] = await Promise.all([readMigrationSet(root), readLintAcks(root)]);
  const crossPrefix = acks.filter((a) => a.rule === CROSS_PREFIX_RULE);
  return crossPrefix.length === 0 ? data : { ...data, acks: crossPrefix };
}

/** The embedded acknowledgements, when there are any (so a repository without them gets the same module as before). */
function acksField(data: EmbeddedMigrationData): string {
  if (data.acks === undefined || data.acks.length === 0) return '';
  return `\nacks: [${data.acks.map((a) => `\n{ dialect: ${JSON.stringify(a.dialect)}, tag: ${JSON.stringify(a.tag)}, statement: ${JSON.stringify(a.statement)}, rule: ${JSON.stringify(a.rule)}, reason: ${JSON.stringify(a.reason)} }`).join(',')},\n],`;
}

function emit(path: string, build: (file: SourceFile) => void): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const file = project.createSourceFile(path, '');
  build(file);
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return `${GENERATED_HEADER.replace('from schema/', 'from drizzle/')}\n${file.getFullText().trimEnd()}\n`;
}

/**
 * generated/migrations.ts (per dialect the count and digest of the migrations, and loaders for the rest),
 * generated/migration-heads.ts (every migration's idx, tag and checksum) and generated/migration-sql.ts (the SQL
 * and down SQL by dialect and tag): the runner needs no drizzle/ folder at run time, and an up-to-date start-up
 * loads neither heads nor SQL. Emitted through ts-morph; strings are JSON literals, so the SQL round-trips
 * byte for byte.
 */
export function renderMigrationModules(data: EmbeddedMigrationData): GeneratedFiles {
  const heads = (list: readonly EmbeddedMigration[]) => `[${list.map((m) => `\n{ idx: ${m.idx}, tag: ${JSON.stringify(m.tag)}, checksum: ${JSON.stringify(m.checksum)} }`).join(',')}${list.length === 0 ? '' : ',\n'}]`;
  const summary = (list: readonly EmbeddedMigration[]) => `{ count: ${list.length}, digest: ${JSON.stringify(headsDigest(list))} }`;
  const bodies = (list: readonly EmbeddedMigration[]) =>
    `{${list.map((m) => `\n${JSON.stringify(m.tag)}: {\nsql: ${JSON.stringify(m.sql)},\ndown: ${m.down === null ? 'null' : JSON.stringify(m.down)},\n}`).join(',')}${list.length === 0 ? '' : ',\n'}}`;
  const index = emit(MIGRATIONS_MODULE, (f) => {
    f.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../src/migrate/embedded-migrations.js', namedImports: ['EmbeddedMigrationSet'] });
    f.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The committed migrations of drizzle/: per dialect how many and the digest of their heads (what an up-to-date check compares), and loaders for the heads and the SQL.'],
      declarations: [
        {
          name: 'migrations',
          type: 'EmbeddedMigrationSet',
          initializer: `{\nsummary: {\npostgresql: ${summary(data.postgresql)},\nsqlite: ${summary(data.sqlite)},\n},\nloadHeads: () => import('./migration-heads.js').then((m) => m.migrationHeads),\nloadSql: () => import('./migration-sql.js').then((m) => m.migrationSql),${acksField(data)}\n}`,
        },
      ],
    });
  });
  const headsModule = emit(MIGRATION_HEADS_MODULE, (f) => {
    f.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../src/migrate/embedded-migrations.js', namedImports: ['EmbeddedHeads'] });
    f.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['Every migration of drizzle/ in journal order, without its SQL: tag, journal idx and sha256.'],
      declarations: [{ name: 'migrationHeads', type: 'EmbeddedHeads', initializer: `{\npostgresql: ${heads(data.postgresql)},\nsqlite: ${heads(data.sqlite)},\n}` }],
    });
  });
  const sql = emit(MIGRATION_SQL_MODULE, (f) => {
    f.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../src/migrate/embedded-migrations.js', namedImports: ['EmbeddedSql'] });
    f.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The SQL of every migration in drizzle/ by dialect and tag, byte for byte; loaded only when one has to run.'],
      declarations: [{ name: 'migrationSql', type: 'EmbeddedSql', initializer: `{\npostgresql: ${bodies(data.postgresql)},\nsqlite: ${bodies(data.sqlite)},\n}` }],
    });
  });
  return new Map([
    [MIGRATIONS_MODULE, index],
    [MIGRATION_HEADS_MODULE, headsModule],
    [MIGRATION_SQL_MODULE, sql],
  ]);
}
