/**
 * A URL whose host may be empty, as libpq allows: `postgres://user@/db?host=/var/run/postgresql` (a Unix
 * socket) or `postgres:///db?host=/tmp`. WHATWG URL refuses user info without a host, so such a URL is
 * parsed with a stand-in host and written back without it.
 */
export interface LooseUrl {
  /** The parsed URL; when `hostless`, its host is a stand-in that must not be used. */
  readonly url: URL;
  readonly hostless: boolean;
}

const STAND_IN_HOST = 'localhost';

/** Parses like `new URL` (and throws what it throws), except that an empty host is allowed. */
export function parseLooseUrl(text: string): LooseUrl {
  const scheme = text.indexOf('://');
  if (scheme < 0) return { url: new URL(text), hostless: false };
  const start = scheme + 3;
  const ends = ['/', '?', '#'].map((c) => text.indexOf(c, start)).filter((i) => i >= 0);
  const end = ends.length === 0 ? text.length : Math.min(...ends);
  const hostStart = text.lastIndexOf('@', end - 1) >= start ? text.lastIndexOf('@', end - 1) + 1 : start;
  const hostAndPort = text.slice(hostStart, end);
  if (hostAndPort !== '' && !hostAndPort.startsWith(':')) return { url: new URL(text), hostless: false };
  return { url: new URL(`${text.slice(0, hostStart)}${STAND_IN_HOST}${text.slice(hostStart)}`), hostless: true };
}

/** The URL as text; a hostless one without its stand-in host. */
export function formatLooseUrl({ url, hostless }: LooseUrl): string {
  if (!hostless) return url.toString();
  const userInfo = url.username === '' && url.password === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  return `${url.protocol}//${userInfo}${url.port === '' ? '' : `:${url.port}`}${url.pathname}${url.search}${url.hash}`;
}
