/**
 * The classifier's hot-path helpers give exactly what the plain functions give: `logitPair`
 * (both of an engine's models in one pass) is `logit` of each, bit for bit; and `logit`, which
 * walks the n-grams inline, reads exactly the grams training's `features` gives.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { features, logit, logitPair, mulberry32, type Model } from './classifier.js';

const engine = await testEngine();

/** A model of the given size with random weights (some large, some exactly zero). */
function randomModel(dimBits: number, seed: number): Model {
  const rand = mulberry32(seed);
  const weights = new Float32Array(1 << dimBits);
  for (let i = 0; i < weights.length; i++) weights[i] = rand() < 0.1 ? 0 : (rand() - 0.5) * (rand() < 0.01 ? 1000 : 2);
  return { version: 't', dimBits, ngrams: [1, 2, 3], bias: rand() - 0.5, threshold: 0, weights };
}

// Texts like the folded ones: CJK, Latin, digit runs, astral halves, and the empty text.
const unit = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x4eff }),
  fc.integer({ min: 0x30, max: 0x39 }),
  fc.integer({ min: 0x61, max: 0x7a }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const text = fc.array(unit, { maxLength: 300 }).map((us) => String.fromCharCode(...us));

describe('logitPair', () => {
  it("gives each model's logit exactly, for the engine's two models", () => {
    const vm = engine.model.violation!;
    const out = new Float64Array(2);
    fc.assert(
      fc.property(text, (t) => {
        logitPair(engine.model, vm, t, out);
        assert.ok(Object.is(out[0], logit(engine.model, t)));
        assert.ok(Object.is(out[1], logit(vm, t)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each logit exactly for models of other sizes, either way round', () => {
    const a = randomModel(10, 1);
    const b = randomModel(16, 2);
    const out = new Float64Array(2);
    fc.assert(
      fc.property(text, (t) => {
        logitPair(a, b, t, out);
        assert.ok(Object.is(out[0], logit(a, t)) && Object.is(out[1], logit(b, t)));
        logitPair(b, a, t, out);
        assert.ok(Object.is(out[0], logit(b, t)) && Object.is(out[1], logit(a, t)));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the bias alone for an empty text', () => {
    const out = new Float64Array(2);
    logitPair(engine.model, engine.model.violation!, '', out);
    assert.equal(out[0], engine.model.bias);
    assert.equal(out[1], engine.model.violation!.bias);
  });
});

describe('logit and features', () => {
  it('read the same grams in the same order: the logit is the bias plus the features\' weights over the square root of their count', () => {
    for (const dimBits of [14, 18]) {
      const m = randomModel(dimBits, 7 + dimBits);
      fc.assert(
        fc.property(text, (t) => {
          const f = features(t, dimBits);
          let sum = 0;
          for (const i of f) sum += m.weights[i]!;
          assert.ok(Object.is(logit(m, t), f.length === 0 ? m.bias : m.bias + sum / Math.sqrt(f.length)));
        }),
      );
    }
  });
});
