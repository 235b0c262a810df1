import { formatLooseUrl, parseLooseUrl } from '../config/loose-url.js';

/** What replaces a secret in every message, description and log line. */
export const REDACTED = '***';

/**
 * Returns the URL with its password replaced. Input that does not parse as a URL is returned with anything
 * between `://user:` and `@` masked, because a malformed URL may still carry a password.
 */
export function redactUrl(url: string): string {
  // Without `//` the text has no authority part for URL to parse (`user:pw@host/db`): mask it by hand.
  if (!url.includes('://')) return maskUserInfo(url);
  try {
    // Loose: a Unix-socket URL (postgres://user:pw@/db?host=/run/postgresql) has no host for WHATWG URL.
    const loose = parseLooseUrl(url);
    const parsed = loose.url;
    if (parsed.password !== '') parsed.password = REDACTED;
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass(word)?|secret|token/i.test(key)) parsed.searchParams.set(key, REDACTED);
    }
    return formatLooseUrl(loose);
  } catch {
    return maskUserInfo(url);
  }
}

/** `key=value` query parameters whose key names a secret, masked by hand in a URL that does not parse. */
function maskSecretParameters(text: string): string {
  const query = text.indexOf('?');
  if (query < 0) return text;
  const masked = text
    .slice(query + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq > 0 && /pass(word)?|secret|token/i.test(part.slice(0, eq)) ? `${part.slice(0, eq)}=${REDACTED}` : part;
    });
  return `${text.slice(0, query + 1)}${masked.join('&')}`;
}

function maskUserInfo(text: string): string {
  return maskSecretParameters(maskUserInfoOnly(text));
}

function maskUserInfoOnly(text: string): string {
  const scheme = text.indexOf('://');
  const start = scheme < 0 ? 0 : scheme + 3;
  const at = text.lastIndexOf('@');
  if (at < start) return text;
  const userInfo = text.slice(start, at);
  const colon = userInfo.indexOf(':');
  if (colon < 0) return text;
  return `${text.slice(0, start)}${userInfo.slice(0, colon)}:${REDACTED}${text.slice(at)}`;
}

/**
 * Removes every occurrence of the given secrets from a text (messages from drivers can echo a password
 * back, for example in an authentication error).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** The decoded password of a URL, or undefined; for scrubbing it from driver messages and passing it via env. */
export function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(parseLooseUrl(url).url.password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}
