/** The ledger as a new user drives it (the "done when"). */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { packageRoot } from '../src/data/load.js';
import { LprTable } from '../src/ledger/schemas.js';
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
    assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
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
    assert.match(bad.err, /第 2 项有误/);
    writeFileSync(file, JSON.stringify([one]));
    assert.match(dunguard(['debt', 'import', file], { env: envI }).out, /导入了 1 笔借款，另有 0 笔原来就有/);
    assert.match(dunguard(['debt', 'import', file], { env: envI }).out, /导入了 0 笔借款，另有 1 笔原来就有/);
  });

  it('rejects bad amounts and schedules with a clear message', () => {
    const r = dunguard(['debt', 'add', '--lender', 'x', '--principal', '1.005', '--date', '2025-01-01', '--due', '2025-02-01', '--amount', '1'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /金额“1\.005”看不懂/);
    const s = dunguard(['debt', 'add', '--lender', 'x', '--principal', '100', '--date', '2025-01-01', '--due', '2024-12-01', '--amount', '1'], { env });
    assert.match(s.err, /每个还款日期都必须在借款日期之后/);
    const future = dunguard(['debt', 'add', '--lender', 'x', '--principal', '100', '--date', '2099-01-01', '--due', '2099-02-01', '--amount', '101'], { env });
    assert.equal(future.code, 2);
    assert.match(future.err, /借款日 2099-01-01 还没到：是不是日期或年份写错了/);
    const settled = dunguard(['debt', 'add', '--lender', 'x', '--principal', '100', '--date', '2025-01-01', '--due', '2025-02-01', '--amount', '101', '--status', 'settled', '--settled-on', '2099-01-01'], { env });
    assert.equal(settled.code, 2);
    assert.match(settled.err, /结清日 2099-01-01 还没到/);
  });

  it('says a loan past a due date is overdue, whatever status was typed, and flags a schedule that repays less than was received', () => {
    const home = { DUNGUARD_HOME: join(tmp, 'home-status') };
    const late = dunguard(['debt', 'add', '--lender', '某某花', '--principal', '10000', '--received', '8000', '--date', '2025-01-10', '--instalments', '12', '--amount', '1000'], { env: home });
    assert.equal(late.code, 0, late.err);
    assert.match(late.out, /状态：逾期中（按还款计划推算）/);
    assert.doesNotMatch(late.out, /正常还款中/);
    const odd = dunguard(['debt', 'add', '--lender', '测试', '--principal', '3000', '--date', '2025-06-01', '--due', '2025-07-01', '--amount', '2000'], { env: home });
    assert.match(odd.out, /按计划共还 2,000\.00 元，比实际到手的 3,000\.00 元还少/);
  });
});

describe('the shipped LPR table', () => {
  const table = LprTable.parse(parse(readFileSync(join(packageRoot(), 'data', 'ledger', 'lpr.yaml'), 'utf8')));
  const lawMd = join(packageRoot(), '..', 'shared', 'docs', 'law.md');

  it('copies every row exactly from law.md §7.1a', { skip: existsSync(lawMd) ? false : `${lawMd} is absent: the LPR values cannot be checked against their sources` }, () => {
    const law = readFileSync(lawMd, 'utf8');
    const start = law.indexOf('### 7.1a');
    assert.ok(start >= 0, 'law.md has no §7.1a');
    const section = law.slice(start, law.indexOf('\n### ', start + 1));
    const flat = section.replace(/\s+/g, ' ');
    const tableRows = new Map(
      section
        .split('\n')
        .filter((l) => /^\| \d{4}-\d{2}-\d{2} \|/.test(l))
        .map((l) => l.split('|').map((c) => c.trim()))
        .map((c) => [c[1]!, { oneYear: c[2]!, source: c[4]! }]),
    );
    assert.ok(table.rates.length > 0);
    for (const r of table.rates) {
      const rate = `${r.rate_percent.toFixed(2)} %`;
      if (r.strength === 'reported') {
        const row = tableRows.get(r.from!);
        assert.ok(row, `law.md §7.1a has no row effective from ${r.from}`);
        assert.equal(row.oneYear, rate, `one-year LPR from ${r.from}`);
        assert.equal(row.source, r.source, `source of the value from ${r.from}`);
      } else {
        assert.equal(r.strength, 'unconfirmed');
        assert.ok(flat.includes(rate), `${rate} appears in law.md §7.1a`);
        assert.ok(flat.includes(r.source), `the source "${r.source}" appears in law.md §7.1a`);
        assert.match(flat, new RegExp(`${r.month} to ${r.through} only in the data file`));
      }
    }
    // Every row of law.md's table is shipped; the months it calls unconfirmed are not covered.
    assert.deepEqual([...tableRows.keys()].sort(), table.rates.filter((r) => r.strength === 'reported').map((r) => r.from!).sort());
    const notConfirmed = /\*\*(\d{4}-\d{2}) to (\d{4}-\d{2}) not confirmed\*\*/.exec(flat);
    assert.ok(notConfirmed, 'law.md names the unconfirmed months');
    assert.ok(table.rates.every((r) => r.through! < notConfirmed[1]!), `no row reaches into ${notConfirmed[1]}`);
  });

  it('each row holds until the next one, with no gap from 2019-08 to its last month', () => {
    const rows = table.rates.filter((r) => r.strength !== undefined).sort((a, b) => a.from!.localeCompare(b.from!));
    assert.equal(rows[0]!.from, '2019-08-20');
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i - 1]!.through, rows[i]!.month, `${rows[i - 1]!.month} holds until ${rows[i]!.from}`);
  });
});

