/**
 * PostgreSQL's text form of a `timestamptz` (DateStyle ISO: `0099-12-31 23:59:59.999+00`, `+05:30`, ` BC`)
 * as a Date. Not `new Date(text)`: V8 reads the year `0099` of that form as 1999, so years 1 to 99 came back
 * 1900 or 2000 years off.
 */
const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?( BC)?$/;

export function parsePgTimestamptz(text: string): Date {
  const m = TIMESTAMPTZ.exec(text);
  if (m === null) throw new Error(`PostgreSQL returned the timestamp ${JSON.stringify(text)} in a form this toolkit does not read (DateStyle must be ISO; infinity is not a Date)`);
  const year = m[12] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  const fraction = m[7];
  const ms = fraction === undefined ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0'));
  const offsetSeconds = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * (m[8] === '-' ? -1 : 1);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  // Date.UTC maps the years 0 to 99 to 1900 to 1999: those (and BC) go through setUTCFullYear instead.
  if (year >= 100) return new Date(Date.UTC(year, month, day, Number(m[4]), Number(m[5]), Number(m[6]), ms) - offsetSeconds * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms);
  return new Date(date.getTime() - offsetSeconds * 1000);
}
