import type { DbConfig, RoleConfig } from './resolve-config.js';

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
    lines.push(
      `url       ${config.postgres.redactedUrl} ${src('databaseUrl')}`,
      `pool      max ${config.postgres.poolMax}, idle timeout ${config.postgres.idleTimeoutMs} ms, connect timeout ${config.postgres.connectTimeoutMs} ms`,
    );
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
