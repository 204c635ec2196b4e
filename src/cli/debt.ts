/** `dunguard debt …`: the user's own ledger — loans, payments, true cost, limitation, a repayment plan. */
import { randomUUID } from 'node:crypto';
import type { DebtCost } from '../ledger/cost.js';
import { formatYuan } from '../ledger/money.js';
import { PlanError, proposePlan } from '../ledger/plan.js';
import { Debt } from '../ledger/schemas.js';
import { UserError, decodeUtf8, readFileBytes, readStdin } from './io.js';
import { out, type Common } from './output.js';
import { DEBT_STATUS_NAME, say, type Lang } from '../present/words.js';
import { LENDER_KIND_LABEL } from '../record/labels.js';
import { withRecord, type RecordContext } from '../service/record-context.js';
import { addDebt, changeDebt, debtWithCost, fen, ledgerRows, type DebtAddFlags, type DebtChange } from '../service/debts.js';

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

const withLedger = <T>(c: Common, f: (ctx: RecordContext) => Promise<T>, opts: { existing?: boolean } = {}): Promise<T> => withRecord(c.dataDir, f, opts);

export function runDebtAdd(f: DebtAddFlags & Common): Promise<string> {
  return withLedger(f, async (ctx) => {
    const { debt, cost } = await addDebt(ctx, f);
    return out(f, { debt, cost }, () => `${say(f.lang, '已记下这笔借款', 'added')} ${debt.id}\n${describeCost(debt, cost, f.lang)}`);
  });
}

/**
 * `debt import FILE`: a JSON array of debts in the shape of docs/schemas/debt.json, with
 * amounts in fen and without ids (given here). All are checked first; one bad entry stops
 * the import with its position and nothing is saved. Entries already in the ledger (same
 * lender, date, principal and contract number) are skipped.
 */
