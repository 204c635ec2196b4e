/**
 * What a debt really costs and where it stands: the true annual rate (XIRR of what was
 * received and what the schedule demands, and of what was actually paid), up-front
 * deductions, what is still owed, how long it has been overdue, the limitation period and
 * when a negative credit record must be deleted — each flag with its legal basis. Pure:
 * the debt, the LPR table and today's date in; a report out.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import { formatYuan } from './money.js';
import type { Debt, LenderKind, LprTable } from './schemas.js';
import { LPR_START, lprOn, type LprLookup } from './lpr.js';
import { xirr, type Flow } from './xirr.js';

export interface Flag {
  id: string;
  text: Bilingual;
  /** Law topics or provision ids (data/law/provisions.yaml); empty for reported thresholds. */
  law: string[];
  /** "law" for provisions, "reported" for thresholds known only from secondary sources. */
  basis: 'law' | 'reported' | 'none';
}

export interface DebtCost {
  id: string;
  upfront_deduction_fen: number;
  scheduled_total_fen: number;
  paid_fen: number;
  fees_fen: number;
  outstanding_fen: number;
  /** Annual rate implied by the contract: received vs the schedule. */
  contract_rate: number | null;
  contract_rate_problem?: string;
  next_due?: { due: string; amount_fen: number };
  overdue_since?: string;
  overdue_days: number;
  limitation: { starts: string; expires: string; expired: boolean; basis: string[] };
  credit_record_deleted_by?: string;
  /** Private and unknown lenders: the one-year LPR at the contract date (or why there is none) and its four-fold cap. */
  lpr?: LprLookup;
  flags: Flag[];
}

const LICENSED: readonly LenderKind[] = ['bank', 'consumer_finance', 'licensed_microlender', 'online_platform'];
const DAY = 86_400_000;
const days = (a: string, b: string): number => Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY);
const addYears = (d: string, n: number): string => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + n, m - 1, day));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0); // 29 Feb → 28 Feb
  return t.toISOString().slice(0, 10);
};
const pct = (r: number): string => `${(r * 100).toFixed(1)}%`;

