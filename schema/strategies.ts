import { col, defineTable, type AnyColumnSpec } from '../src/schema-kit/index.js';
import { RECORD_STATUSES, SIDES, TIMEFRAMES, createdAt, id, price, quantity, updatedAt } from './columns.js';
import { INDICATION_TYPES } from './indications.js';

/** One level of a DCA ladder: how far below/above entry, and how much to add. */
export interface DcaLevel {
  readonly stepPercent: string;
  readonly volumeMultiplier: string;
}

/**
 * The strategy variants (main, real, block, DCA, trailing) each refine a base strategy for one connection and
 * symbol: they share identity, link and status columns, three indexes and two foreign keys, and add their own
 * parameters between status and the timestamps.
 */
function strategyTable<const TName extends string, TColumns extends Record<string, AnyColumnSpec>>(table: {
  name: TName;
  alias: string;
  description: string;
  columns: TColumns;
}) {
  const { alias } = table;
  return defineTable({
    name: table.name,
    alias,
    category: 'strategies',
    description: table.description,
    core: true,
    critical: false,
    columns: {
      id: id(),
      connectionId: col.uuid().notNull(),
      baseStrategyId: col.uuid().notNull(),
      symbol: col.text().notNull(),
      timeframe: col.enum(TIMEFRAMES).notNull().default('1m'),
      side: col.enum(SIDES).notNull(),
      status: col.enum(RECORD_STATUSES).notNull().default('active'),
      ...table.columns,
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    },
    indexes: [
      { name: `idx_${alias}_base`, columns: ['baseStrategyId'] },
      { name: `idx_${alias}_conn_symbol`, columns: ['connectionId', 'symbol', { column: 'updatedAt', order: 'desc' }] },
      { name: `idx_${alias}_active`, columns: ['connectionId', 'symbol', 'side'], where: { column: 'status', equals: 'active' } },
    ],
    foreignKeys: [
      { name: `fk_${alias}_connection`, columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
      { name: `fk_${alias}_base`, columns: ['baseStrategyId'], references: { table: 'strategies_base', columns: ['id'] }, onDelete: 'cascade' },
    ],
  });
}

export const strategiesBase = defineTable({
  name: 'strategies_base',
  alias: 'str_base',
  category: 'strategies',
  description: 'Base strategy configurations: take-profit/stop-loss set evaluated per connection, symbol and side.',
  core: true,
  critical: false,
  columns: {
    id: id(),
    connectionId: col.uuid().notNull(),
    name: col.text().notNull(),
    symbol: col.text().notNull(),
    timeframe: col.enum(TIMEFRAMES).notNull().default('1m'),
    side: col.enum(SIDES).notNull(),
    status: col.enum(RECORD_STATUSES).notNull().default('active'),
    indicationType: col.enum(INDICATION_TYPES).notNull().default('direction'),
    takeProfitFactor: col.decimal(18, 8).notNull().default('0'),
    stopLossRatio: col.decimal(18, 8).notNull().default('0'),
    trailingEnabled: col.boolean().notNull().default(false),
    positionCost: quantity(),
    profitFactor: col.decimal(18, 8),
    winRate: col.decimal(10, 8),
    totalTrades: col.integer().notNull().default(0),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
    evaluatedAt: col.timestamp(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'idx_str_base_conn_symbol', columns: ['connectionId', 'symbol', { column: 'updatedAt', order: 'desc' }] },
    { name: 'idx_str_base_conn_status', columns: ['connectionId', 'status', { column: 'updatedAt', order: 'desc' }] },
    { name: 'idx_str_base_active', columns: ['connectionId', 'symbol', 'side'], where: { column: 'status', equals: 'active' } },
  ],
  foreignKeys: [
    { name: 'fk_str_base_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
  ],
});

export const strategiesMain = strategyTable({
  name: 'strategies_main',
  alias: 'str_main',
  description: 'Main trading strategies: base strategies that passed evaluation, with their position sizing.',
  columns: {
    positionCost: quantity(),
    maxPositions: col.integer().notNull().default(1),
    profitFactor: col.decimal(18, 8),
    maxDrawdown: col.decimal(18, 8),
    totalTrades: col.integer().notNull().default(0),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
    evaluatedAt: col.timestamp(),
  },
});

export const strategiesReal = strategyTable({
  name: 'strategies_real',
  alias: 'str_real',
  description: 'Real trading strategies: strategies cleared to place orders on the exchange, with live limits.',
  columns: {
    volume: quantity().notNull().default('0'),
    leverage: col.integer().notNull().default(1),
    minProfitFactor: col.decimal(18, 8),
    profitFactor: col.decimal(18, 8),
    totalTrades: col.integer().notNull().default(0),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
    activatedAt: col.timestamp(),
  },
});

export const strategiesBlock = strategyTable({
  name: 'strategies_block',
  alias: 'str_blk',
  description: 'Block trading strategies: a base strategy traded in blocks of positions with a volume factor.',
  columns: {
    blockSize: col.integer().notNull().default(1),
    maxBlocks: col.integer().notNull().default(1),
    blockVolumeFactor: col.decimal(18, 8).notNull().default('1'),
    profitFactor: col.decimal(18, 8),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const strategiesDca = strategyTable({
  name: 'strategies_dca',
  alias: 'str_dca',
  description: 'Dollar-cost averaging strategies: a base strategy that adds to a position in steps.',
  columns: {
    maxOrders: col.integer().notNull().default(3),
    stepPercent: col.decimal(18, 8).notNull().default('1'),
    volumeMultiplier: col.decimal(18, 8).notNull().default('1'),
    levels: col.json().$type<DcaLevel[]>().notNull().default([]),
    profitFactor: col.decimal(18, 8),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const strategiesTrailing = strategyTable({
  name: 'strategies_trailing',
  alias: 'str_trl',
  description: 'Trailing stop strategies: a base strategy whose stop follows the price once activated.',
  columns: {
    activationPercent: col.decimal(18, 8).notNull().default('0'),
    trailingPercent: col.decimal(18, 8).notNull().default('0'),
    trailingStepPercent: col.decimal(18, 8),
    activationPrice: price(),
    profitFactor: col.decimal(18, 8),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});
