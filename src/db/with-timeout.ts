/** Rejection of {@link withTimeout}; its code maps to CONNECTION_TIMEOUT like the driver's own timeout. */
export class TimeoutError extends Error {
  readonly code = 'CONNECT_TIMEOUT';
}

/**
 * A guard above the drivers' own timeouts, which do not cover every stall (e.g. a silent TLS peer or a
 * server that accepts and never answers).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
