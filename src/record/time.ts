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
  const d = new Date(ms + offsetAt(ms, tz) * 60000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * The zone's offset from UTC in minutes at an instant. Offsets change at most on the
 * quarter hour, so results are cached per zone and quarter hour: Intl's formatToParts is
 * slow, and a 100,000-row import asks this for every row.
 */
const offsetCache = new Map<string, number>();
function offsetAt(ms: number, tz: string): number {
  const key = `${tz}|${Math.floor(ms / 900_000)}`;
  let v = offsetCache.get(key);
  if (v === undefined) {
    v = computeOffset(ms, tz);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, v);
  }
  return v;
}

function computeOffset(ms: number, tz: string): number {
  const p = Object.fromEntries(formatter(tz).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-11-20 23:15" in a zone → "2026-11-20T23:15:00+08:00". A time that already has an
 * offset or Z is returned normalised. Undefined when the text is not a date and time.
 */
export function toInstant(text: string, tz: string): string | undefined {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : t.replace(' ', 'T');
  }
  const m = LOCAL.exec(t);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset = offsetAt(guess, tz);
  offset = offsetAt(guess - offset * 60000, tz);
  const check = new Date(guess);
  if (check.getUTCDate() !== d) return undefined; // 2026-02-30
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes since midnight for "HH:MM". */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether a local time falls in a window that may wrap midnight (22:00–08:00). */
export function inWindow(parts: LocalParts, start: string, end: string): boolean {
  const t = parts.hour * 60 + parts.minute;
  const a = minutesOf(start);
  const b = minutesOf(end);
  return a <= b ? t >= a && t < b : t >= a || t < b;
}

/**
 * A period bound typed by a person — a date (YYYY-MM-DD: the start or the end of that day)
 * or a local time — as an instant in `tz`; undefined when it cannot be read.
 */
export function periodBound(text: string, end: 'start' | 'end', tz: string): string | undefined {
  return toInstant(text.length === 10 ? `${text} ${end === 'start' ? '00:00' : '23:59:59'}` : text, tz);
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD: the default incident date. */
export function todayInShanghai(now = new Date()): string {
  // China has kept UTC+8 all year since 1991: a fixed offset is exact and avoids loading ICU time zones.
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
