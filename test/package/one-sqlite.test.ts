/**
 * One SQLite library per process. The accessors read a local file through `libsql` (native-reads.ts) while
 * writes go through @libsql/client, which loads its own `libsql`: two copies of SQLite on one WAL file do not
 * see each other's POSIX locks, which SQLite documents as a way to corrupt the database. So this package asks
 * for `libsql` with the same range as @libsql/client does (an install then resolves both to one version), and
 * here both resolve to the same file.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-copy.js';

const requireHere = createRequire(join(REPO_ROOT, 'package.json'));
/** The package.json of an installed package (its exports map does not list it): up from its entry. */
function packageJsonOf(name: string): string {
  for (let dir = dirname(realpathSync(requireHere.resolve(name))); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === name) return file;
  }
  throw new Error(`no package.json of ${name} above its entry`);
}
const clientPackage = packageJsonOf('@libsql/client');

describe('one SQLite library per process', () => {
  it("asks for libsql with @libsql/client's own range", () => {
    const ours = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.libsql;
    const theirs = (JSON.parse(readFileSync(clientPackage, 'utf8')) as { dependencies: Record<string, string> }).dependencies.libsql;
    expect(ours).toBe(theirs);
  });

  it('resolves libsql to the same file from this package and from @libsql/client', () => {
    const fromClient = createRequire(clientPackage).resolve('libsql');
    expect(realpathSync(requireHere.resolve('libsql'))).toBe(realpathSync(fromClient));
  });
});
