import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { KitDialect } from './snapshot-types.js';
import { trackChildGroup } from './child-groups.js';

export type { KitDialect } from './snapshot-types.js';

export interface KitRun {
  readonly dialect: KitDialect;
  readonly command: string;
  readonly ok: boolean;
  readonly output: string;
}

/**
 * Runs the drizzle-kit CLI for one dialect without a TTY: a question it would ask (an ambiguous rename)
 * becomes a failure with its message instead of a prompt that hangs CI.
 */
export function runDrizzleKit(root: string, dialect: KitDialect, args: readonly string[]): Promise<KitRun> {
  const bin = join(root, 'node_modules', '.bin', 'drizzle-kit');
  const command = `DRIZZLE_DIALECT=${dialect} drizzle-kit ${args.join(' ')}`;
  return new Promise((resolve) => {
    const child = spawn(bin, [...args, '--config', 'drizzle.config.ts'], {
      cwd: root,
      env: { ...process.env, DRIZZLE_DIALECT: dialect === 'pg' ? 'postgresql' : 'sqlite' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so an interrupted caller can end it with everything it started (child-groups.ts).
      detached: true,
    });
    trackChildGroup(child);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ dialect, command, ok: false, output: `${output}${error.message}` }));
    child.on('close', (code) => {
      // drizzle-kit sometimes reports an error and still exits 0: treat its error markers as failure too.
      const failed = code !== 0 || /Error:|\[✗\]|Interactive prompts require a TTY/.test(output);
      resolve({ dialect, command, ok: !failed, output: output.trim() });
    });
  });
}
