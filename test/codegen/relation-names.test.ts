/**
 * The naming rule of generated relations (src/codegen/relation-names.ts, README "Relations"), on small
 * manifests: one key each way, two keys from one child to one parent, a key to the table itself, and the
 * names the generator must refuse because they would overwrite a column or another relation in a row.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestColumn, ManifestTable } from '../../src/codegen/manifest.js';
import { RelationNameError, relationEntries } from '../../src/codegen/relation-names.js';
import { thrownBy } from '../support/thrown.js';
import { RELATIONS } from '../../generated/accessors.js';

const column = (key: string, nullable = false): ManifestColumn => ({ name: key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), key, kind: 'uuid', pgType: 'text', sqliteType: 'text', nullable, hasDefault: false, primaryKey: key === 'id' });

function table(name: string, key: string, columns: readonly ManifestColumn[], keys: readonly [string, string][] = []): ManifestTable {
  return {
    name,
    key,
    category: 'system',
    description: name,
    core: false,
    critical: false,
    columns,
    indexes: [],
    uniques: [],
    foreignKeys: keys.map(([from, to]) => ({ name: `${name}_${from}_fk`, columns: [columns.find((c) => c.key === from)!.name], references: { table: to, columns: ['id'] }, onDelete: 'cascade' })),
    checks: [],
  };
}

const names = (entries: ReturnType<typeof relationEntries>, of: string) => entries.get(of)!.map((r) => `${r.kind}:${r.name}->${r.table}(${r.column}=${r.references})`);

describe('generated relation names', () => {
  it('names a to-one relation by its key without Id and a to-many one by the child table\'s key', () => {
    const entries = relationEntries([table('users', 'users', [column('id')]), table('orders', 'orders', [column('id'), column('userId'), column('parent', true)], [['userId', 'users']])]);
    expect(names(entries, 'orders')).toStrictEqual(['one:user->users(userId=id)']);
    expect(names(entries, 'users')).toStrictEqual(['many:orders->orders(id=userId)']);
    expect(entries.get('orders')![0]!.optional).toBe(false);
  });

  it('names each of two keys to one table after the key, on both sides', () => {
    const entries = relationEntries([table('users', 'users', [column('id')]), table('trades', 'trades', [column('id'), column('buyerId'), column('sellerId', true)], [['buyerId', 'users'], ['sellerId', 'users']])]);
    expect(names(entries, 'trades')).toStrictEqual(['one:buyer->users(buyerId=id)', 'one:seller->users(sellerId=id)']);
    expect(names(entries, 'users')).toStrictEqual(['many:tradesByBuyer->trades(id=buyerId)', 'many:tradesBySeller->trades(id=sellerId)']);
    expect(entries.get('trades')!.map((r) => r.optional)).toStrictEqual([false, true]);
  });

  it('gives a key to the table itself both ways, and a key without the Id suffix a Ref name', () => {
    const entries = relationEntries([table('nodes', 'nodes', [column('id'), column('parentId', true), column('owner', true)], [['parentId', 'nodes'], ['owner', 'nodes']])]);
    expect(names(entries, 'nodes')).toStrictEqual(['one:parent->nodes(parentId=id)', 'one:ownerRef->nodes(owner=id)', 'many:nodesByParent->nodes(id=parentId)', 'many:nodesByOwnerRef->nodes(id=owner)']);
  });

  it('refuses a name that is a column of the table, or that two relations would share', () => {
    const column_ = thrownBy(RelationNameError, () => relationEntries([table('users', 'users', [column('id'), column('orders')]), table('orders', 'orders', [column('id'), column('userId')], [['userId', 'users']])]));
    expect(column_.message).toBe('users: the to-many relation from orders.userId would be named "orders", which is a column of users; rename the column or the foreign key column in schema/');
    const shared = thrownBy(RelationNameError, () => relationEntries([table('users', 'users', [column('id'), column('ordersId')], [['ordersId', 'orders']]), table('orders', 'orders', [column('id'), column('userId')], [['userId', 'users']])]));
    expect(shared.message).toBe('users: the to-one relation of users.ordersId and the to-many relation from orders.userId would both be named "orders"; rename one of the foreign key columns in schema/');
  });

  it('is what generated/accessors.ts holds for the schema', () => {
    expect(Object.keys(RELATIONS.pseudo_positions)).toStrictEqual(['connection', 'strategy', 'realPseudoPositions']);
    expect(RELATIONS.strategies_base.pseudoPositions).toStrictEqual({ kind: 'many', table: 'pseudo_positions', column: 'id', references: 'strategyId' });
    expect(Object.keys(RELATIONS.indication_states)).toStrictEqual(['connection', 'indicationHistory']);
  });
});
