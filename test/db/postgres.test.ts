import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, resolveConfig } from '../../src/config/index.js';
import { ConnectionError, openDatabase, openPostgres } from '../../src/db/index.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

let pg: TestPostgres;
beforeAll(async () => {
  pg = await createTestPostgres();
});
afterAll(() => pg.cleanup());

async function connectionError(promise: Promise<unknown>): Promise<ConnectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectionError);
  return error as ConnectionError;
}

/** A local TCP server that accepts connections and never answers: a stalled PostgreSQL. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('no address');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const { port, close } = await silentServer();
  await close();
  return port;
}

describe(`PostgreSQL through postgres.js (${postgresMode() === 'server' ? 'server' : 'embedded PGlite'})`, () => {
  it('makes a round trip over a real connection through the typed Drizzle instance', async () => {
    const handle = await openPostgres(pg.settings());
    try {
      expect(handle.dialect).toBe('postgresql');
      const rows = await handle.db.execute<{ sum: number; db: string }>(sql`select 40 + 2 as sum, current_database() as db`);
      expect(rows[0]?.sum).toBe(42);
      expect(rows[0]?.db).toBe(pg.database);
      await handle.db.execute(sql`create table round_trip (id text primary key, price numeric(38, 18) not null)`);
      await handle.db.execute(sql`insert into round_trip values ('a', '12345678901.123456789012345678')`);
      const [row] = await handle.sql`select price::text as price from round_trip where id = 'a'`;
      expect(row?.price).toBe('12345678901.123456789012345678');
    } finally {
      await handle.close();
    }
  });

  it('applies the pool settings', async () => {
    const handle = await openPostgres(pg.settings({ poolMax: 3, idleTimeoutMs: 7_000, connectTimeoutMs: 4_000 }));
    try {
      expect(handle.sql.options.max).toBe(3);
      expect(handle.sql.options.idle_timeout).toBe(7);
      expect(handle.sql.options.connect_timeout).toBe(4);
      // Three concurrent queries can use three connections.
      const pids = await Promise.all([1, 2, 3].map(() => handle.sql.begin(async (tx) => {
        await tx`select pg_sleep(0.05)`;
        return (await tx`select pg_backend_pid() as pid`)[0]?.pid as number;
      })));
      // PGlite multiplexes every socket connection onto its one backend; a server gives each its own.
      expect(new Set(pids).size).toBe(postgresMode() === 'server' ? 3 : 1);
    } finally {
      await handle.close();
    }
  });

  it('openDatabase opens PostgreSQL when DATABASE_URL is set', async () => {
    const config = resolveConfig({ env: { DATABASE_URL: pg.url }, configFile: false });
    const handle = await openDatabase(config);
    try {
      expect(handle.dialect).toBe('postgresql');
      if (handle.dialect !== 'postgresql') throw new Error('unreachable');
      expect((await handle.sql`select 1 as one`)[0]?.one).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('an unreachable port fails fast with CONNECTION_REFUSED naming host:port and database', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await connectionError(
      openPostgres({ ...pg.settings({ connectTimeoutMs: 2_000 }), url: new Secret(`postgres://cts:pw@127.0.0.1:${port}/cts_main`) }),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('"cts_main"');
    expect(error.hint).toMatch(/start the PostgreSQL server/);
  });

  it('a server that never answers fails with CONNECTION_TIMEOUT within the connect timeout', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const error = await connectionError(
        openPostgres({ ...pg.settings({ connectTimeoutMs: 700 }), url: new Secret(`postgres://cts:pw@127.0.0.1:${silent.port}/cts`) }),
      );
      const elapsed = Date.now() - started;
      expect(error.code).toBe('CONNECTION_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(600);
      expect(elapsed).toBeLessThan(700 + 1_500);
    } finally {
      await silent.close();
    }
  });

  it('a malformed URL fails at once with CONNECTION_INVALID_URL, without the password', async () => {
    for (const url of ['postgres://cts:pw-secret@host:notaport/db', 'http://cts:pw-secret@host/db', 'not a url', 'postgres://u%ZZ:pw-secret@h/d', 'postgres://u:pw-secret%ZZ@h/d']) {
      const error = await connectionError(openPostgres({ ...pg.settings(), url: new Secret(url) }));
      expect(error.code).toBe('CONNECTION_INVALID_URL');
      expect(error.message).not.toContain('pw-secret');
    }
  });

  itNeedsServer('a missing database gives CONNECTION_DATABASE_MISSING', async () => {
    const url = new URL(pg.url);
    url.pathname = '/cts_test_does_not_exist';
    const error = await connectionError(openPostgres({ ...pg.settings(), url: new Secret(url.toString()) }));
    expect(error.code).toBe('CONNECTION_DATABASE_MISSING');
    expect(error.message).toContain('"cts_test_does_not_exist"');
  });
});
