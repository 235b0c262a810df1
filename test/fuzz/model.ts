/**
 * A plain in-memory model of the typed accessors: each table an array of rows, each call applied to it with
 * the semantics the API promises (PostgreSQL's, where the README leaves a detail open; see model-values.ts and
 * model-where.ts). Statements are atomic: a write is applied to a copy, the constraints (primary key, unique
 * keys, foreign keys after ON DELETE actions) are checked on the result, and only then kept.
 */
import { RELATIONS } from '../../generated/accessors.js';
import type { Call, Expectation, FindOptions, RelationReadSpec, Result, TableCall, TransactionCall, WriteScope } from './calls.js';
import { FUZZ_TABLES, TABLES, type FuzzTable, type TableInfo } from './fuzz-schema.js';
import { Refusal, compareCells, parseDecimal, storeDecimal, stored, type Cell, type Row } from './model-values.js';
import { aggregateOf, groupByOf } from './model-aggregate.js';
import { afterCursor, compareRows, compileWhere, matchesEveryRow, orderIsTotal, orderTerms, sortRows, type OrderTerm, type RelatedRows, type RowTest } from './model-where.js';

type State = Readonly<Record<FuzzTable, readonly Row[]>>;

const exact = (value: Result): Expectation => ({ kind: 'exact', outcome: { ok: true, value } });

function sameKey(table: TableInfo, columns: readonly string[], a: Row, b: Row): boolean {
  return columns.every((k) => {
    const [x, y] = [a[k] ?? null, b[k] ?? null];
    const column = table.column.get(k);
    // NULLs are distinct in unique constraints (PostgreSQL's default, and SQLite's).
    return x !== null && y !== null && column !== undefined && compareCells(column, x, y) === 0;
  });
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new Refusal(`${name} must be a whole number >= 0`);
}

/** `select` checked as the API does: own keys that are columns, true or false, at least one true; in the schema's order. */
function selectedKeys(table: TableInfo, select: Readonly<Record<string, boolean>>): string[] {
  for (const [key, on] of Object.entries(select)) {
    if (!table.column.has(key)) throw new Refusal(`${table.name} has no column ${key} to select`);
    if (typeof on !== 'boolean') throw new Refusal(`select.${key} takes true or false`);
  }
  const keys = table.columns.map((c) => c.key).filter((k) => select[k] === true);
  if (keys.length === 0) throw new Refusal('select selects no column');
  return keys;
}

export class Model {
  private state: State;
  /** The fuzz tables' rows by base name, as they are when a filter is compiled (relation filters). */
  private readonly related: RelatedRows = (name) => {
    const key = FUZZ_TABLES.find((t) => TABLES[t].name === name);
    return key === undefined ? undefined : { info: TABLES[key], rows: this.state[key] };
  };

  constructor(state?: State) {
    this.state = state ?? { exchangeConnections: [], exchangePositions: [] };
  }

  rows(table: FuzzTable): readonly Row[] {
    return this.state[table];
  }

  /** The expectations of one call: one per observed result (a transaction's body calls, then the transaction). */
  apply(call: Call): Expectation[] {
    return call.op === 'transaction' ? this.transaction(call) : [this.tableCall(call)];
  }

  private transaction(call: TransactionCall): Expectation[] {
    const draft = new Model(this.state);
    const out: Expectation[] = [];
    for (const inner of call.body) {
      const expectation = draft.tableCall(inner);
      out.push(expectation);
      // The body rethrows the refusal, so the transaction rolls back and rejects with it.
      if (!expectation.outcome.ok) return [...out, { kind: 'exact', outcome: { ok: false, error: `rolled back: ${expectation.outcome.error}` } }];
    }
    if (call.end === 'commit') this.state = draft.state;
    return [...out, exact({ committed: call.end === 'commit' })];
  }

  private tableCall(call: TableCall): Expectation {
    try {
      return this.run(call);
    } catch (error) {
      if (error instanceof Refusal) return { kind: 'exact', outcome: { ok: false, error: error.message } };
      throw error;
    }
  }

