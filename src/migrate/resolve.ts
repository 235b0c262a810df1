import { userInfo } from 'node:os';
import type { DbConfig } from '../config/index.js';
import { isCtsDbError, type CtsDbError } from '../errors/cts-db-error.js';
import { ledgerTableName } from './ledger.js';
import { MigrationError } from './migration-error.js';
import { withContext, type MigrateOptions } from './migrator.js';
import { commandName } from '../errors/command-name.js';

export interface ResolveOptions extends MigrateOptions {
  /** Record this migration as applied without running it (its changes were made another way). */
  readonly applied?: string;
  /** Remove this migration's ledger row without running its down file (e.g. after switching branches). */
  readonly rolledBack?: string;
}

export interface ResolveResult {
  readonly ok: boolean;
  readonly action?: 'applied' | 'rolled-back';
  readonly tag?: string;
  /** Who resolved it (the OS user), recorded in the ledger's applied_by for --applied. */
  readonly by?: string;
  readonly at?: Date;
  readonly error?: CtsDbError;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const invalid = (message: string, subject: string, hint: string) => new MigrationError(message, { code: 'MIGRATION_RESOLVE_INVALID', subject, tag: subject, hint });

/**
 * Prisma's `migrate resolve`: changes the ledger only, never the schema, under the migration lock. `applied`
 * records a migration of the journal as applied (applied_by says it was resolved, and by whom); `rolledBack`
 * removes a ledger row, including one whose migration is no longer in the journal (a branch switched away).
 */
export async function resolveMigration(config: DbConfig, options: ResolveOptions): Promise<ResolveResult> {
  const { applied, rolledBack } = options;
  if ((applied === undefined) === (rolledBack === undefined)) {
    return { ok: false, error: invalid('give exactly one of --applied <tag> or --rolled-back <tag>', '', `e.g. ${commandName('resolve')} --rolled-back 0003_feature_branch`) };
  }
  const by = `${osUser()} via db:resolve`;
  try {
    return await withContext(config, options, async (ctx) => {
      await ctx.driver.ensureLedger();
      // The ledger is read and changed inside one locked transaction.
      return ctx.driver.transaction(async (tx): Promise<ResolveResult> => {
          const ledger = await tx.readLedger();
          if (applied !== undefined) {
            const file = ctx.files.find((f) => f.tag === applied);
            if (file === undefined) throw invalid(`no migration with tag ${JSON.stringify(applied)} in the journal`, applied, `use one of: ${ctx.files.map((f) => f.tag).join(', ')}`);
            if (ledger.some((r) => r.tag === applied)) throw invalid(`migration ${applied} is already recorded as applied`, applied, `nothing to resolve; \`${commandName('status')}\` shows the ledger`);
            await tx.insertLedger({ tag: file.tag, journalIdx: file.journalIdx, checksum: file.checksum, executionMs: 0, prefix: config.prefix, dialect: config.dialect });
            const ledgerTable = `"${ledgerTableName(config.prefix)}"`;
            const mark = config.dialect === 'sqlite' ? `update ${ledgerTable} set applied_by = ? where tag = ?` : `update ${ledgerTable} set applied_by = $1 where tag = $2`;
            await tx.query(mark, [by, applied]);
            return { ok: true, action: 'applied', tag: applied, by, at: new Date() };
          }
          const tag = rolledBack ?? '';
          if (!ledger.some((r) => r.tag === tag)) {
            throw invalid(`migration ${tag} is not recorded as applied`, tag, `recorded: ${ledger.map((r) => r.tag).join(', ') || 'none'}`);
          }
          await tx.deleteLedger(tag);
          return { ok: true, action: 'rolled-back', tag, by, at: new Date() };
        });
    });
  } catch (error) {
    if (isCtsDbError(error)) return { ok: false, error };
    throw error;
  }
}
