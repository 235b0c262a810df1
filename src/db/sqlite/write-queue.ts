/**
 * Write transactions of one SQLite database, one at a time within this process.
 *
 * Why: SQLite has one writer, and libSQL waits for the write lock inside a synchronous call (the busy handler
 * sleeps on the JavaScript thread). When a second transaction of the same process waits there, the thread is
 * blocked, so the first one can never reach its COMMIT: the second fails SQLITE_BUSY after the whole busy
 * timeout, with the first stalled meanwhile (seen: 8 concurrent increments of one row took 35 s and failed).
 * Waiting here instead is a promise, so the first transaction runs on and the next starts when it ends. Other
 * processes still meet at the file's lock, where the busy timeout applies as before.
 *
 * A wait longer than the busy timeout fails as SQLITE_BUSY would (QUERY_RETRYABLE once mapped), never hangs:
 * that is also what a transaction opened through the outer database inside another transaction gets.
 */
export type WriteQueue = <R>(fn: () => Promise<R>) => Promise<R>;

export function writeQueue(busyTimeoutMs: number, target: string): WriteQueue {
  let tail: Promise<void> = Promise.resolve();
  return async <R>(fn: () => Promise<R>): Promise<R> => {
    const previous = tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    // Later callers wait for this one and, should this one give up waiting, still for the one before it.
    tail = previous.then(() => mine);
    try {
      await waitAtMost(previous, busyTimeoutMs, target);
      return await fn();
    } finally {
      release();
    }
  };
}

async function waitAtMost(previous: Promise<void>, ms: number, target: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Shaped as libSQL's busy error, so that it maps to QUERY_RETRYABLE like one.
      reject(Object.assign(new Error(`SQLITE_BUSY: database is locked: ${target} waited ${ms} ms for another write transaction of this process (SQLITE_BUSY_TIMEOUT_MS)`), { code: 'SQLITE_BUSY' }));
    }, ms);
    timer.unref();
  });
  try {
    await Promise.race([previous, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
