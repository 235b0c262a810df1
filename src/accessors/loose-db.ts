import type { Column, SQL, Table } from 'drizzle-orm';

/**
 * The part of Drizzle's query builders that the accessors use, the same at run time on both dialects. The
 * builders' static types differ per dialect (and a union of them cannot be chained); the accessors are typed by
 * the schema's row types instead, so they build queries through this structural view.
 */
export type Row = Record<string, unknown>;

export interface Compiled {
  readonly sql: string;
  readonly params: unknown[];
}

export interface SelectQuery extends PromiseLike<Row[]> {
  leftJoin(table: Table, on: SQL): SelectQuery;
  where(condition: SQL | undefined): SelectQuery;
  orderBy(...order: SQL[]): SelectQuery;
  groupBy(...columns: (Column | SQL)[]): SelectQuery;
  /** The query as a derived table under `alias` (Drizzle's subquery), to select from. */
  as(alias: string): Table;
  limit(limit: number | SQL): SelectQuery;
  offset(offset: number | SQL): SelectQuery;
  toSQL(): Compiled;
  prepare(name?: string): { all(values?: Record<string, unknown>): Promise<Row[]>; execute(values?: Record<string, unknown>): Promise<Row[]> };
}

export interface Returning extends PromiseLike<unknown> {
  returning(fields?: Record<string, SQL>): PromiseLike<Row[]>;
}

export interface InsertQuery extends Returning {
  onConflictDoUpdate(config: { target: unknown[]; set: Row }): Returning;
  onConflictDoNothing(config: { target: unknown[] }): Returning;
}

export interface LooseDb {
  select(fields?: Record<string, SQL | SQL.Aliased | Column>): { from(table: Table): SelectQuery };
  selectDistinct(fields?: Record<string, SQL | SQL.Aliased | Column>): { from(table: Table): SelectQuery };
  /** PostgreSQL only. */
  selectDistinctOn(on: readonly Column[], fields?: Record<string, SQL | SQL.Aliased | Column>): { from(table: Table): SelectQuery };
  insert(table: Table): { values(values: Row | Row[]): InsertQuery };
  update(table: Table): { set(values: Row): { where(condition: SQL | undefined): Returning } };
  delete(table: Table): { where(condition: SQL | undefined): Returning };
  transaction<R>(fn: (tx: LooseDb) => Promise<R>): Promise<R>;
}
