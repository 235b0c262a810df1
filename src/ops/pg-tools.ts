import { spawn } from 'node:child_process';
import { operationsSettings, type PostgresSettings } from '../config/index.js';
import { passwordOf, redactSecrets } from '../errors/redact.js';
import { formatLooseUrl, parseLooseUrl } from '../config/loose-url.js';
import { OpsError } from './ops-error.js';

/**
 * Runs pg_dump / pg_restore against the configured server. The password goes through PGPASSWORD, never on
 * the command line (where `ps` would show it), and never into messages.
 */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', appSettings: PostgresSettings, args: readonly string[]): Promise<string> {
  // pg_dump needs one server session for its snapshot; a transaction-mode pooler cannot give it one.
  const settings = operationsSettings(appSettings);
  const password = passwordOf(settings.url.reveal());
  // libpq reads every form of the URL itself (IPv6 literals, ?host=/socket/folder); only the password is taken out.
  const loose = parseLooseUrl(settings.url.reveal());
  loose.url.password = '';
  const url = formatLooseUrl(loose);
  const env = { ...process.env, ...(password === undefined ? {} : { PGPASSWORD: password }), PGCONNECT_TIMEOUT: String(Math.ceil(settings.connectTimeoutMs / 1000)) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${url}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new OpsError(missing ? `${tool} is not installed (or not on PATH)` : `${tool} could not start: ${error.message}`, {
          code: missing ? 'OPS_TOOL_MISSING' : 'OPS_TOOL_FAILED',
          subject: tool,
          hint: missing ? 'install the PostgreSQL client tools of the server\'s major version (Debian: apt-get install postgresql-client)' : 'see the message',
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new OpsError(`${tool} failed (exit ${code}): ${redactSecrets(output.trim(), [password, settings.url.reveal()])}`, {
            code: 'OPS_TOOL_FAILED',
            subject: tool,
            hint: 'check that the client tools match the server version and that the user may read these tables',
          }),
        );
    });
  });
}
