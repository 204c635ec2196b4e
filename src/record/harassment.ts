/**
 * The harassment pattern: from the recorded contacts, how often, when, through whom, and
 * with what words — each finding with the events behind it and its basis (the law in force
 * on each event's date, and the industry reference point, labelled as such).
 * Pure: events, settings and the law table in; a report out.
 */
import type { LawTable } from '../engine/law.js';
import type { Bilingual } from '../engine/schemas/common.js';
import type { Citation } from '../engine/schemas/result.js';
import type { Contacted, HarassmentSettings } from './schemas.js';
import { CONTACTED_LABEL } from './labels.js';
import { localParts, minutesOf, type LocalParts } from './time.js';

export interface Finding {
  id: string;
  title: Bilingual;
  detail: Bilingual;
  events: string[];
  /** The reference point used, with its source and how firm it is. */
  reference?: { source: string; strength: string };
  law: Citation[];
}

export interface HarassmentReport {
  period: { from: string | null; to: string | null };
  totals: { events: number; byKind: Record<string, number>; numbers: number; lenders: number };
  perDay: { date: string; count: number; night: number }[];
  /** Weeks start on Monday (local dates). */
  perWeek: { week: string; count: number }[];
  perHour: number[];
  byNumber: { number: string; count: number; maxPerDay: number; maxPerWeek: number; days: number }[];
  byLender: { lender: string; count: number; maxPerDay: number; maxPerWeek: number }[];
  findings: Finding[];
  settings: { version: string; night_window: string; timezone: string };
}

const CALLS = new Set(['call_incoming', 'call_missed', 'call_unanswered']);
const UNANSWERED = new Set(['call_missed', 'call_unanswered']);

/** The few fields of an event the analysis reads (a StoredEvent is one; the store can give just these). */
export interface ContactInput {
  id: string;
  kind: string;
  occurred_at: string;
  time_zone: string;
  number?: string | undefined;
  claimed: { platform?: string | undefined; company?: string | undefined };
  contacted: string;
  debt_disclosed?: boolean | undefined;
  analysis: { verdict: string; signals: readonly { id: string; category: string; weight: number }[] } | null;
}

/** An event reduced to what the analysis needs: small, with repeated strings shared. */
export interface Contact {
  readonly id: string;
  /** The instant, in milliseconds (Date.parse of occurred_at). */
  readonly at: number;
  /** Local date, hour and minute in the event's zone (or the report's). */
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
  readonly kind: string;
  readonly number: string | undefined;
  readonly lender: string | undefined;
  readonly contacted: string;
  readonly disclosed: boolean;
  readonly scam: boolean;
  /** Signals the check found that the report lists (violations, strong scam signals), in order. */
  readonly signals: readonly string[];
}

const NO_SIGNALS: readonly string[] = Object.freeze([]);

/** What contacts of one shape share (ContactCollector.profile): the zone their local times are read in, and the fields the analysis reads. */
export interface ContactProfile {
  readonly zone: string;
  readonly kind: string;
  readonly number: string | undefined;
  readonly lender: string | undefined;
  readonly contacted: string;
  readonly disclosed: boolean;
  readonly scam: boolean;
}

/** Contacts gathered past this many are moved to disk, when the collector is given somewhere to move them. */
export const SPILL_CONTACTS_AT = 50_000;

/**
 * A finding's events as a list read when it is written: an array's, or rows read back from
 * disk (a report over contacts spilled to a scratch table).
 */
export class EventList {
  constructor(
    readonly length: number,
    readonly ids: () => Iterable<string>,
  ) {}

  static of(ids: readonly string[]): EventList {
    return new EventList(ids.length, () => ids);
  }
}

/** A harassment report whose findings' events are EventLists (written as the arrays they stand for). */
export type StreamedFinding = Omit<Finding, 'events'> & { events: EventList };
export type StreamedReport = Omit<HarassmentReport, 'findings'> & { findings: StreamedFinding[] };

