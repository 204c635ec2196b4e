/**
 * Combines the fired signals and the classifier into a verdict, in the manner of a spam
 * filter: every contribution is a named, weighted symbol, and the sums decide.
 *
 *   scam evidence E = classifier contribution + Σ scam weights + Σ service-notice weights;
 *                     E ≥ 0 → scam.
 *   Otherwise, collection context K = Σ context + Σ genuine weights, violation V = Σ
 *   violation weights: K ≥ context_threshold (or K ≥ context_with_violation and
 *   V ≥ violation_threshold) → collection, rule-breaking when V ≥ violation_threshold;
 *   else other.
 *
 * Two compositions on top of the sums (docs/scoring.md gives the reasoning and the
 * measured effect):
 * - The classifier contribution is its margin (logit − threshold), clipped. On messages
 *   outside its training data — collecting an existing debt, or an official warning — it
 *   may argue against "scam" but adds at most −out_of_domain_cap for it.
 * - An official warning that does not speak as a caller (no self-introduction, no contact
 *   handle, no loan offer) describes scam asks rather than making them: its weight counts,
 *   the scam and violation signals it describes do not, and it is never "collection".
 *   A warning phrase inside a caller's text counts for nothing (fraudsters quote them).
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

interface Sums {
  scam: number;
  violation: number;
  context: number;
  genuine: number;
  strongContext: number;
  service: number;
  warning: number;
  loanOffer: boolean;
  callerVoice: boolean;
}

function sum(contributions: readonly Contribution[], settings: RuleSetMeta['scoring']): Sums {
  const s: Sums = { scam: 0, violation: 0, context: 0, genuine: 0, strongContext: 0, service: 0, warning: 0, loanOffer: false, callerVoice: false };
  for (const c of contributions) {
    if (c.category === 'scam') s.scam += c.weight;
    else if (c.category === 'violation') s.violation += c.weight;
    else if (c.category === 'genuine') s.genuine += c.weight;
    else if (c.effect === 'collection_context') {
      s.context += c.weight;
      if (c.weight >= settings.context_threshold) s.strongContext += c.weight;
    } else if (c.effect === 'loan_offer') s.loanOffer = true;
    else if (c.effect === 'caller_voice') s.callerVoice = true;
    else if (c.effect === 'official_warning') s.warning += c.weight;
    else if (c.effect === 'service_notice') s.service += c.weight;
  }
  return s;
}

export function score(
  contributions: readonly Contribution[],
  classifierMargin: number,
  calibration: Calibration,
  settings: RuleSetMeta['scoring'],
): ScoreOutcome {
  const s = sum(contributions, settings);
  const officialWarning = s.warning < 0 && !s.callerVoice && !s.loanOffer;
  const scamRules = officialWarning ? s.warning + s.service : s.scam + s.service;
  const violation = officialWarning ? 0 : s.violation;
  const context = s.context + s.genuine;

  // Marks of genuine collection count only in a text that is about a debt at all: a bank's
  // balance notice has a date and a card tail but is not collection.
  const isCollection =
    !officialWarning &&
    s.context > 0 &&
    (context >= settings.context_threshold || (context >= settings.context_with_violation && violation >= settings.violation_threshold));
  // A collector's threats about a debt are as far outside the classifier's ground as a reminder.
  const collectingDebt =
    !s.loanOffer && (s.strongContext > 0 || s.genuine >= settings.context_threshold + 1 || (s.context > 0 && violation >= settings.violation_threshold));
  const limited = collectingDebt || officialWarning;

  const clip = settings.classifier_clip;
  const margin = Math.max(-clip, Math.min(clip, classifierMargin));
  const contribution = limited ? Math.min(margin, -settings.out_of_domain_cap) : margin;
  const evidence = contribution + scamRules;
  const pScam = sigmoid(calibration.a * evidence + calibration.b);

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
    confidence = (1 - pScam) * (officialWarning ? 1 : 1 - qContext * 0.5);
  }
  return {
    verdict,
    confidence: round(confidence),
    scores: {
      scam_evidence: round(evidence),
      scam_rules: round(scamRules),
      violation: round(violation),
      collection_context: round(context),
      classifier_margin: round(classifierMargin),
      classifier_contribution: round(contribution),
      classifier_limited: limited,
      official_warning: officialWarning,
      p_scam: round(pScam),
    },
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
