import { defineConfig } from 'drizzle-kit';

// drizzle-kit handles one dialect per config and cannot combine --out with --config, so the dialect is
// chosen here by DRIZZLE_DIALECT (`pnpm db:generate` runs it once per dialect). The schema modules are
// written by the generator with BASE names: the migration runner adds the prefix when it applies them.
const dialect = process.env.DRIZZLE_DIALECT === 'sqlite' ? 'sqlite' : 'postgresql';
const folder = dialect === 'sqlite' ? 'sqlite' : 'pg';

export default defineConfig({
  dialect,
  schema: `./generated/drizzle-schema.${folder}.ts`,
  out: `./drizzle/${folder}`,
  strict: false,
  verbose: false,
});