export function costOf(debt: Debt, lpr: LprTable, today: string): DebtCost {
  const flags: Flag[] = [];
  const scheduled = debt.schedule.reduce((s, x) => s + x.amount_fen, 0);
  const paid = debt.payments.reduce((s, x) => s + x.amount_fen, 0);
  const fees = debt.fees.reduce((s, x) => s + x.amount_fen, 0);
  const deduction = debt.principal_fen - debt.received_fen;

  const flows: Flow[] = [{ date: debt.date, amount: debt.received_fen }, ...debt.schedule.map((s) => ({ date: s.due, amount: -s.amount_fen }))];
  const r = xirr(flows);
  const rate = r.ok ? r.rate : null;

  // Payments cover instalments in order; the first one not covered and past due is overdue.
  let covered = paid;
  let overdueSince: string | undefined;
  let nextDue: DebtCost['next_due'];
  for (const s of debt.schedule) {
    if (covered >= s.amount_fen) {
      covered -= s.amount_fen;
      continue;
    }
    const left = s.amount_fen - covered;
    covered = 0;
    if (s.due < today && overdueSince === undefined) overdueSince = s.due;
    if (s.due >= today && nextDue === undefined) nextDue = { due: s.due, amount_fen: left };
  }
  const settled = debt.status === 'settled';
  if (settled) {
    overdueSince = undefined;
    nextDue = undefined;
  }
  overdueSince ??= debt.status === 'overdue' ? debt.overdue_since : undefined;
  const outstanding = settled ? 0 : Math.max(0, scheduled + fees - paid);

  if (deduction > 0) {
    flags.push({
      id: 'UPFRONT_DEDUCTION',
      text: {
        zh: `合同本金 ${formatYuan(debt.principal_fen)} 元，实际到账 ${formatYuan(debt.received_fen)} 元，预先扣除 ${formatYuan(deduction)} 元（“砍头息”）。依法应以实际到账金额为本金计算利息。`,
        en: `Principal on paper ${formatYuan(debt.principal_fen)}, received ${formatYuan(debt.received_fen)}: ${formatYuan(deduction)} deducted up front. By law the amount actually received is the principal for interest.`,
      },
      law: ['upfront-deduction'],
      basis: 'law',
    });
  }
  const lprCap: LprLookup | undefined = LICENSED.includes(debt.lender.kind) ? undefined : lprOn(lpr, debt.date);
  if (rate !== null) {
    if (lprCap === undefined) {
      for (const [limit, id] of [
        [0.36, 'RATE_OVER_36'],
        [0.24, 'RATE_OVER_24'],
      ] as const) {
        if (rate > limit) {
          flags.push({
            id,
            text: {
              zh: `实际年化成本约 ${pct(rate)}，高于据报道的持牌机构 ${limit * 100}% 上限（监管文件原文未核实，建议核实）。`,
              en: `The true annual cost is about ${pct(rate)}, above the reported ${limit * 100}% ceiling for licensed lenders (the regulatory texts were not available to verify).`,
            },
            law: [],
            basis: 'reported',
          });
          break;
        }
      }
    } else {
      flags.push(...lprFlags(lprCap, debt.date, rate));
    }
  }
  if (scheduled < debt.received_fen) {
    // Repaying less than was received is no loan anyone makes: a mistyped amount, count or principal.
    flags.push({
      id: 'SCHEDULE_BELOW_RECEIVED',
      text: {
        zh: `按计划共还 ${formatYuan(scheduled)} 元，比实际到手的 ${formatYuan(debt.received_fen)} 元还少，上面的年化利率因此没有意义：请核对本金、每期金额和期数是否写对。`,
        en: `The schedule repays ${formatYuan(scheduled)} in all, less than the ${formatYuan(debt.received_fen)} received, so the rate above means nothing: check the principal, the amount per instalment and their number.`,
      },
      law: [],
      basis: 'none',
    });
  }
  if (fees > 0) {
    flags.push({
      id: 'FEES_CHARGED',
      text: { zh: `另收费用共 ${formatYuan(fees)} 元：${debt.fees.map((f) => f.what).join('、')}。合同没有约定的费用可以拒付。`, en: `Fees charged: ${formatYuan(fees)} in all (${debt.fees.map((f) => f.what).join(', ')}). Fees the contract does not provide for can be refused.` },
      law: [],
      basis: 'none',
    });
  }

  // Limitation: three years from the last instalment's due date (arts. 188, 189), restarted by a
  // demand, an acknowledgement, a part-payment or a lawsuit (art. 195).
  const lastDue = debt.schedule[debt.schedule.length - 1]!.due;
  const restarts = [...debt.limitation_events.map((e) => e.date), ...debt.payments.map((p) => p.date)].filter((d) => d > lastDue).sort();
  const starts = restarts[restarts.length - 1] ?? lastDue;
  const expires = addYears(starts, 3);
  const expired = today > expires && !settled;
  if (expired) {
    flags.push({
      id: 'LIMITATION_EXPIRED',
      text: {
        zh: `诉讼时效可能已于 ${expires} 届满。这不等于债务消失：它只是你可以在诉讼中提出的抗辩，法院不会主动适用；你若同意还款或自愿还款，就不能再以此抗辩。`,
        en: `The limitation period may have expired on ${expires}. The debt is not erased: it is a defence you may raise in court, which courts do not apply on their own; if you agree to pay or pay voluntarily, you lose it.`,
      },
      law: ['limitation'],
      basis: 'law',
    });
  }
  let deletedBy: string | undefined;
  const wasOverdue = debt.overdue_since !== undefined || overdueSince !== undefined;
  if (settled && wasOverdue && debt.settled_on) deletedBy = addYears(debt.settled_on, 5);

  return {
    id: debt.id,
    upfront_deduction_fen: deduction,
    scheduled_total_fen: scheduled,
    paid_fen: paid,
    fees_fen: fees,
    outstanding_fen: outstanding,
    contract_rate: rate,
    ...(r.ok ? {} : { contract_rate_problem: r.reason }),
    ...(nextDue ? { next_due: nextDue } : {}),
    ...(overdueSince ? { overdue_since: overdueSince } : {}),
    overdue_days: overdueSince ? Math.max(0, days(overdueSince, today)) : 0,
    limitation: { starts, expires, expired, basis: ['civil-code.188', 'civil-code.189', 'civil-code.195'] },
    ...(deletedBy ? { credit_record_deleted_by: deletedBy } : {}),
    ...(lprCap ? { lpr: lprCap } : {}),
    flags,
  };
}