  private run(call: TableCall): Expectation {
    const table = TABLES[call.table];
    switch (call.op) {
      case 'insert':
        return exact(this.insert(table, [call.row])[0]);
      case 'insertMany':
        return exact(this.insert(table, call.rows));
      case 'insertBulk':
        return exact(this.insert(table, call.rows).length);
      case 'findMany':
        return this.find(table, call.options ?? {}, false);
      case 'findFirst':
        return this.find(table, { ...call.options, limit: 1 }, true);
      case 'count': {
        const test = compileWhere(table, call.options?.where, this.related);
        return exact(this.state[table.key].filter((r) => test(r) === true).length);
      }
      case 'aggregate':
      case 'groupBy': {
        const test = compileWhere(table, call.options.where, this.related);
        const rows = this.state[table.key].filter((r) => test(r) === true);
        // Both orders are fixed (one row; groups by orderBy, then the by columns): compared exactly.
        return exact((call.op === 'aggregate' ? aggregateOf(table, rows, call.options, false) : groupByOf(table, rows, call.options)) as unknown as Result);
      }
      case 'update':
      case 'updateReturning': {
        const changed = this.update(table, call.scope, call.set);
        return call.op === 'update' ? exact(changed.length) : { kind: 'any-order', outcome: { ok: true, value: changed } };
      }
      case 'delete':
      case 'deleteReturning': {
        const removed = this.delete(table, call.scope);
        return call.op === 'delete' ? exact(removed.length) : { kind: 'any-order', outcome: { ok: true, value: removed } };
      }
      case 'upsert':
        return exact(this.upsert(table, call.values, call.target, call.set));
    }
  }

  /** A row as inserted: every column given is stored as its column stores it; the others get their default. */
  private complete(table: TableInfo, row: Row): Row {
    for (const key of Object.keys(row)) if (!table.column.has(key)) throw new Error(`fuzz harness: ${table.name} has no column ${key}`);
    const out: Record<string, Cell> = {};
    for (const column of table.columns) {
      const given = row[column.key];
      if (given !== undefined) out[column.key] = stored(column, given);
      else if (column.default?.kind === 'value') out[column.key] = stored(column, column.default.value as Cell);
      else if (column.default !== undefined) throw new Error(`fuzz harness: ${table.name}.${column.key} defaults to ${column.default.kind}; give it a value`);
      else out[column.key] = stored(column, null);
    }
    return out;
  }

  private setValues(table: TableInfo, set: Row): Row {
    const out: Record<string, Cell> = {};
    for (const [key, value] of Object.entries(set)) {
      const column = table.column.get(key);
      if (column === undefined) throw new Error(`fuzz harness: ${table.name} has no column ${key}`);
      out[key] = stored(column, value);
    }
    if (Object.keys(out).length === 0) throw new Refusal('update with nothing to set');
    return out;
  }

  private commit(next: State): void {
    for (const key of FUZZ_TABLES) {
      const table = TABLES[key];
      const rows = next[key];
      for (const unique of table.uniqueKeys) {
        for (let i = 0; i < rows.length; i++) {
          for (let j = i + 1; j < rows.length; j++) {
            if (sameKey(table, unique, rows[i]!, rows[j]!)) throw new Refusal(`${table.name}: duplicate (${unique.join(', ')})`);
          }
        }
      }
      for (const fk of table.foreignKeys) {
        const parents = fk.table === undefined ? [] : next[fk.table];
        for (const row of rows) {
          const values = fk.columns.map((c) => row[c] ?? null);
          if (values.includes(null)) continue;
          const child: Row = Object.fromEntries(fk.references.map((r, i) => [r, values[i] ?? null]));
          if (!parents.some((p) => sameKey(TABLES[fk.table ?? key], fk.references, p, child))) {
            throw new Refusal(`${table.name}.${fk.columns.join(', ')} references a missing row`);
          }
        }
      }
    }
    this.state = next;
  }

  /** Removes rows and applies the ON DELETE actions of the foreign keys that reference them. */
  private remove(state: State, table: FuzzTable, doomed: ReadonlySet<Row>): State {
    if (doomed.size === 0) return state;
    let next: State = { ...state, [table]: state[table].filter((r) => !doomed.has(r)) };
    for (const child of FUZZ_TABLES) {
      for (const fk of TABLES[child].foreignKeys) {
        if (fk.table !== table || fk.onDelete === 'no action' || fk.onDelete === 'restrict') continue;
        const parentKey = (r: Row): Row => Object.fromEntries(fk.references.map((c, i) => [fk.columns[i] ?? c, r[c] ?? null]));
        const hit = (r: Row) => [...doomed].some((p) => sameKey(TABLES[child], fk.columns, r, parentKey(p)));
        if (fk.onDelete === 'cascade') next = this.remove(next, child, new Set(next[child].filter(hit)));
        else next = { ...next, [child]: next[child].map((r) => (hit(r) ? { ...r, ...Object.fromEntries(fk.columns.map((c) => [c, null])) } : r)) };
      }
    }
    return next;
  }

