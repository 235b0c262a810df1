import type { InsertRow, SelectRow, TableName } from '../../generated/tables.js';
import type { ColumnKinds, Relations, UniqueKeys } from '../../generated/accessors.js';

type Present<V> = Exclude<V, null | undefined>;

/** Operators on one column; several in one object are ANDed. */
export interface FieldOperators<V> {
  readonly eq?: V;
  readonly ne?: V;
  readonly in?: readonly Present<V>[];
  readonly notIn?: readonly Present<V>[];
  readonly gt?: Present<V>;
  readonly gte?: Present<V>;
  readonly lt?: Present<V>;
  readonly lte?: Present<V>;
  /** true: IS NULL; false: IS NOT NULL. */
  readonly isNull?: boolean;
}

/**
 * Operators of a text column besides the comparisons. Case-sensitive unless `mode: 'insensitive'`, which folds
 * the ASCII letters A-Z only, on both engines alike (PostgreSQL's ILIKE would fold by the server's locale).
 * `%`, `_` and every other character match themselves.
 */
export interface TextOperators<V> extends FieldOperators<V> {
  readonly startsWith?: string;
  readonly endsWith?: string;
  readonly contains?: string;
  /** How startsWith, endsWith and contains in the same object compare letters: `default` is case-sensitive. */
  readonly mode?: 'default' | 'insensitive';
}

/**
 * An update of a numeric column computed from its current value, in the database's transaction: `increment`,
 * `decrement` or `multiply` by the value (a decimal as a string, an integer as a number). NULL stays NULL.
 */
export type Arithmetic<V> = { readonly increment: V } | { readonly decrement: V } | { readonly multiply: V };

/** What `set` takes for column `K`: a value, or for a numeric column an Arithmetic of its value type. */
export type SetValue<T extends TableName, K extends keyof InsertRow<T>> = InsertRow<T>[K] | ((K extends keyof ColumnKinds[T] ? ColumnKinds[T][K] : never) extends 'integer' | 'bigint' | 'decimal' ? Arithmetic<NonNullable<InsertRow<T>[K]>> : never);

/** `set` of an update: column values, or arithmetic on numeric columns. */
export type UpdateSet<T extends TableName> = { readonly [K in keyof InsertRow<T>]?: SetValue<T, K> };

/** A column's filter: a value (equality; `null` is IS NULL) or operators. */
export type FieldFilter<V> = V | FieldOperators<V>;

/** A text column's filter: a value, or operators including the text operators. */
export type TextFilter<V> = V | TextOperators<V>;

/** The filter of column `K` of table `T`: text operators on text columns only. */
export type ColumnFilter<T extends TableName, K extends keyof SelectRow<T>> = (K extends keyof ColumnKinds[T] ? ColumnKinds[T][K] : never) extends 'text' ? TextFilter<SelectRow<T>[K]> : FieldFilter<SelectRow<T>[K]>;

/**
 * A typed filter on a table's columns (keys as in SelectRow), ANDed, with AND / OR / NOT for the rest; under a
 * to-one relation's name a filter of the related row (rows whose related row passes it), under a to-many
 * relation's name `some`, `none` or `every` with a filter of the related rows.
 * @example { connectionId: id, status: { in: ['active', 'pending'] }, closedAt: null, OR: [{ side: 'long' }, { leverage: { gte: 5 } }] }
 * @example { status: 'active', connection: { exchange: 'bybit', isEnabled: true } }
 * @example { isEnabled: true, pseudoPositions: { some: { status: 'active' }, none: { status: 'error' } } }
 */
export type Where<T extends TableName> = { readonly [K in keyof SelectRow<T>]?: ColumnFilter<T, K> } & {
  readonly [R in OneRelationName<T>]?: Where<RelationTarget<T, R>>;
} & {
  readonly [R in ManyRelationName<T>]?: ManyFilter<RelationTarget<T, R>>;
} & {
  readonly AND?: readonly Where<T>[];
  readonly OR?: readonly Where<T>[];
  readonly NOT?: Where<T>;
};

/**
 * A filter of a to-many relation, at least one of its tests, ANDed: `some` related row passes, `none` passes,
 * `every` one passes (a row with no related rows passes `every` and `none`).
 */
