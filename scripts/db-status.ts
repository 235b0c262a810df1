/** `pnpm db:status [--json]`: every migration with its state (applied / changed / pending / missing-file). */
import { databaseTarget, resolveConfig } from '../src/config/index.js';
import { commandName } from '../src/errors/index.js';
import { migrationStatus, type StatusResult } from '../src/migrate/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';
import { errorLine, jsonError } from './json-error.js';

/** Exit 0 only when every migration is applied as it is on disk (as `prisma migrate status`). */
const settled = (status: StatusResult) => status.rows.every((r) => r.state === 'applied');

await runCommand(COMMANDS['db-status'], async ({ values }) => {
  const options = await migrationOptions(values);
  const config = resolveConfig();
  const status = await migrationStatus(config, options);
  if (values.json) {
    if (status.error !== undefined) process.stderr.write(errorLine(status.error));
    process.stdout.write(`${JSON.stringify({ ...status, problems: status.problems.map((p) => ({ code: p.code, message: p.message })), error: status.error === undefined ? undefined : jsonError(status.error) }, null, 2)}\n`);
    return status.ok && settled(status) ? 0 : 1;
  }
  if (status.error !== undefined) throw status.error;
  process.stdout.write(`${config.dialect} ${databaseTarget(config)}, prefix ${config.prefix}, ledger ${status.ledgerExists ? 'present' : 'not created yet'}\n`);
  const header = ['version', 'tag', 'state', 'applied_at', 'ms', 'checksum'];
  const lines = status.rows.map((r) => [String(r.journalIdx ?? '-'), r.tag, r.state, r.appliedAt?.toISOString() ?? '-', r.executionMs === undefined ? '-' : String(r.executionMs), (r.fileChecksum ?? r.ledgerChecksum ?? '').slice(0, 12)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  for (const p of status.problems) process.stderr.write(`problem [${p.code}] ${p.message}\n`);
  const pending = status.rows.filter((r) => r.state === 'pending').length;
  if (pending > 0) process.stdout.write(`${pending} migration(s) pending: run \`${commandName('migrate')}\`\n`);
  return status.ok && settled(status) ? 0 : 1;
});
