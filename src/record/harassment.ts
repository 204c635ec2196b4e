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
import { localParts, minutesOf } from './time.js';

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

/**
 * Gathers events one at a time as compact contacts (for a streamed record: the events
 * themselves are not kept), to be analysed by analyseHarassment — or, given a spill, by
 * analyseReport, the contacts past SPILL_CONTACTS_AT moved to disk (memory then stays flat in
 * the number of events; `close` frees them).
 */
export class ContactCollector {
  readonly contacts: Contact[] = [];
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

  close(): void {
    this.contacts.length = 0;
    this.strings.clear();
    const s = this.spilled;
    this.spilled = undefined;
    s?.close();
  }

  private share(s: string | undefined): string | undefined {
    if (s === undefined || this.spilled !== undefined) return s;
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
   * the signals — with its strings shared. A listing whose rows repeat a few shapes makes
   * each once and passes it to addShared with every row of that shape (the same contacts as
   * add, without a ContactInput per row).
   */
  profile(e: Pick<ContactInput, 'kind' | 'time_zone' | 'number' | 'claimed' | 'contacted' | 'debt_disclosed' | 'analysis'>): ContactProfile {
    return {
      zone: e.time_zone || this.timezone,
      kind: this.share(e.kind)!,
      number: this.share(e.number),
      lender: this.share(e.claimed.platform ?? e.claimed.company),
      contacted: this.share(e.contacted)!,
      disclosed: e.debt_disclosed === true,
      scam: e.analysis?.verdict === 'scam',
    };
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
        (signals as string[]).push(this.share(s.id)!);
      }
    }
    const c: Contact = {
      id,
      at,
      date: this.share(p.date)!,
      hour: p.hour,
      minute: p.minute,
      kind: profile.kind,
      number: profile.number,
      lender: profile.lender,
      contacted: profile.contacted,
      disclosed: profile.disclosed,
      scam: profile.scam,
      signals,
    };
    if (this.spilled !== undefined) {
      this.spilled.add(c);
      return;
    }
    this.contacts.push(c);
    if (this.spill !== undefined && this.contacts.length > this.spillAt) {
      const s = this.spill();
      for (const x of this.contacts) s.add(x);
      this.contacts.length = 0;
      this.strings.clear();
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
  return streamedReport(analyseContacts(contacts.contacts, settings, law, period, signalTitles));
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
  let contacts: Contact[];
  if (events instanceof ContactCollector) {
    if (events.spilledTo !== undefined) throw new Error('the contacts were moved to disk: use analyseReport');
    contacts = events.contacts;
  }
  else {
    const c = new ContactCollector(settings.timezone);
    for (const e of events) c.add(e);
    contacts = c.contacts;
  }
  return analyseContacts(contacts, settings, law, period, signalTitles);
}

/** The analysis itself, over compact contacts (sorted here by time; ties keep their order). */
function analyseContacts(
  contacts: Contact[],
  settings: HarassmentSettings,
  law: LawTable,
  period: { from?: string; to?: string },
  signalTitles: ReadonlyMap<string, Bilingual>,
): HarassmentReport {
  type E = Contact;
  const evs = contacts.sort((a, b) => a.at - b.at);
  const dateOf = (e: E): string => e.date;
  /** The local dates of these events, each once (the law is cited as in force on each). */
  const datesOf = (list: readonly E[]): Set<string> => {
    const dates = new Set<string>();
    for (const e of list) dates.add(e.date);
    return dates;
  };
  /** The law in force on each of the list's dates (one citation per version: a record across a revision cites both). */
  const cite = (refs: readonly string[], list: readonly E[], signal: string): Citation[] => law.citeOver([{ signal, refs }], datesOf(list), '1970-01-01');
  const idsOf = (list: readonly E[]): string[] => {
    const ids = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) ids[i] = list[i]!.id;
    return ids;
  };

