import { z } from 'zod';

// Mirrors of the seed's example responses (001_ee28368e285ce845.txt), with the fields this toolkit adds.
export const healthResponse = z.strictObject({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  database: z.strictObject({
    type: z.enum(['sqlite', 'postgresql']),
    connected: z.boolean(),
    responseTime: z.string().regex(/^\d+ms$/),
    tableCount: z.number().int().nonnegative(),
    criticalTables: z.strictObject({ total: z.number().int(), existing: z.number().int(), missing: z.array(z.string()) }),
  }),
  prefix: z.string(),
  migrations: z.strictObject({ latest: z.string().nullable(), pending: z.number().int().nonnegative() }),
  error: z.string().optional(),
  // Beyond the seed: the code of the failure when unhealthy (issue 14).
  errorCode: z.string().regex(/^[A-Z]+(_[A-Z]+)+$/).optional(),
});

export const migrationStatusResponse = z.strictObject({
  success: z.boolean(),
  database: z.strictObject({ type: z.enum(['sqlite', 'postgresql']), connected: z.boolean() }),
  migrations: z.strictObject({
    total: z.number().int(),
    applied: z.array(z.strictObject({ tag: z.string(), appliedAt: z.iso.datetime(), executionMs: z.number().int(), checksum: z.enum(['ok', 'changed', 'missing-file']) })),
    pending: z.array(z.string()),
  }),
  tables: z.strictObject({
    total: z.number().int(),
    expected: z.number().int(),
    existing: z.number().int(),
    categories: z.record(z.string(), z.strictObject({ expected: z.number().int(), existing: z.number().int(), missing: z.array(z.string()) })),
  }),
  status: z.enum(['complete', 'pending', 'error']),
  prefix: z.string(),
  error: z.string().optional(),
});