/** The report as a StreamedReport (the same fields in the same order, each finding's events an EventList). */
export function streamedReport(r: HarassmentReport): StreamedReport {
  return { ...r, findings: r.findings.map((f) => ({ ...f, events: EventList.of(f.events) })) };
}

/**
 * Where a collector moves its contacts once there are many (a scratch table on disk:
 * src/store/sqlite/contact-scratch.ts), and the analysis over them there — the same report
 * analyseHarassment gives, its findings' events read back from disk as they are written.
 */
export interface ContactSpill {
  add(c: Contact): void;
  analyse(settings: HarassmentSettings, law: LawTable, period: { from?: string; to?: string }, signalTitles: ReadonlyMap<string, Bilingual>): Promise<StreamedReport>;
  close(): void;
}

/** A contact as one object (what a ContactSpill is given). */
const contactOf = (id: string, at: number, p: LocalParts, shape: ContactProfile, signals: readonly string[]): Contact => ({
  id,
  at,
  date: p.date,
  hour: p.hour,
  minute: p.minute,
  kind: shape.kind,
  number: shape.number,
  lender: shape.lender,
  contacted: shape.contacted,
  disclosed: shape.disclosed,
  scam: shape.scam,
  signals,
});

/** A profile as the collector keeps it: its place in the collector's list of profiles. */
class Shape implements ContactProfile {
  constructor(
    readonly owner: ContactCollector,
    readonly index: number,
    readonly zone: string,
    readonly kind: string,
    readonly number: string | undefined,
    readonly lender: string | undefined,
    readonly contacted: string,
    readonly disclosed: boolean,
    readonly scam: boolean,
  ) {}
}

/**
 * The gathered contacts as columns, in the order added: the i-th contact's id, instant, local
 * date (an index into `dateList`), hour, minute and profile (an index into `profiles`); its signals
 * only when it has some. One array per field rather than an object per contact: a report
 * over a large record makes and walks far fewer objects (less to build and to collect).
 */
export interface ContactColumns {
  readonly ids: readonly string[];
  readonly ats: readonly number[];
  readonly dates: readonly number[];
  readonly hours: readonly number[];
  readonly minutes: readonly number[];
  readonly shapes: readonly number[];
  readonly signals: ReadonlyMap<number, readonly string[]>;
  /** The distinct local dates, in the order first seen. */
  readonly dateList: readonly string[];
  readonly profiles: readonly ContactProfile[];
}

/**
 * Gathers events one at a time as compact contacts (for a streamed record: the events
 * themselves are not kept), to be analysed by analyseHarassment — or, given a spill, by
 * analyseReport, the contacts past SPILL_CONTACTS_AT moved to disk (memory then stays flat in
 * the number of events; `close` frees them).
 */
export class ContactCollector {
  private ids: string[] = [];
  private ats: number[] = [];
  private dates: number[] = [];
  private hours: number[] = [];
  private minutes: number[] = [];
  private shapes: number[] = [];
  private signals = new Map<number, readonly string[]>();
  private dateList: string[] = [];
  private readonly dateIndex = new Map<string, number>();
  private readonly profiles: Shape[] = [];
  private readonly profileIndex = new Map<string, Shape>();
  private readonly strings = new Map<string, string>();
  private spilled: ContactSpill | undefined;
  private readonly spill: (() => ContactSpill) | undefined;
  private readonly spillAt: number;
  constructor(
    private readonly timezone: string,
    opts: { spill?: () => ContactSpill; spillAt?: number } = {},
  ) {
    this.spill = opts.spill;
    this.spillAt = opts.spillAt ?? SPILL_CONTACTS_AT;
  }

  /** The contacts on disk, once moved there. */
  get spilledTo(): ContactSpill | undefined {
    return this.spilled;
  }

  /** The contacts held in memory, as columns (see ContactColumns). */
  get columns(): ContactColumns {
    return { ids: this.ids, ats: this.ats, dates: this.dates, hours: this.hours, minutes: this.minutes, shapes: this.shapes, signals: this.signals, dateList: this.dateList, profiles: this.profiles };
  }

  /** The contacts held in memory, one object each, in the order added. */
  get contacts(): Contact[] {
    return this.ids.map((_, i) => this.contactAt(i));
  }

