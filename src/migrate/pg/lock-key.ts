import { createHash } from 'node:crypto';

/**
 * The advisory lock key of a prefix's migrations: the first 4 bytes of its SHA-256. Its own module (no
 * postgres.js) so that tools can name the key without loading the driver.
 */
export function lockKeyFor(prefix: string): number {
  return createHash('sha256').update(prefix).digest().readInt32BE(0);
}
