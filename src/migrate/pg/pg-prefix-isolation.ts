import { parsePgScript } from '../../sql/pg-parse.js';
import { isOwnName, type ObjectFinding, type OwnNames } from '../prefix-isolation.js';
import { PG_BUILTIN_TYPES, PG_SERIAL_TYPES } from './pg-builtin-types.js';

/**
 * Which objects a PostgreSQL statement touches that are not the prefix's, read from PostgreSQL's own parse
 * tree (libpg-query): every node is visited, so a name is found wherever the grammar allows one (FROM, JOIN,
 * sub-selects, CTEs, REFERENCES, INSERT/UPDATE/DELETE targets, DDL), not only where a pattern expects it.
 *
 * Rules: relations, indexes, sequences, types, constraints and functions must be `<prefix>_<base>`
 * (see OwnNames); a schema-qualified name must be in the runner's schema, except reads (SELECT) of pg_catalog
 * and information_schema; grantees, owners and granted roles must be the prefix's roles; statements on
 * server- or database-wide objects (roles, schemas, extensions, default privileges, `SET search_path`,
 * `SET ROLE`) and code the parser does not see into (`DO`, a non-SQL function body) are refused. Calls of
 * functions inside expressions (`nextval('b_seq')`, `'b_t'::regclass`) are not judged: their arguments are
 * strings, not names.
 */
export async function pgPrefixFindings(statement: string, own: OwnNames): Promise<ObjectFinding[]> {
  const parsed = await parsePgScript(statement);
  const out: ObjectFinding[] = [];
  for (const s of parsed) await new Walker(own, out).statement(s.node);
  return out;
}