  private contactAt(i: number): Contact {
    return contactOf(this.ids[i]!, this.ats[i]!, { date: this.dateList[this.dates[i]!]!, hour: this.hours[i]!, minute: this.minutes[i]! }, this.profiles[this.shapes[i]!]!, this.signals.get(i) ?? NO_SIGNALS);
  }

  private clear(): void {
    this.ids = [];
    this.ats = [];
    this.dates = [];
    this.hours = [];
    this.minutes = [];
    this.shapes = [];
    this.signals = new Map();
    this.dateList = [];
    this.dateIndex.clear();
    this.strings.clear();
  }

  close(): void {
    this.clear();
    const s = this.spilled;
    this.spilled = undefined;
    s?.close();
  }

  private share(s: string): string {
    if (this.spilled !== undefined) return s;
    const had = this.strings.get(s);
    if (had !== undefined) return had;
    if (this.strings.size < 200_000) this.strings.set(s, s);
    return s;
  }

  add(e: ContactInput): void {
    this.addShared(e.id, e.occurred_at, this.profile(e), e.analysis?.signals);
  }

  /**
   * What contacts of one shape share — everything the analysis reads but the id, the time and
   * the signals — made once per distinct shape. A listing whose rows repeat a few shapes asks
   * for each once and passes it to addShared with every row of that shape (the same contacts
   * as add, without a ContactInput per row).
   */
  profile(e: Pick<ContactInput, 'kind' | 'time_zone' | 'number' | 'claimed' | 'contacted' | 'debt_disclosed' | 'analysis'>): ContactProfile {
    return this.shape(e.time_zone || this.timezone, e.kind, e.number, e.claimed.platform ?? e.claimed.company, e.contacted, e.debt_disclosed === true, e.analysis?.verdict === 'scam');
  }

  private shape(zone: string, kind: string, number: string | undefined, lender: string | undefined, contacted: string, disclosed: boolean, scam: boolean): Shape {
    // JSON: one key per shape whatever the texts hold (a number or a lender is the person's own text), a missing one (null) apart from ''.
    const key = JSON.stringify([zone, kind, number ?? null, lender ?? null, contacted, disclosed, scam]);
    let s = this.profileIndex.get(key);
    if (s === undefined) {
      s = new Shape(this, this.profiles.length, zone, kind, number, lender, contacted, disclosed, scam);
      this.profiles.push(s);
      this.profileIndex.set(key, s);
    }
    return s;
  }

  /** A contact of a profile (see profile): its id, its time as written, and its analysis's signals (when it has an analysis). */
  addShared(id: string, occurred_at: string, profile: ContactProfile, analysisSignals: NonNullable<ContactInput['analysis']>['signals'] | undefined): void {
    const at = Date.parse(occurred_at);
    const p = localParts(at, profile.zone); // the instant parsed once, for both
    let signals = NO_SIGNALS;
    if (analysisSignals !== undefined && analysisSignals !== null) {
      for (const s of analysisSignals) {
        if (s.category !== 'violation' && !(s.category === 'scam' && s.weight >= 5)) continue;
        if (signals === NO_SIGNALS) signals = [];
        (signals as string[]).push(this.share(s.id));
      }
    }
    const shape = profile instanceof Shape && profile.owner === this ? profile : this.shape(profile.zone, profile.kind, profile.number, profile.lender, profile.contacted, profile.disclosed, profile.scam);
    if (this.spilled !== undefined) {
      this.spilled.add(contactOf(id, at, p, shape, signals));
      return;
    }
    let date = this.dateIndex.get(p.date);
    if (date === undefined) {
      date = this.dateList.length;
      this.dateList.push(p.date);
      this.dateIndex.set(p.date, date);
    }
    const i = this.ids.length;
    this.ids.push(id);
    this.ats.push(at);
    this.dates.push(date);
    this.hours.push(p.hour);
    this.minutes.push(p.minute);
    this.shapes.push(shape.index);
    if (signals !== NO_SIGNALS) this.signals.set(i, signals);
    if (this.spill !== undefined && this.ids.length > this.spillAt) {
      const s = this.spill();
      for (let j = 0; j < this.ids.length; j++) s.add(this.contactAt(j));
      this.clear();
      this.spilled = s;
    }
  }
}

