import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { npv, xirr, type Flow } from './xirr.js';

const monthly = (start: string, n: number, amount: number): Flow[] => {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(y, m - 1 + i + 1, d)).toISOString().slice(0, 10), amount: -amount }));
};

describe('xirr', () => {
  it('10,000 on paper, 8,000 received, 12 monthly payments of 1,000', () => {
    // By hand: the monthly rate r solves 8000 = Σ 1000/(1+r)^k, k = 1..12, i.e. an annuity
    // factor of 8: r = 7 % gives 7.94, r = 6.9 % gives 7.97, so r ≈ 6.88 %. The effective
    // annual rate is (1 + r)^12 − 1 ≈ 2.22 − 1 ≈ 122 %. XIRR counts actual days (months of
    // 28–31 days over a 365-day year), so it lands close to that: 122.7 %.
    const r = xirr([{ date: '2025-01-10', amount: 8000 }, ...monthly('2025-01-10', 12, 1000)]);
    assert.ok(r.ok);
    assert.ok(Math.abs(r.rate - 1.227) < 0.002, String(r.rate));
  });

  it('without the deduction the same schedule costs far less', () => {
    // 10,000 received, 12 × 1,000: annuity factor 10 → r ≈ 2.92 % a month → (1.0292)^12 − 1 ≈ 41.3 %.
    const r = xirr([{ date: '2025-01-10', amount: 10000 }, ...monthly('2025-01-10', 12, 1000)]);
    assert.ok(r.ok && Math.abs(r.rate - 0.413) < 0.005, JSON.stringify(r));
  });

  it('equals the nominal rate when nothing is deducted (one year, one repayment)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 10_000_000 }), fc.double({ min: 0, max: 3, noNaN: true }), (principal, rate) => {
        const r = xirr([
          { date: '2025-01-01', amount: principal },
          { date: '2026-01-01', amount: -principal * (1 + rate) },
        ]);
        assert.ok(r.ok);
        assert.ok(Math.abs(r.rate - rate) < 1e-7, `${r.rate} vs ${rate}`);
      }),
    );
  });

  it('rises when more is deducted up front (monotonic in fees)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 48 }), fc.integer({ min: 100, max: 5000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (n, instalment, fee, extra) => {
        const total = n * instalment;
        const received = Math.floor(total * 0.9) - fee;
        fc.pre(received - extra >= total * 0.5); // far below that the rate leaves any bracket (tested below: it then says so)
        const a = xirr([{ date: '2025-03-15', amount: received }, ...monthly('2025-03-15', n, instalment)]);
        const b = xirr([{ date: '2025-03-15', amount: received - extra }, ...monthly('2025-03-15', n, instalment)]);
        assert.ok(a.ok && b.ok);
        assert.ok(b.rate > a.rate, `${b.rate} > ${a.rate}`);
      }),
    );
  });

  it('returns a rate that zeroes the net present value, or says why not', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 0, max: 1500 }), amount: fc.integer({ min: -100_000, max: 100_000 }) }), { minLength: 0, maxLength: 12 }), (raw) => {
        const flows = raw.map((f) => ({ date: new Date(Date.UTC(2025, 0, 1 + f.day)).toISOString().slice(0, 10), amount: f.amount }));
        const r = xirr(flows);
        if (r.ok) {
          const scale = flows.reduce((s, f) => s + Math.abs(f.amount), 0);
          assert.ok(Math.abs(npv([...flows].sort((a, b) => a.date.localeCompare(b.date)), r.rate)) <= scale * 1e-6);
        } else {
          assert.ok(['too_few_flows', 'no_sign_change', 'no_convergence'].includes(r.reason));
        }
      }),
    );
  });

  it('says why when there is no answer', () => {
    assert.deepEqual(xirr([{ date: '2025-01-01', amount: 100 }]), { ok: false, reason: 'too_few_flows' });
    assert.deepEqual(xirr([{ date: '2025-01-01', amount: 100 }, { date: '2025-02-01', amount: 100 }]), { ok: false, reason: 'no_sign_change' });
  });
});
