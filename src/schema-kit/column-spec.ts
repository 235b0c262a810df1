/**
 * Dialect-neutral column definitions. A table in schema/ is written once with these; the factories in
 * pg/ and sqlite/ turn each kind into a Drizzle custom column whose TypeScript data type is the same on
 * both sides, converting values at the driver boundary (see `pg/pg-columns.ts`, `sqlite/sqlite-columns.ts`).
 */
export type ColumnKind = 'uuid' | 'text' | 'integer' | 'bigint' | 'boolean' | 'timestamp' | 'json' | 'decimal' | 'enum';

/** A default the database applies: a constant, the current time, or a random UUID (same format on both). */
export type ColumnDefault =
  | { readonly kind: 'value'; readonly value: string | number | boolean | null | object }
  | { readonly kind: 'now' }
  | { readonly kind: 'random_uuid' };

export interface ColumnOptions {
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly default: ColumnDefault | undefined;
  /** Exact decimals: total digits and digits after the point (PostgreSQL numeric(p, s)). */
  readonly precision?: number;
  readonly scale?: number;
  /** Allowed values of an `enum` column. */
  readonly values?: readonly string[];
  /** The column's previous TypeScript key (or SQL name): `pnpm db:generate` writes a RENAME, not a drop and an add. */
  readonly renamedFrom?: string;
}

declare const dataBrand: unique symbol;

/**
 * An immutable column description. The type parameters carry what Drizzle needs for inference: the
 * value type, NOT NULL, whether the database supplies a default, and primary-key-ness.
 */
export class ColumnSpec<TData, TNotNull extends boolean = false, THasDefault extends boolean = false, TPk extends boolean = false> {
  declare readonly [dataBrand]: { data: TData; notNull: TNotNull; hasDefault: THasDefault; pk: TPk };

  constructor(
    readonly kind: ColumnKind,
    readonly options: ColumnOptions,
  ) {}

  notNull(): ColumnSpec<TData, true, THasDefault, TPk> {
    return new ColumnSpec(this.kind, { ...this.options, notNull: true });
  }

  primaryKey(): ColumnSpec<TData, true, THasDefault, true> {
    return new ColumnSpec(this.kind, { ...this.options, notNull: true, primaryKey: true });
  }

  /** A constant default. JSON values are stored as JSON; strings are quoted and escaped by the factory. */
  default(value: TData): ColumnSpec<TData, TNotNull, true, TPk> {
    return new ColumnSpec(this.kind, { ...this.options, default: { kind: 'value', value: value as ColumnDefault & object } as ColumnDefault });
  }

  /** A timestamp column defaults to the time of insert (database clock). */
  defaultNow(this: ColumnSpec<Date, TNotNull, THasDefault, TPk>): ColumnSpec<TData, TNotNull, true, TPk> {
    if (this.kind !== 'timestamp') throw new Error(`defaultNow() is for timestamp columns, not ${this.kind}`);
    return new ColumnSpec(this.kind, { ...this.options, default: { kind: 'now' } });
  }

  /** A uuid column defaults to a random version-4 UUID made by the database, in the same text form on both dialects. */
  defaultRandom(this: ColumnSpec<string, TNotNull, THasDefault, TPk>): ColumnSpec<TData, TNotNull, true, TPk> {
    if (this.kind !== 'uuid') throw new Error(`defaultRandom() is for uuid columns, not ${this.kind}`);
    return new ColumnSpec(this.kind, { ...this.options, default: { kind: 'random_uuid' } });
  }

  /**
   * Declares that this column used to be called `previousKey` (its old TypeScript key or SQL name), so the next
   * `pnpm db:generate` renames it and keeps its data. Harmless once that migration exists; remove it whenever.
   */
  renamedFrom(previousKey: string): ColumnSpec<TData, TNotNull, THasDefault, TPk> {
    return new ColumnSpec(this.kind, { ...this.options, renamedFrom: previousKey });
  }

  /** Narrows the value type, e.g. the shape of a JSON column. */
  $type<T extends TData>(): ColumnSpec<T, TNotNull, THasDefault, TPk> {
    return new ColumnSpec(this.kind, this.options);
  }
}

const base: ColumnOptions = { notNull: false, primaryKey: false, default: undefined };

/** The column kinds available to schema/. */
export const col = {
  /** A UUID stored as canonical lowercase TEXT on both dialects (so foreign keys are TEXT -> TEXT). */
  uuid: () => new ColumnSpec<string>('uuid', base),
  text: () => new ColumnSpec<string>('text', base),
  /** 32-bit integer. */
  integer: () => new ColumnSpec<number>('integer', base),
  /** 64-bit integer read as a JS number: exact up to 2^53. */
  bigint: () => new ColumnSpec<number>('bigint', base),
  boolean: () => new ColumnSpec<boolean>('boolean', base),
  /** `timestamptz` on PostgreSQL, integer milliseconds since the epoch on SQLite; a `Date` in TypeScript. */
  timestamp: () => new ColumnSpec<Date>('timestamp', base),
  /** `jsonb` on PostgreSQL, JSON text on SQLite. Narrow the type with `.$type<T>()`. */
  json: () => new ColumnSpec<unknown>('json', base),
  /** Exact decimal as a string: `numeric(p, s)` on PostgreSQL, TEXT on SQLite (whose numeric affinity rounds). */
  decimal: (precision = 38, scale = 18) => new ColumnSpec<string>('decimal', { ...base, precision, scale }),
  /** A string union, checked by a CHECK constraint on both dialects. */
  enum: <const T extends readonly [string, ...string[]]>(values: T) => new ColumnSpec<T[number]>('enum', { ...base, values }),
} as const;

export type AnyColumnSpec = ColumnSpec<unknown, boolean, boolean, boolean>;
