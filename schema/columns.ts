import { col } from '../src/schema-kit/index.js';

/** Columns most tables share. Spread them into a table's columns: each table still gets its own copies. */
export const id = () => col.uuid().primaryKey().defaultRandom();
export const createdAt = () => col.timestamp().notNull().defaultNow();
export const updatedAt = () => col.timestamp().notNull().defaultNow();

/** Prices and quantities are exact decimals: never floating point. */
export const price = () => col.decimal(38, 18);
export const quantity = () => col.decimal(38, 18);

export const SIDES = ['long', 'short'] as const;
export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'] as const;
export const RECORD_STATUSES = ['active', 'inactive', 'expired', 'archived'] as const;
export const POSITION_STATUSES = ['active', 'pending', 'closed', 'cancelled', 'failed'] as const;
