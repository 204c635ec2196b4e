/** The ledger as a new user drives it (the "done when"). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dunguard } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-ledger-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const env = { DUNGUARD_HOME: join(tmp, 'home') };
const json = <T>(args: string[]): T => {
  const r = dunguard([...args, '--json'], { env });
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as T;
};

describe('dunguard debt', () => {
  it('records three loans, shows true rates and flags, and catches a claim on the settled one', () => {
    json(['debt', 'add', '--lender', '招联金融', '--kind', 'consumer_finance', '--principal', '5000', '--date', '2024-06-01', '--instalments', '6', '--amount', '900', '--status', 'settled', '--settled-on', '2025-03-02']);
    const deducted = json<{ cost: { contract_rate: number; flags: { id: string }[] } }>(['debt', 'add', '--lender', '某某花', '--principal', '10,000', '--received', '8,000', '--date', '2025-01-10', '--instalments', '12', '--amount', '1000']);
    assert.ok(Math.abs(deducted.cost.contract_rate - 1.227) < 0.002);
    assert.ok(deducted.cost.flags.some((f) => f.id === 'UPFRONT_DEDUCTION'));
    const overdue = json<{ debt: { id: string }; cost: { overdue_since: string } }>(['debt', 'add', '--lender', '某某借条', '--kind', 'private_individual', '--principal', '3000', '--date', '2025-06-01', '--due', '2025-09-01', '--amount', '3300', '--status', 'overdue', '--overdue-since', '2025-09-02']);
    assert.equal(overdue.cost.overdue_since, '2025-09-01');
    const summary = json<{ debts: number; open: number; total_owed_fen: number }>(['debt', 'summary']);
    assert.deepEqual([summary.debts, summary.open, summary.total_owed_fen], [3, 2, 1_530_000]);

    const r = json<{ verdict: string; reasons: { signal: string; explain: { zh: string } }[] }>(['check', '【招联金融】您的借款已逾期，请尽快还款，否则将影响征信']);
    assert.equal(r.verdict, 'scam');
    assert.match(r.reasons.find((x) => x.signal === 'LEDGER.SETTLED_LOAN')!.explain.zh, /2025-03-02/);
    // Without the ledger the same message reads as ordinary collection.
    assert.equal(json<{ verdict: string }>(['check', '【招联金融】您的借款已逾期，请尽快还款，否则将影响征信', '--no-ledger']).verdict, 'collection');

    json(['debt', 'pay', overdue.debt.id.slice(0, 8), '--amount', '1000', '--date', '2025-10-01']);
    json(['debt', 'lpr', '2025-06', '3.0', '--source', 'test value for the cap comparison']);
    const shown = json<{ cost: { paid_fen: number; flags: { id: string }[] } }>(['debt', 'cost', overdue.debt.id]);
    assert.equal(shown.cost.paid_fen, 100_000);
    assert.ok(shown.cost.flags.some((f) => f.id === 'RATE_OVER_4LPR'));
    assert.match(dunguard(['verify'], { env }).out, /^intact/);
    const plan = json<{ months: number }>(['debt', 'plan', '--monthly', '1500']);
    assert.ok(plan.months > 0);
  });

  it('imports debts from JSON, all or none, and not twice', () => {
    const envI = { DUNGUARD_HOME: join(tmp, 'import-home') };
    const file = join(tmp, 'debts.json');
    const one = { lender: { name: '某某贷', kind: 'online_platform' }, principal_fen: 200_000, received_fen: 180_000, date: '2025-05-01', schedule: [{ due: '2025-06-01', amount_fen: 210_000 }] };
    writeFileSync(file, JSON.stringify([one, { ...one, principal_fen: 0 }]));
    const bad = dunguard(['debt', 'import', file], { env: envI });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Entry 2 is invalid/);
    writeFileSync(file, JSON.stringify([one]));
    assert.match(dunguard(['debt', 'import', file], { env: envI }).out, /imported 1 debts, 0 already/);
    assert.match(dunguard(['debt', 'import', file], { env: envI }).out, /imported 0 debts, 1 already/);
  });

  it('rejects bad amounts and schedules with a clear message', () => {
    const r = dunguard(['debt', 'add', '--lender', 'x', '--principal', '1.005', '--date', '2025-01-01', '--due', '2025-02-01', '--amount', '1'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /not an amount/);
    const s = dunguard(['debt', 'add', '--lender', 'x', '--principal', '100', '--date', '2025-01-01', '--due', '2024-12-01', '--amount', '1'], { env });
    assert.match(s.err, /after the loan date/);
  });
});
