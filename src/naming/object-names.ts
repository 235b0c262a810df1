import { NamingError } from './naming-error.js';
import { NAME_PATTERN } from './sanitize.js';

/** The seven databases of a CTS instance, keyed as in `data/db-config.json`. */
export const DATABASE_SUFFIXES = {
  main: 'main',
  indicationActive: 'indication_active',
  indicationDirection: 'indication_direction',
  indicationMove: 'indication_move',
  strategySimple: 'strategy_simple',
  strategyAdvanced: 'strategy_advanced',
  strategyStep: 'strategy_step',
} as const;

export type DatabaseKey = keyof typeof DATABASE_SUFFIXES;
export type DatabaseNames = { readonly [K in DatabaseKey]: string };

export const ROLE_SUFFIXES = { admin: 'admin', app: 'app' } as const;
export type RoleKey = keyof typeof ROLE_SUFFIXES;
export type RoleNames = { readonly [K in RoleKey]: string };

/** Base name of the migration ledger; the runner owns it, schema/ does not define it. */
export const LEDGER_BASE_NAME = 'schema_migrations';

/** Every name one prefix implies. Build it with {@link createObjectNames}. */
export interface ObjectNames {
  readonly prefix: string;
  /** `{prefix}_{table}` */
  table(baseName: string): string;
  /** `{prefix}_{name}` for indexes, constraints, sequences and types */
  object(baseName: string): string;
  readonly ledgerTable: string;
  readonly databases: DatabaseNames;
  readonly roles: RoleNames;
}

function join(prefix: string, baseName: string): string {
  if (!NAME_PATTERN.test(baseName)) {
    throw new NamingError(`base name ${JSON.stringify(baseName)} is not a valid object name (expected ${NAME_PATTERN.source})`, {
      code: 'NAMING_INVALID_BASE_NAME',
      subject: baseName,
      hint: 'name tables, indexes and constraints in lowercase snake_case without the prefix',
    });
  }
  return `${prefix}_${baseName}`;
}

function mapSuffixes<K extends string>(prefix: string, suffixes: Record<K, string>): { readonly [P in K]: string } {
  const out = {} as { [P in K]: string };
  for (const key of Object.keys(suffixes) as K[]) out[key] = `${prefix}_${suffixes[key]}`;
  return Object.freeze(out);
}

/**
 * @example
 * const names = createObjectNames('cts_v3_1');
 * names.table('exchange_connections'); // 'cts_v3_1_exchange_connections'
 * names.databases.indicationActive; // 'cts_v3_1_indication_active'
 */
export function createObjectNames(prefix: string): ObjectNames {
  return Object.freeze({
    prefix,
    table: (baseName: string) => join(prefix, baseName),
    object: (baseName: string) => join(prefix, baseName),
    ledgerTable: join(prefix, LEDGER_BASE_NAME),
    databases: mapSuffixes(prefix, DATABASE_SUFFIXES),
    roles: mapSuffixes(prefix, ROLE_SUFFIXES),
  });
}

/** Base names that every instance has whatever its schema: ledger, databases and roles. */
export function fixedBaseNames(): string[] {
  return [LEDGER_BASE_NAME, ...Object.values(DATABASE_SUFFIXES), ...Object.values(ROLE_SUFFIXES)];
}
