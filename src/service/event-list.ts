/**
 * The record page's reads, shared by `dunguard serve` (GET /api/events/page, /api/events/counts)
 * and the offline app's worker: one page of events newest first with the cursor of the next,
 * and the counts its charts draw — each checked the same way, a bad cursor or page size refused
 * in words a person reads.
 */
import { cursorText, MAX_PAGE, parseCursor, type EventCounts } from '../store/event-page.js';
import type { StoredEvent } from '../record/schemas.js';
import { readPeriod } from './period.js';
import type { EventFilter } from '../store/store.js';
import { UserError } from './errors.js';
import type { RecordContext } from './record-context.js';

/** Events on a page when the page does not say. */
export const DEFAULT_PAGE = 50;

export interface EventPageQuery {
  from?: string | undefined;
  to?: string | undefined;
  number?: string | undefined;
  kind?: string | undefined;
  all?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

export interface EventPageAnswer {
  events: StoredEvent[];
  /** Give it as `cursor` for the next (older) page; null after the last. */
  next: string | null;
  total: number;
}


/** The page size asked for, 1 to MAX_PAGE (DEFAULT_PAGE when not given). */
export function pageLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_PAGE;
  const n = /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE)) {
    throw new UserError('BAD_INPUT', `每页条数无效：请用 1 到 ${MAX_PAGE} 之间的整数（不写则每页 ${DEFAULT_PAGE} 条）。`, `Invalid page size: use a whole number from 1 to ${MAX_PAGE} (${DEFAULT_PAGE} when not given).`);
  }
  return n;
}

/** One page of the events the filter matches, newest first. */
export async function eventPage(ctx: Pick<RecordContext, 'store'>, q: EventPageQuery): Promise<EventPageAnswer> {
  const limit = pageLimit(q.limit);
  let before;
  if (q.cursor !== undefined && q.cursor !== '') {
    before = parseCursor(q.cursor);
    if (before === undefined) {
      throw new UserError(
        'BAD_INPUT',
        '翻页位置无效：它只能是上一页回答里给出的“next”，原样传回。请从第一页重新开始。',
        'Invalid page position (cursor): it can only be the "next" given with the previous page, passed back as it was. Start again from the first page.',
      );
    }
  }
  const filter: EventFilter = { ...readPeriod(q.from, q.to, ['from', 'to']), number: q.number || undefined, kind: q.kind || undefined, includeDeleted: q.all === 'true' };
  const p = await ctx.store.pageEvents(filter, { before, limit });
  return { events: p.events, next: p.next === undefined ? null : cursorText(p.next), total: p.total };
}

export type EventCountsAnswer = EventCounts & { settings: { night_window: string; timezone: string } };

/** The counts the record page's charts draw, over the same period and events as the harassment report. */
export async function eventCounts(ctx: Pick<RecordContext, 'store' | 'data'>, q: { from?: string | undefined; to?: string | undefined }): Promise<EventCountsAnswer> {
  const h = ctx.data.harassment;
  const { from, to } = readPeriod(q.from, q.to, ['from', 'to'], h.timezone);
  const counts = await ctx.store.countEvents({ from, to }, h.timezone);
  return { ...counts, settings: { night_window: `${h.night_window.start}–${h.night_window.end}`, timezone: h.timezone } };
}
