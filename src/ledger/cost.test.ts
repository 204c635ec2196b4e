import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadData } from '../data/load.js';
import { testEngine } from '../../test/helpers/engine.js';
import { check } from '../engine/check.js';
import { checkClaims } from './claims.js';
import { costOf } from './cost.js';
import { parseFen, formatYuan } from './money.js';
import { proposePlan } from './plan.js';
import { Debt } from './schemas.js';

const data = await loadData();
const engine = await testEngine();
const lpr = { version: 't', rates: [{ month: '2025-06', rate_percent: 3.0, source: 'test value' }] };
const debt = (over: Record<string, unknown>) =>
  Debt.parse({ id: 'd1', lender: { name: '某某花', kind: 'online_platform' }, principal_fen: 1_000_000, received_fen: 1_000_000, date: '2025-01-10', schedule: [{ due: '2025-02-10', amount_fen: 1_050_000 }], payments: [], fees: [], status: 'active', limitation_events: [], ...over });

describe('money', () => {
  it('parses yuan into integer fen without floating point', () => {
    assert.equal(parseFen('1,000.5'), 100050);
    assert.equal(parseFen('¥0.1'), 10);
    assert.equal(parseFen('1000元'), 100000);
    assert.throws(() => parseFen('1.005'));
    assert.throws(() => parseFen('-5'));
    assert.equal(formatYuan(123456789), '1,234,567.89');
  });
});

