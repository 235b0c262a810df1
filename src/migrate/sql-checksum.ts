import { createHash } from 'node:crypto';

// Its own module, apart from prefix-sql.ts: the package entry's embedded-migration digests need the hash, not the
// tokenizer and prefixer (two modules and 19 KB that an app which only queries never runs).

/** sha256 (hex) of the exact base SQL text, before prefixing, so every project records the same checksum. */
export function checksumSql(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}
