import { redactUrl } from '../errors/redact.js';
import { DEFAULTS, DIRECT_URL_VARIABLES, type DbConfig, type RoleConfig } from './resolve-config.js';

/**
 * A human-readable, multi-line description of the configuration for logs and `pnpm db:info`.
 * Passwords are never shown, only whether one is set and where it came from.
 */
export function describeConfig(config: DbConfig): string {
  const src = (key: string) => `(${config.sources[key] ?? 'default'})`;
  const role = (key: 'admin' | 'app', r: RoleConfig) =>
    `  ${key.padEnd(5)} ${r.user} ${src(`${key}User`)}, password ${r.password === undefined ? 'not set' : `set ${src(`${key}Password`)}`}`;
  const lines = [
    `project   ${config.projectName} ${src('projectName')}`,
    `prefix    ${config.prefix} ${src('prefix')}`,
    `dialect   ${config.dialect} ${src('dialect')}`,
  ];
  if (config.postgres !== undefined) {
    const pg = config.postgres;
    const direct = pg.directUrl === undefined ? undefined : redactUrl(pg.directUrl.reveal());
    const replicas = (pg.replicaUrls ?? []).map((r) => redactUrl(r.reveal()));
    lines.push(
      `url       ${pg.redactedUrl} ${src('databaseUrl')}: the app's queries and the health check`,
      direct === undefined
        ? `direct    not set: migrations and operations use the url above (set ${DIRECT_URL_VARIABLES.join(', ')} when it is a pooler's)`
        : `direct    ${direct} (${pg.directUrlSubject ?? 'option'}): migrations and operations`,
      `replicas  ${replicas.length === 0 ? 'none (DATABASE_REPLICA_URLS not set)' : `${replicas.join(', ')}: the app's reads`}`,
      `pool      max ${pg.poolMax}, idle timeout ${pg.idleTimeoutMs} ms, connect timeout ${pg.connectTimeoutMs} ms, prepared statements ${pg.prepare === false ? 'off' : 'on'} ${src('prepare')}, insertBulk ${pg.copy === false ? 'INSERT' : 'COPY'} ${src('copy')}`,
      `ddl locks lock_timeout ${pg.ddlLockTimeoutMs ?? DEFAULTS.ddlLockTimeoutMs} ms per migration statement, ${pg.ddlLockRetries ?? DEFAULTS.ddlLockRetries} retries`,
    );
  } else if (config.sqlite.remote !== undefined) {
    const token = config.sqlite.remote.authToken === undefined ? 'not set' : `set ${src('authToken')}`;
    lines.push(`sqlite    libSQL server ${config.sqlite.remote.url} ${src('databaseUrl')}, auth token ${token}`);
  } else {
    lines.push(`sqlite    ${config.sqlite.path} ${src('sqlitePath')}, busy timeout ${config.sqlite.busyTimeoutMs} ms`);
  }
  lines.push(
    `ledger    ${config.names.ledgerTable}`,
    `databases ${Object.values(config.databases).join(', ')} ${src('databases')}`,
    'roles',
    role('admin', config.roles.admin),
    role('app', config.roles.app),
    `admin api ${config.adminToken === undefined ? 'disabled (ADMIN_TOKEN not set)' : 'token set'}`,
    `config    ${config.configFile.path} (${config.configFile.found ? 'found' : 'not found'})`,
  );
  for (const note of config.notes) lines.push(`note      ${note}`);
  return lines.join('\n');
}