describe('costOf', () => {
  it('finds an up-front deduction and cites the law on it', () => {
    const c = costOf(debt({ received_fen: 800_000 }), lpr, '2025-01-20');
    const f = c.flags.find((x) => x.id === 'UPFRONT_DEDUCTION');
    assert.ok(f);
    assert.deepEqual(f.law, ['upfront-deduction']);
    assert.equal(c.upfront_deduction_fen, 200_000);
  });

  it('compares private lending with 4 × LPR at the contract month, and says when the LPR is unknown', () => {
    // 3,000 lent on 2025-06-01, 3,300 back on 2025-09-01: 10 % for 92 days → (1.1)^(365/92) − 1 ≈ 46 % a year > 4 × 3 % = 12 %.
    const p = debt({ lender: { name: '张三', kind: 'private_individual' }, principal_fen: 300_000, received_fen: 300_000, date: '2025-06-01', schedule: [{ due: '2025-09-01', amount_fen: 330_000 }] });
    const c = costOf(p, lpr, '2025-07-01');
    assert.ok(Math.abs(c.contract_rate! - 0.4596) < 0.001, String(c.contract_rate));
    assert.ok(c.flags.some((f) => f.id === 'RATE_OVER_4LPR'));
    assert.ok(costOf(p, { version: 't', rates: [] }, '2025-07-01').flags.some((f) => f.id === 'LPR_UNKNOWN'));
  });

  it('finds the shipped one-year LPR in force on the contract date, with its source and strength', () => {
    const private_ = (date: string, due: string, back: number) => debt({ lender: { name: '张三', kind: 'private_individual' }, principal_fen: 300_000, received_fen: 300_000, date, schedule: [{ due, amount_fen: back }] });
    const c = costOf(private_('2024-03-15', '2024-06-15', 330_000), data.lpr, '2024-07-01');
    assert.deepEqual([c.lpr?.found, c.lpr?.found && c.lpr.rate_percent, c.lpr?.found && c.lpr.cap_percent, c.lpr?.found && c.lpr.strength], [true, 3.45, 13.8, 'reported']);
    const over = c.flags.find((f) => f.id === 'RATE_OVER_4LPR')!;
    assert.match(over.text.zh, /3\.45%.*13\.80%/);
    assert.match(over.text.en, /3\.45%.*not the official series.*13\.80%/);
    // The value changes on the publication day, not on the 1st: 2024-07-22.
    const before = costOf(private_('2024-07-10', '2024-10-10', 330_000), data.lpr, '2024-08-01').lpr;
    const afterCut = costOf(private_('2024-07-25', '2024-10-25', 330_000), data.lpr, '2024-08-01').lpr;
    assert.deepEqual([before?.found && before.rate_percent, afterCut?.found && afterCut.rate_percent], [3.45, 3.35]);
    // Within the cap: compared, no flag.
    const fair = costOf(private_('2024-03-15', '2025-03-15', 303_000), data.lpr, '2024-07-01');
    assert.equal(fair.lpr?.found, true);
    assert.ok(!fair.flags.some((f) => /LPR/.test(f.id)));
  });

  it('says plainly, in both languages, when the contract month has no confirmed LPR', () => {
    const private_ = (date: string, due: string) => debt({ lender: { name: '张三', kind: 'private_individual' }, principal_fen: 300_000, received_fen: 300_000, date, schedule: [{ due, amount_fen: 330_000 }] });
    const late = costOf(private_('2026-10-08', '2026-12-08'), data.lpr, '2026-11-28');
    assert.deepEqual(late.lpr, { found: false, month: '2026-10', reason: 'unconfirmed', table_through: '2026-08' });
    const f = late.flags.find((x) => x.id === 'LPR_UNCONFIRMED')!;
    assert.match(f.text.zh, /2026-10 的一年期LPR没有经确认的数值/);
    assert.match(f.text.en, /no confirmed one-year LPR for 2026-10/);
    assert.ok(!late.flags.some((x) => x.id === 'RATE_OVER_4LPR'));
    // 2026-05 to 2026-08: only an unsourced data file — shown for guidance, labelled unconfirmed.
    const weak = costOf(private_('2026-06-10', '2026-09-10'), data.lpr, '2026-11-28');
    assert.equal(weak.lpr?.found && weak.lpr.strength, 'unconfirmed');
    assert.match(weak.flags.find((x) => x.id === 'LPR_UNCONFIRMED')!.text.zh, /仅供参考.*12\.00%/);
    // Before the reformed LPR existed.
    assert.ok(costOf(private_('2019-03-01', '2019-06-01'), data.lpr, '2019-07-01').flags.some((x) => x.id === 'LPR_UNKNOWN' && /2019-08-20/.test(x.text.zh)));
    // The user's own value (with its source) wins for its month.
    const mine = { version: data.lpr.version, rates: [...data.lpr.rates, { month: '2026-10', rate_percent: 3.0, source: 'NIFC notice, 2026-10-20' }] };
    const own = costOf(private_('2026-10-08', '2026-12-08'), mine, '2026-11-28');
    assert.equal(own.lpr?.found && own.lpr.strength, 'yours');
    assert.match(own.flags.find((x) => x.id === 'RATE_OVER_4LPR')!.text.zh, /你添加的数值/);
  });

  it('labels the 24 % / 36 % thresholds for licensed lenders as reported, not law', () => {
    const c = costOf(debt({ received_fen: 800_000 }), lpr, '2025-01-20');
    const f = c.flags.find((x) => x.id === 'RATE_OVER_36');
    assert.ok(f);
    assert.equal(f.basis, 'reported');
    assert.deepEqual(f.law, []);
  });

  it('runs the limitation period three years from the last due date, restarted by a demand', () => {
    const d = debt({ schedule: [{ due: '2022-03-01', amount_fen: 1_050_000 }], date: '2022-01-01' });
    const old = costOf(d, lpr, '2025-03-02');
    assert.equal(old.limitation.expires, '2025-03-01');
    assert.ok(old.limitation.expired);
    assert.match(old.flags.find((f) => f.id === 'LIMITATION_EXPIRED')!.text.en, /not erased/);
    const restarted = costOf({ ...d, limitation_events: [{ date: '2024-05-01', kind: 'demand' }] }, lpr, '2025-03-02');
    assert.equal(restarted.limitation.expires, '2027-05-01');
    assert.ok(!restarted.limitation.expired);
  });

  it('knows what is overdue, and when a settled delinquency must leave the credit report', () => {
    const d = debt({ schedule: [{ due: '2025-02-10', amount_fen: 500_000 }, { due: '2025-03-10', amount_fen: 550_000 }], payments: [{ date: '2025-02-10', amount_fen: 500_000 }] });
    const c = costOf(d, lpr, '2025-03-20');
    assert.equal(c.overdue_since, '2025-03-10');
    assert.equal(c.overdue_days, 10);
    assert.equal(c.outstanding_fen, 550_000);
    const s = costOf({ ...d, status: 'settled', settled_on: '2025-04-01', overdue_since: '2025-03-10' }, lpr, '2025-05-01');
    assert.equal(s.credit_record_deleted_by, '2030-04-01');
    assert.equal(s.outstanding_fen, 0);
  });

  it('rejects invalid schedules with a clear message', () => {
    assert.throws(() => debt({ schedule: [{ due: '2025-01-05', amount_fen: 1 }] }), /after the loan date/);
    assert.throws(() => debt({ schedule: [{ due: '2025-03-01', amount_fen: 1 }, { due: '2025-02-01', amount_fen: 1 }] }), /in order/);
    assert.throws(() => debt({ received_fen: 2_000_000 }), /cannot exceed/);
    assert.throws(() => debt({ status: 'settled' }), /settlement date/);
  });
});

