import type { Table } from 'drizzle-orm';
import { schema } from '../../schema/index.js';
import { sqliteAccessorDriver } from '../accessors/sqlite/sqlite-accessor-driver.js';
import { buildSqliteTables } from '../schema-kit/sqlite/build-sqlite-tables.js';
import type { DialectKit } from './dialect-kit.js';

export const sqliteKit: DialectKit<'sqlite'> = {
  tables: (prefix) => buildSqliteTables(schema, { prefix, appDefaults: true }),
  accessorDriver: (app) => sqliteAccessorDriver(app.db, app.client, app.tables as unknown as Readonly<Record<string, Table>>, app.nativeReads),
};