type Mode = 'read' | 'write';
interface Scope {
  readonly mode: Mode;
  /** CTE names visible here: an unqualified relation of that name is the CTE, not a table. */
  readonly ctes: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const CATALOGS = new Set(['pg_catalog', 'information_schema']);

/** Statements on objects shared by every prefix on the server or in the database. */
const SHARED_STATEMENTS: Readonly<Record<string, string>> = {
  CreateRoleStmt: 'role',
  AlterRoleStmt: 'role',
  AlterRoleSetStmt: 'role',
  DropRoleStmt: 'role',
  CreateSchemaStmt: 'schema',
  CreatedbStmt: 'database',
  DropdbStmt: 'database',
  AlterDatabaseStmt: 'database',
  AlterDatabaseSetStmt: 'database',
  AlterSystemStmt: 'server setting',
  CreateExtensionStmt: 'extension',
  AlterExtensionStmt: 'extension',
  AlterExtensionContentsStmt: 'extension',
  CreateTableSpaceStmt: 'tablespace',
  DropTableSpaceStmt: 'tablespace',
  AlterTableSpaceOptionsStmt: 'tablespace',
  AlterDefaultPrivilegesStmt: 'default privileges',
  DropOwnedStmt: 'role',
  ReassignOwnedStmt: 'role',
  CreateEventTrigStmt: 'event trigger',
  AlterEventTrigStmt: 'event trigger',
  CreatePublicationStmt: 'publication',
  AlterPublicationStmt: 'publication',
  CreateSubscriptionStmt: 'subscription',
  AlterSubscriptionStmt: 'subscription',
  DropSubscriptionStmt: 'subscription',
  CreateFdwStmt: 'foreign-data wrapper',
  CreateForeignServerStmt: 'foreign server',
  CreateUserMappingStmt: 'user mapping',
  LoadStmt: 'library',
};

/** Object kinds named by a qualified name (List of String). */
const RELATION_KINDS = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE', 'OBJECT_STATISTIC_EXT', 'OBJECT_COLLATION', 'OBJECT_CONVERSION']);
/** Objects that live in a relation: the last name is theirs, the others the relation's. */
const SUBOBJECT_KINDS = new Set(['OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);
const TYPE_KINDS = new Set(['OBJECT_TYPE', 'OBJECT_DOMAIN']);
/** Renames whose new name is a relation-local name (no prefix needed). */
const LOCAL_RENAMES = new Set(['OBJECT_COLUMN', 'OBJECT_ATTRIBUTE', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

const kindWord = (objtype: unknown) => (typeof objtype === 'string' ? objtype.replace(/^OBJECT_/, '').toLowerCase().replaceAll('_', ' ') : 'object');

function strings(list: unknown): string[] | undefined {
  const items = isObj(list) && isObj(list.List) ? list.List.items : list;
  if (!Array.isArray(items)) return undefined;
  const out: string[] = [];
  for (const item of items) {
    if (!isObj(item) || !isObj(item.String) || typeof item.String.sval !== 'string') return undefined;
    out.push(item.String.sval);
  }
  return out;
}

class Walker {
  constructor(
    private readonly own: OwnNames,
    private readonly out: ObjectFinding[],
  ) {}

  private refuse(object: string, reason: string): void {
    this.out.push({ object, reason });
  }

  async statement(node: unknown): Promise<void> {
    await this.visit(node, { mode: 'write', ctes: new Set() });
  }

  /** A name of ours after prefixing: `<prefix>_<base>`, in our schema when qualified. */
  private named(kind: string, parts: readonly string[], mode: Mode, catalogOk = false): void {
    const name = parts.at(-1) ?? '';
    const shown = `${kind} ${parts.join('.')}`;
    if (parts.length > 2) return this.refuse(shown, 'a name qualified with a database');
    const schema = parts.length === 2 ? parts[0] : undefined;
    if (schema !== undefined && CATALOGS.has(schema)) {
      if (mode === 'read' || catalogOk) return;
      return this.refuse(shown, `a write to the system catalog ${schema}`);
    }
    if (schema !== undefined && schema !== this.own.schema) return this.refuse(shown, `outside schema ${this.own.schema}, the one this runner migrates`);
    if (isOwnName(name, this.own)) return;
    // pg_catalog is searched first, but a read of it is allowed only where it says so.
    const catalog = mode === 'read' && schema === undefined && name.startsWith('pg_') ? `; a catalog read is written pg_catalog.${name}` : '';
    this.refuse(shown, `not an object of prefix ${this.own.prefix}${catalog}`);
  }

  private rangeVar(rv: Obj, scope: Scope): void {
    const relname = typeof rv.relname === 'string' ? rv.relname : '';
    const parts = [rv.catalogname, rv.schemaname, relname].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length === 1 && scope.ctes.has(relname)) return;
    this.named('relation', parts, scope.mode);
  }

  private typeName(tn: Obj, write: boolean): void {
    const parts = strings(tn.names) ?? [];
    if (tn.pct_type === true) return this.named('relation', parts.slice(0, -1), 'read');
    if (!write && (parts[0] === 'pg_catalog' || (parts.length === 1 && (PG_BUILTIN_TYPES.has(parts[0] ?? '') || PG_SERIAL_TYPES.has(parts[0] ?? ''))))) return;
    this.named('type', parts, write ? 'write' : 'read');
  }

  private role(spec: Obj): void {
    if (spec.roletype === 'ROLESPEC_PUBLIC') return this.refuse('role PUBLIC', 'every role, including other prefixes\' roles');
    if (spec.roletype !== 'ROLESPEC_CSTRING') return; // CURRENT_USER, SESSION_USER, CURRENT_ROLE: the migrating role itself
    const name = typeof spec.rolename === 'string' ? spec.rolename : '';
    if (!this.own.roles.has(name)) this.refuse(`role ${name}`, `not a role of prefix ${this.own.prefix} (${[...this.own.roles].join(', ')})`);
  }

  /** An object named by kind in DROP, COMMENT, ALTER ... OWNER/SET SCHEMA, RENAME, GRANT: always a write. */
  private object(objtype: unknown, node: unknown): void {
    const kind = typeof objtype === 'string' ? objtype : '';
    if (isObj(node) && isObj(node.TypeName)) return this.typeName(node.TypeName, true);
    if (isObj(node) && isObj(node.ObjectWithArgs)) return this.routine(node.ObjectWithArgs);
    const parts = strings(node);
    if (parts !== undefined && (RELATION_KINDS.has(kind) || TYPE_KINDS.has(kind))) return this.named(kindWord(kind), parts, 'write');
    if (parts !== undefined && SUBOBJECT_KINDS.has(kind)) return this.named('relation', parts.slice(0, -1), 'write');
    const shown = parts?.join('.') ?? (isObj(node) && isObj(node.String) ? String(node.String.sval) : '?');
    this.refuse(`${kindWord(kind)} ${shown}`, 'an object this check cannot tie to the prefix (not a relation, type or function of it)');
  }

  private routine(owa: Obj): void {
    this.named('function', strings(owa.objname) ?? [], 'write');
  }

  private async visit(node: unknown, scope: Scope): Promise<void> {
    if (Array.isArray(node)) {
      for (const item of node) await this.visit(item, scope);
      return;
    }
    if (!isObj(node)) return;
    // Unwrapped nodes (fields typed as one node kind) are recognised by their shape.
    if (typeof node.relname === 'string') return this.rangeVar(node, scope);
    if (typeof node.roletype === 'string') return this.role(node);
    if (Array.isArray(node.names) && 'typemod' in node) {
      this.typeName(node, false);
      return this.visitFields(node, scope, ['names']);
    }
    if (Array.isArray(node.objname)) {
      this.routine(node);
      return this.visitFields(node, scope, ['objname']);
    }
    if (typeof node.contype === 'string') {
      for (const key of ['conname', 'indexname'] as const) if (typeof node[key] === 'string') this.named('constraint', [node[key] as string], 'write');
    }
    if (typeof node.defname === 'string' && (node.defname === 'owned_by' || node.defname === 'sequence_name')) {
      const parts = strings(node.arg) ?? [];
      if (node.defname === 'owned_by' && !(parts.length === 1 && parts[0] === 'none')) this.named('relation', parts.slice(0, -1), 'write');
      if (node.defname === 'sequence_name') this.named('sequence', parts, 'write');
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key in SHARED_STATEMENTS) {
        const what = SHARED_STATEMENTS[key] as string;
        this.refuse(`${what} ${describeShared(value)}`.trimEnd(), `a ${what} is shared by every prefix on the server; ${what === 'role' ? 'db:setup creates the prefix\'s roles' : 'change it outside the migrations'}`);
        continue;
      }
      if (isObj(value) && /^[A-Z]/.test(key)) await this.node(key, value, scope);
      else await this.visit(value, scope);
    }
  }

  private async visitFields(node: Obj, scope: Scope, skip: readonly string[]): Promise<void> {
    for (const [key, value] of Object.entries(node)) if (!skip.includes(key)) await this.visit(value, scope);
  }

  /** A wrapped node `{ Kind: body }`. */
  private async node(kind: string, body: Obj, scope: Scope): Promise<void> {
    switch (kind) {
      case 'SelectStmt':
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt':
      case 'MergeStmt':
        return this.query(kind, body, scope);
      case 'DropStmt':
        for (const o of Array.isArray(body.objects) ? body.objects : []) this.object(body.removeType, o);
        return;
      case 'CommentStmt':
      case 'SecLabelStmt':
      case 'AlterObjectDependsStmt':
        if (body.object !== undefined) this.object(body.objtype, body.object);
        return this.visitFields(body, scope, ['object']);
      case 'AlterOwnerStmt':
        this.object(body.objectType, body.object);
        return this.visitFields(body, scope, ['object']);
      case 'AlterObjectSchemaStmt':
        if (body.object !== undefined) this.object(body.objectType, body.object);
        if (body.newschema !== this.own.schema) this.refuse(`schema ${String(body.newschema)}`, `outside schema ${this.own.schema}, the one this runner migrates`);
        return this.visitFields(body, scope, ['object']);
      case 'RenameStmt': {
        if (body.object !== undefined) this.object(body.renameType, body.object);
        const local = LOCAL_RENAMES.has(String(body.renameType));
        if (!local && typeof body.newname === 'string') this.named(kindWord(body.renameType), [body.newname], 'write');
        if (body.renameType === 'OBJECT_TABCONSTRAINT' && typeof body.subname === 'string') this.named('constraint', [body.subname], 'write');
        return this.visitFields(body, scope, ['object']);
      }
      case 'IndexStmt':
        if (typeof body.idxname === 'string') this.named('index', [body.idxname], 'write');
        return this.visitFields(body, scope, []);
      case 'CreateEnumStmt':
      case 'AlterEnumStmt':
      case 'CreateRangeStmt':
      case 'AlterTypeStmt':
        this.named('type', strings(body.typeName) ?? [], 'write');
        return this.visitFields(body, scope, ['typeName']);
      case 'CreateDomainStmt':
        this.named('type', strings(body.domainname) ?? [], 'write');
        return this.visitFields(body, scope, ['domainname']);
      case 'DefineStmt':
        this.named(kindWord(body.kind), strings(body.defnames) ?? [], 'write');
        return this.visitFields(body, scope, ['defnames']);
      case 'CreateFunctionStmt':
        this.named('function', strings(body.funcname) ?? [], 'write');
        await this.functionBody(body);
        return this.visitFields(body, scope, ['funcname', 'options']);
      case 'CreateTrigStmt':
        this.named('function', strings(body.funcname) ?? [], 'write');
        return this.visitFields(body, scope, ['funcname']);
      case 'AlterTableCmd':
        if ((body.subtype === 'AT_DropConstraint' || body.subtype === 'AT_ValidateConstraint') && typeof body.name === 'string') this.named('constraint', [body.name], 'write');
        return this.visitFields(body, scope, []);
      case 'GrantStmt':
        if (body.targtype !== 'ACL_TARGET_OBJECT') this.refuse(`every ${kindWord(body.objtype)} in schema ${(strings(body.objects) ?? []).join(', ')}`, 'other prefixes\' objects too');
        else if (body.objtype !== 'OBJECT_TABLE' && body.objtype !== 'OBJECT_SEQUENCE') for (const o of Array.isArray(body.objects) ? body.objects : []) this.object(body.objtype, o);
        else await this.visit(body.objects, scope);
        return this.visit(body.grantees, scope);
      case 'GrantRoleStmt':
        for (const p of Array.isArray(body.granted_roles) ? body.granted_roles : []) {
          const name = isObj(p) && isObj(p.AccessPriv) ? String(p.AccessPriv.priv_name) : '?';
          if (!this.own.roles.has(name)) this.refuse(`role ${name}`, `not a role of prefix ${this.own.prefix} (${[...this.own.roles].join(', ')})`);
        }
        return this.visitFields(body, scope, ['granted_roles']);
      case 'VariableSetStmt': {
        const name = String(body.name ?? '');
        if (name === 'search_path' || name === 'role' || name === 'session_authorization' || body.kind === 'VAR_RESET_ALL') this.refuse(`setting ${name === '' ? 'ALL' : name}`, 'it changes which objects unqualified names reach, or who runs the statements that follow');
        return;
      }
      case 'DoStmt':
        return this.refuse('a DO block', 'procedural code this check cannot read');
      case 'ReindexStmt':
        if (body.relation === undefined) this.refuse(`every index of ${String(body.name ?? 'the database')}`, 'other prefixes\' indexes too');
        return this.visitFields(body, scope, []);
      default:
        return this.visit(body, scope);
    }
  }

  /** SELECT/INSERT/UPDATE/DELETE/MERGE: its CTEs are scoped, its target is written, the rest is read. */
  private async query(kind: string, body: Obj, outer: Scope): Promise<void> {
    const withClause = isObj(body.withClause) ? body.withClause : undefined;
    const ctes = (Array.isArray(withClause?.ctes) ? withClause.ctes : []).flatMap((c) => (isObj(c) && isObj(c.CommonTableExpr) ? [c.CommonTableExpr] : []));
    const names = ctes.map((c) => String(c.ctename));
    const recursive = withClause?.recursive === true;
    for (const [i, cte] of ctes.entries()) {
      // A non-recursive CTE sees only the ones before it; any other name in it is a table.
      const visible = new Set([...outer.ctes, ...(recursive ? names : names.slice(0, i))]);
      await this.visit(cte.ctequery, { mode: 'read', ctes: visible });
    }
    const inner: Scope = { mode: 'read', ctes: new Set([...outer.ctes, ...names]) };
    for (const [key, value] of Object.entries(body)) {
      if (key === 'withClause') continue;
      if (key === 'relation' && kind !== 'SelectStmt') {
        // The target of a write: never a CTE, never a catalog.
        if (isObj(value)) this.rangeVar(value, { mode: 'write', ctes: new Set() });
      } else if (key === 'intoClause' && isObj(value)) {
        await this.visit(value, { mode: 'write', ctes: new Set() });
      } else {
        await this.visit(value, inner);
      }
    }
  }

  /** A LANGUAGE sql body given as a string is parsed and checked; other languages are code this check cannot read. */
  private async functionBody(body: Obj): Promise<void> {
    if (body.sql_body !== undefined) return;
    const options = Array.isArray(body.options) ? body.options.filter(isObj).map((o) => (isObj(o.DefElem) ? o.DefElem : {})) : [];
    const language = options.find((o) => o.defname === 'language');
    const lang = isObj(language?.arg) && isObj(language.arg.String) ? String(language.arg.String.sval) : 'sql';
    const as = strings(options.find((o) => o.defname === 'as')?.arg);
    const name = (strings(body.funcname) ?? []).join('.');
    if (lang !== 'sql' || as === undefined || as.length !== 1) return this.refuse(`the body of function ${name}`, `${lang} code this check cannot read`);
    for (const inner of await parsePgScript(as[0] as string)) await this.statement(inner.node);
  }
}

function describeShared(value: unknown): string {
  if (!isObj(value)) return '';
  for (const key of ['role', 'schemaname', 'dbname', 'extname', 'tablespacename', 'trigname', 'pubname', 'subname', 'fdwname', 'servername', 'filename']) {
    const v = value[key];
    if (typeof v === 'string') return v;
    if (isObj(v) && typeof v.rolename === 'string') return v.rolename;
  }
  const roles = Array.isArray(value.roles) ? value.roles.flatMap((r) => (isObj(r) && isObj(r.RoleSpec) && typeof r.RoleSpec.rolename === 'string' ? [r.RoleSpec.rolename] : [])) : [];
  return roles.join(', ');
}
