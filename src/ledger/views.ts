/** What the ledger shows a person: each debt with its cost today, and the summary line. Types only. */
import type { DebtCost } from './cost.js';
import type { Debt } from './schemas.js';

export interface DebtWithCost {
  debt: Debt;
  cost: DebtCost;
}

export interface LedgerSummary {
  debts: number;
  open: number;
  total_owed_fen: number;
  next_due: { due: string; amount_fen: number } | null;
  flags: { debt: string; lender: string; flag: string }[];
}
