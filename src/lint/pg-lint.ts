import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, CreateStmt, IndexStmt, Node, ReindexStmt, RenameStmt, TypeName, VariableSetStmt } from 'libpg-query';
import { PG_SERIAL_TYPES } from '../migrate/pg/pg-builtin-types.js';
import { MAX_PREFIX_BYTES, PG_IDENTIFIER_MAX_BYTES } from '../naming/identifier-limit.js';
import { parsePgScript, PgSyntaxError } from '../sql/pg-parse.js';
import type { LintRule } from './lint-rules.js';
import { calledFunctions, constraintsOf, dropObjectNames, isNotNullColumn, names, nodeKind, relName, typeOf } from './pg-ast.js';

/**
 * What earlier migrations (and statements) established that later ones may rely on: columns proven NOT NULL
 * by a validated `CHECK (col IS NOT NULL)`, after which SET NOT NULL needs no scan (PostgreSQL 12+).
 */
export interface PgLintHistory {
  /** `table.constraint` -> column, for CHECK (col IS NOT NULL) constraints added NOT VALID. */
  readonly notNullChecks: Map<string, string>;
  /** `table.column` proven NOT NULL by a validated check. */
  readonly provenNotNull: Set<string>;
}

export const newPgLintHistory = (): PgLintHistory => ({ notNullChecks: new Map(), provenNotNull: new Set() });

/** The findings of one statement (a `--> statement-breakpoint` part, which may hold several SQL statements). */
export interface PgStatementFindings {
  readonly rules: LintRule[];
  /** PostgreSQL's message for a syntax error. */
  readonly detail?: string;
}

/** What one migration has done so far, for judging its later statements. */
interface MigrationState {
  readonly transactional: boolean;
  /** Tables created in this migration: nothing in them to lose or lock. */
  readonly created: Set<string>;
  readonly createdIndexes: Set<string>;
  /** `table.constraint` added NOT VALID in this migration. */
  readonly notValid: Set<string>;
  /** An earlier statement took a lasting lock on a table that already existed (ALTER TABLE, CREATE INDEX, ...). */
  locked: boolean;
  /** Statements that changed rows of an existing table, for `backfill-with-ddl` once the whole migration is read. */
  readonly dataChanges: number[];
}

/** Base names of tables, indexes and constraints get the prefix and an underscore in front of them. */
const PREFIXED_NAME_MAX_BYTES = PG_IDENTIFIER_MAX_BYTES - 1 - MAX_PREFIX_BYTES;
/** Built-in type names that may be written unqualified (a user type of the same name would shadow nothing here). */
const UNQUALIFIED_BUILTINS = new Set(['int2', 'int4', 'int8', 'varchar', 'bpchar', 'timestamp', 'json']);
const SMALL_KEY_TYPES = new Set(['int2', 'int4', 'serial', 'serial4', 'smallserial', 'serial2']);
/** Functions that return a different value per row: a default using one is written into every row. */
const VOLATILE_FUNCTIONS = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'gen_random_bytes']);
const TRANSACTION_KINDS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED', 'TRANS_STMT_ROLLBACK_PREPARED']);

/**
 * Lints the statements of one PostgreSQL migration on PostgreSQL's own parse tree. `transactional` is false
 * for a migration marked `-- cts:transaction none`. `history` carries what earlier migrations proved.
 */
export async function lintPgStatements(statements: readonly string[], transactional: boolean, history: PgLintHistory): Promise<PgStatementFindings[]> {
  const state: MigrationState = { transactional, created: new Set(), createdIndexes: new Set(), notValid: new Set(), locked: false, dataChanges: [] };
  const results: PgStatementFindings[] = [];
  for (const [i, text] of statements.entries()) {
    const rules = new Set<LintRule>();
    let parsed;
    try {
      parsed = await parsePgScript(text);
    } catch (error) {
      if (!(error instanceof PgSyntaxError)) throw error;
      results.push({ rules: ['syntax-error'], detail: `${error.message} (at character ${error.position + 1})` });
      continue;
    }
    for (const { node } of parsed) lintNode(node, state, history, (rule) => rules.add(rule), i);
    results.push({ rules: [...rules] });
  }
  if (transactional && state.locked) for (const i of state.dataChanges) results[i]?.rules.push('backfill-with-ddl');
  return results;
}

type Find = (rule: LintRule) => void;

