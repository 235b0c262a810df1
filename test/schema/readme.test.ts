import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { schema } from '../../schema/index.js';

describe('README and manifest agree with schema/', () => {
  it('the manifest counts every table of schema/, and the README states that count', async () => {
    expect(manifest.tableCount).toBe(Object.keys(schema).length);
    expect(manifest.tables.map((t) => t.name)).toEqual(Object.values(schema).map((t) => t.name));
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`The schema has **${manifest.tableCount} tables** in 7 categories (${manifest.coreCount} of them core in seed 001, ${manifest.criticalCount} critical;`);
    expect(readme).toContain(`with ${manifest.indexCount} indexes.`);
  });

  it('marks exactly the critical tables of seed 002 (the ledger belongs to the runner)', () => {
    expect([...manifest.criticalTables].sort()).toEqual(['exchange_connections', 'site_logs', 'system_settings', 'volume_configuration']);
  });

  it("records seed 002's other names for one table each", () => {
    const byName = new Map<string, string>(manifest.tables.map((t) => [t.name, t.description]));
    expect(byName.get('exchange_positions')).toContain('active_exchange_positions');
    expect(byName.get('indications_optimal')).toContain('optimal_indications');
    expect(byName.has('active_exchange_positions')).toBe(false);
    expect(byName.has('optimal_indications')).toBe(false);
  });
});

describe('README documents every command and the CI workflow users copy', () => {
  const root = join(import.meta.dirname, '..', '..');
  it('every db:* script of package.json has a row in the commands table', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `pnpm '));
    const missing = Object.keys(pkg.scripts).filter((s) => s.startsWith('db:') && !rows.some((r) => r.includes(`\`pnpm ${s} `) || r.includes(`\`pnpm ${s}\``) || r.includes(`(\`${s}\`)`)));
    expect(missing).toEqual([]);
  });

  it('.github/workflows/db-check.yml installs from the lockfile and runs pnpm db:check with no database service, and the README points to it', async () => {
    const workflow = await readFile(join(root, '.github', 'workflows', 'db-check.yml'), 'utf8');
    expect(workflow).toContain('run: pnpm install --frozen-lockfile');
    expect(workflow).toContain('run: pnpm db:check');
    expect(workflow).not.toMatch(/services:|postgres:/);
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('copy `.github/workflows/db-check.yml`');
  });
});
