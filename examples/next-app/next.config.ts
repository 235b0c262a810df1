import type { NextConfig } from 'next';

// As create-next-app writes it for Next.js 16 (cacheComponents on), plus the standalone output a container or
// server deployment copies, plus one setting for cts-db's PostgreSQL migrations. Next.js 16's built-in
// serverExternalPackages list already has `@libsql/client` and `libsql`, so the native SQLite driver stays out
// of the bundle and is required from node_modules at run time (the e2e test checks it); postgres.js bundles as
// it is. `libpg-query` (PostgreSQL's parser as WASM, which the runner loads to check a pending PostgreSQL
// migration's prefix isolation) reads its .wasm file beside its own script: bundled, that path is lost, so it
// stays external, and the .wasm file, which the tracer does not see being read, is added to the standalone
// output (the first path for npm's flat node_modules, the second for pnpm's). The edge build of
// instrumentation.ts is kept away from the driver by its NEXT_RUNTIME guard, not by configuration.
// TypeScript errors fail the build.
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  output: 'standalone',
  serverExternalPackages: ['libpg-query'],
  outputFileTracingIncludes: {
    '/**': ['./node_modules/libpg-query/wasm/libpg-query.wasm', './node_modules/.pnpm/libpg-query@*/node_modules/libpg-query/wasm/libpg-query.wasm'],
  },
};

export default nextConfig;
