import { NamingError } from './naming-error.js';
import { fixedBaseNames } from './object-names.js';

/** PostgreSQL's NAMEDATALEN - 1: longer identifiers are cut with only a NOTICE, so two objects can collide. */
export const PG_IDENTIFIER_MAX_BYTES = 63;

/**
 * The longest prefix the toolkit promises to support. \`pnpm db:check\` keeps every base name short enough
 * for it (63 - 1 - 24 = 38 bytes), so any prefix up to this length works with the whole schema.
 */
export const MAX_PREFIX_BYTES = 24;

export interface IdentifierLengthReport {
  readonly ok: boolean;
  readonly prefix: string;
  /** Prefixed names longer than the limit, longest first. */
  readonly offenders: readonly { readonly name: string; readonly bytes: number }[];
  /** The longest prefix length (in bytes) with which every name fits; 0 when even the base names do not fit. */
  readonly maxPrefixBytes: number;
  /** The given prefix cut to at most `maxPrefixBytes`, at a word boundary where there is one,, or undefined when nothing fits. */
  readonly longestFittingPrefix: string | undefined;
}

// Buffer.byteLength counts UTF-8 unless told otherwise.
const bytes = (s: string) => Buffer.byteLength(s);

/**
 * Checks the prefixed form of every base name (plus the ledger, database and role names) against
 * PostgreSQL's 63-byte identifier limit.
 */
export function checkIdentifierLengths(prefix: string, baseNames: Iterable<string>): IdentifierLengthReport {
  const all = [...new Set([...fixedBaseNames(), ...baseNames])];
  const longestBase = Math.max(...all.map(bytes));
  const maxPrefixBytes = Math.max(0, PG_IDENTIFIER_MAX_BYTES - 1 - longestBase);
  const offenders = all
    .map((base) => `${prefix}_${base}`)
    .filter((name) => bytes(name) > PG_IDENTIFIER_MAX_BYTES)
    .map((name) => ({ name, bytes: bytes(name) }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return {
    ok: offenders.length === 0,
    prefix,
    offenders,
    maxPrefixBytes,
    longestFittingPrefix: shortenPrefix(prefix, maxPrefixBytes),
  };
}

/** Prefixes are ASCII (see NAME_PATTERN), so bytes and characters agree here. */
export function shortenPrefix(prefix: string, maxBytes: number): string | undefined {
  if (prefix.length <= maxBytes) return prefix;
  const cut = prefix.slice(0, maxBytes);
  // Prefer a whole word: cut at the last `_` when there is one.
  const boundary = prefix.charAt(maxBytes) === '_' ? cut : cut.slice(0, Math.max(0, cut.lastIndexOf('_')));
  const result = (boundary.length > 0 ? boundary : cut).replace(/_+$/, '');
  return result.length > 0 ? result : undefined;
}

/** Throws {@link NamingError} `NAMING_IDENTIFIER_TOO_LONG` listing every offender when the check fails. */
export function assertIdentifierLengths(prefix: string, baseNames: Iterable<string>): IdentifierLengthReport {
  const report = checkIdentifierLengths(prefix, baseNames);
  if (report.ok) return report;
  const shown = report.offenders.slice(0, 10).map((o) => `    ${o.name} (${o.bytes} bytes)`);
  if (report.offenders.length > 10) shown.push(`    ... and ${report.offenders.length - 10} more`);
  const list = shown.join('\n');
  throw new NamingError(
    `prefix ${JSON.stringify(prefix)} makes ${report.offenders.length} identifier(s) longer than PostgreSQL's ${PG_IDENTIFIER_MAX_BYTES}-byte limit, which PostgreSQL would silently truncate:\n${list}`,
    {
      code: 'NAMING_IDENTIFIER_TOO_LONG',
      subject: prefix,
      hint:
        report.longestFittingPrefix === undefined
          ? `shorten the base names: the longest leaves no room for a prefix`
          : `use a prefix of at most ${report.maxPrefixBytes} bytes, e.g. DB_PREFIX=${report.longestFittingPrefix}`,
    },
  );
}
