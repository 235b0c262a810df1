/** The README's Next.js snippets are the example app's files, byte for byte: what the e2e test builds is what users copy. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeFileBlocks } from '../support/readme-blocks.js';
import { REPO_ROOT } from '../support/repo-copy.js';

const FILES = ['instrumentation.ts', 'app/api/health/database/route.ts', 'app/api/admin/migrations/status/route.ts'];

describe.each(['README.md', 'examples/next-app/README.md'])('%s', (readme) => {
  it.each(FILES)('shows examples/next-app/%s exactly', async (file) => {
    const blocks = await readmeFileBlocks(readme);
    expect(blocks.has(file), `README has a block starting with // ${file}`).toBe(true);
    expect(blocks.get(file)).toBe(await readFile(join(REPO_ROOT, 'examples', 'next-app', file), 'utf8'));
  });

});

describe('README.md', () => {
  it('shows examples/next-app/app/positions/page.tsx exactly (the page that reads data)', async () => {
    expect((await readmeFileBlocks()).get('app/positions/page.tsx')).toBe(await readFile(join(REPO_ROOT, 'examples', 'next-app', 'app', 'positions', 'page.tsx'), 'utf8'));
  });

  it('has the plain Node example that the packed-deploy test runs twice on each engine', async () => {
    expect((await readmeFileBlocks()).get('main.mjs')).toContain("from 'cts-db'");
  });
});