export type ManyFilter<U extends TableName> =
  | { readonly some: Where<U>; readonly none?: Where<U>; readonly every?: Where<U> }
  | { readonly some?: Where<U>; readonly none: Where<U>; readonly every?: Where<U> }
  | { readonly some?: Where<U>; readonly none?: Where<U>; readonly every: Where<U> };

/** Sort by one or more columns, in order: `{ calculatedAt: 'desc' }` or `[{ symbol: 'asc' }, { calculatedAt: 'desc' }]`. */
export type OrderBy<T extends TableName> = { readonly [K in keyof SelectRow<T>]?: 'asc' | 'desc' };

/**
 * The relations of a table, generated from its foreign keys both ways: to-one (`connectionId` -> `connection`)
 * and to-many (the child table's key: `pseudoPositions`).
 */
export type RelationName<T extends TableName> = keyof Relations[T] & string;
export type RelationTarget<T extends TableName, R extends RelationName<T>> = Relations[T][R] extends { readonly table: infer U extends TableName } ? U : never;
/** The to-one relations of `T` (it holds the foreign key). */
export type OneRelationName<T extends TableName> = { [R in RelationName<T>]: Relations[T][R] extends { readonly kind: 'one' } ? R : never }[RelationName<T>];
/** The to-many relations of `T` (another table's foreign key points at it). */
export type ManyRelationName<T extends TableName> = { [R in RelationName<T>]: Relations[T][R] extends { readonly kind: 'many' } ? R : never }[RelationName<T>];

/** How a to-one relation is read in `with`: which columns, and its own relations. */
export interface OneRead<U extends TableName> {
  readonly select?: Selection<U>;
  readonly with?: With<U>;
}

/** How a to-many relation is read in `with`: which columns, which rows in what order, and their own relations. */
export interface ManyRead<U extends TableName> extends OneRead<U> {
  readonly where?: Where<U>;
  /** The related rows' order; the primary key always breaks ties, and orders them when this is left out. */
  readonly orderBy?: OrderBy<U> | readonly OrderBy<U>[];
  readonly limit?: number;
  readonly offset?: number;
}

/** What `with` takes for relation `R` of `T`: true, or the read's options. */
export type RelationRead<T extends TableName, R extends RelationName<T>> = Relations[T][R] extends { readonly kind: 'many' } ? ManyRead<RelationTarget<T, R>> : OneRead<RelationTarget<T, R>>;

/**
 * Which relations to read along, nested to any depth:
 * `{ connection: true, pseudoPositions: { where: { status: 'active' }, with: { strategy: true } } }`.
 */
export type With<T extends TableName> = { readonly [R in RelationName<T>]?: boolean | RelationRead<T, R> };

type ReadKey<T extends TableName, R extends RelationName<T>> = Relations[T][R] extends { readonly kind: 'many' } ? keyof ManyRead<TableName> : keyof OneRead<TableName>;

/**
 * `W` checked to the bottom: every key that is not a relation of its table, an option of its read, a column of
 * its `select` or a column, connective or relation of its `where` is typed `never`. A misspelling anywhere in a
 * nested `with` is a compile error (an inferred generic escapes excess-property checks).
 */
export type OnlyRelations<T extends TableName, W> = W & { readonly [K in Exclude<keyof W, RelationName<T>>]: never } & {
  readonly [K in keyof W & RelationName<T>]?: W[K] extends object ? OnlyRead<T, K, W[K]> : W[K];
};
type OnlyRead<T extends TableName, R extends RelationName<T>, V> = { readonly [K in Exclude<keyof V, ReadKey<T, R>>]: never } & (V extends { readonly select: infer S } ? { readonly select?: OnlyColumns<RelationTarget<T, R>, S> } : unknown) &
  (V extends { readonly with: infer W } ? { readonly with?: OnlyRelations<RelationTarget<T, R>, W> } : unknown) &
  (V extends { readonly where: infer F } ? { readonly where?: F & { readonly [K in Exclude<keyof F, keyof Where<RelationTarget<T, R>>>]: never } } : unknown);

/** Which columns a find reads: `{ id: true, symbol: true }`; the rest are left out of the SQL and the row type. */
export type Selection<T extends TableName> = { readonly [K in keyof SelectRow<T>]?: boolean };

/** The row's columns that `S` selects. */
// No selection, or one not known at compile time (the whole Selection type): every column.
export type Selected<T extends TableName, S> = Selection<T> extends S ? SelectRow<T> : Pick<SelectRow<T>, { [K in keyof S & keyof SelectRow<T>]: S[K] extends true ? K : never }[keyof S & keyof SelectRow<T>]>;

