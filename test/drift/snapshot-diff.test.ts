import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAmbiguity } from '../../src/codegen/ambiguity-message.js';
import { applyRenames, renamesFromMeta, renamesToMeta, reverseRenames, type Renames } from '../../src/codegen/renames.js';
import { diffSnapshots } from '../../src/codegen/snapshot-diff.js';
import type { Snapshot } from '../../src/codegen/snapshot-types.js';
import { REPO_ROOT } from '../support/repo-copy.js';

const snapshotOf = async (folder: 'pg' | 'sqlite') => JSON.parse(await readFile(join(REPO_ROOT, 'drizzle', folder, 'meta', '0000_snapshot.json'), 'utf8')) as Snapshot;
const tableRename: Renames = { tables: new Map([['users', 'accounts']]), columns: new Map() };
const noRenames: Renames = { tables: new Map(), columns: new Map() };

describe('diffs without drizzle-kit prompts (table level; columns are covered by the rename commands test)', () => {
  it.each(['pg', 'sqlite'] as const)('%s: a table that disappears next to a new one is an ambiguity in strict mode, a RENAME when declared, drop + create when declared dropped', async (folder) => {
    const prev = await snapshotOf(folder);
    const cur = applyRenames(folder, prev, tableRename);
    const strict = await diffSnapshots(folder, prev, cur, { renames: noRenames, mode: 'strict' });
    expect(strict).toEqual({ kind: 'ambiguous', ambiguities: [{ kind: 'table', created: ['accounts'], deleted: ['users'] }] });
    const message = formatAmbiguity(strict.kind === 'ambiguous' ? (strict.ambiguities[0] as (typeof strict.ambiguities)[number]) : { kind: 'table', created: [], deleted: [] });
    expect(message).toContain("renamedFrom: 'users'");
    expect(message).toContain('--rename users=accounts');
    expect(message).toContain('--drop users');

    const renamed = await diffSnapshots(folder, prev, cur, { renames: tableRename, mode: 'strict' });
    expect(renamed).toEqual({ kind: 'ok', statements: [folder === 'pg' ? 'ALTER TABLE "users" RENAME TO "accounts";' : 'ALTER TABLE `users` RENAME TO `accounts`;'] });

    const dropped = await diffSnapshots(folder, prev, cur, { renames: noRenames, mode: 'strict', drops: { tables: new Set(['users']), columns: new Map() } });
    expect(dropped.kind).toBe('ok');
    const statements = dropped.kind === 'ok' ? dropped.statements : [];
    expect(statements.some((s) => s.startsWith('DROP TABLE') && s.includes('users'))).toBe(true);
    expect(statements.some((s) => s.startsWith('CREATE TABLE') && s.includes('accounts'))).toBe(true);
  });

  it('renames survive the round trip through the snapshot _meta record, and reverse', () => {
    const renames: Renames = { tables: new Map([['users', 'accounts']]), columns: new Map([['accounts', new Map([['email', 'email_address']])]]) };
    const back = renamesFromMeta(renamesToMeta(renames));
    expect(back).toEqual(renames);
    expect(reverseRenames(renames)).toEqual({ tables: new Map([['accounts', 'users']]), columns: new Map([['users', new Map([['email_address', 'email']])]]) });
  });
});
