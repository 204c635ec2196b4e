/**
 * What the collection and suspicion models share (scripts/collection-model.ts, scripts/suspicion-model.ts):
 * logistic regression over the hashed character 1–3-grams of every labelled text the project has read, one label
 * against the rest, its weights rounded as the weights file stores them, and a threshold that at most a given share
 * of the ordinary texts (../shared/data/sms-ordinary-dev.jsonl, measured only, never trained on) reach — never below
 * a floor, and a high fallback when that set is absent.
 */
import { readFileSync } from 'node:fs';
import { logit, train, type Model, type TrainOptions } from '../src/engine/classifier.js';
import { decodeHalf } from '../src/data/engine-from.js';
import { encodeHalf, MANTISSA_BITS } from '../src/data/half-encode.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { Normaliser } from '../src/engine/normalise.js';
import { sharedData, type Label, type LabelledData } from './eval-sets.js';

export interface SideModelSpec {
  /** The model's name (its version string while training). */
  readonly name: string;
  /** The label it learns, against every other. */
  readonly label: Label;
  readonly opts: TrainOptions;
  /** Largest share of the ordinary texts whose logit may reach the threshold. */
  readonly targetFpr: number;
  /** The threshold is never below this logit. */
  readonly floor: number;
  /** The threshold when the ordinary-text set is absent. */
  readonly fallback: number;
  /** Ordinary texts shorter than this (folded characters) are not counted: the model never judges them. */
  readonly minLength?: number;
}

export function trainSideModel(data: LabelledData, normaliser: Normaliser, root: string, spec: SideModelSpec): { model: Model; file: NonNullable<ModelFile['collection']> } {
  const examples = data.rows.map((r) => ({ text: normaliser.normalise(r.text).text, scam: r.label === spec.label }));
  const w = train(examples, spec.opts);
  // Rounded as the weights file stores them, before the threshold is chosen.
  const draft: Model = { version: spec.name, dimBits: spec.opts.dimBits, ngrams: [1, 2, 3], bias: w.bias, threshold: 0, weights: decodeHalf(encodeHalf(w.weights, MANTISSA_BITS)) };
  const ordinaryPath = sharedData(root, 'sms-ordinary-dev.jsonl');
  let threshold = spec.fallback;
  let rule = `logit ${spec.fallback}: the ordinary-text set was not found`;
  if (ordinaryPath !== undefined) {
    const texts = readFileSync(ordinaryPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => normaliser.normalise((JSON.parse(l) as { text: string }).text).text);
    const logits = texts.filter((t) => t.length >= (spec.minLength ?? 0)).map((t) => logit(draft, t));
    logits.sort((a, b) => b - a);
    const allowed = Math.floor(texts.length * spec.targetFpr);
    threshold = Math.max(spec.floor, (logits[allowed] ?? -Infinity) + 1e-6);
    rule = `at most ${(spec.targetFpr * 100).toFixed(2)} % of the ${texts.length} ordinary texts (sms-ordinary-dev) reach it, and never below logit ${spec.floor}`;
  }
  return {
    model: { ...draft, threshold },
    file: {
      dimBits: spec.opts.dimBits,
      bias: w.bias,
      threshold,
      training: {
        data: "data/eval/real.jsonl, test/fixtures/*-examples.yaml and the later sets read (scripts/eval-sets.ts EVALUATED_SETS): the project's own labelled texts, never the sealed or unread sets",
        data_sha256: data.sha256,
        rows: data.rows.length,
        positives: examples.filter((e) => e.scam).length,
        options: { ...spec.opts },
        threshold_rule: rule,
      },
    },
  };
}
