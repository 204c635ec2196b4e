/**
 * The suspicion model (docs/scoring.md, "The suspicion model"): where the check would tell a text "other" or
 * genuine collection and nothing is suspicious, a text the model is sure of is told "suspicious" (可疑) — never a
 * scam, and never where a rule, an ask or the person's own question already decides.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { packageRoot } from '../data/root.js';
import { modelFrom } from '../data/engine-from.js';
import { encodeHalf } from '../data/half-encode.js';
import { sideTraining, testModelMeta } from '../../test/helpers/model-meta.js';
import { DataError } from '../data/errors.js';
import type { ModelFile } from '../data/model-file.js';
import { check, classify, type Engine } from './check.js';
import { features, type Model } from './classifier.js';

const engine = await testEngine();
const SIGNAL = 'MODEL.SUSPICION_CLASSIFIER';
const date = '2026-12-03';
/** The same engine with no suspicion model: what the rest of the check says. */
const without: Engine = { ...engine, model: { ...engine.model, suspicion: undefined } };
/**
 * A suspicion model that is sure of every text (a high bias), its case strongest on the words of `phrase`:
 * what the model may change, and what not, whatever the trained weights.
 */
function sureOf(phrase: string): Engine {
  const weights = new Float32Array(1 << 12);
  for (const f of features(engine.normaliser.normalise(phrase).text, 12)) weights[f] = 1;
  const sure: Model = { version: 'sure', dimBits: 12, ngrams: [1, 2, 3], bias: 10, threshold: 3, weights };
  return { ...engine, model: { ...engine.model, suspicion: sure } };
}
const alwaysSure = sureOf('地点还是三楼');

describe('the suspicion model', () => {
  it('is loaded with the engine, with its own threshold', () => {
    const q = engine.model.suspicion;
    assert.ok(q !== undefined);
    assert.equal(q.weights.length, 1 << q.dimBits);
    assert.ok(Number.isFinite(q.threshold) && q.threshold >= 2);
  });

  it('makes a quiet text suspicious, never a scam, and says why in Chinese and English', () => {
    for (const text of ['明天上午的会改到十点，地点还是三楼，请准时参加。', '您好，您的账单已逾期3天，应还1,280.00元，请通过官方App还款，地点还是三楼。']) {
      const before = check(without, { text, date });
      assert.ok(before.assessment === 'other' || before.assessment === 'collection', text);
      const r = check(alwaysSure, { text, date });
      assert.equal(r.verdict, before.verdict, text);
      assert.equal(r.assessment, 'suspicious', text);
      const fired = r.signals.find((s) => s.id === SIGNAL);
      assert.ok(fired !== undefined && fired.weight === 0 && fired.spans.length > 0, text);
      for (const sp of fired.spans) assert.equal(text.slice(sp.start, sp.end), sp.text);
      // Its reason comes first, and tells the person what not to do and how to check.
      assert.equal(r.reasons[0]?.signal, SIGNAL, text);
      assert.match(r.reasons[0]!.explain.zh, /统计模型/);
      assert.match(r.reasons[0]!.explain.zh, /官方/);
      assert.ok(r.reasons[0]!.explain.en.length > 0);
      assert.deepEqual(r.next_steps, engine.rules.meta.next_steps.suspicious);
    }
  });

  it('changes no verdict, and leaves scams, rule-breaking collection and what is already suspicious as they are', () => {
    const texts = [
      '您的网贷账户存在异常，我们是银保监会工作人员，需要您配合做资金核查，把钱转到安全账户。',
      '再不还钱，明天就去你单位找你领导，让你同事都知道你是老赖。',
      '您在我们平台的借款今天到期，应还2,300元，请在App内还款，逾期将上报征信。',
      '今晚一起吃饭吗？我请客。',
    ];
    for (const text of texts) {
      const a = classify(without, { text, date });
      const b = classify(alwaysSure, { text, date });
      assert.equal(b.verdict, a.verdict, text);
      if (a.assessment === 'scam' || a.assessment === 'collection_violation' || a.assessment === 'suspicious') assert.equal(b.assessment, a.assessment, text);
    }
  });

  it("does not judge a question that may be the person's own, or a text too short to judge", () => {
    for (const text of ['怎么注销网贷账户才不影响征信', '好的收到']) {
      const a = check(without, { text, date });
      const r = check(alwaysSure, { text, date });
      assert.equal(r.assessment, a.assessment, text);
      assert.ok(!r.signals.some((s) => s.id === SIGNAL), text);
    }
  });

  it('does not count a case made of words quoted in a text that judges them', () => {
    const text = '提醒大家：收到“您的账户存在异常，请配合我们做资金核查”这种电话，都是骗子，直接挂断。';
    const judged = check(sureOf('请配合我们做资金核查'), { text, date });
    assert.ok(!judged.signals.some((s) => s.id === SIGNAL));
    assert.notEqual(judged.assessment, 'suspicious');
    // The same words said, not quoted, count.
    const said = '您的账户存在异常，请配合我们做资金核查，稍后专员与您联系。';
    const r = check(sureOf('请配合我们做资金核查'), { text: said, date });
    if (check(without, { text: said, date }).assessment === 'other') assert.equal(r.assessment, 'suspicious');
  });

  it('leaves everyday texts alone with the trained model', () => {
    for (const text of ['妈，周末回家吃饭，给我留点饺子', '明天的会改到下午三点，记得带上周报', '快递放在驿站了，晚上下班记得去取', '上次借你的两百块我微信转你了，查收一下']) {
      const r = check(engine, { text, date });
      assert.ok(!r.signals.some((s) => s.id === SIGNAL), text);
      assert.notEqual(r.assessment, 'suspicious', text);
    }
  });

  it('keeps its threshold as trained: at most 0.1 % of the ordinary texts reach it (when the shared data is there)', () => {
    const meta = JSON.parse(readFileSync(join(packageRoot(), 'data', 'model', 'classifier.json'), 'utf8')) as ModelFile;
    assert.equal(meta.suspicion?.threshold, engine.model.suspicion?.threshold);
    assert.match(meta.suspicion?.training.threshold_rule ?? '', /0\.10 %|not found/);
  });

  it("is refused when the weights file does not hold its weights after the collection model's", () => {
    const meta = testModelMeta({
      collection: { dimBits: 10, bias: 0, threshold: 2, training: sideTraining },
      suspicion: { dimBits: 10, bias: 0, threshold: 3, training: sideTraining },
    });
    const where = { json: 'model.json', weights: 'model.f16' };
    assert.throws(() => modelFrom(meta, encodeHalf(new Float32Array(3 * 1024)), where), DataError);
    const m = modelFrom(meta, encodeHalf(Float32Array.from({ length: 4 * 1024 }, (_, i) => (i >= 3 * 1024 ? 0.5 : 0))), where);
    assert.equal(m.suspicion?.threshold, 3);
    assert.equal(m.suspicion?.weights.length, 1024);
    assert.ok(m.suspicion!.weights.every((w) => w === 0.5));
    assert.ok(m.collection!.weights.every((w) => w === 0));
    const { collection: _c, ...noCollection } = meta;
    assert.throws(() => modelFrom(noCollection, encodeHalf(new Float32Array(3 * 1024)), where), /collection model/);
  });
});
