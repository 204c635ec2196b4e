/**
 * Time with an explicit zone: wall-clock times in the person's zone (Asia/Shanghai by
 * default) to instants with offsets, and back. Pure (Intl is part of the language).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  hour: number;
  minute: number;
}

export function localParts(instant: string | number, tz: string): LocalParts {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const local = Math.trunc(ms + offsetAt(ms, tz) * 60000); // as new Date() clips it
  const day = Math.floor(local / DAY_MS);
  // Arithmetic on the local instant, the date text once per day: this runs for every event of a report.
  if (Number.isFinite(day) && Math.abs(local) <= 8.64e15) {
    const inDay = local - day * DAY_MS;
    return { date: dateOfDay(day), hour: Math.floor(inDay / 3_600_000), minute: Math.floor(inDay / 60_000) % 60 };
  }
  const d = new Date(local);
  return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');
const dayDates = new Map<number, string>();
function dateOfDay(day: number): string {
  let s = dayDates.get(day);
  if (s === undefined) {
    const d = new Date(day * DAY_MS);
    s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (dayDates.size > 100_000) dayDates.clear();
    dayDates.set(day, s);
  }
  return s;
}

/**
 * The zone's offset from UTC in minutes at an instant. Offsets change at most on the
 * quarter hour, so results are cached per zone and quarter hour: Intl's formatToParts is
 * slow, and a 100,000-row import asks this for every row.
 */
const offsetCache = new Map<string, Map<number, number>>();
export function offsetAt(ms: number, tz: string): number {
  let zone = offsetCache.get(tz);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(tz, zone);
  }
  const quarter = Math.floor(ms / 900_000);
  let v = zone.get(quarter);
  if (v === undefined) {
    v = computeOffset(ms, tz);
    if (zone.size > 100_000) zone.clear();
    zone.set(quarter, v);
  }
  return v;
}

