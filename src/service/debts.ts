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
import { DATE_FORMATS, readDate, todayInShanghai } from '../record/time.js';
import { UserError } from './errors.js';
import { onlyOne } from './events.js';
import { lprTable, type StoreContext } from './ledger-of.js';

export type { DebtWithCost, LedgerSummary };

export interface DebtChange {
  action: 'pay' | 'settle' | 'event' | 'fee';
  amount?: string;
  date?: string;
  kind?: string;
  what?: string;
}

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

/**
 * An amount typed in yuan: 1000, 1,000.50, ¥1000, 10000元, or with 万 (1万, 1.5万, 2万元) as
 * people write it; 万 amounts are exact to the fen.
 */
export function fen(v: string | undefined, what: string): number {
  if (v === undefined) throw bad(`缺少 ${what}`, `Missing ${what}`);
  const wan = /^\s*[¥￥]?\s*(\d{1,8})(?:\.(\d{1,6}))?\s*万\s*元?\s*$/.exec(v);
  if (wan !== null) {
    const frac = (wan[2] ?? '').padEnd(6, '0'); // 万 = 10,000 yuan = 1,000,000 fen
    return Number(wan[1]) * 1_000_000 + Number(frac);
  }
  try {
    return parseFen(v);
  } catch (e) {
    if (!(e instanceof MoneyError)) throw e;
    throw bad(
      `${what} 的金额“${v}”看不懂：请写成 1000、1,000.50、10000元 或 1.5万 这样的数字（单位：元）`,
      `Invalid ${what}: "${v}" is not an amount in yuan (e.g. 1000, 1,000.50, 10000元 or 1.5万)`,
    );
  }
}

/** A date that must have come (a loan made, a debt settled or overdue): a later one is a typo, refused. */
function past(d: string, zh: string, en: string): string {
  if (d > todayInShanghai()) throw new UserError('FUTURE_DATE', `${zh} ${d} 还没到：是不是日期或年份写错了？`, `${en} ${d} is in the future: is the date or year mistyped?`);
  return d;
}

function date(v: string | undefined, what: string): string {
  const d = v === undefined ? undefined : readDate(v);
  if (d === undefined) {
    throw bad(
      v === undefined ? `请用 ${what} 给出日期，例如 ${DATE_FORMATS.zh}` : `${what} 的日期“${v}”看不懂：请写成 ${DATE_FORMATS.zh}`,
      v === undefined ? `Give the date with ${what}, e.g. ${DATE_FORMATS.en}` : `${what}: cannot read the date "${v}"; use ${DATE_FORMATS.en}`,
    );
  }
  return d;
}

function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, last));
  return t.toISOString().slice(0, 10);
}

/** A debt validation problem in plain Chinese (the schema's own messages are English). */
function debtIssueZh(i: { path: readonly PropertyKey[]; message: string; code: string }): string {
  const where = i.path.join('.');
  if (/in order/.test(i.message)) return '各期还款日期要按先后排列，且不能有两期在同一天';
  if (/schedule/.test(where)) return '每个还款日期都必须在借款日期之后，请检查 --date、--first-due 或 --due';
  if (/lender/.test(where)) return '请用 --lender 填写出借方（平台或个人）的名称';
  if (/settled_on/.test(where)) return '已结清的借款需要结清日期（--settled-on 或 --date）';
  if (/overdue_since/.test(where)) return '逾期开始日期有误，请检查 --overdue-since';
  if (/received/.test(where) || /received/.test(i.message)) return '实际到手金额（--received）不能超过合同本金（--principal），也不能为负';
  if (/principal|amount/.test(where)) return '金额必须大于零';
  return `${where || '借款'}填写有误`;
}

function validated(d: unknown): Debt {
  const r = Debt.safeParse(d);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw bad(`借款信息有误：${debtIssueZh(i)}`, `Invalid debt: ${i.path.join('.')}: ${i.message}`);
  }
  return r.data;
}

const lprOf = (ctx: StoreContext): Promise<LprTable> => lprTable(ctx.store, ctx.data);

export async function findDebt(ctx: StoreContext, id: string): Promise<Debt> {
  const debts = await ctx.store.listDebts();
  // An exact id, else the one debt whose id starts so (several: an error naming them, never the first found).
  return debts.find((x) => x.id === id) ?? onlyOne(debts.filter((x) => x.id.startsWith(id.toLowerCase())), id, { zh: '借款', en: 'debt' });
}

/** One debt (by id or a prefix of it) with its cost today. */
export async function debtWithCost(ctx: StoreContext, id: string): Promise<DebtWithCost> {
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

/** The body of POST /api/debts (src/server/schemas.ts DebtRequest), as the flags addDebt reads: the server and the offline app share it. */
export interface DebtRequestBody {
  lender: string;
  kind?: string;
  product?: string;
  contract_no?: string;
  principal: string;
  received?: string;
  date: string;
  instalments?: number;
  amount: string;
  first_due?: string;
  due?: string;
  status?: string;
  overdue_since?: string;
  settled_on?: string;
  notes?: string;
}

export function debtFlagsOf(b: DebtRequestBody): DebtAddFlags {
  return {
    lender: b.lender,
    kind: b.kind,
    product: b.product,
    contractNo: b.contract_no,
    principal: b.principal,
    received: b.received,
    date: b.date,
    instalments: b.instalments === undefined ? undefined : String(b.instalments),
    amount: b.amount,
    firstDue: b.first_due,
    due: b.due,
    status: b.status,
    overdueSince: b.overdue_since,
    settledOn: b.settled_on,
    notes: b.notes,
  };
}

export async function addDebt(ctx: StoreContext, f: DebtAddFlags): Promise<DebtWithCost> {
  const start = past(date(f.date, '--date'), '借款日', 'The loan date');
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
    ...(f.overdueSince ? { overdue_since: past(date(f.overdueSince, '--overdue-since'), '逾期开始日', 'The overdue date') } : {}),
    ...(f.settledOn ? { settled_on: past(date(f.settledOn, '--settled-on'), '结清日', 'The settlement date') } : {}),
    limitation_events: [],
    ...(f.notes ? { notes: f.notes } : {}),
  });
  await ctx.store.saveDebt(debt);
  ctx.refresh(); // claims are checked against the ledger as it is now
  return { debt, cost: costOf(debt, await lprOf(ctx), todayInShanghai()) };
}


export async function changeDebt(ctx: StoreContext, id: string, f: DebtChange): Promise<DebtWithCost> {
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
    if (!kinds.includes(f.kind ?? '')) throw bad(`--kind 只能是以下之一：demand（对方催讨）、acknowledgement（本人承认欠款）、part_payment（部分还款）、lawsuit（起诉）`, `--kind must be one of ${kinds.join(', ')}`);
    d.limitation_events.push({ date: when, kind: f.kind as Debt['limitation_events'][number]['kind'] });
  }
  const next = validated(d);
  await ctx.store.saveDebt(next);
  ctx.refresh();
  return { debt: next, cost: costOf(next, await lprOf(ctx), todayInShanghai()) };
}


/** Every debt with its cost today, and the summary line (total owed, next due, flags). */
export async function ledgerRows(ctx: StoreContext): Promise<{ rows: DebtWithCost[]; summary: LedgerSummary }> {
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