/** `S` with every key that is not a column of `T` typed `never` (an inferred generic escapes excess-property checks). */
export type OnlyColumns<T extends TableName, S> = S & { readonly [K in Exclude<keyof S, keyof SelectRow<T>>]: never };

/**
 * A row with the relations asked for, each read as `with` says: a to-one relation's row (null where the foreign
 * key is null), a to-many relation's rows as an array; with their selected columns and their own relations.
 */
export type WithRelations<T extends TableName, W, S = Record<never, never>> = Flat<
  Selected<T, S> & {
    -readonly [R in keyof W & RelationName<T> as W[R] extends true | object ? R : never]: RelationValue<T, R, W[R]>;
  } & {
    // A flag known only at run time (a boolean variable): the relation is there when it was true.
    -readonly [R in keyof W & RelationName<T> as boolean extends W[R] ? R : never]?: RelationValue<T, R, true>;
  }
>;
/** One object type instead of an intersection: what an editor shows, and what type tests compare. */
type Flat<O> = { [K in keyof O]: O[K] } & {};

/** The related row (or rows) of relation `R` as read with `V` (true, or the read's options). */
type RelationValue<T extends TableName, R extends RelationName<T>, V> = Relations[T][R] extends { readonly kind: 'many' }
  ? RelatedRow<RelationTarget<T, R>, V>[]
  : Relations[T][R] extends { readonly optional: true }
    ? RelatedRow<RelationTarget<T, R>, V> | null
    : RelatedRow<RelationTarget<T, R>, V>;
type RelatedRow<U extends TableName, V> = V extends true ? SelectRow<U> : V extends { readonly select?: infer S; readonly with?: infer W } ? WithRelations<U, W, [S] extends [undefined] ? Record<never, never> : S> : never;

export interface FindOptions<T extends TableName, W extends With<T>, S extends Selection<T> = Record<never, never>> {
  readonly where?: Where<T>;
  /** Only these columns, in the SQL and in the row type: `select: { id: true, symbol: true }`. */
  readonly select?: OnlyColumns<T, S>;
  readonly orderBy?: OrderBy<T> | readonly OrderBy<T>[];
  /**
   * A keyset page: the rows after `after` (a row of the previous page, as a find returned it) in `orderBy`'s
   * order, which must include a NOT NULL unique key (the primary key last does it).
   */
  readonly cursor?: { readonly after: Readonly<Partial<SelectRow<T>>> };
  /**
   * Inside `db.transaction` only: lock the rows read until the transaction ends (FOR UPDATE / FOR SHARE on
   * PostgreSQL; on SQLite the transaction already holds the file's write lock, so other writers wait anyway).
   */
  readonly lock?: 'update' | 'share';
  /** With `lock`: leave out rows another transaction holds (SKIP LOCKED), as a job queue claims work. */
  readonly skipLocked?: boolean;
  /** With `lock`: fail at once on a row another transaction holds (NOWAIT) instead of waiting. */
  readonly noWait?: boolean;
  readonly limit?: number;
  readonly offset?: number;
  readonly with?: OnlyRelations<T, W>;
  /** Distinct rows of the selected columns (give `select`; JSON columns cannot be compared alike on both engines). */
  readonly distinct?: boolean;
  /**
   * One row per group of equal values of these columns: the first in `orderBy`'s order, which must start with
   * them (as PostgreSQL's DISTINCT ON); ties go to the primary key. The latest indication per symbol:
   * `{ distinctOn: ['connectionId', 'symbol'], orderBy: [{ connectionId: 'asc' }, { symbol: 'asc' }, { calculatedAt: 'desc' }] }`.
   */
  readonly distinctOn?: readonly GroupableColumn<T>[];
}

/**
 * A filter that names at least one column or connective: `where: {}` is a compile error for writes, and with
 * `strict` a lone key whose value may be undefined (`{ id: body.id }`) is too. Plain JavaScript gets the run-time
 * refusal (QUERY_EMPTY_WHERE, QUERY_UNDEFINED_VALUE).
 */
export type NonEmptyWhere<T extends TableName> = {
  [K in keyof Where<T>]-?: { readonly [P in K]-?: Exclude<Where<T>[P], undefined> } & Where<T>;
}[keyof Where<T>];

