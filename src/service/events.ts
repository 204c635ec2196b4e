/**
 * An event's fields from what a person typed (CLI flags or the web form), over an existing
 * event's fields when editing: the time read in its zone, the claimed identity merged, the
 * whole validated against the event schema. Shared by `dunguard log` and the HTTP API.
 */
import { EventInput, type EventFields, type StoredEvent } from '../record/schemas.js';
import { DATE_TIME_FORMATS, isTimeZone, shownTime, skippedByClocks, toInstant } from '../record/time.js';
import { issueText } from '../present/words.js';
import { UserError } from './errors.js';
import type { RecordContext } from './record-context.js';

export interface EventFlags {
  kind?: string;
  at?: string;
  tz?: string;
  number?: string;
  company?: string;
  platform?: string;
  employeeNo?: string;
  role?: string;
  contacted?: string;
  disclosed?: boolean;
  duration?: string;
  text?: string;
  notes?: string;
}

/** The body of POST/PUT /api/events (the page's form), as the HTTP API and the offline app read it. */
export interface EventBody {
  kind?: string;
  at?: string;
  tz?: string;
  number?: string;
  company?: string;
  platform?: string;
  employee_no?: string;
  role?: string;
  contacted?: string;
  debt_disclosed?: boolean;
  duration_s?: number;
  text?: string;
  notes?: string;
}

/** The form's fields → the flags `eventFields` reads (the same as `dunguard log add` takes). */
export const flagsOfBody = (b: EventBody): EventFlags => ({
  kind: b.kind,
  at: b.at,
  tz: b.tz,
  number: b.number,
  company: b.company,
  platform: b.platform,
  employeeNo: b.employee_no,
  role: b.role,
  contacted: b.contacted,
  disclosed: b.debt_disclosed,
  duration: b.duration_s === undefined ? undefined : String(b.duration_s),
  text: b.text,
  notes: b.notes,
});

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

/** Some minutes of slack for clocks that differ a little. */
const FUTURE_SLACK_MS = 10 * 60_000;

/** Whether an instant lies after now (beyond a little clock slack): most likely a typo. */
export const inFuture = (instant: string, now = Date.now()): boolean => Date.parse(instant) > now + FUTURE_SLACK_MS;

/**
 * Flags (over an existing event's fields, for edit) → validated fields. A time given that lies
 * in the future is refused as a likely typo unless `allowFuture` (the CLI's --allow-future, the
 * API's allow_future); `howToAllow` ends the message where the person can allow it.
 */
export function eventFields(flags: EventFlags, base?: StoredEvent, future: { allowFuture?: boolean | undefined; howToAllow?: { zh: string; en: string } } = {}): EventFields {
  const tz = flags.tz ?? base?.time_zone ?? 'Asia/Shanghai';
  if (!isTimeZone(tz)) throw bad(`不认识的时区“${tz}”：请用 Asia/Shanghai 这样的写法`, `Unknown time zone ${tz}: use e.g. Asia/Shanghai`);
  let occurred_at = base?.occurred_at;
  if (flags.at !== undefined) {
    occurred_at = toInstant(flags.at, tz);
    if (occurred_at === undefined && skippedByClocks(flags.at, tz)) {
      throw bad(`时间“${flags.at}”在时区 ${tz} 并不存在（那天夏令时开始，时钟跳过了这段时间）：请核对时间或时区`, `The time "${flags.at}" does not exist in ${tz} (the clocks skipped it when daylight saving began): check the time or the zone`);
    }
    if (occurred_at === undefined) throw bad(`看不懂时间“${flags.at}”：请写日期和时间，例如 ${DATE_TIME_FORMATS.zh}`, `Invalid time "${flags.at}": give a date and time, e.g. ${DATE_TIME_FORMATS.en}`);
  }
  if (occurred_at === undefined) throw bad('请用 --at 给出时间', 'Give the time with --at');
  if (flags.at !== undefined && future.allowFuture !== true && inFuture(occurred_at)) {
    const when = shownTime(occurred_at, tz);
    const how = future.howToAllow ?? { zh: '请改正后再保存。', en: 'Correct it and save again.' };
    throw new UserError('FUTURE_TIME', `时间 ${when} 还没到：是不是日期或年份写错了？${how.zh}`, `The time ${when} is in the future: is the date or year mistyped? ${how.en}`);
  }
  const claimed = { ...(base?.claimed ?? {}) };
  for (const [k, v] of [['company', flags.company], ['platform', flags.platform], ['employee_no', flags.employeeNo], ['role', flags.role]] as const) {
    if (v !== undefined) claimed[k] = v;
  }
  const candidate = {
    kind: flags.kind ?? base?.kind,
    occurred_at,
    time_zone: tz,
    number: flags.number ?? base?.number,
    claimed,
    contacted: flags.contacted ?? base?.contacted ?? 'borrower',
    debt_disclosed: flags.disclosed ?? base?.debt_disclosed,
    duration_s: flags.duration !== undefined ? Number(flags.duration) : base?.duration_s,
    content: flags.text ?? base?.content,
    notes: flags.notes ?? base?.notes,
  };
  const r = EventInput.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw bad(`输入有误：${issueText(i, 'zh')}`, `Invalid input: ${issueText(i, 'en')}`);
  }
  return r.data;
}


/** The event with this id, or a NOT_FOUND error a person understands. */
export async function requireEvent(ctx: Pick<RecordContext, 'store'>, id: string): Promise<StoredEvent> {
  const e = await ctx.store.getEvent(id);
  if (e === undefined) throw new UserError('NOT_FOUND', `找不到记录 ${id}`, `No event ${id}`);
  return e;
}

/**
 * An event by its id or the first characters of it (at least 4), as a person types it from
 * `log list` (the CLI's show, edit and delete); several events starting so are an error naming
 * them, never one picked.
 */
export async function eventByPrefix(ctx: Pick<RecordContext, 'store'>, id: string): Promise<StoredEvent> {
  const exact = await ctx.store.getEvent(id);
  if (exact !== undefined) return exact;
  const key = id.toLowerCase();
  const starting = id.length < 4 ? [] : (await ctx.store.listEvents({ includeDeleted: true })).filter((e) => e.id.startsWith(key));
  return onlyOne(starting, id, { zh: '记录', en: 'event' });
}

/** The one item whose id starts with `prefix`: none or several are the person's clear error. */
export function onlyOne<T extends { id: string }>(matches: readonly T[], prefix: string, what: { zh: string; en: string }): T {
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new UserError('NOT_FOUND', `找不到${what.zh} ${prefix}`, `No ${what.en} ${prefix}`);
  const some = matches.slice(0, 5).map((m) => m.id).join('、');
  throw new UserError('AMBIGUOUS_ID', `以“${prefix}”开头的${what.zh}有 ${matches.length} 条（${some}${matches.length > 5 ? '…' : ''}）：请多写几位。`, `${matches.length} ${what.en}s start with "${prefix}" (${some}): give more of the id.`);
}
