import type { Table } from 'drizzle-orm';
import { schema } from '../../schema/index.js';
import { sqliteAccessorDriver } from '../accessors/sqlite/sqlite-accessor-driver.js';
import { buildSqliteTables } from '../schema-kit/sqlite/build-sqlite-tables.js';
import type { DialectKit } from './dialect-kit.js';

export const sqliteKit: DialectKit<'sqlite'> = {
  // The package's own schema: db:generate and the drift check refuse it with any problem, so it is not checked
  // again on every open (that pass was 3% of a cold start, the only one over every table).
  tables: (prefix) => buildSqliteTables(schema, { prefix, appDefaults: true, validated: true }),
  accessorDriver: (app) => sqliteAccessorDriver(app.db, app.client, app.tables as unknown as Readonly<Record<string, Table>>, app.nativeReads, app.writeQueue),
};
