import type { ColumnBuilderBase, HasDefault, IsPrimaryKey, NotNull } from 'drizzle-orm';
import type { AnyColumnSpec, ColumnSpec } from './column-spec.js';

/** Applies a spec's NOT NULL / default / primary-key flags to a Drizzle builder type, as Drizzle's own methods do. */
export type WithFlags<TBuilder extends ColumnBuilderBase, TSpec> =
  TSpec extends ColumnSpec<unknown, infer TNotNull, infer THasDefault, infer TPk>
    ? ApplyPk<ApplyNotNull<ApplyDefault<TBuilder, THasDefault>, TNotNull>, TPk>
    : never;

type ApplyDefault<B extends ColumnBuilderBase, F> = F extends true ? HasDefault<B> : B;
type ApplyNotNull<B extends ColumnBuilderBase, F> = F extends true ? NotNull<B> : B;
type ApplyPk<B extends ColumnBuilderBase, F> = F extends true ? IsPrimaryKey<B> : B;

/** The TypeScript value type a spec stores. */
export type SpecData<TSpec> = TSpec extends ColumnSpec<infer TData, boolean, boolean, boolean> ? TData : never;

export type ColumnSpecs = Record<string, AnyColumnSpec>;
