import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from './startup.js';

const DIST = join(import.meta.dirname, '..', 'dist', 'src');

/**
 * A module of the BUILT package (tsc's output in dist/), for the cases that time the accessors in this process:
 * what apps run. The bench itself runs under tsx, whose esbuild transform keeps function names by wrapping
 * every closure the code creates in a `__name(fn, ...)` call (Object.defineProperty): in the hot lookup that was
 * two thirds of the input checks' time, a cost no installed app pays. Built once per bench run.
 */
export async function builtModule<T>(path: string): Promise<T> {
  buildPackage();
  return (await import(pathToFileURL(join(DIST, path)).href)) as T;
}

/** The package's public entry as apps load it (the bundle, dist/bundle/), typed as the source it is built from. */
export async function builtPackage(): Promise<typeof import('../src/index.js')> {
  buildPackage();
  return (await import(pathToFileURL(join(DIST, '..', 'bundle', 'index.js')).href)) as typeof import('../src/index.js');
}
