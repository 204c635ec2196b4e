/** Every signal's own examples, as written in the rule files, are checked here. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { matchRules } from './match.js';
import { compileRules, RuleCompileError } from './rules.js';

const engine = await testEngine();
const fired = (text: string): string[] => matchRules(engine.rules, engine.normaliser.normalise(text)).map((m) => m.signal.signal.id);

describe('rule files', () => {
  for (const { signal } of engine.rules.signals) {
    describe(signal.id, () => {
      for (const ex of signal.examples.hit) it(`fires on: ${ex}`, () => assert.ok(fired(ex).includes(signal.id), `did not fire`));
      for (const ex of signal.examples.miss) it(`stays silent on: ${ex}`, () => assert.ok(!fired(ex).includes(signal.id), `fired`));
    });
  }

  it('honours negation: "不会影响征信" is no threat, "我们不会上门" no visit threat', () => {
    assert.ok(!fired('逾期不会影响征信').includes('CONTEXT.CREDIT_IMPACT'));
    assert.ok(fired('逾期会影响征信').includes('CONTEXT.CREDIT_IMPACT'));
    assert.ok(!fired('我们不会派人上门，请放心').includes('VIOLATION.VISIT_THREAT'));
    assert.ok(fired('我们明天派人上门').includes('VIOLATION.VISIT_THREAT'));
  });

  it('matches across spaces and symbols inserted to dodge it', () => {
    assert.ok(fired('先交 手 续 费 才能 消*除 逾-期 记录').includes('SCAM.FEE_TO_CLEAR_RECORD'));
    assert.ok(fired('转入 安 全 账 户').includes('SCAM.SAFE_ACCOUNT'));
  });

  it('finds no term across a clause break: "让师傅过去，你家里留个人" holds no 去你家', () => {
    assert.ok(!fired('好的，明天下午我让师傅过去，你家里留个人').includes('VIOLATION.VISIT_THREAT'));
    assert.ok(fired('明天我们过去你家里找你').includes('VIOLATION.VISIT_THREAT'));
  });

  it('honours 别把 / 别点 as negations within the clause, not past its end', () => {
    assert.ok(!fired('下次别把验证码给别人了').includes('SCAM.VERIFICATION_CODE'));
    assert.ok(fired('别急，把验证码告诉我').includes('SCAM.VERIFICATION_CODE'));
  });

  it('matches traditional characters', () => {
    assert.ok(fired('請把資金轉入安全帳戶').includes('SCAM.SAFE_ACCOUNT'));
    assert.ok(fired('需先繳納手續費消除逾期記錄').includes('SCAM.FEE_TO_CLEAR_RECORD'));
  });

  it('refuses a regex with a character that folding changes, which could never match', () => {
    const base = engine.rules.signals[0]!.signal;
    const withRegex = (regex: string) => [{ ...base, patterns: [{ regex, anchors: ['简单'] }], examples: { hit: [], miss: [] } }];
    assert.throws(() => compileRules(engine.rules.meta, withRegex('没这么简单'), engine.normaliser), (e: unknown) => e instanceof RuleCompileError && /folds to/.test((e as Error).message));
    assert.doesNotThrow(() => compileRules(engine.rules.meta, withRegex('没这[么幺]简单'), engine.normaliser));
  });

  it('puts named regex parts ({{name}}) into regexes, and refuses a name the rule set does not define', () => {
    const base = engine.rules.signals[0]!.signal;
    const withRegex = (regex: string) => [{ ...base, id: 'TEST.PART', patterns: [{ regex, anchors: ['还款'] }], examples: { hit: [], miss: [] } }];
    const meta = { ...engine.rules.meta, regex_parts: { site: 'good|fine' } };
    const rules = compileRules(meta, withRegex('还款(?!{{site}})[a-z]{3,}'), engine.normaliser);
    const hits = (t: string) => matchRules(rules, engine.normaliser.normalise(t)).some((m) => m.signal.signal.id === 'TEST.PART');
    assert.ok(hits('还款 badsite'));
    assert.ok(!hits('还款 goodsite'));
    assert.ok(!hits('还款 fine'));
    assert.throws(() => compileRules(meta, withRegex('还款{{nosuch}}'), engine.normaliser), (e: unknown) => e instanceof RuleCompileError && /nosuch/.test((e as Error).message));
    // a part may use another part, never itself
    const nested = { ...engine.rules.meta, regex_parts: { site: 'good|fine', host: '(?!{{site}})[a-z]{3,}' } };
    const viaPart = compileRules(nested, withRegex('还款{{host}}'), engine.normaliser);
    const hitsVia = (t: string) => matchRules(viaPart, engine.normaliser.normalise(t)).some((m) => m.signal.signal.id === 'TEST.PART');
    assert.ok(hitsVia('还款 badsite'));
    assert.ok(!hitsVia('还款 goodsite'));
    const loop = { ...engine.rules.meta, regex_parts: { a: 'x{{b}}', b: 'y{{a}}' } };
    assert.throws(() => compileRules(loop, withRegex('还款{{a}}'), engine.normaliser), (e: unknown) => e instanceof RuleCompileError && /uses itself/.test((e as Error).message));
    // The rule files' own official-site part is defined and used.
    assert.ok(engine.rules.meta.regex_parts.official_site);
    assert.ok(fired('您的借款已逾期，请登录 www.alipay-vip.com 还款').includes('SCAM.PAYMENT_LINK'));
    assert.ok(!fired('请登录支付宝 www.alipay.com 还款').includes('SCAM.PAYMENT_LINK'));
    assert.ok(!fired('请登录 www.chsi.com.cn 查询').includes('ASK.LINK'));
    assert.ok(fired('请登录 www.chsi-help.com 查询').includes('ASK.LINK'));
  });

  it('says when a text had more matches than are kept, so that its end was not read', () => {
    const norm = engine.normaliser.normalise('安全账户'.repeat(50) + '，把验证码发给我');
    const read = { whole: true };
    const few = matchRules(engine.rules, norm, read, 20).map((m) => m.signal.signal.id);
    assert.equal(read.whole, false);
    assert.ok(!few.includes('ASK.CODE'), 'the end was not read');
    const all = { whole: false };
    assert.ok(matchRules(engine.rules, norm, all).some((m) => m.signal.signal.id === 'ASK.CODE'));
    assert.equal(all.whole, true);
  });

  it('has signals for every category the domain names', () => {
    const cats = new Set(engine.rules.signals.map((s) => s.signal.category));
    assert.deepEqual([...cats].sort(), ['genuine', 'neutral', 'scam', 'violation']);
  });

  it('gives each piece of advice in both languages, one for one (an unquoted English list in YAML splits a sentence at its commas)', () => {
    for (const { signal } of engine.rules.signals) {
      if (signal.advice === undefined) continue;
      assert.equal(signal.advice.en.length, signal.advice.zh.length, signal.id);
      for (const en of signal.advice.en) assert.match(en, /^[A-Z0-9"“(]/, `${signal.id}: "${en}" starts mid-sentence`);
    }
  });
});
