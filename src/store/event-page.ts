/**
 * What the record page reads instead of every event: one page of events at a time, newest
 * first, through a cursor (keyset paging on the listing's own order, occurred_utc then id), and
 * the counts the charts draw (per local day, per local hour, per kind) from an aggregate query.
 * Shared by every store, so that each answers the same.
 */
import type { StoredEvent } from '../record/schemas.js';
import { localParts, offsetAt } from '../record/time.js';

/** Where a page ends: the last event's UTC time (as stored) and id. The next page starts after it. */
export interface EventCursor {
  utc: string;
  id: string;
}

export interface EventPageRequest {
  /** Events strictly older than this one (in the listing's order), or from the newest. */
  before?: EventCursor;
  /** How many events at most (1 to MAX_PAGE). */
  limit: number;
}

export interface EventPage {
  /** Newest first. */
  events: StoredEvent[];
  /** The cursor of the next (older) page; undefined when this page is the last. */
  next: EventCursor | undefined;
  /** How many events the filter matches in all. */
  total: number;
}

export interface EventCounts {
  total: number;
  byKind: Record<string, number>;
  /** Days with events, in date order (local dates, each event in its own zone, as the harassment report). */
  perDay: { date: string; count: number }[];
  /** 24 counts, local hours. */
  perHour: number[];
}

/** The most events one page may hold. */
export const MAX_PAGE = 200;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([0-9A-Za-z_-]{1,64})$/;

/** A cursor as text (for a URL): `<utc>~<id>`. */
export function cursorText(c: EventCursor): string {
  return `${c.utc}~${c.id}`;
}

/** A cursor read back from text; undefined when it is not one. */
export function parseCursor(s: string): EventCursor | undefined {
  const m = CURSOR.exec(s);
  return m === null ? undefined : { utc: m[1]!, id: m[2]! };
}

/**
 * The SQL that counts events by zone and UTC hour, each hour split into its four quarters
 * (every zone's offset, and every change of it, falls on a quarter hour, so a quarter lies in
 * one local hour): a few rows per hour of the record, however many events. `?` placeholders
 * and standard SQL (the PostgreSQL store numbers them).
 */
export const COUNT_BUCKETS_SQL = (where: string): string => `SELECT time_zone AS zone, substr(occurred_utc, 1, 13) AS hour,
    SUM(CASE WHEN substr(occurred_utc, 15, 2) < '15' THEN 1 ELSE 0 END) AS q0,
    SUM(CASE WHEN substr(occurred_utc, 15, 2) >= '15' AND substr(occurred_utc, 15, 2) < '30' THEN 1 ELSE 0 END) AS q1,
    SUM(CASE WHEN substr(occurred_utc, 15, 2) >= '30' AND substr(occurred_utc, 15, 2) < '45' THEN 1 ELSE 0 END) AS q2,
    SUM(CASE WHEN substr(occurred_utc, 15, 2) >= '45' THEN 1 ELSE 0 END) AS q3
  FROM events ${where} GROUP BY time_zone, substr(occurred_utc, 1, 13)`;

export const COUNT_KINDS_SQL = (where: string): string => `SELECT kind, COUNT(*) AS n FROM events ${where} GROUP BY kind`;

export interface BucketRow {
  zone: string;
  hour: string;
  q0: number | string;
  q1: number | string;
  q2: number | string;
  q3: number | string;
}

/**
 * The counts from the bucket and kind rows: each quarter hour placed on its local day and hour
 * in its zone (`timezone` when an event has none), as the harassment report places each event.
 */
export function countsOf(buckets: Iterable<BucketRow>, kinds: Iterable<{ kind: string; n: number | string }>, timezone: string): EventCounts {
  const days = new Map<string, number>();
  const perHour = Array.from({ length: 24 }, () => 0);
  let total = 0;
  // A zone's offset for a whole UTC day when it is the same at the day's first and last quarter
  // hour (null when it changes that day: each quarter then asks localParts), so that a record
  // over months asks the zone's clock twice a day, not once per quarter hour.
  const dayOffsets = new Map<string, number | null>();
  const dates = new Map<number, string>();
  for (const b of buckets) {
    const zone = b.zone || timezone;
    const utcDate = b.hour.slice(0, 10);
    const key = `${zone}|${utcDate}`;
    let off = dayOffsets.get(key);
    if (off === undefined) {
      const start = Date.parse(`${utcDate}T00:00:00.000Z`);
      const first = offsetAt(start, zone);
      off = first === offsetAt(start + DAY_MS - QUARTER_MS, zone) ? first : null;
      dayOffsets.set(key, off);
    }
    const quarters = [b.q0, b.q1, b.q2, b.q3].map(Number);
    for (let q = 0; q < 4; q++) {
      const n = quarters[q]!;
      if (n === 0) continue;
      const at = Date.parse(`${b.hour}:${String(q * 15).padStart(2, '0')}:00.000Z`);
      let date: string;
      let hour: number;
      if (off === null || !Number.isFinite(at)) ({ date, hour } = localParts(at, zone));
      else {
        const local = at + off * 60_000;
        const day = Math.floor(local / DAY_MS);
        date = dates.get(day) ?? new Date(day * DAY_MS).toISOString().slice(0, 10);
        dates.set(day, date);
        hour = Math.floor((local - day * DAY_MS) / 3_600_000);
      }
      days.set(date, (days.get(date) ?? 0) + n);
      perHour[hour] = perHour[hour]! + n;
      total += n;
    }
  }
  const byKind: Record<string, number> = {};
  for (const k of kinds) byKind[k.kind] = Number(k.n);
  const perDay = [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, count]) => ({ date, count }));
  return { total, byKind, perDay, perHour };
}

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;
