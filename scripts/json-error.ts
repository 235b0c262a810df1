import type { CtsDbError } from '../src/errors/index.js';

/** The `error` member of every `--json` document: the code, the message without its hint line, and the hint. */
export interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** What a script prints for a toolkit error under --json, so a program can switch on `code` as a person reads the text. */
export function jsonError(error: CtsDbError): JsonError {
  // CtsDbError appends its hint to the message; the document carries the hint once, in its own field.
  const suffix = `\n  hint: ${error.hint}`;
  const message = error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
  return { code: error.code, message, hint: error.hint };
}

/** The line every command writes to stderr for a toolkit error, with or without --json: `error [CODE] message` and its hint. */
export function errorLine(error: CtsDbError): string {
  return `error [${error.code}] ${error.message}\n`;
}
