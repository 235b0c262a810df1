import { redactSecrets } from '../../errors/redact.js';
import { ConnectionError, type ConnectionErrorCode } from '../connection-error.js';
import { SOCKET_CODES } from '../socket-codes.js';

/** The error and its causes, outermost first (fetch wraps the socket's error in `cause`). */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 8; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A failure to reach a libSQL server as a ConnectionError, or undefined when the server answered (an SQL
 * error is the caller's). The token is scrubbed from the message: a client may echo its request.
 */
export function remoteConnectionError(url: string, error: unknown, token: string | undefined): ConnectionError | undefined {
  const links = chain(error);
  const texts = links.map(messageOf);
  const socket = links.map((e) => String((e as { code?: unknown }).code ?? '')).find((code) => SOCKET_CODES[code] !== undefined);
  const status = /HTTP status (40[13])/.exec(texts.join(' '))?.[1];
  let code: ConnectionErrorCode | undefined;
  let hint: string;
  if (status !== undefined) {
    code = 'CONNECTION_AUTH_FAILED';
    hint = 'set DATABASE_AUTH_TOKEN to a token the server accepts (turso db tokens create <db>; for sqld, a JWT signed by the key of --auth-jwt-key-file)';
  } else if (socket !== undefined) {
    code = SOCKET_CODES[socket];
    hint = code === 'CONNECTION_HOST_NOT_FOUND' ? 'check the host name in DATABASE_URL' : 'check that the libSQL server is running and DATABASE_URL names its address and port';
  } else if (texts.some((t) => /WebSocket was closed|HRANA_WEBSOCKET_ERROR|fetch failed/.test(t))) {
    // Over WebSocket a refused token and a server that went away look the same: the socket closes.
    code = 'CONNECTION_FAILED';
    hint = 'check that the libSQL server is running at DATABASE_URL and that DATABASE_AUTH_TOKEN is one it accepts';
  } else {
    return undefined;
  }
  const detail = redactSecrets(texts[texts.length - 1] ?? '', [token]);
  return new ConnectionError(`cannot reach the libSQL server ${url}: ${detail}`, { code: code ?? 'CONNECTION_FAILED', subject: 'DATABASE_URL', hint, cause: error });
}
