/**
 * The learned model of rule-breaking collection (docs/scoring.md, "The violation model"):
 * it decides where no rule fires, only in a text about money, never over a warning or a scam,
 * and it shows the person where its case is strongest and which rules apply.
 */
import assert from 'node:assert/strict';
import { getFloat16 } from '@petamoriken/float16';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { decodeHalf, decodeHalfPlanar, modelFrom } from '../data/engine-from.js';
import { encodeHalf, toPlanar } from '../data/half-encode.js';
import { DataError } from '../data/errors.js';
import { testModelMeta } from '../../test/helpers/model-meta.js';
import { check, type Engine } from './check.js';
import { logit, strongestSpans, type Model } from './classifier.js';

const engine = await testEngine();
const run = (e: Engine, text: string) => check(e, { text, date: '2026-11-30' });
const SIGNAL = 'MODEL.VIOLATION_CLASSIFIER';
const margin = (text: string): number => {
  const vm = engine.model.violation!;
  return logit(vm, engine.normaliser.normalise(text).text) - vm.threshold;
};
/** Each text is no rule-breaking collection, and the model did not speak on it. */
const staysSilent = (texts: readonly string[]): void => {
  for (const text of texts) {
    const r = run(engine, text);
    assert.notEqual(r.verdict, 'collection_violation', text);
    assert.ok(!r.signals.some((s) => s.id === SIGNAL), text);
  }
};
/** The same engine with no violation model: what the rules alone say. */
const rulesOnly: Engine = { ...engine, model: { ...engine.model, violation: undefined } };

describe('the violation model', () => {
  it('is loaded with the engine, with its own threshold', () => {
    const vm = engine.model.violation;
    assert.ok(vm !== undefined);
    assert.equal(vm.weights.length, 1 << vm.dimBits);
    assert.ok(Number.isFinite(vm.threshold) && vm.threshold >= 0);
  });

  it('makes a veiled threat about a debt rule-breaking collection where no rule fires', () => {
    const text = '钱什么时候还？再拖下去你自己看着办';
    assert.equal(run(rulesOnly, text).verdict, 'other', 'the rules alone miss it');
    const r = run(engine, text);
    assert.equal(r.verdict, 'collection_violation');
    const fired = r.signals.find((s) => s.id === SIGNAL);
    assert.ok(fired !== undefined && fired.category === 'violation');
    // Its strongest words are highlighted, as stretches of the original text.
    assert.ok(fired.spans.length >= 1);
    for (const sp of fired.spans) assert.equal(text.slice(sp.start, sp.end), sp.text);
    // The reason is in plain Chinese and English, and the rules on collectors' conduct are cited.
    const reason = r.reasons.find((x) => x.signal === SIGNAL);
    assert.ok(reason !== undefined && /违规催收/.test(reason.title.zh) && reason.explain.en.length > 0);
    assert.ok(r.law.length > 0);
  });

  it('needs the text to be about money, or else long and far above its ungated threshold: a short menace with no money word is not collection', () => {
    const text = '再拖下去你自己看着办';
    assert.ok(margin(text) >= 0, 'the model alone would speak');
    const r = run(engine, text);
    assert.equal(r.verdict, 'other');
    assert.ok(!r.signals.some((s) => s.id === SIGNAL));
  });

  it('with no word of money, speaks only above its higher, ungated threshold, chosen above every such ordinary text', () => {
    const vm = engine.model.violation!;
    assert.ok(vm.ungatedThreshold !== undefined && vm.ungatedThreshold >= 3 && vm.ungatedThreshold > vm.threshold);
    const logitOf = (t: string): number => logit(vm, engine.normaliser.normalise(t).text);
    // A bare threat at the family, no word of money, that no rule knows: the model's case is strong enough.
    const threat = '你不要脸，你一家老小都不要脸，等着瞧吧';
    assert.equal(run(rulesOnly, threat).verdict, 'other', 'the rules alone miss it');
    assert.ok(logitOf(threat) >= vm.ungatedThreshold);
    const r = run(engine, threat);
    assert.equal(r.verdict, 'collection_violation');
    assert.ok(r.signals.some((s) => s.id === SIGNAL));
    // Everyday talk with no word of money stays other, even where its wording leans the model's way.
    staysSilent(['酒店的早餐不错，给你们拍几张照片看看', '我们已经到长城脚下了，人山人海，根本看不到城墙', '你也知道，我们家的情况，别往心里去']);
  });

  it("with no word of money but a rule's sign of rule-breaking, speaks at the sign threshold: the sign stands for the word of money", () => {
    // A model as sure of every text as logit 2: at the sign threshold, below the ungated one.
    const vm = engine.model.violation!;
    const two: Engine = { ...engine, model: { ...engine.model, violation: { ...vm, bias: 2, weights: new Float32Array(vm.weights.length) } } };
    assert.ok(vm.threshold <= 2 && (vm.ungatedThreshold ?? Infinity) > 2);
    // A visit to the home is a rule's sign (not one that stands alone): the rules alone say "other"…
    const signed = '周末我去你家吃饭，记得多做两个菜啊';
    assert.equal(run(rulesOnly, signed).verdict, 'other');
    // …the model at logit 2 speaks on it…
    assert.equal(run(two, signed).verdict, 'collection_violation');
    assert.ok(run(two, signed).signals.some((s) => s.id === SIGNAL));
    // …but not on a text with neither a word of money nor a sign.
    const plain = '明天下午三点在公司楼下等你，不见不散';
    assert.equal(run(two, plain).verdict, 'other');
    assert.ok(!run(two, plain).signals.some((s) => s.id === SIGNAL));
    // The trained model reads the friendly visit as no menace.
    staysSilent([signed, '下个月我去你家住两天，带孩子去看看海']);
  });

  it("vetoes rule-breaking found by the rules alone where the model is sure there is none, and only there", () => {
    const scoring = engine.rules.meta.scoring;
    const withVeto = (veto: number, e: Engine = engine): Engine => ({
      ...e,
      rules: { ...e.rules, meta: { ...e.rules.meta, scoring: { ...scoring, violation_model: { ...scoring.violation_model, veto_below: veto } } } },
    });
    assert.equal(scoring.violation_model.veto_below, -4);
    // A friend's joke the rules read as a visit threat; the trained model is sure it is none.
    const joke = '你等着，下班我就去你家楼下堵你，请你吃火锅';
    assert.equal(run(withVeto(-Infinity), joke).verdict, 'collection_violation', 'the rules alone');
    const r = run(engine, joke);
    assert.equal(r.verdict, 'other');
    assert.ok(!r.signals.some((s) => s.category === 'violation'), 'no sign of rule-breaking is shown for it');
    // A model as sure as logit -10 of every text vetoes the rules' finding; at -3 it does not (the veto is at -4)…
    const vm = engine.model.violation!;
    const sure = (bias: number): Engine => ({ ...engine, model: { ...engine.model, violation: { ...vm, bias, weights: new Float32Array(vm.weights.length) } } });
    const threat = '别逼我们亲自去你公司找你，到时候大家都难看';
    assert.equal(run(sure(-3), threat).verdict, 'collection_violation');
    assert.notEqual(run(sure(-10), threat).verdict, 'collection_violation');
    // …and where the model itself found rule-breaking there is nothing to veto.
    for (const t of ['别逼我们亲自去你公司找你', '欠钱不还，你出门小心点']) assert.equal(run(engine, t).verdict, 'collection_violation', t);
  });

  it('keeps a laughing threat with no word of money banter', () => {
    const r = run(engine, '你不要脸，你一家老小都不要脸，等着瞧吧哈哈哈');
    assert.notEqual(r.verdict, 'collection_violation');
  });

  it('leaves everyday talk about money alone', () => {
    staysSilent(['借你的五百块钱不急，有空再还', '这个月的房租记得还我，下周一前转我就行', '钱我下个月就还你，谢谢你一直等我']);
  });

  it('never turns an official warning that quotes threats into collection', () => {
    const r = run(engine, '警方提示：催收人员以“上门”“曝光”相威胁还钱的，可报警');
    assert.equal(r.verdict, 'other');
  });

  it('never overrules a scam with an ask', () => {
    const r = run(engine, '你欠的钱再不还就等着坐牢吧，现在马上把钱转到这个私人账户 6222 0000 1111 2222 就给你销案');
    assert.equal(r.verdict, 'scam');
  });
});

