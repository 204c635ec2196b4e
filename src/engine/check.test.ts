import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { check, hasNonSpace, InputError, insideQuotes, MAX_TEXT_LENGTH } from './check.js';
import { CheckResult } from './schemas/result.js';

const engine = await testEngine();
const DATE = '2026-11-28';
const run = (text: string, extra: { number?: string; date?: string } = {}): CheckResult =>
  check(engine, { text, date: extra.date ?? DATE, number: extra.number });

describe('check', () => {
  it('calls the pay-to-clear-the-record message a scam and shows why', () => {
    const text = '您好，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账';
    const r = run(text);
    assert.equal(r.verdict, 'scam');
    assert.ok(r.confidence > 0.9);
    const fee = r.signals.find((s) => s.id === 'SCAM.FEE_TO_CLEAR_RECORD');
    assert.ok(fee, 'the fee signal fired');
    for (const span of fee.spans) assert.equal(text.slice(span.start, span.end), span.text);
    assert.ok(fee.spans.some((s) => s.text.includes('消除')));
    assert.equal(r.reasons[0]?.signal, 'SCAM.FEE_TO_CLEAR_RECORD');
    assert.ok(r.law.some((c) => c.id === 'criminal-law.266'));
    assert.ok(r.caller_questions.zh.length > 0 && r.never_do.zh.length > 0 && r.next_steps.zh.length > 0);
  });

  it('gives no reason under a scam verdict that reassures: nothing of genuine collection, nor "the scam model cannot make this a scam"', () => {
    const r = check(engine, { text: '您好，我是XX银行风控中心的，您的网贷账户存在逾期异常，已影响征信，需要把名下资金转入我们指定的安全账户进行验证，验证后原路退回', date: '2026-12-01' });
    assert.equal(r.verdict, 'scam');
    assert.ok(r.signals.some((s) => s.id === 'CONTEXT.CREDIT_IMPACT'), 'the credit-record signal fired');
    const said = r.reasons.map((x) => x.explain.zh).join('\n');
    assert.doesNotMatch(said, /不算威胁|不能把这条判为诈骗/);
    assert.ok(!r.reasons.some((x) => x.signal === 'SCAM.IMPERSONATE_REGULATOR'), 'a safe account is no claim to be a regulator');
    assert.ok(r.reasons.some((x) => x.signal === 'SCAM.SAFE_ACCOUNT'));
  });

  it('returns output that satisfies the published contract', () => {
    for (const text of ['您的借款已逾期3天，请登录App还款', '你再不还钱就爆你通讯录', '今晚停水', '请转入安全账户']) {
      const r = run(text, { number: '+86 138 0013 8000' });
      const parsed = CheckResult.safeParse(r);
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues));
    }
  });

  it('maps spans back to the original text when the text was disguised', () => {
    const text = '請 先 繳*納 手 續 費，消 除 逾 期 記 錄';
    const r = run(text);
    const fee = r.signals.find((s) => s.id === 'SCAM.FEE_TO_CLEAR_RECORD');
    assert.ok(fee);
    for (const s of fee.spans) assert.equal(text.slice(s.start, s.end), s.text);
    assert.equal(r.verdict, 'scam');
  });

  it('cites the public-security law by incident date: old art. 42 before 2026, art. 50 after', () => {
    const text = '你欠的钱再不还，我们就天天打你家人电话，你这个老赖';
    const before = run(text, { date: '2025-12-31' }).law.map((c) => c.id);
    const after = run(text, { date: '2026-01-01' }).law.map((c) => c.id);
    assert.ok(before.includes('psapl-2012.42') && !before.includes('psapl-2025.50'));
    assert.ok(after.includes('psapl-2025.50') && !after.includes('psapl-2012.42'));
  });

  it('never quotes a secondary source as law', () => {
    const r = run('今天不还款，明天就联系你单位领导，晚上十一点继续打，后果自负');
    const cba = r.law.find((c) => c.id === 'cba-collection-guideline-2026');
    assert.ok(cba, 'the industry guideline is cited');
    assert.equal(cba.quoted, false);
    assert.equal(cba.text, undefined);
    for (const c of r.law) assert.equal(c.quoted, c.strength !== 'secondary');
  });
});

