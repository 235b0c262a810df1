/** How long a replica whose read timed out or whose connection failed stays out before checks may bring it back. */
export const REPLICA_DOWN_MS = 30_000;
