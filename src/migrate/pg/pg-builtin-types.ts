/**
 * Type names PostgreSQL resolves in pg_catalog when written unqualified (`text`, `jsonb`, `uuid`): a migration
 * may use them. The parser already turns the SQL-standard spellings (`integer`, `timestamp with time zone`,
 * `varchar(n)`) into `pg_catalog.<name>`. Listed from PostgreSQL 15's pg_type (base, pseudo, range and
 * multirange types of pg_catalog, arrays left out: an array is written `text[]`); test/migrate/prefix-isolation
 * checks every name against the live server.
 */
export const PG_BUILTIN_TYPES: ReadonlySet<string> = new Set(
  (
    'aclitem any anyarray anycompatible anycompatiblearray anycompatiblemultirange anycompatiblenonarray anycompatiblerange anyelement anyenum ' +
    'anymultirange anynonarray anyrange bit bool box bpchar bytea char cid cidr circle cstring date datemultirange daterange event_trigger ' +
    'fdw_handler float4 float8 gtsvector index_am_handler inet int2 int2vector int4 int4multirange int4range int8 int8multirange int8range ' +
    'internal interval json jsonb jsonpath language_handler line lseg macaddr macaddr8 money name numeric nummultirange numrange oid oidvector ' +
    'path pg_lsn pg_snapshot point polygon record refcursor regclass regcollation regconfig regdictionary regnamespace regoper regoperator ' +
    'regproc regprocedure regrole regtype table_am_handler text tid time timestamp timestamptz timetz trigger tsm_handler tsmultirange tsquery ' +
    'tsrange tstzmultirange tstzrange tsvector txid_snapshot unknown uuid varbit varchar void xid xid8 xml'
  ).split(' '),
);

/**
 * The serial spellings: not types in pg_type but shorthands the server expands, in `CREATE TABLE` and
 * `ADD COLUMN`, into an integer column with a sequence named after the (prefixed) table.
 */
export const PG_SERIAL_TYPES: ReadonlySet<string> = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);
