import type { NextConfig } from 'next';

// As create-next-app writes it for Next.js 16 (cacheComponents on), plus the standalone output a container or
// server deployment copies. Nothing cts-db needs: Next.js 16's built-in serverExternalPackages list already has
// `@libsql/client` and `libsql`, so the native SQLite driver stays out of the bundle and is required from
// node_modules at run time (the e2e test checks it); postgres.js bundles as it is. The edge build of
// instrumentation.ts is kept away from the driver by its NEXT_RUNTIME guard, not by configuration.
// TypeScript errors fail the build.
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  output: 'standalone',
};

export default nextConfig;