const pct2 = (p: number): string => `${p.toFixed(2)}%`;

/** What the private-lending cap says about this rate: over it, not comparable, or compared only with an unconfirmed value. */
function lprFlags(l: LprLookup, date: string, rate: number): Flag[] {
  const law = ['private-lending-cap'];
  if (!l.found) {
    if (l.reason === 'before_lpr') {
      return [
        {
          id: 'LPR_UNKNOWN',
          text: {
            zh: `民间借贷的利率上限是合同成立时一年期LPR的四倍，但合同成立于 ${date}，早于 ${LPR_START} 首次公布新的一年期LPR，无法按此比较。实际年化约 ${pct(rate)}。`,
            en: `Private lending is capped at four times the one-year LPR at contract formation, but this contract (${date}) predates the first one-year LPR of ${LPR_START}; cannot compare. True annual rate about ${pct(rate)}.`,
          },
          law,
          basis: 'law',
        },
      ];
    }
    const upTo = l.table_through ? `随附的LPR表只列到 ${l.table_through}，` : '';
    const upToEn = l.table_through ? `the LPR table shipped with the tool only goes to ${l.table_through}; ` : '';
    return [
      {
        id: l.table_through ? 'LPR_UNCONFIRMED' : 'LPR_UNKNOWN',
        text: {
          zh: `民间借贷的利率上限是合同成立时一年期LPR的四倍，但 ${l.month} 的一年期LPR没有经确认的数值（${upTo}不作推测），因此无法比较。实际年化约 ${pct(rate)}。查到该月的官方数值后，可用 dunguard debt lpr ${l.month} 利率 --source 来源 添加。`,
          en: `Private lending is capped at four times the one-year LPR at contract formation, but there is no confirmed one-year LPR for ${l.month} (${upToEn}no value is assumed), so the rate cannot be compared. True annual rate about ${pct(rate)}. Once you find the official value for that month, add it with dunguard debt lpr ${l.month} RATE --source SOURCE.`,
        },
        law,
        basis: 'law',
      },
    ];
  }
  const cap = l.cap_percent / 100;
  const over = rate > cap;
  const whose = {
    reported: { zh: `据新闻报道：${l.source_zh ?? l.source}；非官方公布原文`, en: `as reported by ${l.source}; not the official series` },
    unconfirmed: { zh: `未经确认：仅见于一份未注明来源的数据文件（${l.source_zh ?? l.source}）`, en: `unconfirmed: found only in a data file that names no source (${l.source})` },
    yours: { zh: `你添加的数值，来源：${l.source}`, en: `the value you added, source: ${l.source}` },
  }[l.strength];
  const what = { zh: `合同成立时（${date}）的一年期LPR为 ${pct2(l.rate_percent)}（自 ${l.effective_from} 起；${whose.zh}），四倍为 ${pct2(l.cap_percent)}`, en: `the one-year LPR at contract formation (${date}) was ${pct2(l.rate_percent)} (from ${l.effective_from}; ${whose.en}), four times which is ${pct2(l.cap_percent)}` };
  if (l.strength === 'unconfirmed') {
    return [
      {
        id: 'LPR_UNCONFIRMED',
        text: {
          zh: `${l.month} 的一年期LPR没有经确认的数值。仅供参考：${what.zh}；实际年化约 ${pct(rate)}，${over ? '高于' : '未超过'}这一数值。请以官方公布的数值为准。`,
          en: `There is no confirmed one-year LPR for ${l.month}. For guidance only: ${what.en}; the true annual rate of about ${pct(rate)} is ${over ? 'above' : 'within'} it. Check the official value.`,
        },
        law,
        basis: 'law',
      },
    ];
  }
  if (!over) return [];
  return [
    {
      id: 'RATE_OVER_4LPR',
      text: {
        zh: `实际年化约 ${pct(rate)}，超过民间借贷利率上限：${what.zh}。超出部分法院不予支持。`,
        en: `True annual rate about ${pct(rate)}, above the private-lending cap: ${what.en}. Courts do not support the excess.`,
      },
      law,
      basis: 'law',
    },
  ];
}
