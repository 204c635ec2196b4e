/**
 * The annualised internal rate of return of dated cash flows (XIRR, 365-day years): the
 * true cost of a loan from what actually changed hands and when, not the advertised rate.
 * Newton's method from a few starting points, then bisection; it says why when there is
 * no answer instead of returning a wrong one.
 */

export interface Flow {
  /** YYYY-MM-DD */
  date: string;
  /** Positive: money the borrower received; negative: money the borrower paid. Any unit. */
  amount: number;
}

export type XirrResult = { ok: true; rate: number; iterations: number } | { ok: false; reason: 'too_few_flows' | 'no_sign_change' | 'no_convergence' };

const DAY = 86_400_000;

function years(flows: readonly Flow[]): number[] {
  const t0 = Date.parse(flows[0]!.date + 'T00:00:00Z');
  return flows.map((f) => (Date.parse(f.date + 'T00:00:00Z') - t0) / DAY / 365);
}

/** Net present value of the flows at annual rate r. */
export function npv(flows: readonly Flow[], r: number, t = years(flows)): number {
  let v = 0;
  for (let i = 0; i < flows.length; i++) v += flows[i]!.amount / Math.pow(1 + r, t[i]!);
  return v;
}

export function xirr(input: readonly Flow[]): XirrResult {
  const flows = [...input].sort((a, b) => a.date.localeCompare(b.date));
  if (flows.length < 2) return { ok: false, reason: 'too_few_flows' };
  if (!flows.some((f) => f.amount > 0) || !flows.some((f) => f.amount < 0)) return { ok: false, reason: 'no_sign_change' };
  let iterations = 0;
  const t = years(flows);
  const f = (r: number): number => npv(flows, r, t);
  // A rate is only an answer if it really zeroes the net present value.
  const scale = flows.reduce((s, x) => s + Math.abs(x.amount), 0);
  const answer = (rate: number): XirrResult => (Math.abs(f(rate)) <= scale * 1e-7 ? { ok: true, rate, iterations } : { ok: false, reason: 'no_convergence' });
  const df = (r: number): number => {
    let v = 0;
    for (let i = 0; i < flows.length; i++) v -= (t[i]! * flows[i]!.amount) / Math.pow(1 + r, t[i]! + 1);
    return v;
  };
  for (const guess of [0.1, 0.5, 2, -0.5]) {
    let r = guess;
    for (let k = 0; k < 100; k++) {
      iterations++;
      const v = f(r);
      const d = df(r);
      if (!Number.isFinite(v) || !Number.isFinite(d) || d === 0) break;
      const next = r - v / d;
      if (next <= -0.999999) break;
      if (Math.abs(next - r) < 1e-12) {
        const a = answer(next);
        if (a.ok) return a;
        break;
      }
      r = next;
    }
  }
  // Bisection over a wide bracket where NPV changes sign.
  let lo = -0.999;
  let hi = 1e6;
  let flo = f(lo);
  const fhi = f(hi);
  if (!Number.isFinite(flo) || !Number.isFinite(fhi) || Math.sign(flo) === Math.sign(fhi)) return { ok: false, reason: 'no_convergence' };
  for (let k = 0; k < 400; k++) {
    iterations++;
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (Math.abs(hi - lo) < 1e-12 || fm === 0) return answer(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return answer((lo + hi) / 2);
}
