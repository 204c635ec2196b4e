/**
 * Adding and changing debts from what a person typed (yuan amounts as text, dates as
 * YYYY-MM-DD), each saved through the store (and so the audit chain), returned with its true
 * cost. Shared by `dunguard debt` and the API.
 */
import { randomUUID } from 'node:crypto';
import { costOf } from '../ledger/cost.js';
import type { DebtWithCost, LedgerSummary } from '../ledger/views.js';
import { MoneyError, parseFen } from '../ledger/money.js';
import { Debt, type LprTable } from '../ledger/schemas.js';
import { isIsoDate } from '../engine/check.js';
import { todayInShanghai } from '../record/time.js';
import { UserError } from './errors.js';
import { lprTable, type RecordContext } from './record-context.js';

export type { DebtWithCost, LedgerSummary };

export interface DebtChange {
  action: 'pay' | 'settle' | 'event' | 'fee';
  amount?: string;
  date?: string;
  kind?: string;
  what?: string;
}

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

export function fen(v: string | undefined, what: string): number {
  if (v === undefined) throw bad(`缺少 ${what}`, `Missing ${what}`);
  try {
    return parseFen(v);
  } catch (e) {
    throw bad(`${what} 无效：${(e as MoneyError).message}`, `Invalid ${what}: ${(e as MoneyError).message}`);
  }
}

function date(v: string | undefined, what: string): string {
  if (v === undefined || !isIsoDate(v)) throw bad(`${what} 需要 YYYY-MM-DD 格式的日期`, `${what} needs a date as YYYY-MM-DD`);
  return v;
}

function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, last));
  return t.toISOString().slice(0, 10);
}

function validated(d: unknown): Debt {
  const r = Debt.safeParse(d);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw bad(`借款信息有误：${i.path.join('.')}：${i.message}`, `Invalid debt: ${i.path.join('.')}: ${i.message}`);
  }
  return r.data;
}

const lprOf = (ctx: RecordContext): Promise<LprTable> => lprTable(ctx.store, ctx.data);

export async function findDebt(ctx: RecordContext, id: string): Promise<Debt> {
  const d = (await ctx.store.listDebts()).find((x) => x.id === id || x.id.startsWith(id));
  if (d === undefined) throw new UserError('NOT_FOUND', `找不到借款 ${id}`, `No debt ${id}`);
  return d;
}

/** One debt (by id or a prefix of it) with its cost today. */
export async function debtWithCost(ctx: RecordContext, id: string): Promise<DebtWithCost> {
  const debt = await findDebt(ctx, id);
  return { debt, cost: costOf(debt, await lprOf(ctx), todayInShanghai()) };
}

export interface DebtAddFlags {
  lender?: string;
  kind?: string;
  product?: string;
  contractNo?: string;
  principal?: string;
  received?: string;
  date?: string;
  instalments?: string;
  amount?: string;
  firstDue?: string;
  due?: string;
  status?: string;
  overdueSince?: string;
  settledOn?: string;
  notes?: string;
}

export async function addDebt(ctx: RecordContext, f: DebtAddFlags): Promise<DebtWithCost> {
  const start = date(f.date, '--date');
  const principal = fen(f.principal, '--principal');
  const received = f.received === undefined ? principal : fen(f.received, '--received');
  const amount = fen(f.amount, '--amount');
  let schedule: { due: string; amount_fen: number }[];
  if (f.instalments !== undefined) {
    const n = Number(f.instalments);
    if (!Number.isInteger(n) || n < 1 || n > 600) throw bad('--instalments 必须是 1 到 600 的整数', '--instalments must be a whole number from 1 to 600');
    const first = f.firstDue ? date(f.firstDue, '--first-due') : addMonths(start, 1);
    schedule = Array.from({ length: n }, (_, i) => ({ due: addMonths(first, i), amount_fen: amount }));
  } else {
    schedule = [{ due: date(f.due, '--due'), amount_fen: amount }];
  }
  const debt = validated({
    id: randomUUID(),
    lender: { name: f.lender, kind: f.kind ?? 'online_platform' },
    ...(f.product ? { product: f.product } : {}),
    ...(f.contractNo ? { contract_no: f.contractNo } : {}),
    principal_fen: principal,
    received_fen: received,
    date: start,
    schedule,
    payments: [],
    fees: [],
    status: f.status ?? 'active',
    ...(f.overdueSince ? { overdue_since: date(f.overdueSince, '--overdue-since') } : {}),
    ...(f.settledOn ? { settled_on: date(f.settledOn, '--settled-on') } : {}),
    limitation_events: [],
    ...(f.notes ? { notes: f.notes } : {}),
  });
  await ctx.store.saveDebt(debt);
  ctx.refresh(); // claims are checked against the ledger as it is now
  return { debt, cost: costOf(debt, await lprOf(ctx), todayInShanghai()) };
}


export async function changeDebt(ctx: RecordContext, id: string, f: DebtChange): Promise<DebtWithCost> {
  const d = structuredClone(await findDebt(ctx, id));
  const when = f.date ? date(f.date, '--date') : todayInShanghai();
  if (f.action === 'pay') d.payments.push({ date: when, amount_fen: fen(f.amount, '--amount') });
  if (f.action === 'fee') d.fees.push({ date: when, amount_fen: fen(f.amount, '--amount'), what: f.what ?? 'fee' });
  if (f.action === 'settle') {
    d.status = 'settled';
    d.settled_on = when;
  }
  if (f.action === 'event') {
    const kinds = ['demand', 'acknowledgement', 'part_payment', 'lawsuit'];
    if (!kinds.includes(f.kind ?? '')) throw bad(`--kind 必须是 ${kinds.join('、')} 之一`, `--kind must be one of ${kinds.join(', ')}`);
    d.limitation_events.push({ date: when, kind: f.kind as Debt['limitation_events'][number]['kind'] });
  }
  const next = validated(d);
  await ctx.store.saveDebt(next);
  ctx.refresh();
  return { debt: next, cost: costOf(next, await lprOf(ctx), todayInShanghai()) };
}


/** Every debt with its cost today, and the summary line (total owed, next due, flags). */
export async function ledgerRows(ctx: RecordContext): Promise<{ rows: DebtWithCost[]; summary: LedgerSummary }> {
  const lpr = await lprOf(ctx);
  const today = todayInShanghai();
  const rows = (await ctx.store.listDebts()).map((d) => ({ debt: d, cost: costOf(d, lpr, today) }));
  const summary: LedgerSummary = {
    debts: rows.length,
    open: rows.filter((r) => r.debt.status !== 'settled').length,
    total_owed_fen: rows.reduce((s, r) => s + r.cost.outstanding_fen, 0),
    next_due: rows.map((r) => r.cost.next_due).filter((x) => x !== undefined).sort((a, b) => a!.due.localeCompare(b!.due))[0] ?? null,
    flags: rows.flatMap((r) => r.cost.flags.map((f) => ({ debt: r.debt.id, lender: r.debt.lender.name, flag: f.id }))),
  };
  return { rows, summary };
}