/**
 * The report over a collector's contacts, in memory or on disk (see ContactSpill): the same
 * report analyseHarassment gives, as a StreamedReport.
 */
export async function analyseReport(
  contacts: ContactCollector,
  settings: HarassmentSettings,
  law: LawTable,
  period: { from?: string; to?: string } = {},
  signalTitles: ReadonlyMap<string, Bilingual> = new Map(),
): Promise<StreamedReport> {
  const s = contacts.spilledTo;
  if (s !== undefined) return s.analyse(settings, law, period, signalTitles);
  return streamedReport(analyseContacts(contacts.columns, settings, law, period, signalTitles));
}

/** "1 contact", "3 contacts": an English count with its noun in the right number. */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What each finding says: one wording for the report analysed in memory and the one analysed on disk. */
export const FINDING_WORDS = {
  night: (n: number, w: { start: string; end: string }): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `夜间联系 ${n} 次`, en: `${count(n, 'contact')} at night` },
    detail: {
      zh: `${w.start}–${w.end} 之间的联系。行业指引（据报道）要求未经同意不得在此时段催收；频繁侵扰私人生活安宁可依法投诉。`,
      en: `Contacts between ${w.start} and ${w.end}. The industry guideline (as reported) bars collection in this window without consent; disturbing private life can be complained about.`,
    },
  }),
  unanswered: (max: number): Bilingual => ({ zh: `同一号码一天未接通超过 ${max} 次`, en: `More than ${max} unanswered attempts a day from one number` }),
  connected: (max: number): Bilingual => ({ zh: `一天接通的催收电话超过 ${max} 次`, en: `More than ${max} connected collection calls a day` }),
  overDays: (days: readonly string[]): Bilingual => ({ zh: days.join('；'), en: days.join('; ') }),
  thirdParty: (n: number, disclosed: number, who: readonly string[]): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `联系第三人 ${n} 次，其中 ${disclosed} 次透露了欠款`, en: `${count(n, 'contact')} with third parties, ${disclosed} disclosing the debt` },
    detail: {
      zh: `被联系的人：${who.map((c) => CONTACTED_LABEL[c as Contacted].zh).join('、')}。原则上不得向无关第三人催收，更不得透露债务信息。`,
      en: `Contacted: ${who.map((c) => CONTACTED_LABEL[c as Contacted].en.toLowerCase()).join(', ')}. Collecting from unrelated third parties is barred in principle, and disclosing the debt to them always.`,
    },
  }),
  text: (title: Bilingual | undefined, signal: string, n: number): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `内容中出现：${title?.zh ?? signal}（${n} 次）`, en: `In the texts: ${title?.en ?? signal} (${n})` },
    detail: { zh: '详见各条记录的检查结果。', en: "See each event's check result." },
  }),
  scam: (n: number): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `${n} 条内容很可能是诈骗`, en: n === 1 ? '1 text is likely a scam' : `${n} texts are likely scams` },
    detail: { zh: '这些不是正常催收：不要转账，可向96110咨询或报警。', en: 'These are not collection: do not pay; call 96110 for advice or report to the police.' },
  }),
  regF: (notes: readonly string[]): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `超过美国“7天7次”参考线`, en: 'Above the US "7 calls in 7 days" reference line' },
    detail: { zh: `仅作参考（美国法律不适用于中国）：${notes.join('；')}`, en: `A comparison only (US law does not apply in China): ${notes.join('; ')}` },
  }),
  escalation: (last: number, before: number): { title: Bilingual; detail: Bilingual } => ({
    title: { zh: `最近7天联系 ${last} 次，之前7天 ${before} 次`, en: `${count(last, 'contact')} in the last 7 days against ${before} in the 7 before` },
    detail: { zh: '联系频率在上升。', en: 'Contact is getting more frequent.' },
  }),
};

