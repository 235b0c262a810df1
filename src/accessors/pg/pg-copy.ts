import type { Column } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import type { ShapeRun } from '../bulk-insert.js';

// COPY's data goes to the socket in pieces of about this many characters: large enough that a write is not a
// call per row, small enough that 100k rows are never one string in memory twice.
const CHUNK_CHARS = 256 * 1024;

/**
 * Inserts the runs with `COPY "table" (columns) FROM STDIN` on `sql`, a transaction's connection: one COPY per
 * run, in the order given, so rows keep the caller's order. Values go through each column's Drizzle mapping
 * (as the INSERT path's do) and then into COPY's text format. A run that gives no column cannot be a COPY: it
 * is inserted as DEFAULT VALUES, row by row. Answers the rows written, as the server counted them.
 *
 * A failing row (a duplicate key, a missing foreign key) fails the COPY with the server's error, as an INSERT
 * would; the caller's transaction is then aborted, so nothing of the call stays.
 */
export async function copyRuns(sql: TransactionSql | Sql, tableName: string, columns: Readonly<Record<string, Column>>, runs: readonly ShapeRun[]): Promise<number> {
  let count = 0;
  for (const run of runs) {
    if (run.shape === '') {
      for (let i = 0; i < run.rows.length; i++) count += (await sql.unsafe(`insert into "${tableName}" default values`)).count;
      continue;
    }
    const keys = run.shape.split(',');
    const list = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
    const stream = await sql.unsafe(`copy "${tableName}" (${list}) from stdin`).writable();
    const done = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
    });
    // The stream's own error ends the loop at its next write; `done` carries it.
    done.catch(() => {});
    let chunk = '';
    for (const row of run.rows) {
      chunk += copyLine(keys, columns, row);
      if (chunk.length >= CHUNK_CHARS) {
        if (!stream.write(chunk)) await drained(stream, done);
        chunk = '';
      }
    }
    stream.end(chunk);
    await done;
    count += (stream as unknown as { count?: number }).count ?? run.rows.length;
  }
  return count;
}

/** Waits for the socket to take more, or for the stream to fail (the server refused a row). */
function drained(stream: NodeJS.WritableStream, done: Promise<void>): Promise<void> {
  return Promise.race([new Promise<void>((resolve) => stream.once('drain', resolve)), done]);
}

/** One row in COPY's text format: tab-separated, `\N` for NULL, a newline at the end. */
function copyLine(keys: readonly string[], columns: Readonly<Record<string, Column>>, row: Readonly<Record<string, unknown>>): string {
  let line = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = row[key];
    if (i > 0) line += '\t';
    line += value === null ? '\\N' : copyText(columns[key]!.mapToDriverValue(value), key);
  }
  return `${line}\n`;
}

// Backslash, and the three characters that would end a field or a row: COPY's text format escapes them.
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A driver value in COPY's text format. The schema's PostgreSQL columns map every value to a string, a number
 * or a boolean (pg-columns.ts: JSON is stringified, timestamps are ISO text, decimals stay text), which is what
 * postgres.js would have sent as a parameter's text.
 */
export function copyText(value: unknown, key: string): string {
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      // Not a value the schema kit's columns produce: a bug here, not the caller's input.
      throw new TypeError(`COPY cannot send the value of column ${JSON.stringify(key)}: its driver value is ${value === null ? 'null' : typeof value}`);
  }
}
