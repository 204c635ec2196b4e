/**
 * The names a person reads for event kinds, the people a collector contacted, verdicts (and
 * how sure they are) and lender kinds, in Chinese and English: one table for letters, the harassment report, the
 * CLI and the page (which imports it).
 */
import type { Bilingual } from '../engine/schemas/common.js';
import type { Contacted, EventKind } from './schemas.js';

export const EVENT_KIND_LABEL: Record<EventKind, Bilingual> = {
  call_incoming: { zh: '来电（接通）', en: 'Call (answered)' },
  call_outgoing: { zh: '去电', en: 'Call (outgoing)' },
  call_missed: { zh: '未接来电', en: 'Missed call' },
  call_unanswered: { zh: '未接通', en: 'Call not connected' },
  sms: { zh: '短信', en: 'SMS' },
  app_notice: { zh: 'App通知', en: 'App notice' },
  visit: { zh: '上门', en: 'Visit' },
  third_party: { zh: '联系第三人', en: 'Third party contacted' },
};

/** Short names of the check's verdicts and of what a person is told (assessment). */
export const VERDICT_LABEL: Record<string, Bilingual> = {
  scam: { zh: '诈骗', en: 'Scam' },
  collection_violation: { zh: '违规催收', en: 'Rule-breaking collection' },
  collection: { zh: '正常催收', en: 'Genuine collection' },
  other: { zh: '其他', en: 'Other' },
  suspicious: { zh: '可疑', en: 'Suspicious' },
  uncertain: { zh: '无法确定', en: "Can't tell" },
};

/** How firmly a check's answer is given (its certainty), as said beside the answer when it is not high. */
export const CERTAINTY_LABEL: Record<string, Bilingual> = {
  high: { zh: '把握大', en: 'fairly sure' },
  medium: { zh: '把握一般', en: 'not certain' },
  low: { zh: '把握不大', en: 'unsure' },
};

/**
 * What the check told the person about an event: its assessment (the verdict for events
 * analysed before assessments were stored), and how sure when it was not sure — for the CLI's
 * listings and the page's badge alike.
 */
export function toldLabel(analysis: { verdict: string; assessment?: string; certainty?: string }, lang: 'zh' | 'en'): { said: string; label: string; sure?: string } {
  const said = analysis.assessment ?? analysis.verdict;
  const sure = analysis.certainty !== undefined && analysis.certainty !== 'high' ? CERTAINTY_LABEL[analysis.certainty]?.[lang] : undefined;
  return { said, label: VERDICT_LABEL[said]?.[lang] ?? said, ...(sure !== undefined ? { sure } : {}) };
}

export const LENDER_KIND_LABEL: Record<string, Bilingual> = {
  bank: { zh: '银行', en: 'Bank' },
  consumer_finance: { zh: '消费金融公司', en: 'Consumer-finance company' },
  licensed_microlender: { zh: '小额贷款公司', en: 'Licensed microlender' },
  online_platform: { zh: '网贷平台', en: 'Online platform' },
  private_individual: { zh: '个人（民间借贷）', en: 'Private individual' },
  unknown_unlicensed: { zh: '不清楚/无牌照', en: 'Unknown or unlicensed' },
};

export const CONTACTED_LABEL: Record<Contacted, Bilingual> = {
  borrower: { zh: '本人', en: 'Me' },
  family: { zh: '家人', en: 'Family' },
  employer: { zh: '单位', en: 'Employer' },
  colleague: { zh: '同事', en: 'Colleague' },
  contacts_list: { zh: '通讯录联系人', en: 'People in my contacts' },
  other: { zh: '其他人', en: 'Someone else' },
};

/** The kinds of telephone number the check tells apart (src/engine/schemas/result.ts NumberKind). */
export const NUMBER_KIND_LABEL: Record<string, Bilingual> = {
  mobile: { zh: '手机号码', en: 'mobile' },
  fixed_line: { zh: '固定电话', en: 'landline' },
  toll_free: { zh: '免费电话（400/800）', en: 'toll-free' },
  service: { zh: '企业客服短号', en: 'service number' },
  government: { zh: '政府服务热线', en: 'government hotline' },
  sms_port: { zh: '短信端口号', en: 'SMS sender number' },
  short: { zh: '短号码', en: 'short number' },
  international: { zh: '境外号码', en: 'international' },
  malformed: { zh: '号码格式不对', en: 'not a valid number' },
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-29" (or the date part of a longer string) → "2026年11月29日"; anything else unchanged. */
export function zhDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The wall-clock date and time of an instant in a zone, as { date: "YYYY-MM-DD", time: "HH:mm" }. */
function wallClock(instant: string | number | Date, timeZone: string): { date: string; time: string } | undefined {
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) return undefined;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${pad2(Number(parts.hour))}:${parts.minute}` };
}

/** An instant ("2026-11-29T14:14:40.838Z") as the local date and time people read: "2026年11月29日 22:14" (zh) or "29 Nov 2026, 22:14" (en). */
export function localDateTime(instant: string | number | Date, timeZone: string, lang: 'zh' | 'en' = 'zh'): string {
  const w = wallClock(instant, timeZone);
  if (w === undefined) return String(instant);
  if (lang === 'zh') return `${zhDate(w.date)} ${w.time}`;
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `${d} ${month} ${y}, ${w.time}`;
}

/**
 * Every day from the first to the last of a per-day series, with the days that had no
 * contact filled in as zero, so that a chart's axis is continuous (gaps show as gaps).
 * Dates are "YYYY-MM-DD"; the input is sorted by date.
 */
export function continuousDays<T extends { date: string }>(days: readonly T[], empty: (date: string) => T): T[] {
  if (days.length === 0) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: T[] = [];
  const last = Date.parse(days[days.length - 1]!.date + 'T00:00:00Z');
  // A cap keeps a stray far-off date from drawing thousands of empty bars.
  for (let t = Date.parse(days[0]!.date + 'T00:00:00Z'); t <= last && out.length < 3660; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push(byDate.get(date) ?? empty(date));
  }
  return out;
}

/** How a letter names an event: its kind, and whom the collector reached when it was not the borrower ("联系第三人：单位"). */
export function contactedKind(kind: EventKind, contacted: Contacted): string {
  const k = EVENT_KIND_LABEL[kind].zh;
  if (contacted === 'borrower') return k;
  const who = CONTACTED_LABEL[contacted].zh;
  return kind === 'third_party' ? `${k}：${who}` : `${k}（联系的是${who}）`;
}