describe('claim check', () => {
  const ledger = (debts: Debt[]) => ({ debts, signals: data.ledgerSignals.signals, lpr, today: '2026-11-28' });
  it('calls a message about a settled loan a scam and names the settlement date', () => {
    const settled = debt({ lender: { name: '招联金融', kind: 'consumer_finance' }, status: 'settled', settled_on: '2025-03-02' });
    const r = check(engine, { text: '【招联金融】您的借款已逾期，请尽快还款，否则将影响征信', date: '2026-11-28', ledger: ledger([settled]) });
    assert.equal(r.verdict, 'scam');
    const reason = r.reasons.find((x) => x.signal === 'LEDGER.SETTLED_LOAN');
    assert.ok(reason);
    assert.match(reason.explain.zh, /2025-03-02/);
  });

  it('flags a platform the user never borrowed from, and an amount far from the ledger', () => {
    const fold = (s: string) => engine.normaliser.normalise(s).text;
    const mine = debt({});
    const unknown = checkClaims({ original: '你在借呗的欠款已逾期', folded: fold('你在借呗的欠款已逾期'), fold, namedLenders: ['借呗'], collection: true }, ledger([mine]));
    assert.deepEqual(unknown.map((f) => f.id), ['LEDGER.UNKNOWN_PLATFORM']);
    const text = '某某花提醒：您逾期欠款38000元';
    const amount = checkClaims({ original: text, folded: fold(text), fold, namedLenders: [], collection: true }, ledger([mine]));
    assert.deepEqual(amount.map((f) => f.id).sort(), ['LEDGER.AMOUNT_MISMATCH', 'LEDGER.MATCHES_ACTIVE_LOAN']);
    const feeText = '某某花：您需先缴纳手续费500元';
    const fee = checkClaims({ original: feeText, folded: fold(feeText), fold, namedLenders: [], collection: true }, ledger([mine]));
    assert.ok(fee.some((f) => f.id === 'LEDGER.UNKNOWN_FEE'));
  });
});

describe('repayment plan', () => {
  it('clears what is owed within the months it states', () => {
    const plan = proposePlan([{ id: 'a', lender: 'A', outstanding_fen: 300_000 }, { id: 'b', lender: 'B', outstanding_fen: 100_000 }], 50_000);
    assert.equal(plan.months, 8);
    for (const p of plan.perDebt) assert.ok(p.monthly_fen * p.months >= p.outstanding_fen);
    assert.ok(plan.perDebt.reduce((s, p) => s + p.monthly_fen, 0) <= 50_000 + plan.perDebt.length);
    assert.throws(() => proposePlan([], 0));
  });
});
