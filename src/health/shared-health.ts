import { resolveConfig, type DbConfig, type ResolveConfigOptions } from '../config/resolve-config.js';
import { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health-checker.js';

export interface SharedHealthOptions extends HealthCheckerOptions {
  /** Passed to `resolveConfig` on first use. Default: the environment and data/db-config.json. */
  readonly config?: ResolveConfigOptions;
}

export interface SharedHealth {
  readonly config: DbConfig;
  readonly checker: HealthChecker;
}

// One checker per configuration and process, shared by every route that asks: bundlers (Next.js) may load this
// module once per route, so the instances live on globalThis under a registered symbol, not in a module variable.
const KEY = Symbol.for('cts-db.shared-health');
type Holder = { [KEY]?: Map<string, SharedHealth> };

const registry = (): Map<string, SharedHealth> => ((globalThis as Holder)[KEY] ??= new Map());

// Keyed by what selects the configuration. Functions (onQuery) do not serialise and do not select anything.
const keyOf = (options: SharedHealthOptions) => JSON.stringify(options.config ?? {});

/**
 * The process-wide configuration and health checker for `options.config` (default: the environment), created
 * on first call: never at import time, so a build step that loads route modules neither reads the
 * configuration nor connects. Later calls with the same `config` options return the same pair (checker
 * options of the first call apply); different `config` options get their own pair.
 *
 * @example
 * const { config, checker } = sharedHealth();
 * const report = await checker.check();
 */
export function sharedHealth(options: SharedHealthOptions = {}): SharedHealth {
  const key = keyOf(options);
  const existing = registry().get(key);
  if (existing !== undefined) return existing;
  const { config: configOptions, ...checkerOptions } = options;
  const config = resolveConfig(configOptions);
  const created = { config, checker: createHealthChecker(config, checkerOptions) };
  registry().set(key, created);
  return created;
}

/** Closes every shared checker's connection and forgets them (tests, a graceful shutdown). */
export async function closeSharedHealth(): Promise<void> {
  const all = [...registry().values()];
  registry().clear();
  await Promise.all(all.map((s) => s.checker.close()));
}
