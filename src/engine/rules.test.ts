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

  it('has signals for every category the domain names', () => {
    const cats = new Set(engine.rules.signals.map((s) => s.signal.category));
    assert.deepEqual([...cats].sort(), ['genuine', 'neutral', 'scam', 'violation']);
  });
});
