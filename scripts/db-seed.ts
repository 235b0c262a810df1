/** `pnpm db:seed --env development|production`: idempotent, typed seed rows (production: reference data only). */
import { parseArgs } from 'node:util';
import { openAppDatabase } from '../src/app-database.js';
import { resolveConfig } from '../src/config/index.js';
import { seedDatabase } from '../src/seeds/index.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'development' } } });
  if (values.env !== 'development' && values.env !== 'production') {
    process.stderr.write(`error: --env must be development or production, got ${JSON.stringify(values.env)}\n`);
    return 1;
  }
  const app = await openAppDatabase(resolveConfig());
  try {
    const result = await seedDatabase(app, values.env);
    const parts = Object.entries(result.inserted).map(([k, n]) => `${k} ${n}`);
    process.stdout.write(`seeded (${values.env}, prefix ${app.prefix}): ${parts.join(', ')} row(s) inserted\n`);
    return 0;
  } finally {
    await app.close();
  }
});
