/**
 * PostgreSQL's text form of a `timestamptz` (DateStyle ISO: `0099-12-31 23:59:59.999+00`, `+05:30`, ` BC`)
 * as a Date; also its JSON form (`0099-12-31T23:59:59.999+00:00`), which drizzle's relational queries on `db.app`
 * hand to the column (the accessors' own nested reads send the text form). Not `new Date(text)`: V8 reads the year `0099` of that form as 1999, so years 1 to 99 came back
 * 1900 or 2000 years off.
 */
const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?( BC)?$/;

export function parsePgTimestamptz(text: string): Date {
  // Every timestamp of every row read goes through here: the common form (years 1000-9999, an offset in whole
  // hours or hours and minutes) is read digit by digit; anything else takes the full pattern below.
  const fast = fastTimestamptz(text);
  if (fast !== undefined) return fast;
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

/** Two decimal digits at `at`, or -1. */
function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `2026-01-02 03:04:05.678+00` (fraction 0-6 digits, offset +HH or +HH:MM), or undefined for any other form. */
function fastTimestamptz(text: string): Date | undefined {
  if (text.length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const century = two(text, 0);
  const yy = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  // Years before 1000 are rare and Date.UTC maps 0-99 to 1900-1999: the full pattern handles them.
  if (century < 10 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    at += 1;
    let digits = 0;
    for (; at < text.length; at++) {
      const d = text.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      // Milliseconds: the first three digits (PostgreSQL's timestamp(3) prints at most three).
      if (digits < 3) ms = ms * 10 + d;
      digits += 1;
    }
    if (digits === 0 || digits > 6) return undefined;
    for (let k = Math.min(digits, 3); k < 3; k++) ms *= 10;
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return undefined;
  const offsetHours = two(text, at + 1);
  if (offsetHours < 0) return undefined;
  let offsetMinutes = 0;
  let end = at + 3;
  if (text.charCodeAt(end) === 58) {
    offsetMinutes = two(text, end + 1);
    if (offsetMinutes < 0) return undefined;
    end += 3;
  }
  if (end !== text.length) return undefined;
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  return new Date(Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, ms) - offsetMs);
}