export function runDebtImport(file: string, c: Common): Promise<string> {
  return withLedger(c, async (ctx) => {
    const text = decodeUtf8(file === '-' ? await readStdin() : await readFileBytes(file), '导入文件');
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw bad('文件不是有效的 JSON，什么都没有导入。', `Malformed JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(raw)) throw bad('文件里应该是一组借款（JSON 数组，用 [ ] 括起来）', 'Expected an array of debts');
    const existing = await ctx.store.listDebts();
    const key = (d: { lender: { name: string }; date: string; principal_fen: number; contract_no?: string }): string => `${d.lender.name}|${d.date}|${d.principal_fen}|${d.contract_no ?? ''}`;
    const known = new Set(existing.map(key));
    const debts: Debt[] = [];
    raw.forEach((entry, i) => {
      const r = Debt.safeParse({ payments: [], fees: [], limitation_events: [], status: 'active', ...(entry as object), id: randomUUID() });
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw bad(`第 ${i + 1} 项有误（${issue.path.join('.') || '整项'}），什么都没有导入。格式见项目文档中的借款导入说明（金额以分为单位）。`, `Entry ${i + 1} is invalid: ${issue.path.join('.')}: ${issue.message} (nothing imported)`);
      }
      if (!known.has(key(r.data))) {
        known.add(key(r.data));
        debts.push(r.data);
      }
    });
    await ctx.store.saveDebts(debts);
    return out(c, { imported: debts.length, skipped_existing: raw.length - debts.length }, () => say(c.lang, `导入了 ${debts.length} 笔借款，另有 ${raw.length - debts.length} 笔原来就有`, `imported ${debts.length} debts, ${raw.length - debts.length} already in the ledger`));
  });
}

export function runDebtChange(id: string, f: Common & DebtChange): Promise<string> {
  return withLedger(f, async (ctx) => {
    const { debt, cost } = await changeDebt(ctx, id, f);
    return out(f, { debt, cost }, () => describeCost(debt, cost, f.lang));
  });
}

const RATE_PROBLEM: Record<string, { zh: string; en: string }> = {
  too_few_flows: { zh: '还款计划太少', en: 'too few payments' },
  no_sign_change: { zh: '没有到手金额或没有还款', en: 'no money received or no repayments' },
  no_convergence: { zh: '无法算出', en: 'no solution' },
};

/** A rate in percent with one decimal, never "-0.0". */
const rate = (r: number): string => (Math.abs(r) < 0.0005 ? '0.0' : (r * 100).toFixed(1));

export function describeCost(d: Debt, c: DebtCost, lang: Lang = 'zh'): string {
  const y = formatYuan;
  // "Active" as the person recorded it, but past a due date by the schedule: overdue, said as such.
  const status = d.status === 'active' && c.overdue_since !== undefined ? { zh: '逾期中（按还款计划推算）', en: 'overdue (by the schedule)' } : DEBT_STATUS_NAME[d.status];
  if (lang === 'en') {
    const lines = [
      `${d.lender.name} (${LENDER_KIND_LABEL[d.lender.kind]?.en ?? d.lender.kind})${d.contract_no ? ' ' + d.contract_no : ''}  ${d.date}  status: ${status?.en ?? d.status}${d.settled_on ? ' on ' + d.settled_on : ''}`,
      `  principal ${y(d.principal_fen)}, received ${y(d.received_fen)}, schedule ${y(c.scheduled_total_fen)} in ${d.schedule.length}, paid ${y(c.paid_fen)}, owed ${y(c.outstanding_fen)}`,
      `  true annual rate (XIRR): ${c.contract_rate === null ? `cannot be computed (${RATE_PROBLEM[c.contract_rate_problem ?? '']?.en ?? c.contract_rate_problem})` : `${rate(c.contract_rate)}%`}`,
    ];
    if (c.next_due) lines.push(`  next due: ${c.next_due.due} ${y(c.next_due.amount_fen)}`);
    if (c.overdue_since) lines.push(`  overdue since ${c.overdue_since} (${c.overdue_days} days)`);
    lines.push(`  limitation: 3 years from ${c.limitation.starts}, until ${c.limitation.expires}${c.limitation.expired ? ' (may have expired: a defence to raise, not an erased debt)' : ''}`);
    if (c.credit_record_deleted_by) lines.push(`  a negative credit record must be deleted by ${c.credit_record_deleted_by} (Credit Reporting Regulations art. 16)`);
    for (const fl of c.flags) lines.push(`  ⚑ ${fl.text.en}`);
    return lines.join('\n');
  }
  const lines = [
    `${d.lender.name}（${LENDER_KIND_LABEL[d.lender.kind]?.zh ?? d.lender.kind}）${d.contract_no ? ' 合同号 ' + d.contract_no : ''}  借款日 ${d.date}  状态：${status?.zh ?? d.status}${d.settled_on ? `（${d.settled_on} 结清）` : ''}`,
    `  合同本金 ${y(d.principal_fen)} 元，实际到手 ${y(d.received_fen)} 元，按计划共还 ${y(c.scheduled_total_fen)} 元（${d.schedule.length} 期），已还 ${y(c.paid_fen)} 元，还欠 ${y(c.outstanding_fen)} 元`,
    `  实际年化利率：${c.contract_rate === null ? `算不出来（${RATE_PROBLEM[c.contract_rate_problem ?? '']?.zh ?? '数据不足'}）` : `${rate(c.contract_rate)}%`}（按实际到手的钱和每期还款算）`,
  ];
  if (c.next_due) lines.push(`  下次还款：${c.next_due.due}，${y(c.next_due.amount_fen)} 元`);
  if (c.overdue_since) lines.push(`  从 ${c.overdue_since} 起逾期，已 ${c.overdue_days} 天`);
  lines.push(`  诉讼时效：从 ${c.limitation.starts} 起算 3 年，到 ${c.limitation.expires}${c.limitation.expired ? '（可能已过：这是可以提出的抗辩，不等于欠款消失）' : ''}`);
  if (c.credit_record_deleted_by) lines.push(`  不良征信记录应在 ${c.credit_record_deleted_by} 前删除（《征信业管理条例》第十六条）`);
  for (const fl of c.flags) lines.push(`  ⚑ ${fl.text.zh}`);
  return lines.join('\n');
}

export function runDebtList(c: Common & { summary?: boolean }): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { rows, summary } = await ledgerRows(ctx);
    return out(c, c.summary ? summary : rows, () =>
      [
        ...(c.summary ? [] : rows.map((r) => `${r.debt.id.slice(0, 8)}  ${describeCost(r.debt, r.cost, c.lang)}`)),
        rows.length === 0
          ? say(c.lang, '账本里还没有借款。用 dunguard debt add 记下一笔。', 'No debts in the ledger yet. Add one with dunguard debt add.')
          : say(
              c.lang,
              `一共还欠 ${formatYuan(summary.total_owed_fen)} 元，未结清的借款 ${summary.open} 笔${summary.next_due ? `；下次还款 ${summary.next_due.due}，${formatYuan(summary.next_due.amount_fen)} 元` : ''}`,
              `total really owed: ${formatYuan(summary.total_owed_fen)} across ${summary.open} open debts${summary.next_due ? `; next due ${summary.next_due.due} ${formatYuan(summary.next_due.amount_fen)}` : ''}`,
            ),
        ...(c.summary && summary.flags.length > 0 ? [say(c.lang, `有 ${summary.flags.length} 个需要注意的问题，用 dunguard debt list 查看详情。`, `${summary.flags.length} flags: see dunguard debt list.`)] : []),
      ].join('\n'),
    );
  }, { existing: true });
}

export function runDebtShow(id: string, c: Common): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { debt, cost } = await debtWithCost(ctx, id);
    return out(c, { debt, cost }, () => describeCost(debt, cost, c.lang));
  }, { existing: true });
}

export function runDebtLpr(month: string, rate: string, c: Common & { source?: string }): Promise<string> {
  return withLedger(c, async (ctx) => {
    const mm = /^(\d{4})(?:[-/.年])(\d{1,2})月?$/.exec(month.trim());
    if (mm === null || Number(mm[2]) < 1 || Number(mm[2]) > 12) throw bad(`看不懂月份“${month}”：请写成 2024-08 或 2024年8月`, 'The month is YYYY-MM, e.g. 2024-08');
    month = `${mm[1]}-${mm[2]!.padStart(2, '0')}`;
    const r = Number(rate.replace(/[%％]$/, ''));
    if (!Number.isFinite(r) || r <= 0 || r > 100) throw bad('利率请写百分数，例如 3.1（表示 3.1%）', 'The rate is a percentage, e.g. 3.1');
    if (!c.source || c.source.trim().length < 3) throw bad('请用 --source 注明这个 LPR 数值的出处（例如 中国人民银行公告）', 'Give the source of the LPR value with --source');
    await ctx.store.addLpr({ month, rate_percent: r, source: c.source });
    return out(c, { month, rate_percent: r, source: c.source }, () => say(c.lang, `已记下 ${month} 的一年期 LPR：${r}%（出处：${c.source}）`, `LPR ${month}: ${r}% (${c.source})`));
  });
}

export function runDebtPlan(c: Common & { monthly?: string }): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { rows } = await ledgerRows(ctx);
    const debts = rows.filter((r) => r.debt.status !== 'settled').map((r) => ({ id: r.debt.id, lender: r.debt.lender.name, outstanding_fen: r.cost.outstanding_fen }));
    if (debts.every((d) => d.outstanding_fen <= 0)) {
      const monthly = fen(c.monthly, '--monthly');
      if (c.json) return out(c, proposePlan(debts, monthly), () => '');
      return say(
        c.lang,
        debts.length === 0 ? '账本里没有未结清的借款，不需要还款计划。先用 dunguard debt add 记下借款。\n' : '未结清的借款都已还清，不需要还款计划。\n',
        debts.length === 0 ? 'There are no open debts to plan for. Add your debts first with dunguard debt add.\n' : 'Every open debt is paid off: there is nothing to plan.\n',
      );
    }
    try {
      const plan = proposePlan(debts, fen(c.monthly, '--monthly'));
      return out(c, plan, () =>
        say(
          c.lang,
          [
            `每月还 ${formatYuan(plan.monthly_fen)} 元，${plan.months} 个月可以还清全部 ${formatYuan(plan.total_fen)} 元：`,
            ...plan.perDebt.map((p) => `  ${p.lender}：每月 ${formatYuan(p.monthly_fen)} 元，还 ${p.months} 个月（现欠 ${formatYuan(p.outstanding_fen)} 元）`),
          ].join('\n'),
          [
            `paying ${formatYuan(plan.monthly_fen)} a month clears ${formatYuan(plan.total_fen)} in ${plan.months} months:`,
            ...plan.perDebt.map((p) => `  ${p.lender}: ${formatYuan(p.monthly_fen)} a month for ${p.months} months (owed ${formatYuan(p.outstanding_fen)})`),
          ].join('\n'),
        ),
      );
    } catch (e) {
      if (e instanceof PlanError) throw bad('每月能还的金额（--monthly）必须大于零', e.message);
      throw e;
    }
  }, { existing: true });
}
