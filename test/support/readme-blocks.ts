import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-copy.js';

/** The README's fenced code blocks whose first line is a `// <file>` comment, by that file name, without it. */
export async function readmeFileBlocks(file = 'README.md'): Promise<Map<string, string>> {
  const readme = await readFile(join(REPO_ROOT, file), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of readme.matchAll(/```(?:tsx|ts|js)\n\/\/ ([\w./-]+)\n([\s\S]*?)```/g)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}