describe('dunguard debt: the private-lending cap with no rate typed', () => {
  const envP = { DUNGUARD_HOME: join(tmp, 'lpr-home') };
  it('compares a 2024 private loan with 4 × the LPR of its contract date from the shipped table', () => {
    // 10,000 lent on 2024-03-15, 11,500 back on 2024-09-15: 15 % for half a year ≈ 32 % a year > 4 × 3.45 % = 13.80 %.
    const add = dunguard(['debt', 'add', '--lender', '李四', '--kind', 'private_individual', '--principal', '10000', '--date', '2024-03-15', '--due', '2024-09-15', '--amount', '11500', '--json'], { env: envP });
    assert.equal(add.code, 0, add.err);
    const id = (JSON.parse(add.out) as { debt: { id: string } }).debt.id;
    const cost = dunguard(['debt', 'cost', id, '--json'], { env: envP });
    assert.equal(cost.code, 0, cost.err);
    const c = JSON.parse(cost.out) as { cost: { lpr: { found: boolean; rate_percent: number; cap_percent: number; strength: string; effective_from: string }; flags: { id: string; text: { zh: string; en: string } }[] } };
    assert.deepEqual([c.cost.lpr.found, c.cost.lpr.rate_percent, c.cost.lpr.cap_percent, c.cost.lpr.strength, c.cost.lpr.effective_from], [true, 3.45, 13.8, 'reported', '2024-02-20']);
    assert.match(c.cost.flags.find((f) => f.id === 'RATE_OVER_4LPR')!.text.en, /3\.45%.*13\.80%/);
    const shown = dunguard(['debt', 'show', id], { env: envP });
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /超过民间借贷利率上限.*3\.45%.*四倍为 13\.80%/);
    // The news sources are named in Chinese in Chinese output (the table's English sources only in English).
    const flagLine = shown.out.split('\n').find((l) => l.includes('超过民间借贷利率上限'))!;
    assert.match(flagLine, /据新闻报道：新华社/);
    assert.doesNotMatch(flagLine, /Xinhua|Reuters|dpa|recap/);
    assert.match(c.cost.flags.find((f) => f.id === 'RATE_OVER_4LPR')!.text.en, /Xinhua/);
  });

  it('says so plainly for a contract month with no confirmed LPR, and takes the value once the person adds it', () => {
    const add = dunguard(['debt', 'add', '--lender', '王五', '--kind', 'private_individual', '--principal', '10000', '--date', '2026-10-08', '--due', '2026-12-08', '--amount', '11500', '--json'], { env: envP });
    assert.equal(add.code, 0, add.err);
    const id = (JSON.parse(add.out) as { debt: { id: string } }).debt.id;
    const flag = (JSON.parse(add.out) as { cost: { flags: { id: string; text: { zh: string; en: string } }[] } }).cost.flags.find((f) => f.id === 'LPR_UNCONFIRMED')!;
    assert.match(flag.text.zh, /2026-10 的一年期LPR没有经确认的数值/);
    assert.match(flag.text.en, /no confirmed one-year LPR for 2026-10/);
    assert.match(dunguard(['debt', 'show', id], { env: envP }).out, /2026-10 的一年期LPR没有经确认的数值/);
    assert.equal(dunguard(['debt', 'lpr', '2026-10', '3.0', '--source', 'test value standing in for the NIFC notice'], { env: envP }).code, 0);
    const after_ = JSON.parse(dunguard(['debt', 'cost', id, '--json'], { env: envP }).out) as { cost: { lpr: { strength: string }; flags: { id: string }[] } };
    assert.equal(after_.cost.lpr.strength, 'yours');
    assert.ok(after_.cost.flags.some((f) => f.id === 'RATE_OVER_4LPR'));
    // The person's own value for one month does not hide the shipped rows around it.
    assert.equal(dunguard(['debt', 'lpr', '2024-03', '3.45', '--source', 'test value for the same month'], { env: envP }).code, 0);
    const add2 = JSON.parse(dunguard(['debt', 'add', '--lender', '赵六', '--kind', 'private_individual', '--principal', '1000', '--date', '2024-04-02', '--due', '2024-10-02', '--amount', '1010', '--json'], { env: envP }).out) as { cost: { lpr: { strength: string; rate_percent: number } } };
    assert.deepEqual([add2.cost.lpr.strength, add2.cost.lpr.rate_percent], ['reported', 3.45]);
  });
});
