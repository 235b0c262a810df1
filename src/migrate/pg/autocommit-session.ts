import type { Sql } from 'postgres';
import type { AutocommitSession } from '../migration-driver.js';

/**
 * The second connection of a `-- cts:transaction none` run: no statement on it is part of a transaction
 * unless `inTransaction` opens one. Session settings are never used (a transaction-mode pooler hands each
 * statement to any server connection): the lock_timeout of the short transactions is `SET LOCAL`.
 */
export function openAutocommitSession(connect: () => Sql, ddlLockTimeoutMs: number): AutocommitSession {
  const sql = connect();
  const query = async <R>(text: string, params: readonly unknown[] = []): Promise<R[]> => (await sql.unsafe(text, params as never[])) as unknown as R[];
  return {
    query,
    async inTransaction(fn) {
      await sql.unsafe(`begin isolation level read committed; set local lock_timeout = ${ddlLockTimeoutMs}`);
      try {
        const result = await fn(query);
        await sql.unsafe('commit');
        return result;
      } catch (error) {
        await sql.unsafe('rollback').catch(() => undefined);
        throw error;
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
