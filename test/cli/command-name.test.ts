/** How commands are named to the user: the package's bin form for app code, the repository's scripts here. */
import { afterEach, describe, expect, it } from 'vitest';
import { commandName, commandNameFor, currentInvocation, setInvocation, type ToolkitCommand } from '../../src/errors/index.js';

describe('commandNameFor', () => {
  it('names a command the bin has as cts-db <command>, and as the package.json script in the repository', () => {
    expect((['migrate', 'baseline', 'check', 'rename-prefix', 'start'] as const satisfies readonly ToolkitCommand[]).map((c) => commandNameFor('bin', c))).toEqual(['cts-db migrate', 'cts-db baseline', 'cts-db check', 'cts-db rename-prefix', 'cts-db start']);
    expect((['migrate', 'baseline', 'check', 'rename-prefix', 'start'] as const satisfies readonly ToolkitCommand[]).map((c) => commandNameFor('repository', c))).toEqual(['pnpm db:migrate', 'pnpm db:baseline', 'pnpm db:check', 'pnpm db:rename-prefix', 'pnpm start']);
  });

  it('names the commands only the repository has by their script in both forms', () => {
    for (const invocation of ['bin', 'repository'] as const) {
      expect((['generate', 'migrate:create', 'repair', 'studio'] as const satisfies readonly ToolkitCommand[]).map((c) => commandNameFor(invocation, c))).toEqual(['pnpm db:generate', 'pnpm db:migrate:create', 'pnpm db:repair', 'pnpm db:studio']);
    }
  });
});

describe('commandName', () => {
  afterEach(() => setInvocation('bin'));

  it('is the bin form until an entry point says otherwise, and follows setInvocation', () => {
    expect(currentInvocation()).toBe('bin');
    expect(commandName('validate')).toBe('cts-db validate');
    setInvocation('repository');
    expect(commandName('validate')).toBe('pnpm db:validate');
  });
});
