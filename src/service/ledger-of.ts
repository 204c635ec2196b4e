/**
 * What the ledger, routing and letter services need from an open record — its store, the data
 * bundle, and a way to forget the cached ledger after a change — and the ledger read from a
 * store. No Node module: the command line, the server and the offline app's worker share it
 * (record-context.ts builds the full context on a computer; the app builds this one over the
 * browser store).
 */
import type { Bundle } from '../data/bundle-format.js';
import type { Ledger } from '../ledger/claims.js';
import type { LprTable } from '../ledger/schemas.js';
import { todayInShanghai } from '../record/time.js';
import type { Store } from '../store/store.js';

export interface StoreContext {
  store: Store;
  data: Bundle;
  /** Forgets a cached ledger after a debt or LPR change. */
  refresh(): void;
}

/** The LPR table: the shipped values and the user's own (each with its source; the user's win for their month, see src/ledger/lpr.ts). */
export async function lprTable(store: Store, data: Pick<Bundle, 'lpr'>): Promise<LprTable> {
  return { version: data.lpr.version, rates: [...data.lpr.rates, ...(await store.listLpr())] };
}

/** The ledger from a store: its debts, the LPR table, the claim-check signals, today. */
export async function ledgerFrom(store: Store, data: Pick<Bundle, 'lpr' | 'ledgerSignals'>): Promise<Ledger> {
  return { debts: await store.listDebts(), lpr: await lprTable(store, data), signals: data.ledgerSignals.signals, today: todayInShanghai() };
}
