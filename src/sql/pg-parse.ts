import type { Node, ParseResult } from 'libpg-query';

/** One top-level statement of a PostgreSQL script, as PostgreSQL's own parser (libpg-query) read it. */
export interface ParsedStatement {
  /** The statement's node, e.g. `{ IndexStmt: {...} }`. */
  readonly node: Node;
  /** The statement's text as written, from its first keyword (comments before it are not part of it). */
  readonly text: string;
  /** Character offset of the statement in the script, for messages. */
  readonly offset: number;
}

/** A script PostgreSQL's parser rejects: where, and what it said. */
export class PgSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PgSyntaxError';
    this.position = position;
  }
}

type LibPgQuery = typeof import('libpg-query');
let loaded: Promise<LibPgQuery> | undefined;

/**
 * Loads the parser on first use: it is PostgreSQL's grammar compiled to WASM (about 170 ms to instantiate),
 * so nothing pays for it at import time, and an app that never migrates never loads it.
 */
function parser(): Promise<LibPgQuery> {
  loaded ??= import('libpg-query').then(async (module) => {
    await module.loadModule();
    return module;
  });
  return loaded;
}

/**
 * Parses a PostgreSQL script into its top-level statements with their source text.
 * libpg-query reports statement locations as byte offsets into the UTF-8 text, so they are mapped back to
 * character offsets here (a migration may hold non-ASCII comments or string literals).
 */
export async function parsePgScript(script: string): Promise<readonly ParsedStatement[]> {
  const pg = await parser();
  let result: ParseResult;
  try {
    result = pg.parseSync(script);
  } catch (error) {
    const details = pg.hasSqlDetails(error) ? error.sqlDetails : undefined;
    // PostgreSQL reports the cursor in characters (libpg-query makes it 0-based), unlike statement locations.
    throw new PgSyntaxError(details?.message ?? (error instanceof Error ? error.message : String(error)), details?.cursorPosition ?? 0, { cause: error });
  }
  const bytes = Buffer.from(script, 'utf8');
  const statements: ParsedStatement[] = [];
  for (const raw of result.stmts ?? []) {
    if (raw.stmt === undefined) continue;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len;
    const slice = bytes.subarray(start, end).toString('utf8');
    const leading = slice.length - slice.trimStart().length;
    statements.push({ node: raw.stmt, text: slice.trim(), offset: charOffset(script, start) + leading });
  }
  return statements;
}

/** The character offset of a UTF-8 byte offset into `text`. */
function charOffset(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}
