/** `dunguard debt …`: the user's own ledger — loans, payments, true cost, limitation, a repayment plan. */
import { randomUUID } from 'node:crypto';
import { costOf, type DebtCost } from '../ledger/cost.js';
import { formatYuan, MoneyError, parseFen } from '../ledger/money.js';
import { PlanError, proposePlan } from '../ledger/plan.js';
import { Debt, type LprTable } from '../ledger/schemas.js';
import { isIsoDate } from '../engine/check.js';
import { CliError, decodeUtf8, readFileBytes, readStdin, todayInShanghai } from './io.js';
import { out, type Common } from './log.js';
import { lprTable, withRecord, type RecordContext } from './record-context.js';

const bad = (zh: string, en: string): CliError => new CliError('BAD_INPUT', zh, en);

function fen(v: string | undefined, what: string): number {
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

const withLedger = <T>(c: Common, f: (ctx: RecordContext) => Promise<T>): Promise<T> => withRecord(c.dataDir, f);
const lprOf = (ctx: RecordContext): Promise<LprTable> => lprTable(ctx.store, ctx.data);

async function find(ctx: RecordContext, id: string): Promise<Debt> {
  const d = (await ctx.store.listDebts()).find((x) => x.id === id || x.id.startsWith(id));
  if (d === undefined) throw new CliError('NOT_FOUND', `找不到借款 ${id}`, `No debt ${id}`);
  return d;
}

export interface DebtAddFlags extends Common {
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

export function runDebtAdd(f: DebtAddFlags): Promise<string> {
  return withLedger(f, async (ctx) => {
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
    const cost = costOf(debt, await lprOf(ctx), todayInShanghai());
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

export function runDebtChange(id: string, f: Common & { action: 'pay' | 'settle' | 'event' | 'fee'; amount?: string; date?: string; kind?: string; what?: string }): Promise<string> {
  return withLedger(f, async (ctx) => {
    const d = structuredClone(await find(ctx, id));
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
    const cost = costOf(next, await lprOf(ctx), todayInShanghai());
    return out(f, { debt: next, cost }, () => describeCost(next, cost));
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
    const lpr = await lprOf(ctx);
    const today = todayInShanghai();
    const rows = (await ctx.store.listDebts()).map((d) => ({ debt: d, cost: costOf(d, lpr, today) }));
    const total = rows.reduce((s, r) => s + r.cost.outstanding_fen, 0);
    const summary = {
      debts: rows.length,
      open: rows.filter((r) => r.debt.status !== 'settled').length,
      total_owed_fen: total,
      next_due: rows.map((r) => r.cost.next_due).filter((x) => x !== undefined).sort((a, b) => a!.due.localeCompare(b!.due))[0] ?? null,
      flags: rows.flatMap((r) => r.cost.flags.map((f) => ({ debt: r.debt.id, lender: r.debt.lender.name, flag: f.id }))),
    };
    return out(c, c.summary ? summary : rows, () =>
      [
        ...rows.map((r) => `${r.debt.id.slice(0, 8)}  ${describeCost(r.debt, r.cost)}`),
        `total really owed: ${formatYuan(total)} across ${summary.open} open debts${summary.next_due ? `; next due ${summary.next_due.due} ${formatYuan(summary.next_due.amount_fen)}` : ''}`,
      ].join('\n'),
    );
  });
}

export function runDebtShow(id: string, c: Common): Promise<string> {
  return withLedger(c, async (ctx) => {
    const d = await find(ctx, id);
    const cost = costOf(d, await lprOf(ctx), todayInShanghai());
    return out(c, { debt: d, cost }, () => describeCost(d, cost));
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
    const lpr = await lprOf(ctx);
    const today = todayInShanghai();
    const debts = (await ctx.store.listDebts()).filter((d) => d.status !== 'settled').map((d) => ({ id: d.id, lender: d.lender.name, outstanding_fen: costOf(d, lpr, today).outstanding_fen }));
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