describe('check on bad and hostile input', () => {
  const refuses = (text: string, code: string): void => {
    assert.throws(() => run(text), (e: unknown) => e instanceof InputError && e.code === code && e.zh.length > 0 && e.en.length > 0);
  };

  it('finds a scam\'s ask at the end of a long text that repeats one word tens of thousands of times (the words after it were once never read)', () => {
    const ask = '请把钱转入安全账户，否则冻结';
    // a greeting, and the ask's own words in warnings before it (a cap per term once hid the ask behind these)
    for (const pad of ['您好'.repeat(49_995), '您好'.repeat(300_000), '今天天气不错，您好。'.repeat(20_000), '温馨提示：请勿相信任何要求您转账到安全账户的电话。'.repeat(1000), '切勿转入安全账户。'.repeat(3000)]) {
      const r = check(engine, { text: pad + ask, date: '2026-12-01' });
      assert.equal(r.verdict, 'scam', `${pad.length} characters before the ask`);
      assert.ok(r.signals.some((s) => s.id === 'SCAM.SAFE_ACCOUNT'));
    }
  });

  it('refuses empty and whitespace-only text with a clear message', () => {
    refuses('', 'EMPTY_TEXT');
    refuses(' \n\t\u3000 ', 'EMPTY_TEXT');
  });

  it('refuses text with nothing to analyse (only emoji and symbols)', () => {
    refuses('😡😡😡！！！…', 'NO_TEXT');
  });

  it('refuses an invalid incident date', () => {
    assert.throws(() => run('逾期', { date: '2026-02-30' }), (e: unknown) => e instanceof InputError && e.code === 'BAD_DATE');
  });

  it('analyses 1 MB of text without hanging', () => {
    const unit = '您好，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账。今晚停水。';
    const text = unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit)));
    const r = run(text);
    assert.equal(r.verdict, 'scam');
    assert.ok(r.signals.every((s) => s.spans.length <= 20));
  });

  it('refuses text over the limit instead of running out of memory', () => {
    refuses('逾'.repeat(MAX_TEXT_LENGTH + 1), 'TEXT_TOO_LONG');
  });

  it('keeps control characters, emoji and lone surrogates from breaking the check', () => {
    const r = run('\u0000您的借款已\u001b[2J逾期😀，请登录App\ud800还款');
    assert.equal(r.verdict, 'collection');
    assert.ok(r.notes.some((n) => n.en.includes('could not be decoded')));
  });

  it('reads full-width letters and digits and homoglyph digits', () => {
    const r = run('请缴纳５OO元手续费，即可消除逾期记录');
    assert.equal(r.verdict, 'scam');
  });

  it('sees through characters split by spaces or symbols', () => {
    assert.equal(run('转 入 安*全*账*户').verdict, 'scam');
  });
});

describe('hasNonSpace', () => {
  it('answers as /\\S/ does for every single character and for a few texts', () => {
    for (let c = 0; c < 65536; c++) {
      const s = String.fromCharCode(c);
      assert.equal(hasNonSpace(s), /\S/.test(s), `U+${c.toString(16)}`);
      assert.equal(hasNonSpace(s + ' '), /\S/.test(s + ' '), `U+${c.toString(16)} and a space`);
    }
    for (const s of ['', ' ', '\u3000\u3000', '\ufeff', ' \n\t好', '\u00a0a']) assert.equal(hasNonSpace(s), /\S/.test(s), JSON.stringify(s));
  });
});

describe('insideQuotes', () => {
  it('tells positions inside “…”, 「…」, ‘…’ and "…" from those outside, nested or left open', () => {
    const t = 'aa“bbbbbb”dd「eee『ff』g」hh"iiiiii"jj‘kkkkkk';
    const q = insideQuotes(t);
    for (const [i, c] of [...t].entries()) if (/[a-z]/.test(c)) assert.equal(q(i), 'befgik'.includes(c), `${c} at ${i}`);
    // scare quotes around a word or a name are no quotation
    const scare = insideQuotes('需补足同等金额的“保证金”才可提现');
    assert.equal(scare(9), false);
  });

  it('counts nothing as quoted in a message pasted whole in quotation marks', () => {
    const q = insideQuotes('“请立即添加客服微信 hk2233 办理退款”');
    assert.equal(q(3), false);
    assert.equal(check(engine, { text: '“【反诈预警】您的银行卡被他人盗刷，请立即拨打客服热线 0085-2316-8842 办理止付”', date: '2026-11-28' }).verdict, 'scam');
  });
});
