import { col, defineTable, type AnyColumnSpec } from '../src/schema-kit/index.js';
import { RECORD_STATUSES, SIDES, TIMEFRAMES, createdAt, id, price, updatedAt } from './columns.js';

/**
 * The five indication tables share their identity, status and time columns, their three seed-001 indexes
 * (connection+symbol and connection+status by time, active records) and the connection foreign key;
 * each adds its own measurements between status and calculated_at.
 */
function indicationTable<const TName extends string, TColumns extends Record<string, AnyColumnSpec>>(table: {
  name: TName;
  alias: string;
  description: string;
  columns: TColumns;
}) {
  const { alias } = table;
  return defineTable({
    name: table.name,
    alias,
    category: 'indications',
    description: table.description,
    core: true,
    critical: false,
    columns: {
      id: id(),
      connectionId: col.uuid().notNull(),
      symbol: col.text().notNull(),
      timeframe: col.enum(TIMEFRAMES).notNull().default('1m'),
      side: col.enum(SIDES).notNull(),
      status: col.enum(RECORD_STATUSES).notNull().default('active'),
      ...table.columns,
      calculatedAt: col.timestamp().notNull().defaultNow(),
      expiresAt: col.timestamp(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    },
    indexes: [
      { name: `idx_${alias}_conn_symbol`, columns: ['connectionId', 'symbol', { column: 'calculatedAt', order: 'desc' }] },
      { name: `idx_${alias}_conn_status`, columns: ['connectionId', 'status', { column: 'calculatedAt', order: 'desc' }] },
      { name: `idx_${alias}_active`, columns: ['connectionId', 'symbol', 'timeframe'], where: { column: 'status', equals: 'active' } },
    ],
    foreignKeys: [
      { name: `fk_${alias}_connection`, columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
    ],
  });
}

/** The indication types, one table each (seed 001: separate tables by type). */
export const INDICATION_TYPES = ['direction', 'move', 'active', 'optimal', 'auto'] as const;

export const indicationsDirection = indicationTable({
  name: 'indications_direction',
  alias: 'ind_dir',
  description: 'Direction indications: which side a symbol is trending to over a range of steps.',
  columns: {
    rangeSteps: col.integer().notNull().default(0),
    strength: col.decimal(18, 8).notNull().default('0'),
    confidence: col.decimal(10, 8),
    priceAtCalculation: price(),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const indicationsMove = indicationTable({
  name: 'indications_move',
  alias: 'ind_mov',
  description: 'Move indications: price movements of a symbol from one price to another within a window.',
  columns: {
    priceFrom: price().notNull(),
    priceTo: price().notNull(),
    movePercent: col.decimal(18, 8).notNull().default('0'),
    windowSeconds: col.integer().notNull().default(60),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const indicationsActive = indicationTable({
  name: 'indications_active',
  alias: 'ind_act',
  description: 'Activity indications: bursts of price change and volume on a symbol.',
  columns: {
    activityRatio: col.decimal(18, 8).notNull().default('0'),
    volumeRatio: col.decimal(18, 8),
    priceChangePercent: col.decimal(18, 8).notNull().default('0'),
    lastPrice: price(),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const indicationsOptimal = indicationTable({
  name: 'indications_optimal',
  alias: 'ind_opt',
  description: "Optimal entry/exit indications with their take-profit and stop-loss configuration (seed 002's optimal_indications).",
  columns: {
    entryPrice: price(),
    takeProfitPrice: price(),
    stopLossPrice: price(),
    takeProfitFactor: col.decimal(18, 8).notNull().default('0'),
    stopLossRatio: col.decimal(18, 8).notNull().default('0'),
    trailingEnabled: col.boolean().notNull().default(false),
    score: col.decimal(18, 8).notNull().default('0'),
    configuration: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const indicationsAuto = indicationTable({
  name: 'indications_auto',
  alias: 'ind_aut',
  description: 'Automated indications from technical indicators (RSI, MACD, Parabolic SAR, ...).',
  columns: {
    indicatorName: col.text().notNull(),
    indicatorValue: col.decimal(38, 18),
    signalStrength: col.decimal(18, 8).notNull().default('0'),
    parameters: col.json().$type<Record<string, unknown>>().notNull().default({}),
  },
});

export const indicationStates = defineTable({
  name: 'indication_states',
  alias: 'ind_st',
  category: 'indications',
  description: 'Current state of each indication type per connection, symbol and timeframe.',
  core: true,
  critical: false,
  columns: {
    id: id(),
    connectionId: col.uuid().notNull(),
    symbol: col.text().notNull(),
    indicationType: col.enum(INDICATION_TYPES).notNull(),
    timeframe: col.enum(TIMEFRAMES).notNull().default('1m'),
    side: col.enum(SIDES),
    status: col.enum(RECORD_STATUSES).notNull().default('active'),
    lastValue: col.decimal(38, 18),
    state: col.json().$type<Record<string, unknown>>().notNull().default({}),
    lastSignalAt: col.timestamp(),
    calculatedAt: col.timestamp().notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'idx_ind_st_conn_symbol', columns: ['connectionId', 'symbol', { column: 'calculatedAt', order: 'desc' }] },
    { name: 'idx_ind_st_conn_status', columns: ['connectionId', 'status', { column: 'calculatedAt', order: 'desc' }] },
    { name: 'idx_ind_st_active', columns: ['connectionId', 'indicationType', 'symbol'], where: { column: 'status', equals: 'active' } },
  ],
  uniques: [{ name: 'uq_ind_st_conn_sym_type_tf', columns: ['connectionId', 'symbol', 'indicationType', 'timeframe'] }],
  foreignKeys: [
    { name: 'fk_ind_st_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
  ],
});

export const indicationHistory = defineTable({
  name: 'indication_history',
  alias: 'ind_his',
  category: 'indications',
  description: 'Historical indication data: one append-only row per change of an indication state.',
  core: false,
  critical: false,
  columns: {
    id: id(),
    indicationStateId: col.uuid().notNull(),
    connectionId: col.uuid().notNull(),
    symbol: col.text().notNull(),
    indicationType: col.enum(INDICATION_TYPES).notNull(),
    timeframe: col.enum(TIMEFRAMES).notNull().default('1m'),
    side: col.enum(SIDES),
    value: col.decimal(38, 18),
    state: col.json().$type<Record<string, unknown>>().notNull().default({}),
    calculatedAt: col.timestamp().notNull().defaultNow(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'idx_ind_his_state', columns: ['indicationStateId', { column: 'calculatedAt', order: 'desc' }] },
    { name: 'idx_ind_his_conn_symbol', columns: ['connectionId', 'symbol', { column: 'calculatedAt', order: 'desc' }] },
    { name: 'idx_ind_his_calculated', columns: [{ column: 'calculatedAt', order: 'desc' }] },
  ],
  foreignKeys: [
    { name: 'fk_ind_his_state', columns: ['indicationStateId'], references: { table: 'indication_states', columns: ['id'] }, onDelete: 'cascade' },
    { name: 'fk_ind_his_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
  ],
});
