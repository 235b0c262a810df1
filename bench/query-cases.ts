/**
 * The typed queries against the floor of each engine, measured in one process with the contenders interleaved
 * (medians of per-pair ratios): a relation read, a findMany of 500 rows, upsertMany of 2,000 rows and an update
 * by filter. The floor is the raw driver with the statement prepared once: on SQLite libSQL's native Database
 * with rows as arrays, on PostgreSQL postgres.js with a named prepared statement and rows as arrays.
 */
import { and, eq, getTableColumns, sql, type Column } from 'drizzle-orm';
import Database from 'libsql';
import { aggregateFrom } from '../src/accessors/aggregate.js';
import { columnInfo } from '../src/accessors/column-info.js';
import { groupByQuery } from '../src/accessors/group-by.js';
import type { LooseDb } from '../src/accessors/loose-db.js';
import { MAX_BIND_PARAMETERS, chunk } from '../src/queries/batch-size.js';
import { builtPackage } from './built-package.js';
import { upToDate } from './cases.js';
import { measurePairRatio, ratio, type BenchDb, type CaseResult, type Dialect, type Settings } from './lib.js';

const PREFIX = 'bench';
const uuid = (kind: number, n: number) => `00000000-0000-4000-8${kind}00-${n.toString(16).padStart(12, '0')}`;

