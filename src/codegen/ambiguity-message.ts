import type { Ambiguity } from './snapshot-diff.js';

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * What to tell a user whose change drizzle-kit would have asked about: which table and columns, and both
 * ways to say what they meant (the schema declaration, kept next to the definition, or a one-off flag).
 */
export function formatAmbiguity(a: Ambiguity): string {
  if (a.kind === 'table') {
    const lines = [`table ${a.deleted.join(', ')} is gone and table ${a.created.join(', ')} is new: a rename, or a drop and a create?`];
    for (const from of a.deleted) {
      for (const to of a.created) {
        lines.push(`  if ${from} became ${to}: add \`renamedFrom: '${from}'\` to defineTable({ name: '${to}', ... }) in schema/, or run once: pnpm db:generate --name rename_${from} --rename ${from}=${to}`);
      }
      lines.push(`  if ${from} is dropped on purpose (its rows are lost): pnpm db:generate --name drop_${from} --drop ${from}`);
    }
    return lines.join('\n');
  }
  const table = a.table ?? '?';
  const lines = [`table ${table}: column ${a.deleted.join(', ')} is gone and ${a.created.join(', ')} is new: a rename, or a drop and an add?`];
  for (const from of a.deleted) {
    for (const to of a.created) {
      lines.push(`  if ${from} became ${to}: in schema/, write \`${camel(to)}: col.<kind>()...renamedFrom('${camel(from)}')\` in table ${table}, or run once: pnpm db:generate --name rename_${from} --rename ${table}.${from}=${to}`);
    }
    lines.push(`  if ${from} is dropped on purpose (its values are lost): pnpm db:generate --name drop_${from} --drop ${table}.${from}`);
  }
  return lines.join('\n');
}
