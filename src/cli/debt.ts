/** `dunguard debt …`: the user's own ledger — loans, payments, true cost, limitation, a repayment plan. */
import { randomUUID } from 'node:crypto';
import type { DebtCost } from '../ledger/cost.js';
import { formatYuan } from '../ledger/money.js';
import { PlanError, proposePlan } from '../ledger/plan.js';
import { Debt } from '../ledger/schemas.js';
import { UserError, decodeUtf8, readFileBytes, readStdin } from './io.js';
import { out, type Common } from './log.js';
import { withRecord, type RecordContext } from '../service/record-context.js';
import { addDebt, changeDebt, debtWithCost, fen, ledgerRows, type DebtAddFlags, type DebtChange } from '../service/debts.js';

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

const withLedger = <T>(c: Common, f: (ctx: RecordContext) => Promise<T>): Promise<T> => withRecord(c.dataDir, f);

export function runDebtAdd(f: DebtAddFlags & Common): Promise<string> {
  return withLedger(f, async (ctx) => {
    const { debt, cost } = await addDebt(ctx, f);
    return out(f, { debt, cost }, () => `added ${debt.id}\n${describeCost(debt, cost)}`);
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
      throw bad(`JSON 格式有误：${(e as Error).message}`, `Malformed JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(raw)) throw bad('应为借款数组', 'Expected an array of debts');
    const existing = await ctx.store.listDebts();
    const key = (d: { lender: { name: string }; date: string; principal_fen: number; contract_no?: string }): string => `${d.lender.name}|${d.date}|${d.principal_fen}|${d.contract_no ?? ''}`;
    const known = new Set(existing.map(key));
    const debts: Debt[] = [];
    raw.forEach((entry, i) => {
      const r = Debt.safeParse({ payments: [], fees: [], limitation_events: [], status: 'active', ...(entry as object), id: randomUUID() });
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw bad(`第 ${i + 1} 项有误：${issue.path.join('.')}：${issue.message}（未导入任何内容）`, `Entry ${i + 1} is invalid: ${issue.path.join('.')}: ${issue.message} (nothing imported)`);
      }
      if (!known.has(key(r.data))) {
        known.add(key(r.data));
        debts.push(r.data);
      }
    });
    await ctx.store.saveDebts(debts);
    return out(c, { imported: debts.length, skipped_existing: raw.length - debts.length }, () => `imported ${debts.length} debts, ${raw.length - debts.length} already in the ledger`);
  });
}

export function runDebtChange(id: string, f: Common & DebtChange): Promise<string> {
  return withLedger(f, async (ctx) => {
    const { debt, cost } = await changeDebt(ctx, id, f);
    return out(f, { debt, cost }, () => describeCost(debt, cost));
  });
}

export function describeCost(d: Debt, c: DebtCost): string {
  const lines = [
    `${d.lender.name} (${d.lender.kind})${d.contract_no ? ' ' + d.contract_no : ''}  ${d.date}  status: ${d.status}${d.settled_on ? ' on ' + d.settled_on : ''}`,
    `  principal ${formatYuan(d.principal_fen)}, received ${formatYuan(d.received_fen)}, schedule ${formatYuan(c.scheduled_total_fen)} in ${d.schedule.length}, paid ${formatYuan(c.paid_fen)}, owed ${formatYuan(c.outstanding_fen)}`,
    `  true annual rate (XIRR): ${c.contract_rate === null ? `cannot be computed (${c.contract_rate_problem})` : `${(c.contract_rate * 100).toFixed(1)}%`}`,
  ];
  if (c.next_due) lines.push(`  next due: ${c.next_due.due} ${formatYuan(c.next_due.amount_fen)}`);
  if (c.overdue_since) lines.push(`  overdue since ${c.overdue_since} (${c.overdue_days} days)`);
  lines.push(`  limitation: 3 years from ${c.limitation.starts}, until ${c.limitation.expires}${c.limitation.expired ? ' (may have expired: a defence to raise, not an erased debt)' : ''}`);
  if (c.credit_record_deleted_by) lines.push(`  a negative credit record must be deleted by ${c.credit_record_deleted_by} (征信业管理条例 art. 16)`);
  for (const fl of c.flags) lines.push(`  ⚑ ${fl.text.zh}${fl.basis === 'reported' ? '' : ''}`);
  return lines.join('\n');
}

export function runDebtList(c: Common & { summary?: boolean }): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { rows, summary } = await ledgerRows(ctx);
    return out(c, c.summary ? summary : rows, () =>
      [
        ...rows.map((r) => `${r.debt.id.slice(0, 8)}  ${describeCost(r.debt, r.cost)}`),
        `total really owed: ${formatYuan(summary.total_owed_fen)} across ${summary.open} open debts${summary.next_due ? `; next due ${summary.next_due.due} ${formatYuan(summary.next_due.amount_fen)}` : ''}`,
      ].join('\n'),
    );
  });
}

export function runDebtShow(id: string, c: Common): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { debt, cost } = await debtWithCost(ctx, id);
    return out(c, { debt, cost }, () => describeCost(debt, cost));
  });
}

export function runDebtLpr(month: string, rate: string, c: Common & { source?: string }): Promise<string> {
  return withLedger(c, async (ctx) => {
    if (!/^\d{4}-\d{2}$/.test(month)) throw bad('月份格式为 YYYY-MM', 'The month is YYYY-MM');
    const r = Number(rate.replace(/%$/, ''));
    if (!Number.isFinite(r) || r <= 0 || r > 100) throw bad('利率应为百分数，如 3.1', 'The rate is a percentage, e.g. 3.1');
    if (!c.source || c.source.trim().length < 3) throw bad('请用 --source 注明LPR的来源', 'Give the source of the LPR value with --source');
    await ctx.store.addLpr({ month, rate_percent: r, source: c.source });
    return out(c, { month, rate_percent: r, source: c.source }, () => `LPR ${month}: ${r}% (${c.source})`);
  });
}

export function runDebtPlan(c: Common & { monthly?: string }): Promise<string> {
  return withLedger(c, async (ctx) => {
    const { rows } = await ledgerRows(ctx);
    const debts = rows.filter((r) => r.debt.status !== 'settled').map((r) => ({ id: r.debt.id, lender: r.debt.lender.name, outstanding_fen: r.cost.outstanding_fen }));
    try {
      const plan = proposePlan(debts, fen(c.monthly, '--monthly'));
      return out(c, plan, () =>
        [`paying ${formatYuan(plan.monthly_fen)} a month clears ${formatYuan(plan.total_fen)} in ${plan.months} months:`, ...plan.perDebt.map((p) => `  ${p.lender}: ${formatYuan(p.monthly_fen)} a month for ${p.months} months (owed ${formatYuan(p.outstanding_fen)})`)].join('\n'),
      );
    } catch (e) {
      if (e instanceof PlanError) throw bad(e.message, e.message);
      throw e;
    }
  });
}
