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
import type { Model, TrainOptions } from '../src/engine/classifier.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { Normaliser } from '../src/engine/normalise.js';
import type { LabelledData } from './eval-sets.js';
import { trainSideModel } from './side-model.js';

export const COLLECTION_OPTIONS: TrainOptions = { dimBits: 16, epochs: 15, learningRate: 0.5, l2: 1e-5, seed: 20261202 };
/** Largest share of the ordinary texts whose logit may reach the threshold. */
export const COLLECTION_TARGET_FPR = 0.0005;

export function trainCollectionModel(
  data: LabelledData,
  normaliser: Normaliser,
  root: string,
  opts: TrainOptions = COLLECTION_OPTIONS,
): { model: Model; file: NonNullable<ModelFile['collection']> } {
  // Never below logit 2 (p ≈ 0.88); without the ordinary-text set, logit 4.
  return trainSideModel(data, normaliser, root, { name: 'collection', label: 'collection', opts, targetFpr: COLLECTION_TARGET_FPR, floor: 2, fallback: 4 });
}
