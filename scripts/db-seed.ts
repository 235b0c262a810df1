/** `pnpm db:seed --env development|production`: idempotent, typed seed rows (production: reference data only). */
import { openAppDatabase } from '../src/app-database.js';
import { resolveConfig } from '../src/config/index.js';
import { seedDatabase } from '../src/seeds/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-seed'], async ({ values }) => {
  const env = values.env === 'production' ? 'production' : 'development';
  if (values.env === undefined && !values.json) process.stdout.write(`--env not given: seeding the ${env} set (use --env production for reference data only)\n`);
  const app = await openAppDatabase(resolveConfig());
  try {
    const result = await seedDatabase(app, env);
    const parts = Object.entries(result.inserted).map(([k, n]) => `${k} ${n}`);
    if (values.json) process.stdout.write(`${JSON.stringify({ ok: true, env, envGiven: values.env !== undefined, prefix: app.prefix, inserted: result.inserted }, null, 2)}\n`);
    else process.stdout.write(`seeded (${env}, prefix ${app.prefix}): ${parts.join(', ')} row(s) inserted\n`);
    return 0;
  } finally {
    await app.close();
  }
});