/** Which rows a write touches: a filter that names a column, or `all: true` to touch every row on purpose. */
export type WriteScope<T extends TableName> = { readonly where: NonEmptyWhere<T>; readonly all?: false } | { readonly where?: Where<T>; readonly all: true };

/** The columns of one of the table's unique constraints (or its primary key), as `upsert` targets. */
export type UniqueTarget<T extends TableName> = UniqueKeys[T][number];

export interface UpsertOptions<T extends TableName> {
  readonly values: InsertRow<T>;
  /** A unique key of the table: `['connectionId', 'symbol']`. */
  readonly target: UniqueTarget<T>;
  /** What to change when the key exists. Default: every column given in `values` except the key. */
  readonly set?: Partial<InsertRow<T>>;
}

export interface UpsertManyOptions<T extends TableName, K extends UniqueTarget<T> = UniqueTarget<T>, R extends boolean | undefined = boolean | undefined> {
  /** A unique key of the table: `['connectionId', 'symbol']`. */
  readonly target: K;
  /**
   * The columns taken from the new row when its key exists (any column outside the target). Default: every
   * column the row gives except the key. `[]`: an existing row stays as it is (only new keys are inserted).
   */
  readonly update?: readonly Exclude<keyof InsertRow<T> & string, K[number]>[];
  /**
   * The rows as stored instead of the count, in the order of the rows given (with `update: []`, the rows left as
   * they were are not returned). Default false: no RETURNING is sent.
   */
  readonly returning?: R;
}

/** What upsertMany answers for a `returning` option: rows for true, the count for false or none, either for a boolean. */
export type UpsertManyResult<T extends TableName, R extends boolean | undefined> = R extends true ? SelectRow<T>[] : R extends false | undefined ? number : number | SelectRow<T>[];

export interface InsertBulkOptions<T extends TableName, K extends UniqueTarget<T> = UniqueTarget<T>> {
  /** Rows whose key exists update it (or, with `update: []`, are skipped) instead of failing. */
  readonly onConflict?: Omit<UpsertManyOptions<T, K>, 'returning'>;
}

/** The columns of `T` whose kind is one of `Kinds`. */
type ColumnsOfKind<T extends TableName, Kinds> = { [K in keyof ColumnKinds[T] & keyof SelectRow<T>]: ColumnKinds[T][K] extends Kinds ? K : never }[keyof ColumnKinds[T] & keyof SelectRow<T>];
/** Columns with a sum and an average: integer, bigint and decimal. */
export type SummableColumn<T extends TableName> = ColumnsOfKind<T, 'integer' | 'bigint' | 'decimal'>;
/** Columns with a minimum and maximum: the summable ones, text and timestamps. */
export type OrderedColumn<T extends TableName> = ColumnsOfKind<T, 'integer' | 'bigint' | 'decimal' | 'text' | 'timestamp'>;

/** `{ column: true, ... }` over some of a table's columns. */
export type ColumnFlags<C extends PropertyKey> = { readonly [K in C]?: boolean };
/** `S` with every key outside `C` typed `never`: a generic escapes excess-property checks, so a stray key must fail here. */
export type OnlyFlags<C extends PropertyKey, S> = S & { readonly [K in Exclude<keyof S, C>]: never };

export interface AggregateOptions<T extends TableName, C, Su, Av, Mi, Ma> {
  readonly where?: Where<T>;
  /** `true`: the number of rows; `{ column: true }`: the rows where the column is not null. */
  readonly _count?: C extends true ? true : OnlyFlags<keyof SelectRow<T>, C>;
  /** Exact sums: a decimal column's as a string with the column's scale, an integer column's as a number. */
  readonly _sum?: OnlyFlags<SummableColumn<T>, Su>;
  /** Exact averages as decimal strings with the column's scale plus 6 digits (rounded half away from zero). */
  readonly _avg?: OnlyFlags<SummableColumn<T>, Av>;
  readonly _min?: OnlyFlags<OrderedColumn<T>, Mi>;
  readonly _max?: OnlyFlags<OrderedColumn<T>, Ma>;
}

/** The keys of `S` set to true. */
type Chosen<S> = { [K in keyof S]: S[K] extends true ? K : never }[keyof S];
/** A sum's type: a decimal column's is a string, an integer column's a number. */
type SumValue<T extends TableName, K> = K extends keyof ColumnKinds[T] ? (ColumnKinds[T][K] extends 'decimal' ? string : number) : never;