  private insert(table: TableInfo, rows: readonly Row[]): Row[] {
    const full = rows.map((r) => this.complete(table, r));
    this.commit({ ...this.state, [table.key]: [...this.state[table.key], ...full] });
    return full;
  }

  private find(table: TableInfo, options: FindOptions, single: boolean): Expectation {
    const test = compileWhere(table, options.where, this.related);
    const terms = orderTerms(table, options.orderBy);
    checkCount('limit', options.limit);
    checkCount('offset', options.offset);
    const after = options.cursor === undefined ? () => true : afterCursor(table, terms, options.cursor);
    if (options.distinct === true) return exact(this.distinctRows(table, options, terms, test, single));
    if (options.distinctOn !== undefined) return exact(this.distinctOn(table, options, terms, test, single));
    const matched = this.state[table.key].filter((r) => test(r) === true && after(r));
    const start = options.offset ?? 0;
    const sorted = sortRows(table, matched, terms);
    const page = sorted.slice(start, options.limit === undefined ? undefined : start + options.limit);
    const related = this.relations(table, options.with);
    // select: the selected columns, in the schema's order, and the relations asked for (read from the full row).
    const selected = options.select === undefined ? undefined : selectedKeys(table, options.select);
    const withRelations =
      selected === undefined
        ? related
        : (row: Row): Row => {
            const full = related(row);
            return Object.fromEntries(Object.entries(full).filter(([k]) => !table.column.has(k) || selected.includes(k))) as Row;
          };
    const rows = page.map(withRelations);
    const value = single ? rows[0] : rows;
    if (orderIsTotal(table, terms)) return exact(value);
    const order = terms.length === 0 ? {} : { order: compareRows(table, terms) };
    if (options.limit === undefined && options.offset === undefined) return { kind: 'any-order', outcome: { ok: true, value }, ...order };
    // Any row tied (under the terms) with the page's first or last row may take a place in it.
    const cmp = compareRows(table, terms);
    const [first, last] = [page[0], page[page.length - 1]];
    const candidates = first === undefined || last === undefined ? [] : matched.filter((r) => cmp(r, first) >= 0 && cmp(r, last) <= 0).map(withRelations);
    return { kind: 'some-of', outcome: { ok: true, value }, candidates, count: page.length, single, ...order };
  }

  /**
   * `distinct: true`: the distinct rows of the selected columns (every column without select; NULLs equal), in
   * the order's terms, which may name selected columns only; no JSON column, with, cursor or distinctOn.
   */
  private distinctRows(table: TableInfo, options: FindOptions, terms: readonly OrderTerm[], test: RowTest, single: boolean): Result {
    if (options.distinctOn !== undefined) throw new Refusal('distinct and distinctOn together');
    if (options.with !== undefined || options.cursor !== undefined) throw new Refusal('distinct with with or cursor');
    const keys = options.select === undefined ? table.columns.map((c) => c.key) : selectedKeys(table, options.select);
    if (keys.some((k) => table.column.get(k)!.kind === 'json')) throw new Refusal('distinct over a JSON column');
    if (terms.some((t) => !keys.includes(t.key))) throw new Refusal('distinct rows ordered by a column they leave out');
    const same = (a: Row, b: Row) =>
      keys.every((k) => {
        const [x, y] = [a[k] ?? null, b[k] ?? null];
        return x === null || y === null ? x === y : compareCells(table.column.get(k)!, x, y) === 0;
      });
    const distinct: Row[] = [];
    for (const row of this.state[table.key].filter((r) => test(r) === true)) {
      const projected = Object.fromEntries(keys.map((k) => [k, row[k] ?? null])) as Row;
      if (!distinct.some((d) => same(d, projected))) distinct.push(projected);
    }
    const start = options.offset ?? 0;
    const page = sortRows(table, distinct, terms).slice(start, options.limit === undefined ? undefined : start + options.limit);
    return single ? page[0] : page;
  }

