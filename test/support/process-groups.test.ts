import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesWith } from './process-tree.js';
import { runScriptIn } from './repo-copy.js';
import { runCommand } from './run-command.js';
import { createTempDir } from './temp-dir.js';

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the helpers that start commands end the whole process group, not only the command', () => {
  it('runCommand: on its timeout, the processes the command started in the background are killed too', async () => {
    const dir = await createTempDir('cts-groups');
    try {
      // The odd durations are the markers by which /proc finds exactly these processes.
      const result = await runCommand('sh', ['-c', 'sleep 312.71 & sleep 312.72; wait'], { cwd: dir.path, timeoutMs: 500 });
      expect(result.code).toBe(null);
      await until(async () => (await processesWith('sleep 312.7')).every((p) => p.state === 'Z'), 5_000);
      expect((await processesWith('sleep 312.7')).filter((p) => p.state !== 'Z')).toEqual([]);
    } finally {
      await dir.cleanup();
    }
  });

  it('a temporary folder\'s cleanup first ends a script still running in it, with what the script started', async () => {
    const dir = await createTempDir('cts-groups');
    const script = join(dir.path, 'hang.mjs');
    await writeFile(script, "import { spawn } from 'node:child_process';\nspawn('sleep', ['313.81'], { stdio: 'ignore' });\nsetInterval(() => {}, 1000);\n");
    const running = runScriptIn(dir.path, script);
    await until(async () => (await processesWith('sleep 313.81')).length > 0, 60_000);
    await dir.cleanup();
    expect((await running).code).toBe(null);
    expect((await processesWith('sleep 313.81')).filter((p) => p.state !== 'Z')).toEqual([]);
  }, 90_000);
});
