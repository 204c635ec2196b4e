/**
 * The learned model of rule-breaking collection (docs/scoring.md, "The violation model"):
 * logistic regression over the same hashed character n-grams as the scam classifier, trained
 * on every labelled text the project has read (scripts/eval-sets.ts readExamples: the sourced
 * real-world set, the written examples and the later sets read; never the sealed or unread sets)
 * as "rule-breaking collection" against everything else. Its threshold is chosen on the
 * ordinary-text set (../shared/data, measured only, never trained on) so that few everyday texts
 * that name money reach it.
 *
 * Used by `npm run train` (the committed model) and `npm run evaluate` (the same training
 * without one pass of the real-world set, to measure the model on text it never saw).
 *
 * Why every set read, and 2^16 buckets (2026-12-03, twentieth session): trained on the real-world
 * set and the written examples alone (2^14 buckets), a bare threat with no word of money had to
 * clear logit ~3.9, set by hash collisions with everyday texts; on the ~20,000 texts read and
 * 2^16 buckets (as the collection model) that bar falls to the floor of 3 and the eight sealed sets'
 * rule-breaking texts go 352 → 363–365 of 395 at a floor of 3 (three seeds). That floor let short
 * lines of family care through (UNGATED_FLOOR says which); with a written set of such lines and menace
 * (test/fixtures/care-examples.yaml) in training and the floor at 4, sealed 1,089 → 1,091 of 1,190 (1,090–1,096
 * over seeds and data variants: no clear change in accuracy) and fewer alarms on sms-ordinary and everyday
 * chat (docs/evaluation-real-world.md, item 58).
 */
import { readFileSync } from 'node:fs';
import { logit, train, type Model, type TrainOptions } from '../src/engine/classifier.js';
import type { Bundle } from '../src/data/bundle-format.js';
import { decodeHalf } from '../src/data/engine-from.js';
import { encodeHalf, MANTISSA_BITS } from '../src/data/half-encode.js';
import type { ModelFile } from '../src/data/model-file.js';
import type { ViolationModel } from '../src/engine/check.js';
import type { Normaliser } from '../src/engine/normalise.js';
import { foldGate, violationModelMaySpeak } from '../src/engine/violation-gate.js';
import { sharedData, type Example, type LabelledData } from './eval-sets.js';

export const VIOLATION_OPTIONS: TrainOptions = { dimBits: 16, epochs: 15, learningRate: 0.5, l2: 1e-5, seed: 20261130 };
/** Largest share of all ordinary texts the model may call rule-breaking (those naming money). */
export const VIOLATION_TARGET_FPR = 0.0015;
/** The threshold is never below this logit (p ≈ 0.62; docs/scoring.md says why not 0), whatever the ordinary texts allow. */
const FLOOR = 0.5;
/**
 * A text with no word of money (a bare threat: "你不要脸，你全家都不要脸", "兄弟们已经在路上了，你等着")
 * is judged only above every ordinary text of that kind, by this margin, and never below the floor;
 * the fallback when the ordinary texts are absent keeps the model as good as silent there.
 */
const UNGATED_MARGIN = 0.5;
// 3 again since b81 was read (2026-12-03, rules -90): the principle tests' lines of family talk with no word of
// money now score at most 2.4 ("你也知道，我们家的情况，别往心里去"; it was 3.9 the session before, when the floor was
// 4: principle tests guard it), and the highest SMS with no word of money (~3.0) sets the bar, 3.48, above the
// floor. (Before the care set was written, "妈，你出门小心一点，别摔着" scored 4.4 and the floor was 4.5.)
const UNGATED_FLOOR = 3;
const UNGATED_FALLBACK = 6;

/** The real-world set's pass a row belongs to (its id's hundreds; the first 132 rows are one pass). */
export function passOf(id: string): string {
  const n = Number(id.slice(1));
  return n <= 132 ? 'r001–r132' : `r${Math.floor(n / 100)}xx`;
}

