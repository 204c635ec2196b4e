/**
 * The learned model of genuine collection (docs/scoring.md, "The collection model"): logistic
 * regression over the same hashed character n-grams as the other two models, trained on the
 * project's labelled texts that have been read — the sourced real-world set, the written
 * examples and the later sets listed in scripts/eval-sets.ts (EVALUATED_SETS) — as "genuine
 * collection" against every other label. The sealed sets (data/eval/sealed) and the sets still
 * unread are never in it: they measure it.
 *
 * Where the rules find no collection context, a text the model is sure of counts as collection
 * context of `scoring.collection_model.weight`; the rest of the verdict (an addressee, nothing a
 * genuine lender never does) is the rules' as ever. Its threshold is chosen on the ordinary-text
 * set (../shared/data, measured only, never trained on) so that almost no everyday text reaches it.
 *
 * Why (2026-12-02, seventeenth session): the session's ~250 rule shapes, written from sets read,
 * moved eight sealed sets (1,600 texts never read) by four texts; a model of this kind, trained
 * on the read sets and judged on the sealed ones, turned 28 of their 49 genuine collection texts
 * that the rules called "other" into collection, and no "other" text (docs/evaluation-real-world.md,
 * item 57).
 */
import { readFileSync } from 'node:fs';
import { logit, train, type Model, type TrainOptions } from '../src/engine/classifier.js';
import { decodeHalf } from '../src/data/engine-from.js';
import { encodeHalf, MANTISSA_BITS } from '../src/data/half-encode.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { Normaliser } from '../src/engine/normalise.js';
import { sharedData, type LabelledData } from './eval-sets.js';

export const COLLECTION_OPTIONS: TrainOptions = { dimBits: 16, epochs: 15, learningRate: 0.5, l2: 1e-5, seed: 20261202 };
/** Largest share of the ordinary texts whose logit may reach the threshold. */
export const COLLECTION_TARGET_FPR = 0.0005;
/** The threshold is never below this logit (p ≈ 0.88). */
const FLOOR = 2;
/** Without the ordinary-text set the model keeps to a high threshold. */
const FALLBACK = 4;

export function trainCollectionModel(
  data: LabelledData,
  normaliser: Normaliser,
  root: string,
  opts: TrainOptions = COLLECTION_OPTIONS,
): { model: Model; file: NonNullable<ModelFile['collection']> } {
  const examples = data.rows.map((r) => ({ text: normaliser.normalise(r.text).text, scam: r.label === 'collection' }));
  const w = train(examples, opts);
  // Rounded to half precision as the weights file stores them, before the threshold is chosen.
  const draft: Model = { version: 'collection', dimBits: opts.dimBits, ngrams: [1, 2, 3], bias: w.bias, threshold: 0, weights: decodeHalf(encodeHalf(w.weights, MANTISSA_BITS)) };
  const ordinaryPath = sharedData(root, 'sms-ordinary-dev.jsonl');
  let threshold = FALLBACK;
  let rule = `logit ${FALLBACK}: the ordinary-text set was not found`;
  if (ordinaryPath !== undefined) {
    const logits = readFileSync(ordinaryPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => logit(draft, normaliser.normalise((JSON.parse(l) as { text: string }).text).text));
    logits.sort((a, b) => b - a);
    const allowed = Math.floor(logits.length * COLLECTION_TARGET_FPR);
    threshold = Math.max(FLOOR, (logits[allowed] ?? -Infinity) + 1e-6);
    rule = `at most ${(COLLECTION_TARGET_FPR * 100).toFixed(2)} % of the ${logits.length} ordinary texts (sms-ordinary-dev) reach it, and never below logit ${FLOOR}`;
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
