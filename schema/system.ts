import { col, defineTable } from '../src/schema-kit/index.js';
import { createdAt, id, quantity, updatedAt } from './columns.js';

/** Any JSON value a setting may hold. */
type SettingValue = string | number | boolean | null | readonly unknown[] | Record<string, unknown>;

export const users = defineTable({
  name: 'users',
  alias: 'usr',
  category: 'system',
  description: 'User accounts and authentication: login name, password hash and role.',
  core: true,
  critical: false,
  columns: {
    id: id(),
    username: col.text().notNull(),
    email: col.text(),
    passwordHash: col.text().notNull(),
    role: col.enum(['admin', 'trader', 'viewer']).notNull().default('viewer'),
    isActive: col.boolean().notNull().default(true),
    preferences: col.json().$type<Record<string, unknown>>().notNull().default({}),
    lastLoginAt: col.timestamp(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'idx_usr_role', columns: ['role', 'isActive'] }],
  uniques: [
    { name: 'uq_usr_username', columns: ['username'] },
    { name: 'uq_usr_email', columns: ['email'] },
  ],
});

export const systemSettings = defineTable({
  name: 'system_settings',
  alias: 'sys',
  category: 'system',
  description: 'Application configuration as key/value pairs grouped by category.',
  core: true,
  critical: true,
  columns: {
    id: id(),
    key: col.text().notNull(),
    value: col.json().$type<SettingValue>().notNull(),
    category: col.text().notNull().default('general'),
    description: col.text(),
    isSecret: col.boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'idx_sys_category', columns: ['category', 'key'] }],
  uniques: [{ name: 'uq_sys_key', columns: ['key'] }],
});

export const siteLogs = defineTable({
  name: 'site_logs',
  alias: 'slog',
  category: 'system',
  description: 'Application log entries, append-only, newest first; optionally tied to a connection.',
  core: true,
  critical: true,
  columns: {
    id: id(),
    level: col.enum(['debug', 'info', 'warn', 'error', 'fatal']).notNull().default('info'),
    category: col.text().notNull().default('system'),
    source: col.text(),
    message: col.text().notNull(),
    context: col.json().$type<Record<string, unknown>>().notNull().default({}),
    errorStack: col.text(),
    connectionId: col.uuid(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'idx_slog_created', columns: [{ column: 'createdAt', order: 'desc' }] },
    { name: 'idx_slog_level_created', columns: ['level', { column: 'createdAt', order: 'desc' }] },
    { name: 'idx_slog_category_created', columns: ['category', { column: 'createdAt', order: 'desc' }] },
    { name: 'idx_slog_connection', columns: ['connectionId', { column: 'createdAt', order: 'desc' }] },
  ],
  foreignKeys: [
    { name: 'fk_slog_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'set null' },
  ],
});

export const volumeConfiguration = defineTable({
  name: 'volume_configuration',
  alias: 'vol',
  category: 'system',
  description: 'Trading volume management per connection and symbol: base volume, factor and limits.',
  core: false,
  critical: true,
  columns: {
    id: id(),
    connectionId: col.uuid().notNull(),
    symbol: col.text().notNull(),
    baseVolume: quantity().notNull().default('0'),
    volumeFactor: col.decimal(18, 8).notNull().default('1'),
    minVolume: quantity(),
    maxVolume: quantity(),
    leverage: col.integer().notNull().default(1),
    maxPositions: col.integer().notNull().default(1),
    isEnabled: col.boolean().notNull().default(true),
    settings: col.json().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'idx_vol_connection', columns: ['connectionId'] }],
  uniques: [{ name: 'uq_vol_conn_symbol', columns: ['connectionId', 'symbol'] }],
  foreignKeys: [
    { name: 'fk_vol_connection', columns: ['connectionId'], references: { table: 'exchange_connections', columns: ['id'] }, onDelete: 'cascade' },
  ],
});