  // Series.
  const perDayMap = new Map<string, { count: number; night: number }>();
  const perHour = new Array<number>(24).fill(0);
  const byKind: Record<string, number> = {};
  const night: E[] = [];
  // inWindow's test, its bounds read once.
  const nightStart = minutesOf(settings.night_window.start);
  const nightEnd = minutesOf(settings.night_window.end);
  for (const e of evs) {
    let d = perDayMap.get(e.date);
    if (d === undefined) {
      d = { count: 0, night: 0 };
      perDayMap.set(e.date, d);
    }
    d.count++;
    const t = e.hour * 60 + e.minute;
    const isNight = nightStart <= nightEnd ? t >= nightStart && t < nightEnd : t >= nightStart || t < nightEnd;
    if (isNight) {
      d.night++;
      if (e.contacted === 'borrower' || e.kind !== 'third_party') night.push(e);
    }
    perHour[e.hour]!++;
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  }
  const perDay = [...perDayMap].sort().map(([date, v]) => ({ date, ...v }));
  const weekOf = weekStarts();
  /** A week's count from the counts of its days (one step per day, not per event). */
  const weekCounts = (days: Iterable<[string, number]>): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [date, n] of days) {
      const w = weekOf(date);
      m.set(w, (m.get(w) ?? 0) + n);
    }
    return m;
  };
  const perWeek = [...weekCounts([...perDayMap].map(([date, v]) => [date, v.count]))].sort().map(([week, count]) => ({ week, count }));

  const group = (key: (e: E) => string | undefined): Map<string, E[]> => {
    const m = new Map<string, E[]>();
    for (const e of evs) {
      const k = key(e);
      if (k === undefined || k === '') continue;
      const list = m.get(k);
      if (list === undefined) m.set(k, [e]);
      else list.push(e);
    }
    return m;
  };
  /** How many of a list's events (those `filter` keeps) fall on each local date, dates in the order first seen. */
  const dayCounts = (list: readonly E[], filter?: (e: E) => boolean): Map<string, number> => {
    const m = new Map<string, number>();
    for (const e of list) {
      if (filter !== undefined && !filter(e)) continue;
      m.set(e.date, (m.get(e.date) ?? 0) + 1);
    }
    return m;
  };
  const maxOf = (xs: Iterable<number>): number => {
    let m = -Infinity;
    for (const x of xs) if (x > m) m = x;
    return m;
  };
  const byNumberGroups = group((e) => e.number);
  const byLenderGroups = group((e) => e.lender);
  const byNumber = [...byNumberGroups].map(([number, list]) => {
    const days = dayCounts(list);
    return { number, count: list.length, maxPerDay: maxOf(days.values()), maxPerWeek: maxOf(weekCounts(days).values()), days: days.size };
  }).sort((a, b) => b.count - a.count);
  const byLender = [...byLenderGroups].map(([lender, list]) => {
    const days = dayCounts(list);
    return { lender, count: list.length, maxPerDay: maxOf(days.values()), maxPerWeek: maxOf(weekCounts(days).values()) };
  }).sort((a, b) => b.count - a.count);

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

  // Days on which one group (a number, a lender) went over a daily limit, and the events behind them.
  const overLimit = (groups: Map<string, E[]>, counts: (e: E) => boolean, max: number): { ids: E[]; days: string[] } => {
    const ids: E[] = [];
    const days: string[] = [];
    for (const [key, list] of groups) {
      // The days over the limit (in the order first seen), then their events (in list order).
      let over: Map<string, E[]> | undefined;
      for (const [date, n] of dayCounts(list, counts)) if (n > max) (over ??= new Map()).set(date, []);
      if (over === undefined) continue;
      for (const e of list) if (counts(e)) over.get(e.date)?.push(e);
      for (const [date, day] of over) {
        for (const e of day) ids.push(e);
        days.push(`${date} ${key} ×${day.length}`);
      }
    }
    return { ids, days };
  };
  const dailyLimit = (id: string, limit: HarassmentSettings['unanswered_per_day'], over: { ids: E[]; days: string[] }, title: Bilingual): void => {
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
  dailyLimit('UNANSWERED_OVER_LIMIT', u, overLimit(byNumberGroups, (e) => UNANSWERED.has(e.kind), u.max), FINDING_WORDS.unanswered(u.max));
  const c = settings.connected_calls_per_day;
  dailyLimit('CONNECTED_OVER_LIMIT', c, overLimit(byLenderGroups.size > 0 ? byLenderGroups : byNumberGroups, (e) => e.kind === 'call_incoming', c.max), FINDING_WORDS.connected(c.max));

  const third = evs.filter((e) => e.kind === 'third_party' || e.contacted !== 'borrower');
  if (third.length > 0) {
    const disclosed = third.filter((e) => e.disclosed);
    findings.push({
      id: 'THIRD_PARTY_CONTACT',
      ...FINDING_WORDS.thirdParty(third.length, disclosed.length, [...new Set(third.map((e) => e.contacted))]),
      events: idsOf(third),
      reference: ref(settings.third_party),
      law: cite(settings.third_party.law, third, 'THIRD_PARTY_CONTACT'),
    });
  }

  // What the check found in the texts: threats, insults, impersonation …
  const bySignal = new Map<string, string[]>();
  for (const e of evs) {
    for (const s of e.signals) {
      const l = bySignal.get(s) ?? [];
      l.push(e.id);
      bySignal.set(s, l);
    }
  }
  for (const [signal, ids] of [...bySignal].sort()) {
    findings.push({
      id: `TEXT:${signal}`,
      ...FINDING_WORDS.text(signalTitles.get(signal), signal, ids.length),
      events: ids,
      law: [],
    });
  }
  const scamEvents = evs.filter((e) => e.scam);
  if (scamEvents.length > 0) {
    const scams = idsOf(scamEvents);
    findings.push({
      id: 'LIKELY_SCAM',
      ...FINDING_WORDS.scam(scams.length),
      events: scams,
      law: cite(['fraud'], scamEvents, 'LIKELY_SCAM'),
    });
  }

  // US Regulation F comparison: more than N calls in N consecutive days, per number.
  const regF: string[] = [];
  const regFNotes: string[] = [];
  const windowMs = settings.us_reg_f.days * 86_400_000;
  for (const [number, list] of byNumberGroups) {
    const calls = list.filter((e) => CALLS.has(e.kind));
    let lo = 0;
    let flagged = false;
    for (let hi = 0; hi < calls.length; hi++) {
      while (calls[hi]!.at - calls[lo]!.at >= windowMs) lo++;
      if (hi - lo + 1 > settings.us_reg_f.calls && !flagged) {
        flagged = true;
        for (let i = lo; i <= hi; i++) regF.push(calls[i]!.id);
        regFNotes.push(`${number}: ${hi - lo + 1} calls from ${dateOf(calls[lo]!)}`);
      }
    }
  }
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
  if (evs.length > 0) {
    const end = evs[evs.length - 1]!.at;
    const last = evs.filter((e) => end - e.at < 7 * 86_400_000);
    const before = evs.filter((e) => {
      const age = end - e.at;
      return age >= 7 * 86_400_000 && age < 14 * 86_400_000;
    });
    if (last.length >= 5 && last.length > before.length * 1.5) {
      findings.push({
        id: 'ESCALATION',
        ...FINDING_WORDS.escalation(last.length, before.length),
        events: idsOf(last),
        law: [],
      });
    }
  }

  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    totals: { events: evs.length, byKind, numbers: byNumberGroups.size, lenders: byLenderGroups.size },
    perDay,
    perWeek,
    perHour,
    byNumber,
    byLender,
    findings,
    settings: { version: settings.version, night_window: `${settings.night_window.start}–${settings.night_window.end}`, timezone: settings.timezone },
  };
}
