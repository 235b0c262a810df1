import type { Client } from '@libsql/client';
import type Database from 'libsql';

/**
 * Puts the file in WAL mode and turns foreign keys on, waiting out other writers for up to `busyTimeoutMs`.
 *
 * Why a loop when the client already has a busy timeout: switching a file from its rollback journal to
 * WAL needs a write lock, and while another process holds a write transaction on a file that is still in
 * rollback mode SQLite answers SQLITE_BUSY at once, without calling the busy handler (waiting there could
 * deadlock, so SQLite never waits). Several processes opening a new file together meet exactly that (seen in
 * CI: one of 8 concurrent `db:migrate` runs failed with "database is locked" a few milliseconds in).
 * The mode is read first, so a file that is already in WAL (every file after its first open) needs no lock.
 */
export async function applyFilePragmas(client: Client, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const current = (await client.execute('PRAGMA journal_mode')).rows[0];
      if (String(current?.journal_mode).toLowerCase() !== 'wal') await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA foreign_keys = ON');
      return;
    } catch (error) {
      const wait = backoff(attempt);
      if (!isBusy(error) || Date.now() + wait >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * The same switch to WAL on a native `libsql` connection (the migration runner's), synchronous like that
 * driver: the wait blocks the thread, which holds nothing else while it opens the file.
 */
export function switchToWalSync(db: Database.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Read through a statement: libsql's pragma(…, { simple: true }) returns the row, not its value.
      const row = db.prepare('PRAGMA journal_mode').get() as { journal_mode?: unknown } | undefined;
      if (String(row?.journal_mode).toLowerCase() !== 'wal') db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      const wait = backoff(attempt);
      if (!isBusy(error) || Date.now() + wait >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

/** Jittered exponential wait in milliseconds, 5 ms doubling up to 100 ms, so processes that collided spread out. */
function backoff(attempt: number): number {
  return Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random());
}

export function isBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_');
}
