import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from './repo-copy.js';
import { runCommand } from './run-command.js';
import { createTempDir } from './temp-dir.js';

const NODE_TYPES_VERSION = '20.19.43';
const DRIZZLE_VERSION = '0.45.4';

export interface PackedApp {
  /** The scratch folder holding the tarball and the app. */
  readonly dir: string;
  /** The app, outside the repository, with cts-db installed from the tarball. */
  readonly app: string;
  readonly tarball: string;
  cleanup(): Promise<void>;
}

/**
 * `pnpm pack`, then a scratch app outside the repository that installs the tarball with production
 * dependencies only, in a flat node_modules as npm makes it (what a bundled server finds next to its bundle).
 */
export async function installPackedApp(label: string): Promise<PackedApp> {
  const dir = await createTempDir(label);
  const pack = await runCommand('pnpm', ['pack', '--pack-destination', dir.path], { cwd: REPO_ROOT, timeoutMs: 180_000 });
  expect(pack.code, `${pack.stdout}\n${pack.stderr}`).toBe(0);
  const tgz = (await readdir(dir.path)).find((f) => f.endsWith('.tgz'));
  expect(tgz).toBeDefined();
  const tarball = join(dir.path, tgz as string);
  const app = join(dir.path, 'app');
  await runCommand('mkdir', ['-p', app], { cwd: dir.path });
  // drizzle-orm is cts-db's peer (one copy for the app's own queries and ours) and @types/node the app's own;
  // cts-db brings only its production dependencies.
  await writeFile(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies: { 'cts-db': `file:${tarball}`, 'drizzle-orm': DRIZZLE_VERSION, '@types/node': NODE_TYPES_VERSION } }, null, 2)}\n`,
  );
  const install = await runCommand('pnpm', ['install', '--prod', '--ignore-workspace', '--config.node-linker=hoisted', '--config.auto-install-peers=false'], { cwd: app, timeoutMs: 180_000 });
  expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
  return { dir: dir.path, app, tarball, cleanup: dir.cleanup };
}
