/**
 * A repayment plan to propose in negotiation: given what the person can pay each month,
 * how each open debt would be paid off in equal monthly instalments, in proportion to what
 * is owed on each, without new borrowing. Pure; amounts in fen.
 */
export interface PlanDebt {
  id: string;
  lender: string;
  outstanding_fen: number;
}

export interface RepaymentPlan {
  monthly_fen: number;
  months: number;
  total_fen: number;
  perDebt: { id: string; lender: string; outstanding_fen: number; monthly_fen: number; months: number }[];
}

export class PlanError extends Error {}

export function proposePlan(debts: readonly PlanDebt[], monthlyFen: number): RepaymentPlan {
  if (!Number.isInteger(monthlyFen) || monthlyFen <= 0) throw new PlanError('the monthly amount must be more than zero');
  const open = debts.filter((d) => d.outstanding_fen > 0);
  const total = open.reduce((s, d) => s + d.outstanding_fen, 0);
  if (total === 0) return { monthly_fen: monthlyFen, months: 0, total_fen: 0, perDebt: [] };
  const months = Math.ceil(total / monthlyFen);
  const perDebt = open.map((d) => {
    // Each debt gets its share of the monthly amount, rounded up to the fen, at least 1 fen.
    const share = Math.max(1, Math.ceil((monthlyFen * d.outstanding_fen) / total));
    return { id: d.id, lender: d.lender, outstanding_fen: d.outstanding_fen, monthly_fen: Math.min(share, d.outstanding_fen), months: Math.ceil(d.outstanding_fen / Math.min(share, d.outstanding_fen)) };
  });
  return { monthly_fen: monthlyFen, months, total_fen: total, perDebt };
}