/** What `aggregate` answers: each aggregate asked for, null where no row had a value (a count is 0 then). */
export type AggregateResult<T extends TableName, C, Su, Av, Mi, Ma> = ([C] extends [undefined] ? unknown : C extends true ? { _count: number } : { _count: { [K in Chosen<C> & keyof SelectRow<T>]: number } }) &
  ([Su] extends [undefined] ? unknown : { _sum: { [K in Chosen<Su> & keyof SelectRow<T>]: SumValue<T, K> | null } }) &
  ([Av] extends [undefined] ? unknown : { _avg: { [K in Chosen<Av> & keyof SelectRow<T>]: string | null } }) &
  ([Mi] extends [undefined] ? unknown : { _min: { [K in Chosen<Mi> & keyof SelectRow<T>]: NonNullable<SelectRow<T>[K]> | null } }) &
  ([Ma] extends [undefined] ? unknown : { _max: { [K in Chosen<Ma> & keyof SelectRow<T>]: NonNullable<SelectRow<T>[K]> | null } });

/** Columns a group can be keyed by: every kind but JSON (PostgreSQL's json has no equality). */
export type GroupableColumn<T extends TableName> = ColumnsOfKind<T, 'uuid' | 'text' | 'integer' | 'bigint' | 'boolean' | 'timestamp' | 'decimal' | 'enum'>;

/** A test of one aggregate's value in `having`; SQL's semantics: a null value passes only `isNull: true`. */
export interface AggregateFilter<V> {
  readonly eq?: V;
  readonly ne?: V;
  readonly gt?: V;
  readonly gte?: V;
  readonly lt?: V;
  readonly lte?: V;
  readonly in?: readonly V[];
  readonly notIn?: readonly V[];
  readonly isNull?: boolean;
}

/** `having`: tests of the groups' aggregates (whether or not they are returned), ANDed. */
export interface Having<T extends TableName> {
  readonly _count?: AggregateFilter<number>;
  readonly _sum?: { readonly [K in SummableColumn<T>]?: AggregateFilter<SumValue<T, K>> };
  readonly _avg?: { readonly [K in SummableColumn<T>]?: AggregateFilter<string> };
  readonly _min?: { readonly [K in OrderedColumn<T>]?: AggregateFilter<NonNullable<SelectRow<T>[K]>> };
  readonly _max?: { readonly [K in OrderedColumn<T>]?: AggregateFilter<NonNullable<SelectRow<T>[K]>> };
}

type Direction = 'asc' | 'desc';
/** The order of groups: by a `by` column or by an aggregate; ties are broken by the `by` columns ascending. */
export type GroupOrder<T extends TableName, B extends PropertyKey> =
  | { readonly [K in B]?: Direction }
  | { readonly _count: Direction }
  | { readonly _sum: { readonly [K in SummableColumn<T>]?: Direction } }
  | { readonly _avg: { readonly [K in SummableColumn<T>]?: Direction } }
  | { readonly _min: { readonly [K in OrderedColumn<T>]?: Direction } }
  | { readonly _max: { readonly [K in OrderedColumn<T>]?: Direction } };

export interface GroupByOptions<T extends TableName, B extends readonly GroupableColumn<T>[], C, Su, Av, Mi, Ma> extends AggregateOptions<T, C, Su, Av, Mi, Ma> {
  /** The columns that key a group: `['connectionId', 'symbol']`. */
  readonly by: B;
  readonly having?: Having<T>;
  readonly orderBy?: GroupOrder<T, B[number]> | readonly GroupOrder<T, B[number]>[];
  readonly limit?: number;
  readonly offset?: number;
}

/** One group: its `by` columns and the aggregates asked for. */
export type GroupRow<T extends TableName, B extends readonly GroupableColumn<T>[], C, Su, Av, Mi, Ma> = { [K in B[number]]: SelectRow<T>[K] } & AggregateResult<T, C, Su, Av, Mi, Ma>;