/** The Monday (ISO week start) of a local date "YYYY-MM-DD", remembered per date: one per report. */
export function weekStarts(): (date: string) => string {
  const weeks = new Map<string, string>();
  return (date) => {
    let w = weeks.get(date);
    if (w === undefined) {
      const d = new Date(date + 'T00:00:00Z');
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      w = d.toISOString().slice(0, 10);
      weeks.set(date, w);
    }
    return w;
  };
}

export function analyseHarassment(
  events: Iterable<ContactInput> | ContactCollector,
  settings: HarassmentSettings,
  law: LawTable,
  period: { from?: string; to?: string } = {},
  /** Plain titles of the check's signals (from the rule files), so findings read as words, not ids. */
  signalTitles: ReadonlyMap<string, Bilingual> = new Map(),
): HarassmentReport {
  let contacts: ContactCollector;
  if (events instanceof ContactCollector) {
    if (events.spilledTo !== undefined) throw new Error('the contacts were moved to disk: use analyseReport');
    contacts = events;
  } else {
    contacts = new ContactCollector(settings.timezone);
    for (const e of events) contacts.add(e);
  }
  return analyseContacts(contacts.columns, settings, law, period, signalTitles);
}

/** The columns in time order: a stable sort by instant (ties keep the order they were added in); the columns themselves when already in it. */
function inTimeOrder(c: ContactColumns): ContactColumns {
  const { ats } = c;
  let sorted = true;
  for (let i = 1; i < ats.length && sorted; i++) sorted = ats[i - 1]! <= ats[i]!;
  if (sorted) return c;
  // The same comparison Array.prototype.sort made on the contacts themselves, so the same order (an instant that is NaN included).
  const order = ats.map((_, i) => i).sort((a, b) => ats[a]! - ats[b]!);
  const signals = new Map<number, readonly string[]>();
  order.forEach((i, k) => {
    const s = c.signals.get(i);
    if (s !== undefined) signals.set(k, s);
  });
  const permute = <T>(xs: readonly T[]): T[] => order.map((i) => xs[i]!);
  return { ...c, ids: permute(c.ids), ats: permute(ats), dates: permute(c.dates), hours: permute(c.hours), minutes: permute(c.minutes), shapes: permute(c.shapes), signals };
}

/** A flag per profile (1 where `test` holds), for tests made once per profile rather than once per contact. */
const flags = (profiles: readonly ContactProfile[], test: (p: ContactProfile) => boolean): Uint8Array => Uint8Array.from(profiles, (p) => (test(p) ? 1 : 0));

/**
 * The analysis itself, over the contacts' columns (sorted here by time; ties keep their
 * order). Contacts are told by their place in time order, a profile's tests are made once per
 * profile, and counts by day are kept in arrays indexed by date.
 */
