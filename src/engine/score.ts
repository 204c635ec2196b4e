/**
 * Combines the fired signals and the classifier into a verdict, in the manner of a spam
 * filter: every contribution is a named, weighted symbol, and the sums decide.
 *
 *   scam evidence E = classifier contribution + Σ scam weights + Σ official-warning and
 *                     service-notice weights (negative);  E ≥ 0 → scam.
 *   Otherwise, collection context K = Σ context + Σ genuine weights, violation V = Σ
 *   violation weights: K ≥ context_threshold (or K ≥ context_with_violation and
 *   V ≥ violation_threshold) → collection, rule-breaking when V ≥ violation_threshold;
 *   else other.
 *
 * The classifier contribution is its margin (logit − threshold), clipped; on messages
 * outside its training data (collecting an existing debt, official warnings) it can argue
 * against "scam" but not for it. docs/scoring.md gives the reasoning and the measured effect.
 */
import type { RuleSetMeta } from './schemas/signal.js';
import type { Scores, Verdict } from './schemas/result.js';
import type { Category, Effect } from './schemas/signal.js';

export interface Contribution {
  readonly category: Category;
  readonly effect?: Effect | undefined;
  readonly weight: number;
}

export interface Calibration {
  /** p(scam) = 1 / (1 + exp(-(a·E + b))), fitted on cross-validated evidence (Platt scaling). */
  readonly a: number;
  readonly b: number;
}

export interface ScoreOutcome {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly scores: Scores;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function score(
  contributions: readonly Contribution[],
  classifierMargin: number,
  calibration: Calibration,
  settings: RuleSetMeta['scoring'],
): ScoreOutcome {
  let scamRules = 0;
  let warnings = 0;
  let context = 0;
  let violation = 0;
  let officialWarning = false;
  let overdueContext = 0;
  let loanOffer = false;
  for (const c of contributions) {
    switch (c.category) {
      case 'scam':
        scamRules += c.weight;
        break;
      case 'violation':
        violation += c.weight;
        break;
      case 'genuine':
        context += c.weight;
        break;
      case 'neutral':
        if (c.effect === 'collection_context') {
          context += c.weight;
          if (c.weight >= settings.context_threshold) overdueContext += c.weight;
        } else if (c.effect === 'loan_offer') loanOffer = true;
        else {
          warnings += c.weight;
          if (c.effect === 'official_warning') officialWarning = true;
        }
        break;
    }
  }
  const clip = settings.classifier_clip;
  const margin = Math.max(-clip, Math.min(clip, classifierMargin));
  // Out of the classifier's ground: collecting an existing debt (a strong context signal,
  // not merely a loan word — loan offers are in its training data) or an official warning
  // (unless the text also makes a scam ask: fraudsters quote warnings too).
  const limited = (overdueContext > 0 && !loanOffer) || (officialWarning && scamRules <= 0);
  const contribution = limited ? Math.min(margin, -settings.out_of_domain_cap) : margin;
  const evidence = contribution + scamRules + warnings;
  const pScam = sigmoid(calibration.a * evidence + calibration.b);

  const isCollection =
    context >= settings.context_threshold ||
    (context >= settings.context_with_violation && violation >= settings.violation_threshold);
  let verdict: Verdict;
  let confidence: number;
  // Confidence for the non-scam verdicts: the calibrated "not scam" probability times a
  // rule margin for the collection split (no labelled collection data exists to calibrate it).
  const qContext = sigmoid(context - settings.context_threshold + 1);
  const qViolation = sigmoid(violation - settings.violation_threshold + 0.5);
  if (evidence >= 0) {
    verdict = 'scam';
    confidence = pScam;
  } else if (isCollection) {
    const violating = violation >= settings.violation_threshold;
    verdict = violating ? 'collection_violation' : 'collection';
    confidence = (1 - pScam) * Math.max(qContext, 0.5) * (violating ? qViolation : 1 - qViolation);
  } else {
    verdict = 'other';
    confidence = (1 - pScam) * (1 - qContext * 0.5);
  }
  return {
    verdict,
    confidence: round(confidence),
    scores: {
      scam_evidence: round(evidence),
      scam_rules: round(scamRules + warnings),
      violation: round(violation),
      collection_context: round(context),
      classifier_margin: round(classifierMargin),
      classifier_contribution: round(contribution),
      classifier_limited: limited,
      p_scam: round(pScam),
    },
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