describe('strongestSpans', () => {
  it('returns non-overlapping stretches with a positive weight, best first', () => {
    const weights = new Float32Array(1 << 10);
    const model: Model = { version: 't', dimBits: 10, ngrams: [1, 2, 3], bias: 0, threshold: 0, weights };
    assert.deepEqual(strongestSpans(model, '没有权重的文字', 2), [], 'nothing adds: nothing shown');
    // Give one character's unigram weight: the windows around it are the only positive ones.
    const probe = { ...model, weights: new Float32Array(1 << 10).fill(0) };
    const text = '甲乙丙丁戊己庚';
    const idx = [...Array(1 << 10).keys()].find((i) => {
      probe.weights.fill(0);
      probe.weights[i] = 1;
      return strongestSpans(probe, text, 1)[0]?.start === 2;
    });
    assert.ok(idx !== undefined);
    const spans = strongestSpans(probe, text, 3);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.start >= spans[i - 1]!.end || spans[i]!.end <= spans[i - 1]!.start);
    assert.ok(spans.every((s) => s.weight > 0 && s.end - s.start <= 3));
  });
});

describe('the weights file (half precision)', () => {
  it('reads every one of the 65,536 half-precision values exactly as the library does', () => {
    const bytes = new Uint8Array(65536 * 2);
    for (let h = 0; h < 65536; h++) {
      bytes[2 * h] = h & 0xff;
      bytes[2 * h + 1] = h >> 8;
    }
    const mine = decodeHalf(bytes);
    const view = new DataView(bytes.buffer);
    for (let h = 0; h < 65536; h++) {
      const lib = getFloat16(view, 2 * h, true);
      assert.ok(Object.is(mine[h], Math.fround(lib)) || (Number.isNaN(lib) && Number.isNaN(mine[h])), `bits ${h.toString(16)}: ${mine[h]} vs ${lib}`);
    }
  });

  it('round-trips half-precision values exactly and rounds others to the nearest', () => {
    const exact = Float32Array.from([0, 1, -2, 0.5, 65504, -0.000061035156]);
    assert.deepEqual(decodeHalf(encodeHalf(exact)), exact);
    const near = decodeHalf(encodeHalf(Float32Array.from([0.1])))[0]!;
    assert.ok(Math.abs(near - 0.1) < 1e-4 && near !== Math.fround(0.1));
  });

  it('keeps fewer mantissa bits when asked: rounded to nearest, low bits zero, within the stated error', () => {
    const values = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i * 12.9898) * (i % 7 === 0 ? 40 : 0.8));
    const full = decodeHalf(encodeHalf(values));
    for (const bits of [9, 7, 5]) {
      const bytes = encodeHalf(values, bits);
      const halves = new Uint16Array(bytes.buffer, bytes.byteOffset, values.length);
      assert.ok(halves.every((h) => (h & ((1 << (10 - bits)) - 1)) === 0), `${bits} bits: low mantissa bits are zero`);
      const got = decodeHalf(bytes);
      for (let i = 0; i < values.length; i++) {
        const v = full[i]!;
        // Relative to the value's binade (subnormals excepted, whose absolute step is the same).
        const tolerance = Math.max(Math.abs(v) * 2 ** -bits, 2 ** -24);
        assert.ok(Math.abs(got[i]! - v) <= tolerance, `${bits} bits: ${values[i]} → ${got[i]} (full ${v})`);
        assert.ok(Math.sign(got[i]!) === Math.sign(v) || got[i] === 0, 'the sign is kept');
      }
    }
    // A value halfway up a binade's top rounds into the next binade (the carry raises the exponent).
    assert.equal(decodeHalf(encodeHalf(Float32Array.from([1.999]), 3))[0], 2);
    assert.deepEqual(decodeHalf(encodeHalf(Float32Array.from([Infinity, -Infinity]), 4)), Float32Array.from([Infinity, -Infinity]));
    assert.throws(() => encodeHalf(values, 11), RangeError);
    assert.throws(() => encodeHalf(values, 0), RangeError);
  });

  const meta = testModelMeta;
  const where = { json: 'classifier.json', weights: 'classifier.f16' };

  it('splits the file into the scam model and the violation model', () => {
    const values = new Float32Array(2048);
    values[0] = 1;
    values[1024] = -2;
    const m = modelFrom(meta(), encodeHalf(values), where);
    assert.equal(m.weights.length, 1024);
    assert.equal(m.weights[0], 1);
    assert.equal(m.violation?.weights[0], -2);
    assert.equal(m.violation?.threshold, 1);
    // An older file has no ungated threshold: the model then stays silent on texts with no word of money.
    assert.equal(m.violation?.ungatedThreshold, undefined);
    const v = meta().violation!;
    const withUngated = modelFrom({ ...meta(), violation: { ...v, ungated_threshold: 4.5 } }, encodeHalf(values), where);
    assert.equal(withUngated.violation?.ungatedThreshold, 4.5);
    assert.throws(() => modelFrom({ ...meta(), violation: { ...v, ungated_threshold: Number.NaN } }, encodeHalf(values), where), (e: unknown) => e instanceof DataError && /ungated_threshold/.test(e.message));
  });

  it('reads the planar layout (every low byte, then every high byte) as the same values', () => {
    const values = Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i) * 3);
    const interleaved = encodeHalf(values, 7);
    const planar = toPlanar(interleaved);
    assert.equal(planar.length, interleaved.length);
    // Low bytes first, high bytes after.
    assert.equal(planar[5], interleaved[10]);
    assert.equal(planar[2048 + 5], interleaved[11]);
    assert.deepEqual(decodeHalfPlanar(planar), decodeHalf(interleaved));
    const a = modelFrom(meta(), interleaved, where);
    const b = modelFrom(meta({ weights_format: 'float16-le-planar' }), planar, where);
    assert.deepEqual(b.weights, a.weights);
    assert.deepEqual(b.violation?.weights, a.violation?.weights);
    // The same bytes read in the other layout are other values: the format is not guessed.
    assert.notDeepEqual(modelFrom(meta(), planar, where).weights, a.weights);
  });

  it('refuses a weights file of the wrong length, naming the file', () => {
    assert.throws(() => modelFrom(meta(), new Uint8Array(2048), where), (e: unknown) => e instanceof DataError && /classifier\.f16: expected 4096 bytes, found 2048/.test(e.message));
  });

  it('refuses a metadata file of another weights format', () => {
    assert.throws(() => modelFrom({ ...meta(), weights_format: 'float32' as 'float16-le' }, new Uint8Array(4096), where), (e: unknown) => e instanceof DataError && /weights_format/.test(e.message));
  });
});
