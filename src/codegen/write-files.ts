import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes every file or none that matters: each goes to a temporary file next to its target first; only when
 * all were written are they renamed into place (a rename within a folder is atomic). A failure while writing
 * removes the temporary files and leaves the targets as they were.
 */
export async function writeFilesTogether(files: ReadonlyMap<string, string>): Promise<void> {
  const staged: [string, string][] = [];
  try {
    for (const [target, content] of files) {
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      staged.push([temp, target]);
      await writeFile(temp, content);
    }
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  for (const [temp, target] of staged) await rename(temp, target);
}
