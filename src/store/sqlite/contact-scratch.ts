/**
 * The harassment report over contacts moved to a scratch table on disk (a ContactSpill, see
 * src/record/harassment.ts), for an export or a verify-package of a large record: memory stays
 * flat in the number of events. It gives exactly the report analyseHarassment gives over the
 * same contacts (test/report-scratch.test.ts compares them): one pass over the contacts in
 * time order (ties in the order added) gathers the counts, the per-day and per-week series
 * and, per number and per lender, its counts by day and week; each finding's events are not
 * kept but read back from the table, in the order analyseHarassment lists them, as the report
 * is written. What it still holds grows with the distinct days, numbers and lenders (the
 * report lists each), not with the events.
 */
import type { LawTable } from '../../engine/law.js';
import type { Bilingual } from '../../engine/schemas/common.js';
import type { Citation } from '../../engine/schemas/result.js';
import { EventList, FINDING_WORDS, weekStarts, type Contact, type ContactSpill, type StreamedFinding, type StreamedReport } from '../../record/harassment.js';
import type { HarassmentSettings } from '../../record/schemas.js';
import { inWindow } from '../../record/time.js';
import { openScratch, type ScratchDb } from './scratch.js';

const CALLS = ['call_incoming', 'call_missed', 'call_unanswered'];
const UNANSWERED = new Set(['call_missed', 'call_unanswered']);
const DAY = 86_400_000;
/** Rows read between two turns of the event loop. */
const GIVE_WAY = 5000;

interface Row {
  seq: number;
  at: number;
  date: string;
  hour: number;
  minute: number;
  kind: string;
  number: string | null;
  lender: string | null;
  contacted: string;
}

/** A finding's events as the report needs them: how many, and their local dates (the law is cited as in force on each). */
class FindingDates {
  count = 0;
  readonly dates = new Set<string>();
  add(_at: number, date: string): void {
    this.count++;
    this.dates.add(date);
  }
}

/** A number's or a lender's counts: by day, by week, and, on days, of the events a daily limit counts. */
interface Group {
  count: number;
  days: Map<string, number>;
  weeks: Map<string, number>;
  /** Unanswered calls (numbers only) and connected calls, by day in the order first seen: count and latest instant. */
  unanswered: Map<string, { count: number; at: number }>;
  connected: Map<string, { count: number; at: number }>;
}