/** Typed operations on one table, the same on SQLite and PostgreSQL. */
export interface TableAccessor<T extends TableName> {
  /** Inserts one row and returns it as stored (defaults filled). */
  insert(row: InsertRow<T>): Promise<SelectRow<T>>;
  /** Inserts rows in one statement per batch, in one transaction, and returns them in the given order. */
  insertMany(rows: readonly InsertRow<T>[]): Promise<SelectRow<T>[]>;
  /**
   * Inserts many rows without returning them, as fast as the engine allows (one statement per batch under the
   * parameter limit, all in one transaction, rows in the given order); returns how many.
   */
  insertBulk<const K extends UniqueTarget<T>>(rows: readonly InsertRow<T>[], options?: InsertBulkOptions<T, K>): Promise<number>;
  findMany<W extends With<T> = Record<never, never>, S extends Selection<T> = Record<never, never>>(options?: FindOptions<T, W, S>): Promise<WithRelations<T, W, S>[]>;
  findFirst<W extends With<T> = Record<never, never>, S extends Selection<T> = Record<never, never>>(options?: Omit<FindOptions<T, W, S>, 'limit'>): Promise<WithRelations<T, W, S> | undefined>;
  count(options?: { readonly where?: Where<T> }): Promise<number>;
  /**
   * Counts, exact sums and averages, minimum and maximum over the matching rows, in one statement, with the same
   * answer on both engines (SQLite's decimals are summed exactly, never as floats).
   * @example aggregate({ where: { connectionId }, _count: true, _sum: { realizedPnl: true }, _max: { closedAt: true } })
   */
  aggregate<
    const C extends true | ColumnFlags<keyof SelectRow<T>> | undefined = undefined,
    const Su extends ColumnFlags<SummableColumn<T>> | undefined = undefined,
    const Av extends ColumnFlags<SummableColumn<T>> | undefined = undefined,
    const Mi extends ColumnFlags<OrderedColumn<T>> | undefined = undefined,
    const Ma extends ColumnFlags<OrderedColumn<T>> | undefined = undefined,
  >(options: AggregateOptions<T, C, Su, Av, Mi, Ma>): Promise<AggregateResult<T, C, Su, Av, Mi, Ma>>;
  /**
   * Groups of the matching rows by the `by` columns, each with its aggregates, filtered by `having`, in `orderBy`'s
   * order (then the `by` columns ascending), paged by `limit` and `offset`; identical on both engines.
   * @example groupBy({ by: ['connectionId'], where: { status: 'closed' }, _sum: { realizedPnl: true }, orderBy: { _sum: { realizedPnl: 'desc' } } })
   */
  groupBy<
    const B extends readonly GroupableColumn<T>[],
    const C extends true | ColumnFlags<keyof SelectRow<T>> | undefined = undefined,
    const Su extends ColumnFlags<SummableColumn<T>> | undefined = undefined,
    const Av extends ColumnFlags<SummableColumn<T>> | undefined = undefined,
    const Mi extends ColumnFlags<OrderedColumn<T>> | undefined = undefined,
    const Ma extends ColumnFlags<OrderedColumn<T>> | undefined = undefined,
  >(options: GroupByOptions<T, B, C, Su, Av, Mi, Ma>): Promise<GroupRow<T, B, C, Su, Av, Mi, Ma>[]>;
  /** Changes the matching rows; returns how many. */
  update(options: WriteScope<T> & { readonly set: UpdateSet<T> }): Promise<number>;
  updateReturning(options: WriteScope<T> & { readonly set: UpdateSet<T> }): Promise<SelectRow<T>[]>;
  /** Deletes the matching rows; returns how many. */
  delete(options: WriteScope<T>): Promise<number>;
  deleteReturning(options: WriteScope<T>): Promise<SelectRow<T>[]>;
  /** Inserts, or updates the row with the same unique key; returns the row as stored. */
  upsert(options: UpsertOptions<T>): Promise<SelectRow<T>>;
  /**
   * Inserts the rows, or updates the ones whose unique key exists, in one statement per batch under the
   * parameter limit, all in one transaction; returns how many rows were written (inserted or updated; with
   * `update: []` only the inserted), or with `returning: true` the rows as stored, in the order given.
   */
  upsertMany<const K extends UniqueTarget<T>, R extends boolean | undefined = undefined>(rows: readonly InsertRow<T>[], options: UpsertManyOptions<T, K, R>): Promise<UpsertManyResult<T, R>>;
  /** The SQL and values that findMany (findFirst with `first`) sends for these options: for EXPLAIN, logs, tests. */
  sqlFor(options?: Omit<FindOptions<T, Record<never, never>>, 'with' | 'lock' | 'skipLocked' | 'noWait'>, first?: boolean): { readonly sql: string; readonly params: unknown[] };
}
