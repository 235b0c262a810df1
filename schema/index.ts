/**
 * The CTS schema: every table once, dialect-neutral. Build dialect tables with `createTables` (src/tables.ts).
 * Keys are the camelCase of the base table names.
 */
import { connectionCoordination, exchangeConnections } from './connections.js';
import {
  indicationHistory,
  indicationStates,
  indicationsActive,
  indicationsAuto,
  indicationsDirection,
  indicationsMove,
  indicationsOptimal,
} from './indications.js';
import { basePseudoPositions, exchangePositions, pseudoPositions, realPseudoPositions } from './positions.js';
import { presetConfigurations, presetPseudoPositions, presetTradeEngineState, presetTrades, presets } from './presets.js';
import { statisticsDaily, statisticsIndication, statisticsStrategy } from './statistics.js';
import { strategiesBase, strategiesBlock, strategiesDca, strategiesMain, strategiesReal, strategiesTrailing } from './strategies.js';
import { siteLogs, systemSettings, users, volumeConfiguration } from './system.js';

export const schema = {
  // system
  users,
  systemSettings,
  siteLogs,
  volumeConfiguration,
  // connections
  exchangeConnections,
  connectionCoordination,
  // indications
  indicationsDirection,
  indicationsMove,
  indicationsActive,
  indicationsOptimal,
  indicationsAuto,
  indicationStates,
  indicationHistory,
  // strategies
  strategiesBase,
  strategiesMain,
  strategiesReal,
  strategiesBlock,
  strategiesDca,
  strategiesTrailing,
  // positions
  pseudoPositions,
  realPseudoPositions,
  exchangePositions,
  basePseudoPositions,
  // statistics
  statisticsIndication,
  statisticsStrategy,
  statisticsDaily,
  // presets
  presets,
  presetConfigurations,
  presetPseudoPositions,
  presetTradeEngineState,
  presetTrades,
} as const;

export type Schema = typeof schema;
