// `pnpm build`: compiles the package into dist/ with tsc (tsconfig.build.json). It compiles into a fresh folder
// and then swaps it in, so a process using dist/ (a benchmark child, a concurrent test) never sees it half
// written or gone, and a failed build leaves the previous dist/ in place.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const fresh = join(root, `dist.tmp-${process.pid}`);
const old = join(root, `dist.old-${process.pid}`);
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', fresh], { stdio: 'inherit' });
if (run.status !== 0) {
  rmSync(fresh, { recursive: true, force: true });
  process.stderr.write('build: tsc failed; dist/ is unchanged\n');
  process.exit(1);
}
const dist = join(root, 'dist');
if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });
