import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroupsUnder } from './process-groups.js';

/**
 * A fresh temporary folder per test file (SQLite files, config files); removed by `cleanup`, after any
 * command a test helper started in it that still runs is ended with its process group.
 */
export async function createTempDir(label = 'cts-db-test'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${label}-`));
  return {
    path,
    cleanup: async () => {
      await killGroupsUnder(path);
      await rm(path, { recursive: true, force: true });
    },
  };
}
