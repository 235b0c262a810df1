/**
 * What `pnpm db:generate` runs: scripts/db-generate.ts, unless nothing changed since a run that had nothing
 * to do. That run's output is kept in .cache/cts-db/db-generate.json under the digest of everything
 * db:generate reads and writes (src/dev-cache/command-inputs.ts); while not one byte of it changed, the
 * same run would again write nothing, so its output is printed again without loading drizzle-kit or ts-morph.
 * Only plain runs (`--name` and `--json` at most) use it: --rename, --drop and --rehash always run.
 */
import { join } from 'node:path';
import { projectDigest } from '../src/dev-cache/command-inputs.js';
import { readCached, writeCached } from '../src/dev-cache/result-cache.js';
import { endChildrenOnSignal } from './end-children.js';

const CACHE_NAME = 'db-generate';

/** The output mode when the flags are only --name and --json; undefined when the run must not be cached. */
function cacheableMode(argv: readonly string[]): 'json' | 'text' | undefined {
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--name') i++; // a no-op writes no migration, so its name changes nothing
    else if (!arg.startsWith('--name=')) return undefined;
  }
  return json ? 'json' : 'text';
}

const root = process.cwd();
const toolkitRoot = join(import.meta.dirname, '..');
const mode = cacheableMode(process.argv.slice(2));
const digest = mode === undefined ? undefined : await projectDigest(root, toolkitRoot, ['db-generate', mode]);
const cached = digest === undefined ? undefined : await readCached<string>(root, CACHE_NAME, digest);
if (cached !== undefined) {
  process.stdout.write(cached);
  if (mode === 'text') process.stdout.write('db:generate: nothing to do (schema/, drizzle/, generated/ and the toolkit unchanged since the last run that wrote nothing)\n');
} else {
  endChildrenOnSignal();
  let output = '';
  const write = process.stdout.write.bind(process.stdout);
  if (digest !== undefined) {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
  }
  await import('./db-generate.js');
  process.stdout.write = write;
  // Kept only for a run that succeeded and changed no byte of its inputs: it is then a fixed point.
  if (digest !== undefined && (process.exitCode ?? 0) === 0 && (await projectDigest(root, toolkitRoot, ['db-generate', mode!])) === digest) {
    await writeCached(root, CACHE_NAME, digest, output);
  }
}
