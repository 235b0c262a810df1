import type { InsertRow } from '../../generated/tables.js';

/**
 * Reference data every instance needs (production and development). No credentials: API keys are entered
 * by operators, never seeded. Fixed ids make the seeds idempotent: a second run inserts nothing.
 */
export const productionSeeds = {
  systemSettings: [
    { id: '00000000-0000-4000-8000-000000000001', key: 'trading.enabled', value: false, category: 'trading', description: 'Master switch for live trading' },
    { id: '00000000-0000-4000-8000-000000000002', key: 'trading.max_open_positions', value: 10, category: 'trading', description: 'Open positions allowed per connection' },
    { id: '00000000-0000-4000-8000-000000000003', key: 'indications.default_timeframe', value: '1m', category: 'indications', description: 'Timeframe used when none is given' },
    { id: '00000000-0000-4000-8000-000000000004', key: 'logs.retention_days', value: 30, category: 'system', description: 'Days site_logs rows are kept' },
  ] satisfies InsertRow<'system_settings'>[],
  presets: [
    { id: '00000000-0000-4000-8000-000000000101', name: 'Conservative', description: 'Small positions, tight stops', isPredefined: true, settings: { takeProfitFactor: '1.5', stopLossRatio: '0.5' } },
    { id: '00000000-0000-4000-8000-000000000102', name: 'Balanced', description: 'Default risk profile', isPredefined: true, settings: { takeProfitFactor: '2', stopLossRatio: '1' } },
    { id: '00000000-0000-4000-8000-000000000103', name: 'Aggressive', description: 'Larger positions, wider stops', isPredefined: true, settings: { takeProfitFactor: '3', stopLossRatio: '1.5' } },
  ] satisfies InsertRow<'presets'>[],
};

/** Development data on top of the reference data: a testnet connection without keys and sample indications. */
export const developmentSeeds = {
  exchangeConnections: [
    { id: '00000000-0000-4000-8000-000000000201', name: 'Bybit testnet (dev)', exchange: 'bybit', isTestnet: true, isEnabled: false, settings: { note: 'add API keys in the UI; seeds never hold credentials' } },
  ] satisfies InsertRow<'exchange_connections'>[],
  indicationsDirection: Array.from({ length: 20 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(300 + i).padStart(12, '0')}`,
    connectionId: '00000000-0000-4000-8000-000000000201',
    symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT',
    side: i % 3 === 0 ? ('short' as const) : ('long' as const),
    rangeSteps: 5 + (i % 10),
    strength: `${(i % 7) + 0.5}`,
    calculatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
  })) satisfies InsertRow<'indications_direction'>[],
};
