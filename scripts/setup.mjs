#!/usr/bin/env node
// `npm run setup`: the one command a fresh machine with only Node 20 needs. Plain Node, no dependencies,
// because it runs before anything is installed. It makes sure pnpm is there (pinned), installs from the
// lockfile and runs the main job on the default embedded database (SQLite at data/cts.db).
import { spawnSync } from 'node:child_process';

export const PNPM_VERSION = '10.34.9';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) return { ok: false, why: result.error.message };
  return { ok: result.status === 0, why: `exit code ${result.status}` };
}

function fail(message) {
  process.stderr.write(`setup: ${message}\n`);
  process.exit(1);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node ${process.versions.node} is too old: install Node 20 or newer and run \`npm run setup\` again`);

const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
let pnpm = ['pnpm'];
if (probe.status !== 0) {
  process.stdout.write(`setup: pnpm not found, installing pnpm@${PNPM_VERSION} with npm\n`);
  if (!run('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`]).ok) {
    // Without a global pnpm the README's `pnpm test` will not be found: say what to type instead.
    process.stdout.write(`setup: the global install failed (permissions?); using npx. Run the tests with: npx -y pnpm@${PNPM_VERSION} test\n`);
    pnpm = ['npx', '-y', `pnpm@${PNPM_VERSION}`];
  }
} else if (probe.stdout.trim() !== PNPM_VERSION) {
  process.stdout.write(`setup: using the installed pnpm ${probe.stdout.trim()} (tested with ${PNPM_VERSION})\n`);
}

const [cmd, ...pre] = pnpm;
const install = run(cmd, [...pre, 'install', '--frozen-lockfile']);
if (!install.ok) fail(`\`pnpm install --frozen-lockfile\` failed (${install.why}); see the output above`);
const main = run(cmd, [...pre, 'start']);
if (!main.ok) fail(`the main job failed (${main.why}); see the output above`);
process.stdout.write('setup: done. Run the tests with `pnpm test`.\n');
