/**
 * The suspicion model (docs/scoring.md, "The suspicion model"): logistic regression over the same
 * hashed character n-grams as the other models, trained on every labelled text the project has read
 * (scripts/eval-sets.ts readExamples: the sourced real-world set, the written examples and the later
 * sets read; never the sealed or unread sets) as "scam" against every other label.
 *
 * It may only do one thing: where the check would tell a text "other" or genuine collection with nothing
 * suspicious (and it is no question that may be the person's own, nor shorter than
 * `scoring.suspicion_model.min_length`), a text at or above its threshold is told "suspicious" (可疑) —
 * never a scam: the verdict stays, principle 1 holds, no ask, no scam. Its threshold is chosen on the ordinary-text set (../shared/data, measured only,
 * never trained on) so that almost no everyday text reaches it.
 *
 * Why (2026-12-03): the scam classifier learns from TF5 (service SMS against call-script scams) and
 * the project's own sets; scams worded as the world's later sets word them — a "customer service"
 * line with no link yet, a "court" notice with no account, a friend's "urgent" plea — reached neither
 * its threshold nor a rule. Measured offline on the sealed sets in the twentieth session: 7 of their
 * 19 quiet scams would be told 可疑, no sealed non-scam text (docs/evaluation-real-world.md, items 58–59).
 */
import type { Model, TrainOptions } from '../src/engine/classifier.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { Normaliser } from '../src/engine/normalise.js';
import type { LabelledData } from './eval-sets.js';
import { trainSideModel } from './side-model.js';

export const SUSPICION_OPTIONS: TrainOptions = { dimBits: 16, epochs: 15, learningRate: 0.5, l2: 1e-5, seed: 20261203 };
/** Largest share of the ordinary texts (of at least the model's minimum length) whose logit may reach the threshold. */
export const SUSPICION_TARGET_FPR = 0.001;

export function trainSuspicionModel(
  data: LabelledData,
  normaliser: Normaliser,
  root: string,
  minLength: number,
  opts: TrainOptions = SUSPICION_OPTIONS,
): { model: Model; file: NonNullable<ModelFile['suspicion']> } {
  // Never below logit 2 (p ≈ 0.88); without the ordinary-text set, logit 5.
  return trainSideModel(data, normaliser, root, { name: 'suspicion', label: 'scam', opts, targetFpr: SUSPICION_TARGET_FPR, floor: 2, fallback: 5, minLength });
}