/** The formatter's text for an ordinary year, "MM/DD/YYYY, HH:MM:SS" (en-US, h23). */
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function computeOffset(ms: number, tz: string): number {
  const f = formatter(tz);
  const date = new Date(ms);
  // The formatted text read back (several times faster than formatToParts: a report or an
  // import over a year of events asks for tens of thousands of quarter hours); the parts
  // when the text is not in the ordinary form.
  const m = FORMATTED.exec(f.format(date));
  const p = m !== null ? { year: m[3], month: m[1], day: m[2], hour: m[4], minute: m[5], second: m[6] } : Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A date (and perhaps a time of day) as a person typed it, read into its parts. */
export interface TypedDate {
  /** YYYY-MM-DD. */
  date: string;
  /** HH:MM:SS, when a time of day was typed. */
  time?: string;
}

/** The formats every date input accepts, for messages (the same words everywhere). */
export const DATE_FORMATS = {
  zh: '2025-11-02、2025/11/02、2025.11.02、2025年11月2日 或 11月2日（当年）',
  en: '2025-11-02, 2025/11/02, 2025.11.02, 2025年11月2日 or 11月2日 (this year)',
} as const;

/** The formats every date-and-time input accepts, for messages. */
export const DATE_TIME_FORMATS = {
  zh: '2025-11-02 23:15、2025/11/02 23:15、2025年11月2日 23:15 或 11月2日 23:15（时间用 24 小时制）',
  en: '2025-11-02 23:15, 2025/11/02 23:15, 2025年11月2日 23:15 or 11月2日 23:15 (24-hour clock)',
} as const;

const NUMERIC_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CHINESE_DATE = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const TIME_OF_DAY = /^(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?$|^(\d{1,2})\s*[点时](?:\s*(\d{1,2})\s*分?)?$/;
/** A date, then a time of day after a space, a "T", or directly after 日/号. */
const DATE_THEN_TIME = /^(.*?)(?:\s+|T|(?<=[日号]))(\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?|\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分?)?)$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined; // 2026-02-30
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function dateOnly(text: string, today: string, noYear: 'latest' | 'this year'): string | undefined {
  const n = NUMERIC_DATE.exec(text);
  if (n !== null) return validDate(Number(n[1]), Number(n[3]), Number(n[4]));
  const c = CHINESE_DATE.exec(text);
  if (c === null) return undefined;
  if (c[1] !== undefined) return validDate(Number(c[1]), Number(c[2]), Number(c[3]));
  // No year: for a contact recorded, the latest such day up to today ("12月5日" typed on 2026-12-01
  // is 2025-12-05: it has happened); for a period's bound, this year's ("12月1日 to 12月31日").
  const thisYear = Number(today.slice(0, 4));
  const d = validDate(thisYear, Number(c[2]), Number(c[3]));
  return noYear === 'latest' && d !== undefined && d > today ? (validDate(thisYear - 1, Number(c[2]), Number(c[3])) ?? d) : d;
}

function timeOnly(text: string): string | undefined {
  const m = TIME_OF_DAY.exec(text);
  if (m === null) return undefined;
  const [h, mi, s] = m[1] !== undefined ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [Number(m[4]), Number(m[5] ?? 0), 0];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

/**
 * The one reader of dates people type, used by every date input: 2025-11-02, 2025/11/02,
 * 2025.11.02, 2025年11月2日, 11月2日 (the latest such day up to `today`, by default today in
 * Asia/Shanghai: this year's, or last year's when this year's has not come), each optionally
 * followed by a time of day (23:15, 23:15:30, 23点15分). Undefined when the text is none of
 * these or names no real day.
 */
export function readTypedDate(text: string, today = todayInShanghai(), noYear: 'latest' | 'this year' = 'latest'): TypedDate | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  const date = dateOnly(t, today, noYear);
  if (date !== undefined) return { date };
  const m = DATE_THEN_TIME.exec(t);
  if (m === null) return undefined;
  const d = dateOnly(m[1]!.trim(), today, noYear);
  const time = timeOnly(m[2]!.trim());
  return d === undefined || time === undefined ? undefined : { date: d, time };
}

/** A typed date without a time of day as YYYY-MM-DD; undefined when it is not one. */
export function readDate(text: string): string | undefined {
  const r = readTypedDate(text);
  return r === undefined || r.time !== undefined ? undefined : r.date;
}

function withOffset(date: string, time: string, tz: string): string;
function withOffset(date: string, time: string, tz: string, gap: 'refuse'): string | undefined;
function withOffset(date: string, time: string, tz: string, gap?: 'refuse'): string | undefined {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  return offsetText(`${date}T${time}`, Date.UTC(y, mo - 1, d, h, mi, s), tz, gap);
}

/**
 * "YYYY-MM-DDTHH:MM:SS" (a wall-clock time in `tz`, `guess` its instant read as UTC) with the
 * zone's offset then. A time the clocks skipped (the hour lost when daylight saving starts)
 * never happened there: with `gap` 'refuse' it gives undefined, else the offset before the change.
 */
function offsetText(local: string, guess: number, tz: string): string;
function offsetText(local: string, guess: number, tz: string, gap: 'refuse' | undefined): string | undefined;
function offsetText(local: string, guess: number, tz: string, gap?: 'refuse'): string | undefined {
  let offset = offsetAt(guess, tz);
  offset = offsetAt(guess - offset * 60000, tz);
  // A wall-clock time that exists reads back with the offset it was given; one in a gap does not.
  if (gap === 'refuse' && offsetAt(guess - offset * 60000, tz) !== offset) return undefined;
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Days in a month (1–12) of a year, as validDate counts them. */
const monthDays = new Map<number, number>();
function daysInMonth(y: number, m: number): number {
  const k = y * 16 + m;
  let n = monthDays.get(k);
  if (n === undefined) {
    n = new Date(Date.UTC(y, m, 0)).getUTCDate();
    monthDays.set(k, n); // at most 1,100 years × 12 months
  }
  return n;
}

/**
 * A date and time → an instant with offset: "2026-11-20 23:15" (or any form readTypedDate
 * reads, with a time of day) in a zone → "2026-11-20T23:15:00+08:00". A time that already
 * has an offset or Z is returned normalised. Undefined when the text is not a date and time,
 * or is one the zone's clocks skipped (skippedByClocks tells which).
 */
export function toInstant(text: string, tz: string): string | undefined {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : t.replace(' ', 'T');
  }
  // The common form first, without the general reader: imports read this for every row.
  const m = LOCAL.exec(t);
  if (m !== null) {
    // Every part is already two (the year four) digits: the texts are the parts as validDate and timeOnly would write them.
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const s = m[6] === undefined ? 0 : Number(m[6]);
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
    return offsetText(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`, Date.UTC(y, mo - 1, d, h, mi, s), tz, 'refuse');
  }
  const r = readTypedDate(t, localParts(Date.now(), tz).date);
  return r === undefined || r.time === undefined ? undefined : withOffset(r.date, r.time, tz, 'refuse');
}

/** Whether a date and time toInstant cannot place in `tz` is one the zone's clocks skipped (it reads as a time in UTC). */
export function skippedByClocks(text: string, tz: string): boolean {
  return toInstant(text, tz) === undefined && toInstant(text, 'UTC') !== undefined;
}

/** Minutes since midnight for "HH:MM". */
/** "2026-11-20 23:15": an instant as the clock read in the zone (the event's own), as a person and a letter show it. */
export function shownTime(instant: string, tz: string): string {
  const p = localParts(instant, tz);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Beijing's offset from UTC, in minutes (China keeps one zone and no daylight saving). */
export const BEIJING_OFFSET = 480;

/** "UTC+9", "UTC+5:30", "UTC-3": an offset from UTC in minutes (offsetAt's), for a time that is not Beijing's. */
export function utcOffsetLabel(off: number): string {
  const a = Math.abs(off);
  return `UTC${off < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}

export function minutesOf(hhmm: string): number {
  let v = minutesCache.get(hhmm);
  if (v === undefined) {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    v = h * 60 + m;
    if (minutesCache.size > 1000) minutesCache.clear();
    minutesCache.set(hhmm, v);
  }
  return v;
}
/** The night window's bounds are read for every event of a report: read each text once. */
const minutesCache = new Map<string, number>();

/** Whether a local time falls in a window that may wrap midnight (22:00–08:00). */
export function inWindow(parts: LocalParts, start: string, end: string): boolean {
  const t = parts.hour * 60 + parts.minute;
  const a = minutesOf(start);
  const b = minutesOf(end);
  return a <= b ? t >= a && t < b : t >= a || t < b;
}

/**
 * A period bound typed by a person — a date (the start or the end of that day) or a date
 * and time, in any form readTypedDate reads, or an instant with offset — as an instant in
 * `tz`; undefined when it cannot be read.
 */
export function periodBound(text: string, end: 'start' | 'end', tz: string): string | undefined {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/.test(t)) return toInstant(t, tz);
  const r = readTypedDate(t, localParts(Date.now(), tz).date, 'this year');
  if (r === undefined) return undefined;
  return withOffset(r.date, r.time ?? (end === 'start' ? '00:00:00' : '23:59:59'), tz);
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD: the default incident date. */
export function todayInShanghai(now = new Date()): string {
  // China has kept UTC+8 all year since 1991: a fixed offset is exact and avoids loading ICU time zones.
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