function lintNode(node: Node, state: MigrationState, history: PgLintHistory, find: Find, index: number): void {
  const existing = (table: string) => table !== '' && !state.created.has(table);
  const robust = (guarded: boolean | undefined) => {
    if (!state.transactional && guarded !== true) find('prefer-robust-stmts');
  };
  const [kind, body] = nodeKind(node);
  switch (kind) {
    case 'CreateStmt':
      return lintCreateTable(body as CreateStmt, state, find, robust);
    case 'AlterTableStmt':
      return lintAlterTable(body as AlterTableStmt, state, history, find, robust);
    case 'IndexStmt': {
      const s = body as IndexStmt;
      const table = relName(s.relation);
      if (s.concurrent === true) {
        if (state.transactional) find('concurrently-in-transaction');
        robust(s.if_not_exists);
      } else if (existing(table)) {
        find('index-not-concurrent');
        state.locked = true;
      }
      if (s.unique !== true && (s.indexParams ?? []).length > 3) find('index-too-many-columns');
      longName(s.idxname, PREFIXED_NAME_MAX_BYTES, find);
      if (s.idxname !== undefined) state.createdIndexes.add(s.idxname);
      return;
    }
    case 'DropStmt': {
      const s = body as { objects?: Node[]; removeType?: string; behavior?: string; missing_ok?: boolean; concurrent?: boolean };
      const objects = dropObjectNames(s.objects);
      if (s.removeType === 'OBJECT_TABLE') {
        if (objects.some(existing)) {
          find('drop-table');
          state.locked = true;
        }
        robust(s.missing_ok);
      } else if (s.removeType === 'OBJECT_INDEX') {
        if (s.concurrent === true) {
          if (state.transactional) find('concurrently-in-transaction');
        } else if (objects.some((o) => !state.createdIndexes.has(o))) find('drop-index-not-concurrent');
        robust(s.missing_ok);
      }
      return;
    }
    case 'DropdbStmt':
      return find('drop-database');
    case 'TruncateStmt': {
      const s = body as { relations?: Node[]; behavior?: string };
      const tables = (s.relations ?? []).flatMap((r) => ('RangeVar' in r ? [relName(r.RangeVar)] : []));
      if (tables.some(existing)) {
        find('truncate');
        state.locked = true;
      }
      if (s.behavior === 'DROP_CASCADE') find('truncate-cascade');
      return;
    }
    case 'UpdateStmt':
    case 'DeleteStmt': {
      const s = body as { relation?: { relname?: string }; whereClause?: Node; targetList?: Node[] };
      if (kind === 'UpdateStmt') duplicates((s.targetList ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name !== undefined ? [t.ResTarget.name] : [])), find);
      if (!existing(relName(s.relation))) return;
      if (s.whereClause === undefined) find('whole-table-write');
      state.dataChanges.push(index);
      return;
    }
    case 'RenameStmt':
      return lintRename(body as RenameStmt, existing, find, state);
    case 'AlterEnumStmt': {
      const s = body as { oldVal?: string; newVal?: string; newValNeighbor?: string };
      if (s.oldVal !== undefined) find('rename-enum-value');
      else if (s.newValNeighbor === undefined) find('enum-value-ordering');
      return;
    }
    case 'CreateDomainStmt': {
      const s = body as { constraints?: Node[] };
      if ((s.constraints ?? []).some((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_CHECK')) find('domain-constraint');
      return;
    }
    case 'AlterDomainStmt':
      if ((body as { subtype?: string }).subtype === 'C') find('domain-constraint');
      return;
    case 'ReindexStmt': {
      const s = body as ReindexStmt;
      const concurrently = (s.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
      if (!concurrently) find('reindex-not-concurrent');
      else if (state.transactional) find('concurrently-in-transaction');
      return;
    }
    case 'VacuumStmt': {
      const s = body as { options?: Node[] };
      if ((s.options ?? []).some((o) => 'DefElem' in o && o.DefElem.defname === 'full')) find('prefer-repack');
      return;
    }
    case 'ClusterStmt':
      return find('prefer-repack');
    case 'VariableSetStmt':
      if (disablesLockTimeout(body as VariableSetStmt)) find('lock-timeout-disabled');
      return;
    case 'TransactionStmt':
      if (TRANSACTION_KINDS.has((body as { kind?: string }).kind ?? '')) find('transaction-control');
      return;
    case 'ViewStmt':
      duplicates(names((body as { aliases?: Node[] }).aliases), find);
      return;
    default:
      return;
  }
}

function lintCreateTable(s: CreateStmt, state: MigrationState, find: Find, robust: (guarded: boolean | undefined) => void): void {
  const table = relName(s.relation);
  state.created.add(table);
  robust(s.if_not_exists);
  longName(table, PREFIXED_NAME_MAX_BYTES, find);
  const columns = (s.tableElts ?? []).flatMap((e) => ('ColumnDef' in e ? [e.ColumnDef] : []));
  const tableConstraints = (s.tableElts ?? []).flatMap((e) => ('Constraint' in e ? [e.Constraint] : []));
  const keys = new Set(tableConstraints.filter((c) => c.contype === 'CONSTR_PRIMARY').flatMap((c) => names(c.keys)));
  duplicates(columns.map((c) => c.colname ?? ''), find);
  for (const column of columns) {
    const key = keys.has(column.colname ?? '') || constraintsOf(column).some((c) => c.contype === 'CONSTR_PRIMARY');
    columnTypeRules(column.typeName, key, find);
    longName(column.colname, PG_IDENTIFIER_MAX_BYTES, find);
    for (const c of constraintsOf(column)) longName(c.conname, PREFIXED_NAME_MAX_BYTES, find);
  }
  for (const c of tableConstraints) longName(c.conname, PREFIXED_NAME_MAX_BYTES, find);
}

/** Design rules on a column's type: they apply to new tables too, since a type is expensive to change later. */
function columnTypeRules(type: TypeName | undefined, key: boolean, find: Find): void {
  const t = typeOf(type);
  // `integer` parses as pg_catalog.int4; `int4` written as such stays unqualified but is the same type.
  if (!t.qualified && !PG_SERIAL_TYPES.has(t.name) && !UNQUALIFIED_BUILTINS.has(t.name)) return;
  if (t.name === 'bpchar') find('ban-char');
  if (t.name === 'varchar' && t.hasModifiers) find('prefer-text');
  if (t.name === 'timestamp') find('prefer-timestamptz');
  if (t.name === 'json') find('json-column');
  if (PG_SERIAL_TYPES.has(t.name)) find('prefer-identity');
  if (key && SMALL_KEY_TYPES.has(t.name)) find('prefer-bigint-key');
}

function lintAlterTable(s: AlterTableStmt, state: MigrationState, history: PgLintHistory, find: Find, robust: (guarded: boolean | undefined) => void): void {
  if (s.objtype !== undefined && s.objtype !== 'OBJECT_TABLE') return;
  const table = relName(s.relation);
  const existing = table !== '' && !state.created.has(table);
  if (existing) state.locked = true;
  for (const cmdNode of s.cmds ?? []) {
    if (!('AlterTableCmd' in cmdNode)) continue;
    lintAlterTableCmd(cmdNode.AlterTableCmd, table, existing, state, history, find, robust);
  }
}

function lintAlterTableCmd(cmd: AlterTableCmd, table: string, existing: boolean, state: MigrationState, history: PgLintHistory, find: Find, robust: (guarded: boolean | undefined) => void): void {
  const key = (name: string | undefined) => `${table}.${name ?? ''}`;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const column = cmd.def !== undefined && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      if (column === undefined) return;
      robust(cmd.missing_ok);
      const constraints = constraintsOf(column);
      columnTypeRules(column.typeName, constraints.some((c) => c.contype === 'CONSTR_PRIMARY'), find);
      longName(column.colname, PG_IDENTIFIER_MAX_BYTES, find);
      if (existing) addedColumnRules(column, constraints, find);
      return;
    }
    case 'AT_DropColumn':
      robust(cmd.missing_ok);
      if (existing) find('drop-column');
      return;
    case 'AT_AlterColumnType': {
      const column = cmd.def !== undefined && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      columnTypeRules(column?.typeName, false, find);
      if (existing) find('column-type-change');
      return;
    }
    case 'AT_SetNotNull':
      if (existing && !history.provenNotNull.has(key(cmd.name))) find('set-not-null');
      return;
    case 'AT_DropNotNull':
      if (existing) find('drop-not-null');
      return;
    case 'AT_AddConstraint': {
      const c = cmd.def !== undefined && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
      if (c === undefined) return;
      longName(c.conname, PREFIXED_NAME_MAX_BYTES, find);
      addedConstraintRules(c, table, existing, state, history, find);
      return;
    }
    case 'AT_ValidateConstraint': {
      if (state.transactional && state.notValid.has(key(cmd.name))) find('validate-in-same-transaction');
      const column = history.notNullChecks.get(key(cmd.name));
      if (column !== undefined) history.provenNotNull.add(`${table}.${column}`);
      return;
    }
    case 'AT_DetachPartition': {
      const partition = cmd.def !== undefined && 'PartitionCmd' in cmd.def ? cmd.def.PartitionCmd : undefined;
      if (partition?.concurrent !== true) find('detach-partition-not-concurrent');
      else if (state.transactional) find('concurrently-in-transaction');
      return;
    }
    default:
      return;
  }
}

/** ADD COLUMN on a table that already has rows: each inline clause judged on its own. */
function addedColumnRules(column: ColumnDef, constraints: readonly Constraint[], find: Find): void {
  const has = (type: string) => constraints.some((c) => c.contype === type);
  const serial = PG_SERIAL_TYPES.has(typeOf(column.typeName).name);
  const defaults = constraints.filter((c) => c.contype === 'CONSTR_DEFAULT');
  const generated = constraints.some((c) => c.contype === 'CONSTR_GENERATED' && c.generated_kind === 's');
  if ((has('CONSTR_NOTNULL') || column.is_not_null === true) && defaults.length === 0 && !has('CONSTR_IDENTITY') && !generated && !serial) find('add-not-null-column');
  if (defaults.some((d) => calledFunctions(d.raw_expr).some((f) => VOLATILE_FUNCTIONS.has(f)))) find('volatile-default');
  if (serial || has('CONSTR_IDENTITY')) find('add-auto-increment-column');
  if (generated) find('stored-generated-column');
  if (has('CONSTR_FOREIGN') || has('CONSTR_CHECK')) find('constraint-validated');
  if (has('CONSTR_UNIQUE')) find('unique-constraint');
  if (has('CONSTR_PRIMARY')) find('add-primary-key');
}

function addedConstraintRules(c: Constraint, table: string, existing: boolean, state: MigrationState, history: PgLintHistory, find: Find): void {
  const key = `${table}.${c.conname ?? ''}`;
  switch (c.contype) {
    case 'CONSTR_FOREIGN':
    case 'CONSTR_CHECK': {
      const notNullOf = c.contype === 'CONSTR_CHECK' ? isNotNullColumn(c.raw_expr) : undefined;
      if (c.skip_validation === true) {
        state.notValid.add(key);
        if (notNullOf !== undefined) history.notNullChecks.set(key, notNullOf);
        return;
      }
      if (notNullOf !== undefined) history.provenNotNull.add(`${table}.${notNullOf}`);
      if (existing) find('constraint-validated');
      return;
    }
    case 'CONSTR_UNIQUE':
      if (existing && c.indexname === undefined) find('unique-constraint');
      return;
    case 'CONSTR_PRIMARY':
      if (existing && c.indexname === undefined) find('add-primary-key');
      return;
    case 'CONSTR_EXCLUSION':
      if (existing) find('exclusion-constraint');
      return;
    default:
      return;
  }
}

function lintRename(s: RenameStmt, existing: (table: string) => boolean, find: Find, state: MigrationState): void {
  const table = relName(s.relation);
  switch (s.renameType) {
    case 'OBJECT_TABLE':
      if (existing(table)) {
        find('rename-table');
        state.locked = true;
      }
      longName(s.newname, PREFIXED_NAME_MAX_BYTES, find);
      return;
    case 'OBJECT_COLUMN':
      if (existing(table)) {
        find('rename-column');
        state.locked = true;
      }
      longName(s.newname, PG_IDENTIFIER_MAX_BYTES, find);
      return;
    case 'OBJECT_SCHEMA':
      return find('rename-schema');
    case 'OBJECT_INDEX':
    case 'OBJECT_TABCONSTRAINT':
      longName(s.newname, PREFIXED_NAME_MAX_BYTES, find);
      return;
    default:
      return;
  }
}

/** SET lock_timeout = 0 (any unit), RESET lock_timeout / ALL, SET lock_timeout TO DEFAULT: the runner's bound is gone. */
function disablesLockTimeout(s: VariableSetStmt): boolean {
  if (s.kind === 'VAR_RESET_ALL') return true;
  if (s.name !== 'lock_timeout') return false;
  if (s.kind === 'VAR_RESET' || s.kind === 'VAR_SET_DEFAULT') return true;
  if (s.kind !== 'VAR_SET_VALUE') return false;
  const [arg] = s.args ?? [];
  if (arg === undefined || !('A_Const' in arg)) return false;
  const value = arg.A_Const;
  if (value.ival !== undefined) return (value.ival.ival ?? 0) === 0;
  if (value.sval !== undefined) return Number.parseFloat(value.sval.sval ?? '') === 0;
  return false;
}

function duplicates(list: readonly string[], find: Find): void {
  if (new Set(list).size !== list.length) find('duplicate-column');
}

function longName(name: string | undefined, max: number, find: Find): void {
  if (name !== undefined && Buffer.byteLength(name) > max) find('identifier-too-long');
}
