import type { Table } from 'drizzle-orm';
import { schema } from '../../schema/index.js';
import { pgAccessorDriver } from '../accessors/pg/pg-accessor-driver.js';
import { buildPgTables } from '../schema-kit/pg/build-pg-tables.js';
import type { DialectKit } from './dialect-kit.js';

export const postgresqlKit: DialectKit<'postgresql'> = {
  // The package's own schema, checked by db:generate and the drift check (sqlite.ts says why not again here).
  tables: (prefix) => buildPgTables(schema, { prefix, validated: true }),
  accessorDriver: (app) => pgAccessorDriver(app.db, app.sql, app.tables as unknown as Readonly<Record<string, Table>>, app.replicas, { copy: app.copy !== false }),
};