/** The labelled texts as training examples for the scam classifier: "scam" against every other label. */
export function projectScamExamples(data: LabelledData, normaliser: Normaliser, keep: (e: Example) => boolean = () => true): { text: string; scam: boolean }[] {
  return data.rows.filter(keep).map((r) => ({ text: normaliser.normalise(r.text).text, scam: r.label === 'scam' }));
}

export function trainViolationModel(
  data: LabelledData,
  bundle: Bundle,
  normaliser: Normaliser,
  root: string,
  keep: (e: Example) => boolean = () => true,
  opts: TrainOptions = VIOLATION_OPTIONS,
  targetFpr = VIOLATION_TARGET_FPR,
): { model: Model; file: NonNullable<ModelFile['violation']> } {
  const rows = data.rows.filter(keep);
  const examples = rows.map((r) => ({ text: normaliser.normalise(r.text).text, scam: r.label === 'collection_violation' }));
  const w = train(examples, opts);
  // Rounded to half precision as the weights file stores them, before the threshold is chosen.
  const draft: Model = { version: 'violation', dimBits: opts.dimBits, ngrams: [1, 2, 3], bias: w.bias, threshold: 0, weights: decodeHalf(encodeHalf(w.weights, MANTISSA_BITS)) };
  // Threshold: few ordinary texts that pass the gate (name money) may reach it.
  const gate = foldGate(bundle.meta.scoring.violation_model, (t) => normaliser.normalise(t).text);
  const ordinaryPath = sharedData(root, 'sms-ordinary-dev.jsonl');
  let threshold = FLOOR;
  let rule = `logit ${FLOOR}: the ordinary-text set was not found`;
  let ungatedThreshold = UNGATED_FALLBACK;
  let ungatedRule = `logit ${UNGATED_FALLBACK}: the ordinary-text set was not found`;
  if (ordinaryPath !== undefined) {
    const texts = readFileSync(ordinaryPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => normaliser.normalise((JSON.parse(l) as { text: string }).text).text);
    // The ordinary texts the model may speak on, as the check decides it (no rule violation assumed:
    // a lawful menace then keeps the model silent, as it does in the check).
    const speaks = texts.map((t) => violationModelMaySpeak(gate, t, false));
    const gated = texts.filter((_, i) => speaks[i] === 'gated').map((t) => logit(draft, t));
    gated.sort((a, b) => b - a);
    const allowed = Math.floor(texts.length * targetFpr);
    const chosen = (gated[allowed] ?? -Infinity) + 1e-6;
    threshold = Math.max(FLOOR, chosen);
    rule = `at most ${(targetFpr * 100).toFixed(2)} % of the ${texts.length} ordinary texts (sms-ordinary-dev) reach it, and never below logit ${FLOOR}`;
    // With no word of money the model speaks only above every such ordinary text, by a margin.
    const ungated = texts.filter((_, i) => speaks[i] === 'ungated').map((t) => logit(draft, t));
    ungatedThreshold = Math.max(UNGATED_FLOOR, Math.max(...ungated, -Infinity) + UNGATED_MARGIN);
    ungatedRule = `${UNGATED_MARGIN} above the highest of the ${ungated.length} ordinary texts with no word of money (sms-ordinary-dev), and never below logit ${UNGATED_FLOOR}`;
  }
  const model: ViolationModel = { ...draft, threshold, ungatedThreshold };
  return {
    model,
    file: {
      dimBits: opts.dimBits,
      bias: w.bias,
      threshold,
      ungated_threshold: ungatedThreshold,
      training: {
        data: "data/eval/real.jsonl, test/fixtures/*-examples.yaml and the later sets read (scripts/eval-sets.ts EVALUATED_SETS): the project's own labelled texts, never the sealed or unread sets",
        data_sha256: data.sha256,
        rows: rows.length,
        positives: examples.filter((e) => e.scam).length,
        options: { ...opts },
        threshold_rule: rule,
        ungated_threshold_rule: ungatedRule,
      },
    },
  };
}
