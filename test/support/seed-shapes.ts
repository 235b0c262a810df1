import { z } from 'zod';

// Mirrors of the seed's example responses (001_ee28368e285ce845.txt), with the fields this toolkit adds.
export const healthResponse = z.strictObject({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  database: z.strictObject({
    type: z.enum(['sqlite', 'postgresql']),
    connected: z.boolean(),
    responseTime: z.string().regex(/^\d+ms$/),
    // null: not checked (no connection), beyond the seed (issue 15).
    tableCount: z.number().int().nonnegative().nullable(),
    criticalTables: z.strictObject({ total: z.number().int(), existing: z.number().int().nullable(), missing: z.array(z.string()).nullable() }),
  }),
  prefix: z.string(),
  migrations: z.strictObject({ latest: z.string().nullable(), pending: z.number().int().nonnegative().nullable() }),
  error: z.string().optional(),
  // Beyond the seed: the code of the failure when unhealthy (issue 14).
  errorCode: z.string().regex(/^[A-Z]+(_[A-Z]+)+$/).optional(),
  replicas: z.array(z.strictObject({ target: z.string(), reachable: z.boolean(), standby: z.boolean().nullable(), lagMs: z.number().nullable(), lagBytes: z.number().nullable(), migration: z.string().nullable(), matchesPrimary: z.boolean().nullable(), error: z.string().optional(), errorCode: z.string().optional() })).optional(),
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
