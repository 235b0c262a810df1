import type { ConnectionErrorCode } from './connection-error.js';

/**
 * What the operating system's (and undici's) socket error codes mean, for any server this package connects to:
 * PostgreSQL (postgres/connection-failure.ts) and a libSQL server (sqlite/remote-failure.ts).
 */
export const SOCKET_CODES: Readonly<Record<string, ConnectionErrorCode>> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  CONNECT_TIMEOUT: 'CONNECTION_TIMEOUT',
  ETIMEDOUT: 'CONNECTION_TIMEOUT',
  UND_ERR_CONNECT_TIMEOUT: 'CONNECTION_TIMEOUT',
  ENETUNREACH: 'CONNECTION_UNREACHABLE',
  EHOSTUNREACH: 'CONNECTION_UNREACHABLE',
  EADDRNOTAVAIL: 'CONNECTION_UNREACHABLE',
  ECONNRESET: 'CONNECTION_FAILED',
  ENOTFOUND: 'CONNECTION_HOST_NOT_FOUND',
  EAI_AGAIN: 'CONNECTION_HOST_NOT_FOUND',
};
