import { isCtsDbError } from '../src/errors/index.js';

/**
 * Runs a script's main function and turns its outcome into output and an exit code. Only scripts print:
 * library code returns results or throws errors that carry a code, a subject and a hint.
 */
export async function runScript(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (isCtsDbError(error)) {
      process.stderr.write(`error [${error.code}] ${error.message}\n`);
    } else {
      process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}