  /**
   * `distinctOn`: per group of equal values (NULLs equal), the first row in the order's terms and then the primary
   * key; those rows in that order, paged. The order must start with the distinctOn columns; no with or cursor.
   */
  private distinctOn(table: TableInfo, options: FindOptions, terms: readonly OrderTerm[], test: RowTest, single: boolean): Result {
    const keys = options.distinctOn ?? [];
    if (keys.length === 0) throw new Refusal('distinctOn is empty');
    if (options.with !== undefined || options.cursor !== undefined) throw new Refusal('distinctOn with with or cursor');
    for (const key of keys) {
      const column = table.column.get(key);
      if (column === undefined) throw new Refusal(`${table.name} has no column ${key}`);
      if (column.kind === 'json') throw new Refusal('distinctOn on a JSON column');
    }
    if (new Set(keys).size !== keys.length) throw new Refusal('distinctOn lists a column twice');
    const leading = new Set(terms.slice(0, keys.length).map((t) => t.key));
    if (terms.length < keys.length || keys.some((k) => !leading.has(k))) throw new Refusal('the order must start with the distinctOn columns');
    const primary = table.uniqueKeys[0] ?? [];
    const all: OrderTerm[] = [...terms, ...primary.filter((k) => !terms.some((t) => t.key === k)).map((key) => ({ key, direction: 'asc' as const }))];
    const cmp = compareRows(table, all);
    const groups: Row[] = [];
    for (const row of this.state[table.key].filter((r) => test(r) === true)) {
      const same = (g: Row) => keys.every((k) => {
        const [x, y] = [g[k] ?? null, row[k] ?? null];
        return x === null || y === null ? x === y : compareCells(table.column.get(k)!, x, y) === 0;
      });
      const i = groups.findIndex(same);
      if (i < 0) groups.push(row);
      else if (cmp(row, groups[i]!) < 0) groups[i] = row;
    }
    const start = options.offset ?? 0;
    const page = groups.sort(cmp).slice(start, options.limit === undefined ? undefined : start + options.limit);
    return single ? page[0] : page;
  }