const newGroup = (): Group => ({ count: 0, days: new Map(), weeks: new Map(), unanswered: new Map(), connected: new Map() });
const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};
const bumpDay = (m: Map<string, { count: number; at: number }>, date: string, at: number): void => {
  const d = m.get(date);
  if (d === undefined) m.set(date, { count: 1, at });
  else {
    d.count++;
    if (at > d.at) d.at = at;
  }
};
const maxOf = (values: Iterable<number>): number => {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
};
const giveWay = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A ContactSpill in a scratch database of its own. */
export function contactSpill(): ContactSpill {
  const db = openScratch();
  try {
    db.exec(`CREATE TABLE c (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, at REAL NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL, minute INTEGER NOT NULL,
      kind TEXT NOT NULL, number TEXT, lender TEXT, contacted TEXT NOT NULL, disclosed INTEGER NOT NULL, scam INTEGER NOT NULL);
      CREATE TABLE s (seq INTEGER NOT NULL, pos INTEGER NOT NULL, signal TEXT NOT NULL);`);
  } catch (e) {
    db.close();
    throw e;
  }
  const insert = db.prepare('INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertSignal = db.prepare('INSERT INTO s VALUES (?, ?, ?)');
  let seq = 0;
  return {
    add(c: Contact) {
      seq++;
      insert.run(seq, c.id, c.at, c.date, c.hour, c.minute, c.kind, c.number ?? null, c.lender ?? null, c.contacted, c.disclosed ? 1 : 0, c.scam ? 1 : 0);
      for (let i = 0; i < c.signals.length; i++) insertSignal.run(seq, i, c.signals[i]);
    },
    analyse: (settings, law, period, signalTitles) => analyse(db, settings, law, period, signalTitles),
    close() {
      if (db.open) db.close();
    },
  };
}

async function analyse(
  db: ScratchDb,
  settings: HarassmentSettings,
  law: LawTable,
  period: { from?: string; to?: string },
  signalTitles: ReadonlyMap<string, Bilingual>,
): Promise<StreamedReport> {
  const { start, end } = settings.night_window;
  db.function('dg_night', { deterministic: true }, (hour: unknown, minute: unknown) => (inWindow({ date: '', hour: Number(hour), minute: Number(minute) }, start, end) ? 1 : 0));
  db.exec('CREATE INDEX IF NOT EXISTS c_time ON c (at, seq)');
  const ORDER = 'ORDER BY c.at, c.seq';
  /** The ids of a query's rows, read when the report is written. */
  const list = (count: number, sql: string, ...params: unknown[]): EventList =>
    new EventList(count, () => db.prepare(`SELECT c.id FROM ${sql}`).pluck().iterate(...params) as Iterable<string>);
  const cite = (refs: readonly string[], events: FindingDates, signal: string): Citation[] => law.citeOver([{ signal, refs }], events.dates, '1970-01-01');

  // One pass in time order.
  const perDayMap = new Map<string, { count: number; night: number }>();
  const perHour = new Array<number>(24).fill(0);
  const byKind: Record<string, number> = {};
  const weekCounts = new Map<string, number>();
  const numbers = new Map<string, Group>();
  const lenders = new Map<string, Group>();
  const night = new FindingDates();
  const third = new FindingDates();
  let disclosed = 0;
  const whoSet = new Set<string>();
  const scams = new FindingDates();
  let events = 0;
  let endAt = 0;
  const weekOf = weekStarts();
  const rows = db.prepare(`SELECT c.seq, c.at, c.date, c.hour, c.minute, c.kind, c.number, c.lender, c.contacted, c.disclosed, c.scam FROM c ${ORDER}`);
  for (const r of rows.iterate() as Iterable<Row & { disclosed: number; scam: number }>) {
    events++;
    endAt = r.at;
    const d = perDayMap.get(r.date) ?? { count: 0, night: 0 };
    d.count++;
    if (inWindow(r, start, end)) {
      d.night++;
      if (r.contacted === 'borrower' || r.kind !== 'third_party') night.add(r.at, r.date);
    }
    perDayMap.set(r.date, d);
    perHour[r.hour]!++;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    const week = weekOf(r.date);
    bump(weekCounts, week);
    for (const [key, groups] of [
      [r.number, numbers],
      [r.lender, lenders],
    ] as const) {
      if (key === null || key === '') continue;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = newGroup()));
      g.count++;
      bump(g.days, r.date);
      bump(g.weeks, week);
      if (groups === numbers && UNANSWERED.has(r.kind)) bumpDay(g.unanswered, r.date, r.at);
      if (r.kind === 'call_incoming') bumpDay(g.connected, r.date, r.at);
    }
    if (r.kind === 'third_party' || r.contacted !== 'borrower') {
      third.add(r.at, r.date);
      if (r.disclosed === 1) disclosed++;
      whoSet.add(r.contacted);
    }
    if (r.scam === 1) scams.add(r.at, r.date);
    if (events % GIVE_WAY === 0) await giveWay();
  }

  const perDay = [...perDayMap].sort().map(([date, v]) => ({ date, ...v }));
  const perWeek = [...weekCounts].sort().map(([week, count]) => ({ week, count }));
  const byNumber = [...numbers]
    .map(([number, g]) => ({ number, count: g.count, maxPerDay: maxOf(g.days.values()), maxPerWeek: maxOf(g.weeks.values()), days: g.days.size }))
    .sort((a, b) => b.count - a.count);
  const byLender = [...lenders].map(([lender, g]) => ({ lender, count: g.count, maxPerDay: maxOf(g.days.values()), maxPerWeek: maxOf(g.weeks.values()) })).sort((a, b) => b.count - a.count);

  const findings: StreamedFinding[] = [];
  const ref = (r: { source: string; strength: string }): { source: string; strength: string } => ({ source: r.source, strength: r.strength });

  if (night.count > 0) {
    findings.push({
      id: 'NIGHT_CONTACT',
      ...FINDING_WORDS.night(night.count, settings.night_window),
      events: list(night.count, `c WHERE dg_night(c.hour, c.minute) AND (c.contacted = 'borrower' OR c.kind != 'third_party') ${ORDER}`),
      reference: ref(settings.night_window),
      law: cite([...settings.night_window.law, ...settings.harassment_law], night, 'NIGHT_CONTACT'),
    });
  }

  // Days on which one group went over a daily limit: the (group, day) pairs in the order analyseHarassment walks them.
  let overTables = 0;
  const overLimit = (groups: Map<string, Group>, which: 'unanswered' | 'connected', column: 'number' | 'lender', kinds: readonly string[], max: number): { events: EventList; days: string[]; latest: FindingDates } => {
    const table = `over${overTables++}`;
    db.exec(`CREATE TABLE ${table} (ord INTEGER PRIMARY KEY, key TEXT NOT NULL, date TEXT NOT NULL)`);
    const add = db.prepare(`INSERT INTO ${table} (key, date) VALUES (?, ?)`);
    const days: string[] = [];
    const latest = new FindingDates();
    let count = 0;
    for (const [key, g] of groups) {
      for (const [date, day] of g[which]) {
        if (day.count <= max) continue;
        add.run(key, date);
        count += day.count;
        latest.add(day.at, date);
        days.push(`${date} ${key} ×${day.count}`);
      }
    }
    const kindList = kinds.map((k) => `'${k}'`).join(', ');
    return { events: list(count, `${table} o JOIN c ON c.${column} = o.key AND c.date = o.date WHERE c.kind IN (${kindList}) ORDER BY o.ord, c.at, c.seq`), days, latest };
  };
  const dailyLimit = (id: string, limit: HarassmentSettings['unanswered_per_day'], over: { events: EventList; days: string[]; latest: FindingDates }, title: Bilingual): void => {
    if (over.events.length === 0) return;
    findings.push({
      id,
      title,
      detail: FINDING_WORDS.overDays(over.days),
      events: over.events,
      reference: ref(limit),
      law: cite([...limit.law, ...settings.harassment_law], over.latest, id),
    });
  };
  const u = settings.unanswered_per_day;
  dailyLimit('UNANSWERED_OVER_LIMIT', u, overLimit(numbers, 'unanswered', 'number', [...UNANSWERED], u.max), FINDING_WORDS.unanswered(u.max));
  const cc = settings.connected_calls_per_day;
  dailyLimit('CONNECTED_OVER_LIMIT', cc, lenders.size > 0 ? overLimit(lenders, 'connected', 'lender', ['call_incoming'], cc.max) : overLimit(numbers, 'connected', 'number', ['call_incoming'], cc.max), FINDING_WORDS.connected(cc.max));

  if (third.count > 0) {
    findings.push({
      id: 'THIRD_PARTY_CONTACT',
      ...FINDING_WORDS.thirdParty(third.count, disclosed, [...whoSet]),
      events: list(third.count, `c WHERE c.kind = 'third_party' OR c.contacted != 'borrower' ${ORDER}`),
      reference: ref(settings.third_party),
      law: cite(settings.third_party.law, third, 'THIRD_PARTY_CONTACT'),
    });
  }

  // What the check found in the texts, signal by signal in the order analyseHarassment sorts them.
  const signals = (db.prepare('SELECT signal, count(*) AS n FROM s GROUP BY signal').all() as { signal: string; n: number }[]).sort((a, b) => {
    const x = a.signal + ',';
    const y = b.signal + ',';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const { signal, n } of signals) {
    findings.push({
      id: `TEXT:${signal}`,
      ...FINDING_WORDS.text(signalTitles.get(signal), signal, n),
      events: list(n, `s JOIN c ON c.seq = s.seq WHERE s.signal = ? ORDER BY c.at, c.seq, s.pos`, signal),
      law: [],
    });
  }
  if (scams.count > 0) {
    findings.push({
      id: 'LIKELY_SCAM',
      ...FINDING_WORDS.scam(scams.count),
      events: list(scams.count, `c WHERE c.scam = 1 ${ORDER}`),
      law: cite(['fraud'], scams, 'LIKELY_SCAM'),
    });
  }

  // US Regulation F comparison, number by number (read in number order; listed in the order the numbers were first seen).
  const windowMs = settings.us_reg_f.days * DAY;
  const flagged = new Map<string, { ids: string[]; note: string }>();
  let current: string | undefined;
  let window: { at: number; id: string; date: string }[] = [];
  let done = false;
  let read = 0;
  const callKinds = CALLS.map((k) => `'${k}'`).join(', ');
  for (const r of db.prepare(`SELECT c.number, c.at, c.id, c.date FROM c WHERE c.kind IN (${callKinds}) AND c.number IS NOT NULL AND c.number != '' ORDER BY c.number, c.at, c.seq`).iterate() as Iterable<{
    number: string;
    at: number;
    id: string;
    date: string;
  }>) {
    if (++read % GIVE_WAY === 0) await giveWay();
    if (r.number !== current) {
      current = r.number;
      window = [];
      done = false;
    }
    if (done) continue;
    window.push({ at: r.at, id: r.id, date: r.date });
    let lo = 0;
    while (r.at - window[lo]!.at >= windowMs) lo++;
    if (lo > 0) window = window.slice(lo);
    if (window.length > settings.us_reg_f.calls) {
      done = true;
      flagged.set(r.number, { ids: window.map((c) => c.id), note: `${r.number}: ${window.length} calls from ${window[0]!.date}` });
      window = [];
    }
  }
  const regF: string[] = [];
  const regFNotes: string[] = [];
  for (const number of numbers.keys()) {
    const f = flagged.get(number);
    if (f === undefined) continue;
    for (const id of f.ids) regF.push(id);
    regFNotes.push(f.note);
  }
  if (regF.length > 0) {
    findings.push({
      id: 'US_REG_F_7_IN_7',
      ...FINDING_WORDS.regF(regFNotes),
      events: EventList.of(regF),
      reference: ref(settings.us_reg_f),
      law: [],
    });
  }

  // Escalation: the last 7 days against the 7 before.
  if (events > 0) {
    const count = (sql: string, ...params: unknown[]): number => db.prepare(`SELECT count(*) FROM c WHERE ${sql}`).pluck().get(...params) as number;
    const last = count('? - c.at < ?', endAt, 7 * DAY);
    const before = count('? - c.at >= ? AND ? - c.at < ?', endAt, 7 * DAY, endAt, 14 * DAY);
    if (last >= 5 && last > before * 1.5) {
      findings.push({
        id: 'ESCALATION',
        ...FINDING_WORDS.escalation(last, before),
        events: list(last, `c WHERE ? - c.at < ? ${ORDER}`, endAt, 7 * DAY),
        law: [],
      });
    }
  }

  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    totals: { events, byKind, numbers: numbers.size, lenders: lenders.size },
    perDay,
    perWeek,
    perHour,
    byNumber,
    byLender,
    findings,
    settings: { version: settings.version, night_window: `${settings.night_window.start}–${settings.night_window.end}`, timezone: settings.timezone },
  };
}
