import { col, defineTable } from '../src/schema-kit/index.js';
import { createdAt, id, updatedAt } from './columns.js';

export const exchangeConnections = defineTable({
  name: 'exchange_connections',
  alias: 'exc',
  category: 'connections',
  description: 'Exchange API connections; TEXT uuid key and no user foreign key (seed 002 fix).',
  core: true,
  critical: true,
  columns: {
    id: id(),
    name: col.text().notNull(),
    exchange: col.text().notNull(),
    apiType: col.enum(['spot', 'perpetual_futures', 'futures', 'margin']).notNull().default('perpetual_futures'),
    connectionMethod: col.enum(['rest', 'websocket', 'library']).notNull().default('rest'),
    apiKey: col.text(),
    apiSecret: col.text(),
    apiPassphrase: col.text(),
    isTestnet: col.boolean().notNull().default(false),
    isEnabled: col.boolean().notNull().default(true),
    isLiveTrading: col.boolean().notNull().default(false),
    marginType: col.enum(['cross', 'isolated']).notNull().default('cross'),
    positionMode: col.enum(['hedge', 'one_way']).notNull().default('hedge'),
    volumeFactor: col.decimal(18, 8).notNull().default('1'),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
    lastTestedAt: col.timestamp(),
    lastTestStatus: col.enum(['success', 'failed', 'untested']).notNull().default('untested'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'idx_exc_exchange', columns: ['exchange'] },
    { name: 'idx_exc_enabled', columns: ['isEnabled', { column: 'updatedAt', order: 'desc' }] },
  ],
  uniques: [{ name: 'uq_exc_name', columns: ['name'] }],
});

export const connectionCoordination = defineTable({
  name: 'connection_coordination',
  alias: 'cco',
  category: 'connections',
  description: 'Which worker owns a connection and its heartbeat, so two engines never trade one account.',
  core: true,
  critical: false,
  columns: {
    id: id(),
    connectionId: col.uuid().notNull(),
    workerId: col.text().notNull(),
    status: col.enum(['active', 'idle', 'stopping', 'stopped', 'error']).notNull().default('idle'),
    heartbeatAt: col.timestamp().notNull().defaultNow(),
    leaseExpiresAt: col.timestamp(),
    state: col.json().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'idx_cco_connection', columns: ['connectionId'] },
    { name: 'idx_cco_active', columns: ['connectionId', { column: 'heartbeatAt', order: 'desc' }], where: { column: 'status', equals: 'active' } },
  ],
  uniques: [{ name: 'uq_cco_connection_worker', columns: ['connectionId', 'workerId'] }],
  foreignKeys: [
    { name: 'fk_cco_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
  ],
});
