/**
 * The learned model of genuine collection (docs/scoring.md, "The collection model"): where the
 * rules found too little collection context, a lender's or an agency's words the model is sure
 * of count as collection context; the rules still decide the rest (an addressee, nothing a
 * genuine lender never does), and the model says nothing where the rules already found the debt.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { modelFrom } from '../data/engine-from.js';
import { encodeHalf } from '../data/half-encode.js';
import { DataError } from '../data/errors.js';
import { sideTraining, testModelMeta } from '../../test/helpers/model-meta.js';
import { check, type Engine } from './check.js';

const engine = await testEngine();
const SIGNAL = 'MODEL.COLLECTION_CLASSIFIER';
const run = (e: Engine, text: string) => check(e, { text, date: '2026-12-02' });
/** The same engine with no collection model: what the rules alone say. */
const rulesOnly: Engine = { ...engine, model: { ...engine.model, collection: undefined } };

describe('the collection model', () => {
  it('is loaded with the engine, with its own threshold', () => {
    const cm = engine.model.collection;
    assert.ok(cm !== undefined);
    assert.equal(cm.weights.length, 1 << cm.dimBits);
    assert.ok(Number.isFinite(cm.threshold) && cm.threshold >= 2);
  });

  it("reads a lender's reminder with no debt word as genuine collection where the rules alone say \"other\"", () => {
    for (const text of ['王先生您好，您本月的款项还没有处理，请今天下班前通过App完成，谢谢配合。', '李女士，您这期的账单我们这边还没看到入账，麻烦您尽快处理一下。']) {
      assert.equal(run(rulesOnly, text).verdict, 'other', text);
      const r = run(engine, text);
      assert.equal(r.verdict, 'collection', text);
      const fired = r.signals.find((s) => s.id === SIGNAL);
      assert.ok(fired !== undefined && fired.effect === 'collection_context', text);
      for (const sp of fired.spans) assert.equal(text.slice(sp.start, sp.end), sp.text);
      // The reason is in plain Chinese and English, and tells the person how to check.
      const reason = r.reasons.find((x) => x.signal === SIGNAL);
      assert.ok(reason !== undefined && /催收/.test(reason.title.zh) && /官方/.test(reason.explain.zh) && reason.explain.en.length > 0);
    }
  });

  it('says nothing where the rules already found the debt', () => {
    const r = run(engine, '【某某银行】您的信用卡已逾期3天，应还金额1,280.00元，请尽快通过手机银行还款。');
    assert.equal(r.verdict, 'collection');
    assert.ok(!r.signals.some((s) => s.id === SIGNAL));
  });

  it('makes no genuine collection of what a genuine lender never asks', () => {
    const r = run(engine, '您这期的账单还没入账，麻烦今天转到我个人卡上：6222 0211 0000 1234 赵经理');
    assert.equal(r.verdict, 'scam');
  });

  it('leaves everyday texts alone', () => {
    for (const text of ['妈，周末回家吃饭，给我留点饺子', '明天的会改到下午三点，记得带上周报', '快递放在驿站了，晚上下班记得去取']) {
      const r = run(engine, text);
      assert.equal(r.verdict, 'other', text);
      assert.ok(!r.signals.some((s) => s.id === SIGNAL), text);
    }
  });

  it("is refused when the weights file does not hold its weights after the violation model's", () => {
    const meta = testModelMeta({ collection: { dimBits: 10, bias: 0, threshold: 2, training: sideTraining } });
    const where = { json: 'model.json', weights: 'model.f16' };
    const two = encodeHalf(new Float32Array(2 * 1024));
    assert.throws(() => modelFrom(meta, two, where), DataError);
    const three = encodeHalf(new Float32Array(3 * 1024));
    const m = modelFrom(meta, three, where);
    assert.equal(m.collection?.threshold, 2);
    assert.equal(m.collection?.weights.length, 1024);
  });
});