export async function queryCases(settings: Settings, dialect: Dialect, db: BenchDb): Promise<CaseResult[]> {
  const rows = settings.quick ? 20_000 : 100_000;
  const reads = settings.quick ? 1_000 : 5_000;
  await upToDate(db);
  // The accessors as apps run them: the built package (built-package.ts says why not the source under tsx).
  const { openAppDatabase, ctsDatabase } = await builtPackage();
  const app = await openAppDatabase(db.config(PREFIX));
  const cts = ctsDatabase(app);
  const native = app.dialect === 'sqlite' ? new Database(db.path!, { timeout: 5000 }) : undefined;
  const results: CaseResult[] = [];
  try {
    const connections = [uuid(1, 1), uuid(1, 2)];
    for (const [i, id] of connections.entries()) await cts.exchangeConnections.insert({ id, name: `bench-${i}`, exchange: 'bybit', settings: { i } });
    await cts.pseudoPositions.insertBulk(
      Array.from({ length: rows }, (_, i) => ({ id: uuid(2, i), connectionId: connections[i % 2]!, symbol: `SYM${i % 50}`, side: i % 2 === 0 ? ('long' as const) : ('short' as const), entryPrice: `${100 + (i % 997)}.25`, quantity: '1.5', openedAt: new Date(1_700_000_000_000 + i) })),
    );
    const positions = `${PREFIX}_pseudo_positions`;
    const conns = `${PREFIX}_exchange_connections`;
    const ph = (n: number) => (dialect === 'postgresql' ? `$${n}` : '?');
    /** The raw driver: the statement prepared once, rows as arrays. */
    const prepared = (text: string): ((args: unknown[]) => Promise<unknown[]>) => {
      if (native !== undefined) {
        const statement = native.prepare(text).raw(true);
        return async (args) => statement.all(...args);
      }
      if (app.dialect !== 'postgresql') throw new Error('unreachable');
      const client = app.sql;
      return async (args) => client.unsafe(text, args as never[], { prepare: true }).values();
    };
    const loop = (n: number, fn: (i: number) => Promise<unknown>) => async () => {
      for (let i = 0; i < n; i++) await fn(i);
    };

    // 1. A position with its connection, by id.
    const joinText = `select p.*, c.* from "${positions}" p left join "${conns}" c on c.id = p.connection_id where p.id = ${ph(1)}`;
    const join = prepared(joinText);
    const relationRead = loop(reads, async (i) => {
      if ((await cts.pseudoPositions.findFirst({ where: { id: uuid(2, (i * 7919) % rows) }, with: { connection: true } }))?.connection === undefined) throw new Error('no row');
    });
    const [relOurs, relRaw, relRatio] = await measurePairRatio(
      settings,
      relationRead,
      loop(reads, async (i) => {
        if ((await join([uuid(2, (i * 7919) % rows)])).length !== 1) throw new Error('no row');
      }),
      { reps: 9 },
    );
    results.push({ case: `relation read (${reads} positions with their connection)`, dialect, ours: relOurs, baseline: relRaw, baselineName: 'a JOIN prepared once on the raw driver', ratio: relRatio, target: '<= 1.2x', met: relRatio <= 1.2, extra: { ratioOfMedians: ratio(relOurs, relRaw) } });
    if (native !== undefined) {
      // The accessor reads a one-row statement with get() (one native call; all() goes through an iterator):
      // the same JOIN read that way is the like-for-like floor on SQLite.
      const first = native.prepare(joinText).raw(true);
      const [getOurs, getRaw, getRatio] = await measurePairRatio(
        settings,
        relationRead,
        loop(reads, async (i) => {
          if (first.get(uuid(2, (i * 7919) % rows)) === undefined) throw new Error('no row');
        }),
        { reps: 9 },
      );
      results.push({ case: `relation read vs get() (${reads} positions with their connection)`, dialect, ours: getOurs, baseline: getRaw, baselineName: 'the same JOIN prepared once, read with get()', ratio: getRatio, extra: { ratioOfMedians: ratio(getOurs, getRaw) } });
    }

    // 2. 500 rows of one connection, in id order.
    const many = settings.quick ? 40 : 200;
    const page = prepared(`select * from "${positions}" where connection_id = ${ph(1)} order by id limit 500`);
    const [manyOurs, manyRaw, manyRatio] = await measurePairRatio(
      settings,
      loop(many, async (i) => {
        if ((await cts.pseudoPositions.findMany({ where: { connectionId: connections[i % 2]! }, orderBy: { id: 'asc' }, limit: 500 })).length !== 500) throw new Error('short page');
      }),
      loop(many, async (i) => {
        if ((await page([connections[i % 2]!])).length !== 500) throw new Error('short page');
      }),
      { reps: 9 },
    );
    results.push({ case: `findMany (${many} reads of 500 rows)`, dialect, ours: manyOurs, baseline: manyRaw, baselineName: 'the raw driver reading arrays, prepared once', ratio: manyRatio, target: '<= 1.2x', met: manyRatio <= 1.2, extra: { ratioOfMedians: ratio(manyOurs, manyRaw) } });

    // 3. upsertMany of 2,000 rows, every one an update after the first run.
    const upserts = 2_000;
    const table = app.tables.volumeConfiguration;
    const columns = getTableColumns(table) as unknown as Record<string, Column>;
    let round = 0;
    const batch = () => {
      round += 1;
      return Array.from({ length: upserts }, (_, i) => ({ connectionId: connections[0]!, symbol: `V${i}`, baseVolume: `${round}.${i}`, settings: { round } }));
    };
    const keys = ['connectionId', 'symbol', 'baseVolume', 'settings'] as const;
    const volumeTable = `${PREFIX}_volume_configuration`;
    const perStatement = Math.floor(MAX_BIND_PARAMETERS[dialect] / keys.length);
    const upsertText = (n: number) => {
      let p = 0;
      const tuples = Array.from({ length: n }, () => `(${keys.map(() => ph(++p)).join(', ')})`);
      return `insert into "${volumeTable}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) values ${tuples.join(', ')} on conflict ("connection_id", "symbol") do update set "base_volume" = excluded."base_volume", "settings" = excluded."settings"`;
    };
    // The raw upsert gets its values already in the driver's form (the column mappings run outside its timing).
    const rawUpsert = async () => {
      const parts = chunk(batch(), perStatement).map((part) => ({ text: upsertText(part.length), args: part.flatMap((r) => keys.map((k) => columns[k]!.mapToDriverValue(r[k]))) }));
      if (native !== undefined) {
        native.exec('begin immediate');
        try {
          for (const part of parts) native.prepare(part.text).run(...part.args);
          native.exec('commit');
        } catch (error) {
          native.exec('rollback');
          throw error;
        }
        return;
      }
      if (app.dialect !== 'postgresql') throw new Error('unreachable');
      await app.sql.begin(async (tx) => {
        for (const part of parts) await tx.unsafe(part.text, part.args as never[], { prepare: true });
      });
    };
    const ourUpsert = async () => {
      if ((await cts.volumeConfiguration.upsertMany(batch(), { target: ['connectionId', 'symbol'] })) !== upserts) throw new Error('not every row');
    };
    const drizzleUpsert = async () => {
      const rowsNow = batch();
      const set = { baseVolume: sql`excluded."base_volume"`, settings: sql`excluded."settings"` };
      if (app.dialect === 'postgresql') {
        const t = app.tables.volumeConfiguration;
        await app.db.transaction(async (tx) => {
          for (const part of chunk(rowsNow, perStatement)) await tx.insert(t).values(part).onConflictDoUpdate({ target: [t.connectionId, t.symbol], set });
        });
      } else {
        const t = app.tables.volumeConfiguration;
        await app.db.transaction(async (tx) => {
          for (const part of chunk(rowsNow, perStatement)) await tx.insert(t).values(part).onConflictDoUpdate({ target: [t.connectionId, t.symbol], set });
        });
      }
    };
    await ourUpsert();
    const [upOurs, upRaw, upRatio] = await measurePairRatio(settings, ourUpsert, rawUpsert, { reps: 9 });
    results.push({ case: `upsertMany (${upserts.toLocaleString('en')} rows)`, dialect, ours: upOurs, baseline: upRaw, baselineName: 'a raw multi-row upsert in a transaction', ratio: upRatio, target: '<= 1.3x', met: upRatio <= 1.3, extra: { ratioOfMedians: ratio(upOurs, upRaw) } });
    const [upOurs2, upDrizzle, upRatio2] = await measurePairRatio(settings, ourUpsert, drizzleUpsert, { reps: 9 });
    results.push({ case: `upsertMany vs Drizzle (${upserts.toLocaleString('en')} rows)`, dialect, ours: upOurs2, baseline: upDrizzle, baselineName: "drizzle's batched onConflictDoUpdate", ratio: upRatio2, extra: { ratioOfMedians: ratio(upOurs2, upDrizzle) } });

    // 4. Update by filter: a position of a connection by id, its current price (one row each).
    const updates = settings.quick ? 500 : 2_000;
    const target = (i: number) => ({ id: uuid(2, (i * 7919) % rows), connectionId: connections[((i * 7919) % rows) % 2]! });
    const drizzleUpdate = async (i: number) => {
      const { id, connectionId } = target(i);
      const price = `${i}.5`;
      if (app.dialect === 'postgresql') {
        const t = app.tables.pseudoPositions;
        await app.db.update(t).set({ currentPrice: price }).where(and(eq(t.id, id), eq(t.connectionId, connectionId)));
      } else {
        const t = app.tables.pseudoPositions;
        await app.db.update(t).set({ currentPrice: price }).where(and(eq(t.id, id), eq(t.connectionId, connectionId)));
      }
    };
    const [updOurs, updDrizzle, updRatio] = await measurePairRatio(
      settings,
      loop(updates, async (i) => {
        if ((await cts.pseudoPositions.update({ where: target(i), set: { currentPrice: `${i}.5` } })) !== 1) throw new Error('not one row');
      }),
      loop(updates, drizzleUpdate),
      { reps: 9 },
    );
    results.push({ case: `update by filter (${updates.toLocaleString('en')} one-row updates)`, dialect, ours: updOurs, baseline: updDrizzle, baselineName: "drizzle's update()", ratio: updRatio, target: '<= 1.1x', met: updRatio <= 1.1, extra: { ratioOfMedians: ratio(updOurs, updDrizzle) } });

    // 5. groupBy: the exact sum of a decimal and the count per symbol over half the rows (50 groups). The
    // baseline is the very statement groupBy sends (built by its own module, src/accessors/group-by.ts, for
    // the same options), prepared once on the raw driver: what remains is building the query and assembling
    // the exact values.
    const groups = settings.quick ? 5 : 20;
    const groupOptions = { by: ['symbol'], where: { side: 'long' }, _sum: { entryPrice: true }, _count: true } as const;
    const positionsTable = app.tables.pseudoPositions;
    const query = groupByQuery('pseudo_positions', columnInfo('pseudo_positions', positionsTable), groupOptions, 'pseudoPositions.groupBy', dialect);
    const looseDb = app.db as unknown as LooseDb;
    const groupSource = aggregateFrom(looseDb, positionsTable, query.derived, eq(positionsTable.side, 'long'));
    const groupStatement = looseDb.select(query.fields).from(groupSource.from).where(groupSource.where).groupBy(...query.groupBy).toSQL();
    const rawGroups = prepared(groupStatement.sql);
    const [grpOurs, grpRaw, grpRatio] = await measurePairRatio(
      settings,
      loop(groups, async () => {
        if ((await cts.pseudoPositions.groupBy(groupOptions)).length !== 25) throw new Error('not 25 groups');
      }),
      loop(groups, async () => {
        if ((await rawGroups(groupStatement.params)).length !== 25) throw new Error('not 25 groups');
      }),
      { reps: 9 },
    );
    results.push({ case: `groupBy, exact sum and count (${groups} runs over ${(rows / 2).toLocaleString('en')} rows)`, dialect, ours: grpOurs, baseline: grpRaw, baselineName: 'the same SQL prepared once on the raw driver', ratio: grpRatio, target: '<= 1.15x', met: grpRatio <= 1.15, extra: { ratioOfMedians: ratio(grpOurs, grpRaw) } });

    // 6. The latest position per (connection, symbol): 50 groups over all the rows. The baseline is what one writes by hand
    // per dialect: DISTINCT ON on PostgreSQL, a row_number() window on SQLite (which has no DISTINCT ON).
    const latestRuns = settings.quick ? 3 : 10;
    const latestText =
      dialect === 'postgresql'
        ? `select distinct on (connection_id, symbol) * from "${positions}" order by connection_id, symbol, opened_at desc, id`
        : `select * from (select *, row_number() over (partition by connection_id, symbol order by opened_at desc, id) as rn from "${positions}") where rn = 1 order by connection_id, symbol, opened_at desc, id`;
    const latestRaw = prepared(latestText);
    const [latOurs, latRaw, latRatio] = await measurePairRatio(
      settings,
      loop(latestRuns, async () => {
        const got = await cts.pseudoPositions.findMany({ distinctOn: ['connectionId', 'symbol'], orderBy: [{ connectionId: 'asc' }, { symbol: 'asc' }, { openedAt: 'desc' }] });
        if (got.length !== 50) throw new Error(`not 50 groups: ${got.length}`);
      }),
      loop(latestRuns, async () => {
        if ((await latestRaw([])).length !== 50) throw new Error("not 50 groups");
      }),
      { reps: 9 },
    );
    results.push({ case: `latest per group, distinctOn (${latestRuns} reads of 50 groups over ${rows.toLocaleString('en')} rows)`, dialect, ours: latOurs, baseline: latRaw, baselineName: dialect === 'postgresql' ? 'DISTINCT ON by hand, prepared once' : 'a row_number() window by hand, prepared once', ratio: latRatio, target: '<= 1.2x', met: latRatio <= 1.2, extra: { ratioOfMedians: ratio(latOurs, latRaw) } });

    // 7. A filter on a to-one relation: the positions whose connection has a name, counted (the rows' mapping is
    // findMany's case), vs EXISTS written by hand.
    const filtered = settings.quick ? 5 : 20;
    const existsRaw = prepared(`select count(*) from "${positions}" p where exists (select 1 from "${conns}" c where c.id = p.connection_id and c.name = ${ph(1)})`);
    const half = rows / 2;
    const [relfOurs, relfRaw, relfRatio] = await measurePairRatio(
      settings,
      loop(filtered, async (i) => {
        if ((await cts.pseudoPositions.count({ where: { connection: { name: `bench-${i % 2}` } } })) !== half) throw new Error('not half the rows');
      }),
      loop(filtered, async (i) => {
        const [row] = (await existsRaw([`bench-${i % 2}`])) as unknown[][];
        if (Number(row?.[0]) !== half) throw new Error('not half the rows');
      }),
      { reps: 9 },
    );
    results.push({ case: `relation filter (${filtered} counts of the ${half.toLocaleString('en')} positions of a connection named by a filter)`, dialect, ours: relfOurs, baseline: relfRaw, baselineName: 'EXISTS by hand, prepared once', ratio: relfRatio, target: '<= 1.2x', met: relfRatio <= 1.2, extra: { ratioOfMedians: ratio(relfOurs, relfRaw) } });
    results.push(...(await oneToManyCase(settings, dialect, app, cts, native, loop)));
    return results;
  } finally {
    native?.close();
    await app.close();
  }
}

