/**
 * The query probes of issue 21, as a user meets them: `pnpm pack`, the tarball installed into a scratch app,
 * and a plain .mjs (no types, values as from a request body) run by node on SQLite and on PostgreSQL. Every
 * probe gives PostgreSQL's answer on both engines or a coded QueryError with its path, and a refused write
 * changes no row (count and a digest of every row before and after).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-copy.js';
import { runCommand } from '../support/run-command.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';

const PROBES = String.raw`
import { createHash } from 'node:crypto';
import { initializeDatabase, openCtsDatabase, resolveConfig } from 'cts-db';
const config = resolveConfig({ configFile: false });
await initializeDatabase(config);
const db = await openCtsDatabase(config);
const C = '00000000-0000-4000-8000-00000000c001';
const pid = (n) => '00000000-0000-4000-8000-0000000000' + String(n).padStart(2, '0');
const T0 = new Date('2026-01-02T03:04:05.678Z');
await db.exchangeConnections.insert({ id: C, name: 'main', exchange: 'bybit', createdAt: T0, updatedAt: T0 });
const prices = ['106.5', '12.25', '19.5', '26.75', '121', '-20', '-3.5'];
await db.pseudoPositions.insertMany(prices.map((entryPrice, i) => ({ id: pid(i + 1), connectionId: C, symbol: 'S' + i, side: i % 3 === 0 ? 'long' : 'short', entryPrice, quantity: '1', openedAt: T0, createdAt: T0, updatedAt: T0 })));
const digest = async () => createHash('sha256').update(JSON.stringify(await db.pseudoPositions.findMany({ orderBy: { id: 'asc' } }))).digest('hex');
const out = {};
const probe = async (name, call) => {
  const before = [await db.pseudoPositions.count(), await digest()];
  try {
    out[name] = { value: await call() };
  } catch (error) {
    out[name] = { code: error.code, path: error.path ?? null, constraint: error.constraint ?? null, values: error.values ?? null };
  }
  out[name].unchanged = JSON.stringify([await db.pseudoPositions.count(), await digest()]) === JSON.stringify(before);
};
const body = JSON.parse('{}');
await probe('gte20', () => db.pseudoPositions.count({ where: { entryPrice: { gte: '20' } } }));
await probe('readmeOr', () => db.pseudoPositions.count({ where: { OR: [{ side: 'long' }, { entryPrice: { gte: '100' } }] } }));
await probe('orderAsc', async () => (await db.pseudoPositions.findMany({ where: { entryPrice: { gt: '0' } }, orderBy: { entryPrice: 'asc' } })).map((p) => p.entryPrice));
await probe('deleteUndefined', () => db.pseudoPositions.delete({ where: { id: body.id } }));
await probe('updateUndefined', () => db.pseudoPositions.update({ where: { id: body.id }, set: { symbol: 'X' } }));
await probe('deleteEmpty', () => db.pseudoPositions.delete({ where: {} }));
await probe('orderDESC', () => db.pseudoPositions.findMany({ orderBy: { symbol: 'DESC' } }));
await probe('unknownOperator', () => db.pseudoPositions.delete({ where: { symbol: { 'gt) or (1=1': 'a' } } }));
await probe('constructorKey', () => db.pseudoPositions.delete({ where: { constructor: 1 } }));
await probe('protoKey', () => db.pseudoPositions.delete({ where: JSON.parse('{"__proto__": {"id": 1}}') }));
await probe('unknownSetKey', () => db.pseudoPositions.update({ where: { id: pid(1) }, set: { nope: 1 } }));
await probe('distinctOn', () => db.pseudoPositions.findMany({ distinctOn: ['symbol'] }));
await probe('duplicateName', () => db.exchangeConnections.insert({ name: 'main', exchange: 'okx' }));
await probe('misspelledRelation', () => db.pseudoPositions.findMany({ with: { connection: true, strategyy: true } }));
await probe('oneToMany', () => db.exchangeConnections.findMany({ where: { pseudoPositions: { some: { side: 'long' } } }, select: { name: true }, with: { pseudoPositions: { where: { entryPrice: { lt: '20' } }, orderBy: { entryPrice: 'desc' }, limit: 3, select: { symbol: true, entryPrice: true }, with: { connection: { select: { name: true } } } } } }));
await probe('noneFilter', () => db.exchangeConnections.count({ where: { pseudoPositions: { none: { entryPrice: { gt: '1000' } } } } }));
await probe('everyEmptyWrite', () => db.exchangeConnections.update({ where: { pseudoPositions: { every: {} } }, set: { name: 'x' } }));
await probe('nestedMisspelled', () => db.exchangeConnections.findMany({ with: { pseudoPositions: { with: { stratgy: true } } } }));
await probe('sum', () => db.pseudoPositions.aggregate({ _sum: { entryPrice: true } }));
await db.close();
console.log(JSON.stringify(out));
`;

let dir: { path: string; cleanup: () => Promise<void> };
let app: string;
let pg: TestPostgres;

beforeAll(async () => {
  dir = await createTempDir('cts-probes');
  const pack = await runCommand('pnpm', ['pack', '--pack-destination', dir.path], { cwd: REPO_ROOT, timeoutMs: 180_000 });
  expect(pack.code, `${pack.stdout}\n${pack.stderr}`).toBe(0);
  const tarball = join(dir.path, (await readdir(dir.path)).find((f) => f.endsWith('.tgz'))!);
  app = join(dir.path, 'app');
  await runCommand('mkdir', ['-p', app], { cwd: dir.path });
  await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'probe-app', private: true, type: 'module', dependencies: { 'cts-db': `file:${tarball}`, 'drizzle-orm': '0.45.4' } }, null, 2)}\n`);
  const install = await runCommand('pnpm', ['install', '--prod', '--ignore-workspace', '--config.node-linker=hoisted', '--config.auto-install-peers=false'], { cwd: app, timeoutMs: 180_000 });
  expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
  await writeFile(join(app, 'probes.mjs'), PROBES);
  pg = await createTestPostgres();
}, 400_000);

afterAll(async () => {
  await pg?.cleanup();
  await dir?.cleanup();
});

async function runProbes(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { DATABASE_URL: _url, DATABASE_TYPE: _type, SQLITE_DB_PATH: _path, DB_PREFIX: _prefix, ...rest } = process.env;
  const run = await runCommand(process.execPath, ['probes.mjs'], { cwd: app, env: { ...rest, DB_PREFIX: 'probe', ...env } as NodeJS.ProcessEnv, timeoutMs: 120_000, exactEnv: true });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const refused = (code: string, path: string | null) => ({ code, path, constraint: null, values: null, unchanged: true });

describe('the probes from a plain .mjs in a scratch app with the packed tarball', () => {
  it("give PostgreSQL's answers or a coded QueryError on both engines, and no refused write changes a row", async () => {
    const sqlite = await runProbes({ SQLITE_DB_PATH: join(app, 'data', 'probe.db') });
    const postgresql = await runProbes({ DATABASE_URL: pg.url });
    const expected = {
      gte20: { value: 3, unchanged: true },
      readmeOr: { value: 4, unchanged: true },
      // numeric(38, 18) as PostgreSQL returns it: 18 fraction digits.
      orderAsc: { value: ['12.250000000000000000', '19.500000000000000000', '26.750000000000000000', '106.500000000000000000', '121.000000000000000000'], unchanged: true },
      deleteUndefined: refused('QUERY_UNDEFINED_VALUE', 'pseudo_positions.where.id'),
      updateUndefined: refused('QUERY_UNDEFINED_VALUE', 'pseudo_positions.where.id'),
      deleteEmpty: refused('QUERY_EMPTY_WHERE', 'pseudo_positions.where'),
      orderDESC: refused('QUERY_INVALID_ORDER', 'pseudo_positions.orderBy.symbol'),
      unknownOperator: refused('QUERY_UNKNOWN_OPERATOR', 'pseudo_positions.where.symbol.gt) or (1=1'),
      constructorKey: refused('QUERY_UNKNOWN_COLUMN', 'pseudo_positions.where.constructor'),
      protoKey: refused('QUERY_UNKNOWN_COLUMN', 'pseudo_positions.where.__proto__'),
      unknownSetKey: refused('QUERY_UNKNOWN_COLUMN', 'pseudo_positions.set.nope'),
      // distinctOn without an order starting with its columns: which row of a group is kept would be up to the engine.
      distinctOn: refused('QUERY_INVALID_ORDER', 'pseudo_positions.orderBy'),
      duplicateName: { code: 'QUERY_UNIQUE_VIOLATION', path: null, constraint: 'uq_exc_name', values: { name: 'main' }, unchanged: true },
      misspelledRelation: refused('QUERY_UNKNOWN_RELATION', 'pseudo_positions.with.strategyy'),
      // One statement: the connection, its positions below 20 by price descending (three of four), each with its connection.
      oneToMany: {
        value: [
          {
            name: 'main',
            pseudoPositions: [
              { symbol: 'S2', entryPrice: '19.500000000000000000', connection: { name: 'main' } },
              { symbol: 'S1', entryPrice: '12.250000000000000000', connection: { name: 'main' } },
              { symbol: 'S6', entryPrice: '-3.500000000000000000', connection: { name: 'main' } },
            ],
          },
        ],
        unchanged: true,
      },
      noneFilter: { value: 1, unchanged: true },
      everyEmptyWrite: refused('QUERY_EMPTY_WHERE', 'exchange_connections.where'),
      nestedMisspelled: refused('QUERY_UNKNOWN_RELATION', 'exchange_connections.with.pseudoPositions.with.stratgy'),
      sum: { value: { _sum: { entryPrice: '262.500000000000000000' } }, unchanged: true },
    };
    expect(sqlite).toEqual(expected);
    expect(postgresql).toEqual(sqlite);
  });
});

// Records every module the process resolves (a module hook runs off the main thread: it reports on stderr).
const HOOKS = String.raw`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (!result.url.startsWith('node:')) process.stderr.write('LOADED ' + result.url + '\n');
  return result;
}
`;
const COLD = String.raw`
import { register } from 'node:module';
register('./record-hooks.mjs', import.meta.url);
const { openCtsDatabase, resolveConfig } = await import('cts-db');
const db = await openCtsDatabase(resolveConfig({ configFile: false }));
const found = await db.users.findFirst({ where: { username: 'nobody' } });
await db.close();
console.log(JSON.stringify({ found: found ?? 'none' }));
`;

// An app's start-up on an up-to-date database: the migration check alone.
const START = String.raw`
import { register } from 'node:module';
register('./record-hooks.mjs', import.meta.url);
const { initializeDatabase, resolveConfig } = await import('cts-db');
const summary = await initializeDatabase(resolveConfig({ configFile: false }));
console.log(JSON.stringify({ applied: summary.applied }));
`;

/** The modules a process loads to import the package, open the database and run one query (or `script`). */
async function loadedModules(env: Record<string, string>, script = 'cold.mjs'): Promise<string[]> {
  const { DATABASE_URL: _url, DATABASE_TYPE: _type, SQLITE_DB_PATH: _path, DB_PREFIX: _prefix, ...rest } = process.env;
  const environment = { ...rest, DB_PREFIX: 'cold', ...env } as NodeJS.ProcessEnv;
  // Migrated by another process first: the measured one must not need the migrator.
  const init = await runCommand(process.execPath, ['--input-type=module', '-e', "const { initializeDatabase, resolveConfig } = await import('cts-db'); await initializeDatabase(resolveConfig({ configFile: false }));"], { cwd: app, env: environment, timeoutMs: 120_000, exactEnv: true });
  expect(init.stderr).toBe('');
  const run = await runCommand(process.execPath, [script], { cwd: app, env: environment, timeoutMs: 120_000, exactEnv: true });
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual(script === 'cold.mjs' ? { found: 'none' } : { applied: 0 });
  const urls = run.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
  expect(run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('LOADED '))).toEqual([]);
  return [...new Set(urls)];
}

