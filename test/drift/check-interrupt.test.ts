import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnInGroup } from '../support/process-groups.js';
import { descendantsOf, stillRunning, type ProcInfo } from '../support/process-tree.js';
import { copyRepo, scriptArgs } from '../support/repo-copy.js';

describe('an interrupted db:check leaves no process behind', () => {
  let repo: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    repo = await copyRepo();
  });
  afterAll(() => repo.cleanup());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while drizzle-kit check runs: db:check exits ${signal === 'SIGINT' ? 130 : 143} and every process it started has ended`, async () => {
      const child = spawnInGroup(process.execPath, scriptArgs('db-check.ts', ['--no-cache']), { cwd: repo.root, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
      const pid = child.pid!;
      // Every descendant seen while waiting for drizzle-kit: they are detached from db:check's group, so after
      // it exits only their pid and start time identify them.
      const seen = new Map<number, ProcInfo>();
      const deadline = Date.now() + 120_000;
      while (![...seen.values()].some((p) => p.cmdline.includes('drizzle-kit'))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no drizzle-kit child appeared: ${output}`);
        for (const p of await descendantsOf(pid)) seen.set(p.pid, p);
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const p of await descendantsOf(pid)) seen.set(p.pid, p);
      process.kill(pid, signal);
      const end = await exited;
      expect(end).toEqual({ code: signal === 'SIGINT' ? 130 : 143, signal: null });
      expect(await stillRunning([...seen.values()])).toEqual([]);
    }, 180_000);
  }
});
