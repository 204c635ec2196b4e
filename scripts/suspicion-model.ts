/**
 * The suspicion model (docs/scoring.md, "The suspicion model"): logistic regression over the same
 * hashed character n-grams as the other models, trained on every labelled text the project has read
 * (scripts/eval-sets.ts readExamples: the sourced real-world set, the written examples and the later
 * sets read; never the sealed or unread sets) as "scam" against every other label.
 *
 * It may only do one thing: where the check would tell a text "other" and nothing else (no rule, no
 * ask, no suspicion of the scam classifier, no official warning, no question that may be the person's
 * own), a text at or above its threshold is told "suspicious" (可疑) — never a scam: principle 1 holds,
 * no ask, no scam. Its threshold is chosen on the ordinary-text set (../shared/data, measured only,
 * never trained on) so that almost no everyday text reaches it.
 *
 * Why (2026-12-03): the scam classifier learns from TF5 (service SMS against call-script scams) and
 * the project's own sets; scams worded as the world's later sets word them — a "customer service"
 * line with no link yet, a "court" notice with no account, a friend's "urgent" plea — reached neither
 * its threshold nor a rule. Measured offline on the sealed sets in the twentieth session: 7 of their
 * 19 quiet scams would be told 可疑, no sealed non-scam text (docs/evaluation-real-world.md, items 58–59).
 */
import { readFileSync } from 'node:fs';
import { logit, train, type Model, type TrainOptions } from '../src/engine/classifier.js';
import { decodeHalf } from '../src/data/engine-from.js';
import { encodeHalf, MANTISSA_BITS } from '../src/data/half-encode.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { Normaliser } from '../src/engine/normalise.js';
import { sharedData, type LabelledData } from './eval-sets.js';

export const SUSPICION_OPTIONS: TrainOptions = { dimBits: 16, epochs: 15, learningRate: 0.5, l2: 1e-5, seed: 20261203 };
/** Largest share of the ordinary texts (of at least the model's minimum length) whose logit may reach the threshold. */
export const SUSPICION_TARGET_FPR = 0.001;
/** The threshold is never below this logit (p ≈ 0.88). */
const FLOOR = 2;
/** Without the ordinary-text set the model keeps to a high threshold. */
const FALLBACK = 5;

export function trainSuspicionModel(
  data: LabelledData,
  normaliser: Normaliser,
  root: string,
  minLength: number,
  opts: TrainOptions = SUSPICION_OPTIONS,
): { model: Model; file: NonNullable<ModelFile['suspicion']> } {
  const examples = data.rows.map((r) => ({ text: normaliser.normalise(r.text).text, scam: r.label === 'scam' }));
  const w = train(examples, opts);
  // Rounded as the weights file stores them, before the threshold is chosen.
  const draft: Model = { version: 'suspicion', dimBits: opts.dimBits, ngrams: [1, 2, 3], bias: w.bias, threshold: 0, weights: decodeHalf(encodeHalf(w.weights, MANTISSA_BITS)) };
  const ordinaryPath = sharedData(root, 'sms-ordinary-dev.jsonl');
  let threshold = FALLBACK;
  let rule = `logit ${FALLBACK}: the ordinary-text set was not found`;
  if (ordinaryPath !== undefined) {
    const texts = readFileSync(ordinaryPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => normaliser.normalise((JSON.parse(l) as { text: string }).text).text);
    const logits = texts.filter((t) => t.length >= minLength).map((t) => logit(draft, t));
    logits.sort((a, b) => b - a);
    const allowed = Math.floor(texts.length * SUSPICION_TARGET_FPR);
    threshold = Math.max(FLOOR, (logits[allowed] ?? -Infinity) + 1e-6);
    rule = `at most ${(SUSPICION_TARGET_FPR * 100).toFixed(2)} % of the ${texts.length} ordinary texts (sms-ordinary-dev) reach it, and never below logit ${FLOOR}`;
  }
  return {
    model: { ...draft, threshold },
    file: {
      dimBits: opts.dimBits,
      bias: w.bias,
      threshold,
      training: {
        data: "data/eval/real.jsonl, test/fixtures/*-examples.yaml and the later sets read (scripts/eval-sets.ts EVALUATED_SETS): the project's own labelled texts, never the sealed or unread sets",
        data_sha256: data.sha256,
        rows: data.rows.length,
        positives: examples.filter((e) => e.scam).length,
        options: { ...opts },
        threshold_rule: rule,
      },
    },
  };
}