  /**
   * `with`: each relation asked for as a property: a to-one relation's related row, or null where the foreign key
   * is null; a to-many relation's rows passing its where, in its order and then by primary key, paged. Each with
   * its selected columns and its own relations. A table this test never writes is empty. Everything is checked
   * here, before any row is read: a refusal does not depend on the data.
   */
  private relations(table: TableInfo, wanted: FindOptions['with'], depth = 1): (row: Row) => Row {
    if (wanted === undefined) return (row) => row;
    if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted)) throw new Refusal('with takes an object');
    const all = RELATIONS[table.name] as Readonly<Record<string, { readonly kind: 'one' | 'many'; readonly table: string; readonly column: string; readonly references: string }>>;
    interface Asked {
      readonly name: string;
      readonly relation: (typeof all)[string];
      readonly target: FuzzTable | undefined;
      readonly read: { readonly info: TableInfo; readonly select: readonly string[] | undefined; readonly nested: (row: Row) => Row; readonly test: RowTest; readonly cmp: ((a: Row, b: Row) => number) | undefined; readonly offset: number; readonly limit: number | undefined } | undefined;
    }
    const asked = Object.entries(wanted).flatMap(([name, on]): Asked[] => {
      const relation = Object.hasOwn(all, name) ? all[name] : undefined;
      if (relation === undefined) throw new Refusal(`${table.name} has no relation ${name}`);
      if (on === false || on === undefined) return [];
      if (on !== true && (typeof on !== 'object' || on === null || Array.isArray(on))) throw new Refusal(`with.${name} takes true, false or options`);
      if (depth > 8) throw new Refusal('with nests more than 8 levels');
      const target = FUZZ_TABLES.find((t) => TABLES[t].name === relation.table);
      const options: RelationReadSpec = on === true ? {} : on;
      const allowed = relation.kind === 'many' ? ['select', 'with', 'where', 'orderBy', 'limit', 'offset'] : ['select', 'with'];
      for (const key of Object.keys(options)) if (!allowed.includes(key)) throw new Refusal(`with.${name}: unknown option ${key}`);
      if (target === undefined) {
        if (on !== true) throw new Error(`fuzz harness: options for ${table.name}.${name}, whose table the fuzz does not write`);
        return [{ name, relation, target, read: undefined }];
      }
      const info = TABLES[target];
      const select = options.select === undefined ? undefined : selectedKeys(info, options.select);
      const nested = this.relations(info, options.with, depth + 1);
      if (relation.kind === 'one') return [{ name, relation, target, read: { info, select, nested, test: () => true, cmp: undefined, offset: 0, limit: undefined } }];
      const test = compileWhere(info, options.where, this.related);
      const terms = orderTerms(info, options.orderBy);
      checkCount('limit', options.limit);
      checkCount('offset', options.offset);
      const primary = info.uniqueKeys[0] ?? [];
      const cmp = compareRows(info, [...terms, ...primary.filter((k) => !terms.some((t) => t.key === k)).map((key) => ({ key, direction: 'asc' as const }))]);
      return [{ name, relation, target, read: { info, select, nested, test, cmp, offset: options.offset ?? 0, limit: options.limit } }];
    });
    return (row) => {
      const out: Record<string, Cell | Row | Row[]> = { ...row };
      for (const { name, relation, target, read } of asked) {
        const key = row[relation.column] ?? null;
        if (target === undefined || read === undefined) {
          out[name] = relation.kind === 'many' ? [] : null;
          continue;
        }
        const column = read.info.column.get(relation.references)!;
        const matches = (r: Row) => key !== null && (r[relation.references] ?? null) !== null && compareCells(column, r[relation.references]!, key) === 0;
        const shape = (r: Row): Row => {
          const full = read.nested(r);
          if (read.select === undefined) return full;
          const picked: Record<string, unknown> = {};
          for (const k of Object.keys(full)) if (!read.info.column.has(k) || read.select.includes(k)) picked[k] = full[k];
          return picked as Row;
        };
        if (relation.kind === 'many') {
          const rows = this.state[target].filter((r) => matches(r) && read.test(r) === true).sort(read.cmp);
          out[name] = rows.slice(read.offset, read.limit === undefined ? undefined : read.offset + read.limit).map(shape);
          continue;
        }
        const found = this.state[target].find(matches);
        out[name] = found === undefined ? null : shape(found);
      }
      return out as Row;
    };
  }

  /** A write's rows: its where must be able to leave a row out, unless `all: true` says every row is meant. */
  private scope(table: TableInfo, scope: WriteScope): RowTest {
    const test = compileWhere(table, scope.where, this.related);
    if (scope.all !== true && matchesEveryRow(table, scope.where, this.related)) throw new Refusal('a write whose where matches every row whatever the data, without all: true');
    return test;
  }

  private update(table: TableInfo, scope: WriteScope, set: Row): Row[] {
    const test = this.scope(table, scope);
    // Arithmetic ({ increment: x } on a numeric column) is computed from each row; the rest is set as given.
    const isArithmetic = (key: string, value: Cell) => {
      const kind = table.column.get(key)?.kind;
      return (kind === 'integer' || kind === 'bigint' || kind === 'decimal') && value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value);
    };
    const arithmetic = Object.entries(set).filter(([k, v]) => isArithmetic(k, v)).map(([key, v]) => ({ key, spec: v as Readonly<Record<string, Cell>> }));
    const plainSet = Object.fromEntries(Object.entries(set).filter(([k, v]) => !isArithmetic(k, v)));
    const values = arithmetic.length === 0 ? this.setValues(table, plainSet) : Object.keys(plainSet).length === 0 ? {} : this.setValues(table, plainSet);
    const checked = arithmetic.map(({ key, spec }) => ({ key, column: table.column.get(key)!, ...arithmeticOf(table.column.get(key)!, spec) }));
    // Every matching row's values first: one that does not fit refuses the call, and no row changes.
    const computed = new Map<Row, Row>();
    for (const r of this.state[table.key]) {
      if (test(r) !== true) continue;
      computed.set(r, { ...r, ...values, ...Object.fromEntries(checked.map((a) => [a.key, applyArithmetic(a.column, r[a.key] ?? null, a.op, a.operand)])) });
    }
    const changed: Row[] = [];
    const rows = this.state[table.key].map((r) => {
      const updated = computed.get(r);
      if (updated === undefined) return r;
      changed.push(updated);
      return updated;
    });
    this.commit({ ...this.state, [table.key]: rows });
    return changed;
  }

  private delete(table: TableInfo, scope: WriteScope): Row[] {
    const test = this.scope(table, scope);
    const removed = this.state[table.key].filter((r) => test(r) === true);
    this.commit(this.remove(this.state, table.key, new Set(removed)));
    return removed;
  }

  /**
   * INSERT ... ON CONFLICT (target) DO UPDATE SET ...: when a row has the same target key (no NULL in it), that
   * row gets `set` (default: every given column but the key; nothing to change sets the key to itself);
   * otherwise the row is inserted. As on PostgreSQL, only the target key decides; any other conflict, of the
   * inserted or of the updated row, is a refusal. Every target column needs a value (NULLs never conflict, so
   * an upsert without one could only insert), and an explicit `set` must set something.
   */
  private upsert(table: TableInfo, values: Row, target: readonly string[], set: Row | undefined): Row {
    if (!table.uniqueKeys.some((k) => k.length === target.length && k.every((c, i) => c === target[i]))) throw new Refusal(`[${target.join(', ')}] is not a unique key`);
    const candidate = this.complete(table, values);
    if (target.some((k) => (values[k] ?? null) === null)) throw new Refusal(`upsert: a target column has no value`);
    // Arithmetic is for update: an upsert's set takes values, and the API refuses an object on a numeric column.
    if (set !== undefined && Object.values(set).some((v) => v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) && Object.entries(set).some(([k, v]) => ['integer', 'bigint', 'decimal'].includes(table.column.get(k)?.kind ?? '') && v !== null && typeof v === 'object' && !(v instanceof Date))) {
      throw new Refusal('upsert: arithmetic in set');
    }
    if (set !== undefined) this.setValues(table, set);
    const existing = this.state[table.key].find((r) => sameKey(table, target, r, candidate));
    if (existing === undefined) return this.insert(table, [values])[0]!;
    const changes = set ?? Object.fromEntries(Object.entries(values).filter(([k]) => !target.includes(k)));
    const effective = Object.keys(changes).length === 0 ? { [target[0]!]: values[target[0]!] ?? null } : changes;
    const updated = { ...existing, ...this.setValues(table, effective) };
    this.commit({ ...this.state, [table.key]: this.state[table.key].map((r) => (r === existing ? updated : r)) });
    return updated;
  }
}

