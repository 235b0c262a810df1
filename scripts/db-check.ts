/**
 * `pnpm db:check [--json]`: the CI drift check. Exit 0 with a one-line summary when schema/, drizzle/ and
 * generated/ agree; exit 1 listing what is out of sync and the command that fixes it.
 */
import { parseArgs } from 'node:util';
import { schema } from '../schema/index.js';
import { checkDrift, formatDriftReport } from '../src/drift/check-drift.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const report = await checkDrift(process.cwd(), schema);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDriftReport(report)}\n`);
  return report.ok ? 0 : 1;
});