describe('a cold start loads the configured dialect only', () => {
  // What either dialect must not load for an import, an open and one query: by package, and, for this package's
  // own code (bundled into chunks, whose names say nothing), by what a loaded file defines.
  const NEITHER = ['/zod/'];
  const DEFINITIONS: Readonly<Record<string, RegExp>> = {
    'the zod validators': /\bvar usersInsert\b/,
    'the table manifest': /\bvar manifest = \{/,
    'the embedded migrations': /\bvar migrations = \{/,
    'the migrator': /\bfunction prefixedStatements\(/,
    'the SQL prefixer': /\bfunction prefixStatements\(/,
    'the health checks': /\bfunction openHealthChecker\(/,
    'the HTTP handlers': /\bfunction createHealthHandler\(/,
    'the HTTP routes': /\bfunction healthRoute\(/,
    // The error mapping is loaded by the first failure (the refusals above go through it in a packed app).
    'the query-failure mapping': /\bfunction explainQueryFailure\(/,
    'the constraint resolution': /\bfunction resolveFailure\(/,
  };
  const POSTGRES = ['/postgres/src/index.js', '/drizzle-orm/pg-core/index.js', '/drizzle-orm/postgres-js/'];
  const SQLITE = ['/@libsql/client/', '/libsql/index.js', '/drizzle-orm/sqlite-core/index.js', '/drizzle-orm/libsql/'];
  const hits = (urls: readonly string[], parts: readonly string[]) => parts.filter((p) => urls.some((u) => u.includes(p)));
  const installed = () => join(app, 'node_modules', 'cts-db', 'dist', 'bundle');

  /** Which of DEFINITIONS the package's loaded files define; and that the bundle was what loaded. */
  async function ownDefinitions(urls: readonly string[]): Promise<string[]> {
    const own = urls.filter((u) => u.includes('/cts-db/dist/'));
    expect(own.filter((u) => !u.includes('/cts-db/dist/bundle/'))).toEqual([]);
    expect(own.some((u) => u.endsWith('/cts-db/dist/bundle/index.js'))).toBe(true);
    const texts = await Promise.all(own.map((u) => readFile(fileURLToPath(u), 'utf8')));
    return Object.entries(DEFINITIONS).flatMap(([what, pattern]) => (texts.some((t) => pattern.test(t)) ? [what] : []));
  }

  it('checks for definitions that the shipped bundle has (so an absent one is absent from the load, not renamed)', async () => {
    const files = [...(await readdir(installed())).filter((f) => f.endsWith('.js')).map((f) => join(installed(), f)), ...(await readdir(join(installed(), 'chunks'))).map((f) => join(installed(), 'chunks', f))];
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    expect(Object.entries(DEFINITIONS).filter(([, pattern]) => !texts.some((t) => pattern.test(t))).map(([what]) => what)).toEqual([]);
  });

  beforeAll(async () => {
    await writeFile(join(app, 'record-hooks.mjs'), HOOKS);
    await writeFile(join(app, 'cold.mjs'), COLD);
    await writeFile(join(app, 'start.mjs'), START);
  });

  // The migrator's prefix check once imported the lint acknowledgements' zod schema, and with it all of zod.
  it('an up-to-date start-up (initializeDatabase) loads no zod and no validators, on either dialect', async () => {
    for (const env of [{ SQLITE_DB_PATH: join(app, 'data', 'start.db') }, { DATABASE_URL: pg.url }]) {
      const urls = await loadedModules(env, 'start.mjs');
      expect(hits(urls, NEITHER)).toEqual([]);
      expect((await ownDefinitions(urls)).filter((d) => d === 'the zod validators')).toEqual([]);
    }
  });

  it('SQLite: no PostgreSQL driver or Drizzle core, no remote libSQL protocol, no zod, no migrator or validators', async () => {
    const urls = await loadedModules({ SQLITE_DB_PATH: join(app, 'data', 'cold.db') });
    expect(hits(urls, SQLITE)).toEqual(SQLITE);
    expect(hits(urls, [...POSTGRES, ...NEITHER, '/@libsql/hrana-client/', '/ws/'])).toEqual([]);
    expect(await ownDefinitions(urls)).toEqual([]);
  });

  it('PostgreSQL: no SQLite driver or Drizzle core, no zod, no migrator or validators', async () => {
    const urls = await loadedModules({ DATABASE_URL: pg.url });
    expect(hits(urls, POSTGRES)).toEqual(POSTGRES);
    expect(hits(urls, [...SQLITE, ...NEITHER])).toEqual([]);
    expect(await ownDefinitions(urls)).toEqual([]);
  });
});