function analyseContacts(
  columns: ContactColumns,
  settings: HarassmentSettings,
  law: LawTable,
  period: { from?: string; to?: string },
  signalTitles: ReadonlyMap<string, Bilingual>,
): HarassmentReport {
  const c = inTimeOrder(columns);
  const { ids, ats, dates, hours, minutes, shapes, dateList, profiles } = c;
  const n = ids.length;
  const idsOf = (list: readonly number[]): string[] => {
    const out = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = ids[list[i]!]!;
    return out;
  };
  /** The local dates of these contacts, each once (the law is cited as in force on each). */
  const datesOf = (list: readonly number[]): string[] => {
    const seen = new Uint8Array(dateList.length);
    const out: string[] = [];
    for (const k of list) {
      const d = dates[k]!;
      if (seen[d] === 0) {
        seen[d] = 1;
        out.push(dateList[d]!);
      }
    }
    return out;
  };
  /** The law in force on each of the list's dates (one citation per version: a record across a revision cites both). */
  const cite = (refs: readonly string[], list: readonly number[], signal: string): Citation[] => law.citeOver([{ signal, refs }], datesOf(list), '1970-01-01');

  // Series.
  const dayCount = new Int32Array(dateList.length);
  const dayNight = new Int32Array(dateList.length);
  const dayOrder: number[] = [];
  const perHour = new Array<number>(24).fill(0);
  const byKind: Record<string, number> = {};
  const night: number[] = [];
  const nightCounted = flags(profiles, (p) => p.contacted === 'borrower' || p.kind !== 'third_party');
  // inWindow's test, its bounds read once.
  const nightStart = minutesOf(settings.night_window.start);
  const nightEnd = minutesOf(settings.night_window.end);
  for (let k = 0; k < n; k++) {
    const d = dates[k]!;
    if (dayCount[d] === 0) dayOrder.push(d);
    dayCount[d]!++;
    const hour = hours[k]!;
    const t = hour * 60 + minutes[k]!;
    const isNight = nightStart <= nightEnd ? t >= nightStart && t < nightEnd : t >= nightStart || t < nightEnd;
    if (isNight) {
      dayNight[d]!++;
      if (nightCounted[shapes[k]!] === 1) night.push(k);
    }
    perHour[hour]!++;
    const kind = profiles[shapes[k]!]!.kind;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  const perDayMap = new Map<string, { count: number; night: number }>(dayOrder.map((d) => [dateList[d]!, { count: dayCount[d]!, night: dayNight[d]! }]));
  const perDay = [...perDayMap].sort().map(([date, v]) => ({ date, ...v }));
  const weekOf = weekStarts();
  /** A week's count from the counts of its days (one step per day, not per event). */
  const weekCounts = (days: Iterable<[string, number]>): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [date, count] of days) {
      const w = weekOf(date);
      m.set(w, (m.get(w) ?? 0) + count);
    }
    return m;
  };
  const perWeek = [...weekCounts([...perDayMap].map(([date, v]) => [date, v.count]))].sort().map(([week, count]) => ({ week, count }));

  /** Contacts grouped by a field of their profile (a number, a lender; none when it is missing or ''): the groups in the order first seen, each one's contacts in time order. */
  const group = (keyOf: (p: ContactProfile) => string | undefined): { keys: string[]; lists: number[][] } => {
    const ofProfile = new Int32Array(profiles.length).fill(-2); // -2: not looked up yet; -1: in no group
    const index = new Map<string, number>();
    const keys: string[] = [];
    const lists: number[][] = [];
    for (let k = 0; k < n; k++) {
      const s = shapes[k]!;
      let g = ofProfile[s]!;
      if (g === -2) {
        const key = keyOf(profiles[s]!);
        g = key === undefined || key === '' ? -1 : (index.get(key) ?? -2);
        if (g === -2) {
          g = keys.length;
          keys.push(key!);
          lists.push([]);
          index.set(key!, g);
        }
        ofProfile[s] = g;
      }
      if (g >= 0) lists[g]!.push(k);
    }
    return { keys, lists };
  };
  // How many of a list's contacts fall on each local date, in `counts` by date (each cleared after use).
  const counts = new Int32Array(dateList.length);
  /** The dates of a list's contacts (those whose profile `keep` flags), in the order first seen; their counts in `counts`. */
  const dayCounts = (list: readonly number[], keep?: Uint8Array): number[] => {
    const seen: number[] = [];
    for (const k of list) {
      if (keep !== undefined && keep[shapes[k]!] === 0) continue;
      const d = dates[k]!;
      if (counts[d] === 0) seen.push(d);
      counts[d]!++;
    }
    return seen;
  };
  const clearCounts = (days: readonly number[]): void => {
    for (const d of days) counts[d] = 0;
  };
  const maxPerDay = (days: readonly number[]): number => {
    let m = -Infinity;
    for (const d of days) if (counts[d]! > m) m = counts[d]!;
    return m;
  };
  // Each date's week, as an index (weeks in the order first asked for).
  const weekOfDate = new Int32Array(dateList.length).fill(-1);
  const weekIndex = new Map<string, number>();
  const weekSums = new Int32Array(dateList.length);
  const maxPerWeek = (days: readonly number[]): number => {
    const weeks: number[] = [];
    for (const d of days) {
      let w = weekOfDate[d]!;
      if (w < 0) {
        const week = weekOf(dateList[d]!);
        w = weekIndex.get(week) ?? weekIndex.size;
        weekIndex.set(week, w);
        weekOfDate[d] = w;
      }
      if (weekSums[w] === 0) weeks.push(w);
      weekSums[w]! += counts[d]!;
    }
    let m = -Infinity;
    for (const w of weeks) {
      if (weekSums[w]! > m) m = weekSums[w]!;
      weekSums[w] = 0;
    }
    return m;
  };
  const byNumberGroups = group((p) => p.number);
  const byLenderGroups = group((p) => p.lender);
  const byNumber = byNumberGroups.keys
    .map((number, g) => {
      const list = byNumberGroups.lists[g]!;
      const days = dayCounts(list);
      const r = { number, count: list.length, maxPerDay: maxPerDay(days), maxPerWeek: maxPerWeek(days), days: days.length };
      clearCounts(days);
      return r;
    })
    .sort((a, b) => b.count - a.count);
  const byLender = byLenderGroups.keys
    .map((lender, g) => {
      const list = byLenderGroups.lists[g]!;
      const days = dayCounts(list);
      const r = { lender, count: list.length, maxPerDay: maxPerDay(days), maxPerWeek: maxPerWeek(days) };
      clearCounts(days);
      return r;
    })
    .sort((a, b) => b.count - a.count);

  const findings: Finding[] = [];
  const ref = (r: { source: string; strength: string }): { source: string; strength: string } => ({ source: r.source, strength: r.strength });

  if (night.length > 0) {
    const nightIds = idsOf(night);
    findings.push({
      id: 'NIGHT_CONTACT',
      ...FINDING_WORDS.night(nightIds.length, settings.night_window),
      events: nightIds,
      reference: ref(settings.night_window),
      law: cite([...settings.night_window.law, ...settings.harassment_law], night, 'NIGHT_CONTACT'),
    });
  }

  // Days on which one group (a number, a lender) went over a daily limit, and the contacts behind them.
  const overLimit = (groups: { keys: string[]; lists: number[][] }, counted: Uint8Array, max: number): { ids: number[]; days: string[] } => {
    const over: number[] = [];
    const days: string[] = [];
    groups.lists.forEach((list, g) => {
      // The days over the limit (in the order first seen), then their contacts (in list order).
      let byDay: Map<number, number[]> | undefined;
      const seen = dayCounts(list, counted);
      for (const d of seen) if (counts[d]! > max) (byDay ??= new Map()).set(d, []);
      clearCounts(seen);
      if (byDay === undefined) return;
      for (const k of list) if (counted[shapes[k]!] === 1) byDay.get(dates[k]!)?.push(k);
      for (const [d, day] of byDay) {
        for (const k of day) over.push(k);
        days.push(`${dateList[d]} ${groups.keys[g]} ×${day.length}`);
      }
    });
    return { ids: over, days };
  };
  const dailyLimit = (id: string, limit: HarassmentSettings['unanswered_per_day'], over: { ids: number[]; days: string[] }, title: Bilingual): void => {
    if (over.ids.length === 0) return;
    findings.push({
      id,
      title,
      detail: FINDING_WORDS.overDays(over.days),
      events: idsOf(over.ids),
      reference: ref(limit),
      law: cite([...limit.law, ...settings.harassment_law], over.ids, id),
    });
  };
  const u = settings.unanswered_per_day;
  dailyLimit('UNANSWERED_OVER_LIMIT', u, overLimit(byNumberGroups, flags(profiles, (p) => UNANSWERED.has(p.kind)), u.max), FINDING_WORDS.unanswered(u.max));
  const cc = settings.connected_calls_per_day;
  dailyLimit('CONNECTED_OVER_LIMIT', cc, overLimit(byLenderGroups.keys.length > 0 ? byLenderGroups : byNumberGroups, flags(profiles, (p) => p.kind === 'call_incoming'), cc.max), FINDING_WORDS.connected(cc.max));

  /** The contacts (in time order) whose profile `test` holds for. */
  const where = (test: (p: ContactProfile) => boolean): number[] => {
    const keep = flags(profiles, test);
    const out: number[] = [];
    for (let k = 0; k < n; k++) if (keep[shapes[k]!] === 1) out.push(k);
    return out;
  };
  const third = where((p) => p.kind === 'third_party' || p.contacted !== 'borrower');
  if (third.length > 0) {
    const disclosed = third.filter((k) => profiles[shapes[k]!]!.disclosed);
    findings.push({
      id: 'THIRD_PARTY_CONTACT',
      ...FINDING_WORDS.thirdParty(third.length, disclosed.length, [...new Set(third.map((k) => profiles[shapes[k]!]!.contacted))]),
      events: idsOf(third),
      reference: ref(settings.third_party),
      law: cite(settings.third_party.law, third, 'THIRD_PARTY_CONTACT'),
    });
  }

  // What the check found in the texts: threats, insults, impersonation … (the contacts with signals are kept in time order).
  const bySignal = new Map<string, string[]>();
  for (const [k, signals] of c.signals) {
    for (const s of signals) {
      const l = bySignal.get(s) ?? [];
      l.push(ids[k]!);
      bySignal.set(s, l);
    }
  }
  for (const [signal, signalIds] of [...bySignal].sort()) {
    findings.push({
      id: `TEXT:${signal}`,
      ...FINDING_WORDS.text(signalTitles.get(signal), signal, signalIds.length),
      events: signalIds,
      law: [],
    });
  }
  const scamEvents = where((p) => p.scam);
  if (scamEvents.length > 0) {
    const scams = idsOf(scamEvents);
    findings.push({
      id: 'LIKELY_SCAM',
      ...FINDING_WORDS.scam(scams.length),
      events: scams,
      law: cite(['fraud'], scamEvents, 'LIKELY_SCAM'),
    });
  }

  // US Regulation F comparison: more than N calls in N consecutive days, per number (the first such window of each).
  const regF: string[] = [];
  const regFNotes: string[] = [];
  const windowMs = settings.us_reg_f.days * 86_400_000;
  const isCall = flags(profiles, (p) => CALLS.has(p.kind));
  byNumberGroups.lists.forEach((list, g) => {
    const calls = list.filter((k) => isCall[shapes[k]!] === 1);
    let lo = 0;
    for (let hi = 0; hi < calls.length; hi++) {
      while (ats[calls[hi]!]! - ats[calls[lo]!]! >= windowMs) lo++;
      if (hi - lo + 1 > settings.us_reg_f.calls) {
        for (let i = lo; i <= hi; i++) regF.push(ids[calls[i]!]!);
        regFNotes.push(`${byNumberGroups.keys[g]}: ${hi - lo + 1} calls from ${dateList[dates[calls[lo]!]!]}`);
        break;
      }
    }
  });
  if (regF.length > 0) {
    findings.push({
      id: 'US_REG_F_7_IN_7',
      ...FINDING_WORDS.regF(regFNotes),
      events: regF,
      reference: ref(settings.us_reg_f),
      law: [],
    });
  }

  // Escalation: the last 7 days against the 7 before.
  if (n > 0) {
    const end = ats[n - 1]!;
    const last: number[] = [];
    let before = 0;
    for (let k = 0; k < n; k++) {
      const age = end - ats[k]!;
      if (age < 7 * 86_400_000) last.push(k);
      else if (age >= 7 * 86_400_000 && age < 14 * 86_400_000) before++;
    }
    if (last.length >= 5 && last.length > before * 1.5) {
      findings.push({
        id: 'ESCALATION',
        ...FINDING_WORDS.escalation(last.length, before),
        events: idsOf(last),
        law: [],
      });
    }
  }

  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    totals: { events: n, byKind, numbers: byNumberGroups.keys.length, lenders: byLenderGroups.keys.length },
    perDay,
    perWeek,
    perHour,
    byNumber,
    byLender,
    findings,
    settings: { version: settings.version, night_window: `${settings.night_window.start}–${settings.night_window.end}`, timezone: settings.timezone },
  };
}