type BuiltPackage = Awaited<ReturnType<typeof builtPackage>>;
type App = Awaited<ReturnType<BuiltPackage['openAppDatabase']>>;
type Cts = ReturnType<BuiltPackage['ctsDatabase']>;

/**
 * 8. One-to-many: a connection by id with its 10 newest active exchange positions (of 20), against drizzle's
 * relational query for the same read, prepared once (`db.query...findFirst(...).prepare()`) on the same client
 * drizzle uses (postgres.js; @libsql/client on SQLite). Run last: it adds its own 500 connections and 10,000
 * positions, which no earlier case sees. A second row measures against the floor: drizzle's own statement
 * prepared once on the raw driver (libSQL's native Database on SQLite), its JSON column parsed, no mapping.
 */
async function oneToManyCase(settings: Settings, dialect: Dialect, app: App, cts: Cts, native: Database.Database | undefined, loop: (n: number, fn: (i: number) => Promise<unknown>) => () => Promise<void>): Promise<CaseResult[]> {
  const { relations, desc, placeholder, is, Placeholder } = await import('drizzle-orm');
  const parents = 500;
  const ids = Array.from({ length: parents }, (_, j) => uuid(3, j));
  await cts.exchangeConnections.insertBulk(ids.map((id, j) => ({ id, name: `many-${j}`, exchange: 'okx', settings: { j } })));
  await cts.exchangePositions.insertBulk(
    Array.from({ length: parents * 20 }, (_, i) => ({
      connectionId: ids[i % parents]!,
      exchangePositionId: `x-${i}`,
      symbol: `SYM${i % 50}`,
      side: 'long' as const,
      status: i % 3 === 0 ? ('closed' as const) : ('active' as const),
      entryPrice: `${100 + (i % 997)}.25`,
      quantity: '1.5',
      raw: { i },
      openedAt: new Date(1_700_000_000_000 + i * 1000),
    })),
  );
  const conns = app.tables.exchangeConnections;
  const eps = app.tables.exchangePositions;
  const schema = {
    conns,
    eps,
    connsRelations: relations(conns as never, ({ many }) => ({ eps: many(eps as never) })),
    epsRelations: relations(eps as never, ({ one }) => ({ conn: one(conns as never, { fields: [(eps as unknown as Record<string, never>).connectionId!], references: [(conns as unknown as Record<string, never>).id!] }) })),
  };
  type Found = { eps: unknown[] } | undefined;
  interface RelationalQuery {
    prepare(name: string): { execute(values: Record<string, unknown>): Promise<Found>; all?: unknown };
    toSQL(): { sql: string; params: unknown[] };
  }
  const relational = (db: unknown): RelationalQuery => {
    const query = (db as { query: { conns: { findFirst(config: unknown): RelationalQuery } } }).query;
    const e = eps as unknown as Record<string, Column>;
    const c = conns as unknown as Record<string, Column>;
    return query.conns.findFirst({ where: eq(c.id!, placeholder('id')), with: { eps: { where: eq(e.status!, 'active'), orderBy: [desc(e.openedAt!), e.id!], limit: 10 } } });
  };
  let query: RelationalQuery;
  if (app.dialect === 'postgresql') {
    const { drizzle } = await import('drizzle-orm/postgres-js');
    query = relational(drizzle(app.sql, { schema }));
  } else {
    const { drizzle } = await import('drizzle-orm/libsql');
    query = relational(drizzle(app.client, { schema }));
  }
  const drizzlePrepared = query.prepare('cts_bench_one_to_many');
  const reads = settings.quick ? 500 : 2_000;
  const id = (i: number) => ids[(i * 7919) % parents]!;
  const ours = loop(reads, async (i) => {
    const row = await cts.exchangeConnections.findFirst({ where: { id: id(i) }, with: { exchangePositions: { where: { status: 'active' }, orderBy: { openedAt: 'desc' }, limit: 10 } } });
    if (row?.exchangePositions.length !== 10) throw new Error('not 10 positions');
  });
  const [oOurs, oDrizzle, oRatio] = await measurePairRatio(
    settings,
    ours,
    loop(reads, async (i) => {
      const row = await drizzlePrepared.execute({ id: id(i) });
      if (row?.eps.length !== 10) throw new Error('not 10 positions');
    }),
    { reps: 9 },
  );
  const out: CaseResult[] = [
    { case: `one-to-many read (${reads} connections by id, each with its 10 newest active positions)`, dialect, ours: oOurs, baseline: oDrizzle, baselineName: "drizzle's relational query, prepared once", ratio: oRatio, target: '<= 1.2x', met: oRatio <= 1.2, extra: { ratioOfMedians: ratio(oOurs, oDrizzle) } },
  ];
  // The floor: drizzle's statement on the raw driver, the related rows' JSON parsed and nothing else mapped.
  const compiled = query.toSQL();
  const args = (value: string) => compiled.params.map((p) => (is(p, Placeholder) ? value : p));
  let raw: (value: string) => Promise<number>;
  if (app.dialect === 'postgresql') {
    const client = app.sql;
    raw = async (value) => {
      const [row] = await client.unsafe(compiled.sql, args(value) as never[], { prepare: true }).values();
      const related = row?.[row.length - 1];
      return (typeof related === 'string' ? (JSON.parse(related) as unknown[]) : (related as unknown[])).length;
    };
  } else {
    const statement = native!.prepare(compiled.sql).raw(true);
    raw = async (value) => {
      const row = statement.get(...args(value)) as unknown[];
      return (JSON.parse(row[row.length - 1] as string) as unknown[]).length;
    };
  }
  const [fOurs, fRaw, fRatio] = await measurePairRatio(
    settings,
    ours,
    loop(reads, async (i) => {
      if ((await raw(id(i))) !== 10) throw new Error('not 10 positions');
    }),
    { reps: 9 },
  );
  out.push({ case: `one-to-many read vs the raw driver (${reads} reads)`, dialect, ours: fOurs, baseline: fRaw, baselineName: "drizzle's statement prepared once on the raw driver, JSON parsed, nothing mapped", ratio: fRatio, extra: { ratioOfMedians: ratio(fOurs, fRaw) } });
  return out;
}

