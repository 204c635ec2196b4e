/**
 * The claim check: what a caller or message claims (platform, amount, contract number)
 * compared with the user's own ledger. "Overdue on a loan you settled on 2025-03-02" is one
 * of the strongest scam signs there is. Pure: texts, the ledger and the engine's folding in;
 * signals with a detail line out.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import { costOf } from './cost.js';
import { formatYuan, parseFen } from './money.js';
import type { Debt, LedgerSignals, LprTable } from './schemas.js';

export interface ClaimFinding {
  id: string;
  detail: Bilingual;
}

export interface ClaimInput {
  /** The message as received. */
  original: string;
  /** The engine's folded matching form of it. */
  folded: string;
  /** Folds a name the same way (the engine's normaliser). */
  fold: (s: string) => string;
  /** Lender names the rules recognised in the text (GENUINE.NAMED_LENDER spans). */
  namedLenders: string[];
  /** Whether the text is about collecting a debt. */
  collection: boolean;
}

export interface Ledger {
  debts: readonly Debt[];
  signals: LedgerSignals['signals'];
  lpr: LprTable;
  today: string;
}

export function checkClaims(input: ClaimInput, ledger: Ledger): ClaimFinding[] {
  if (ledger.debts.length === 0) return [];
  const out: ClaimFinding[] = [];
  const matched = ledger.debts.filter((d) => {
    const name = input.fold(d.lender.name);
    return name.length >= 2 && input.folded.includes(name);
  });
  if (matched.length === 0) {
    const others = input.namedLenders.filter((n) => !ledger.debts.some((d) => input.fold(d.lender.name).includes(input.fold(n)) || input.fold(n).includes(input.fold(d.lender.name))));
    if (others.length > 0 && input.collection) {
      out.push({ id: 'LEDGER.UNKNOWN_PLATFORM', detail: { zh: `账本里没有“${others[0]}”的借款。`, en: `No loan from "${others[0]}" in your ledger.` } });
    }
    return out;
  }
  const amounts = [...input.original.matchAll(/(\d[\d,]*(?:\.\d{1,2})?)\s*元/g)].flatMap((m) => {
    try {
      return [parseFen(m[1]!)];
    } catch {
      return [];
    }
  });
  const contract = /(?:合同编号|合同号|借款编号|借据号|贷款编号)[:：\s]*([A-Za-z0-9-]{4,})/.exec(input.original)?.[1];
  for (const d of matched) {
    if (d.status === 'settled') {
      out.push({
        id: 'LEDGER.SETTLED_LOAN',
        detail: { zh: `你在“${d.lender.name}”的借款已于 ${d.settled_on} 结清。`, en: `Your loan from "${d.lender.name}" was settled on ${d.settled_on}.` },
      });
      continue;
    }
    const cost = costOf(d, ledger.lpr, ledger.today);
    out.push({ id: 'LEDGER.MATCHES_ACTIVE_LOAN', detail: { zh: `账本：“${d.lender.name}”尚欠 ${formatYuan(cost.outstanding_fen)} 元。`, en: `Ledger: ${formatYuan(cost.outstanding_fen)} still owed to "${d.lender.name}".` } });
    if (amounts.length > 0) {
      const plausible = [cost.outstanding_fen, ...d.schedule.map((s) => s.amount_fen), d.principal_fen, d.received_fen];
      const near = amounts.some((a) => plausible.some((p) => p > 0 && Math.abs(a - p) <= p * 0.1));
      if (!near) {
        out.push({
          id: 'LEDGER.AMOUNT_MISMATCH',
          detail: { zh: `对方说 ${formatYuan(amounts[0]!)} 元，账本中尚欠 ${formatYuan(cost.outstanding_fen)} 元。`, en: `Claimed ${formatYuan(amounts[0]!)}; your ledger says ${formatYuan(cost.outstanding_fen)} is owed.` },
        });
      }
    }
    const fee = /(手续费|服务费|解冻费|工本费|保证金|违约金|罚款|罚金|催收费|律师费|上门费)/.exec(input.original)?.[1];
    if (fee !== undefined && !d.fees.some((f) => f.what.includes(fee))) {
      out.push({ id: 'LEDGER.UNKNOWN_FEE', detail: { zh: `对方提到“${fee}”，账本中这笔借款没有这项费用。`, en: `The message mentions a "${fee}" that your ledger does not record for this loan.` } });
    }
    if (contract !== undefined && d.contract_no !== undefined && contract.toLowerCase() !== d.contract_no.toLowerCase()) {
      out.push({ id: 'LEDGER.CONTRACT_MISMATCH', detail: { zh: `对方给出的编号 ${contract} 与账本中的 ${d.contract_no} 不符。`, en: `Number ${contract} given; your ledger has ${d.contract_no}.` } });
    }
  }
  return out;
}
