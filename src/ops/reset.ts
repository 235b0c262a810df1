import type { DbConfig } from '../config/index.js';
import { prefixTables } from '../drift/live-catalog.js';
import { openMigrationDriver } from '../migrate/open-driver.js';

export interface ResetResult {
  readonly dropped: readonly string[];
}

/**
 * Drops every table of this prefix (their indexes, constraints and owned sequences go with them) and its
 * ledger, under the migration lock, in one transaction. Other prefixes are never touched: the tables are
 * named one by one (no pattern, no CASCADE), so a foreign key from another instance makes it fail instead.
 */
export async function resetPrefix(config: DbConfig): Promise<ResetResult> {
  const driver = await openMigrationDriver(config, { lockTimeoutMs: 60_000, create: false });
  try {
    // The tables are listed inside the locked transaction: a migration that ran just before must not leave one behind.
    return await driver.transaction(async (tx) => {
      const tables = await prefixTables(driver, config.prefix);
      if (tables.length === 0) return { dropped: [] };
      if (config.dialect === 'postgresql') await tx.execute(`drop table ${tables.map((t) => `"${t}"`).join(', ')}`);
      else for (const t of tables) await tx.execute(`drop table "${t}"`);
      return { dropped: tables };
    });
  } finally {
    await driver.close();
  }
}