type ArithmeticOp = 'increment' | 'decrement' | 'multiply';

/** `{ increment | decrement | multiply: x }` checked as the API promises: one operator, x of the column's kind. */
function arithmeticOf(column: TableInfo['column'] extends ReadonlyMap<string, infer C> ? C : never, spec: Readonly<Record<string, Cell>>): { op: ArithmeticOp; operand: number | string } {
  const keys = Object.keys(spec);
  const op = keys[0];
  if (keys.length !== 1 || (op !== 'increment' && op !== 'decrement' && op !== 'multiply')) throw new Refusal(`${column.key}: not one arithmetic operator`);
  const operand = spec[op];
  if (operand === undefined || operand === null) throw new Refusal(`${column.key}.${op} is ${String(operand)}`);
  if (column.kind === 'decimal') {
    // Plain digits only: an operand is compared as written, without PostgreSQL's white space.
    if (typeof operand !== 'string' || !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(operand)) throw new Refusal(`${column.key}.${op}: ${JSON.stringify(operand)} is not a plain decimal`);
    return { op, operand };
  }
  if (typeof operand !== 'number' || !Number.isInteger(operand)) throw new Refusal(`${column.key}.${op}: not a whole number`);
  if (column.kind === 'integer' ? operand < -2_147_483_648 || operand > 2_147_483_647 : !Number.isSafeInteger(operand)) throw new Refusal(`${column.key}.${op}: out of range`);
  return { op, operand };
}

/** The new value: NULL stays NULL; decimals exact, then stored like an insert (rounded to the scale); integers in range. */
function applyArithmetic(column: TableInfo['column'] extends ReadonlyMap<string, infer C> ? C : never, current: Cell, op: ArithmeticOp, operand: number | string): Cell {
  if (current === null) return null;
  if (column.kind === 'decimal') {
    const a = parseDecimal(current as string);
    const b = parseDecimal(operand as string);
    let mantissa: bigint;
    let scale: number;
    if (op === 'multiply') {
      mantissa = a.mantissa * b.mantissa;
      scale = a.scale + b.scale;
    } else {
      scale = Math.max(a.scale, b.scale);
      const x = a.mantissa * 10n ** BigInt(scale - a.scale);
      const y = b.mantissa * 10n ** BigInt(scale - b.scale);
      mantissa = op === 'increment' ? x + y : x - y;
    }
    const negative = mantissa < 0n;
    const digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
    const text = `${negative ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`}`;
    return storeDecimal(text, column.precision, column.scale);
  }
  const a = current as number;
  const b = operand as number;
  const result = op === 'increment' ? a + b : op === 'decrement' ? a - b : a * b;
  if (column.kind === 'integer' ? result < -2_147_483_648 || result > 2_147_483_647 : !Number.isSafeInteger(result)) throw new Refusal(`${column.key}: ${result} out of range`);
  return result === 0 ? 0 : result;
}
