/**
 * When the learned model of rule-breaking collection may speak (docs/scoring.md, "The
 * violation model"): on a text long enough to judge wording, about a debt (a gate word), and
 * not a menace that is only lawful (suing, arbitration, the police) unless a rule already found
 * rule-breaking in it. One definition for the check and for the training script, which chooses
 * the model's threshold on the ordinary texts that pass this same gate.
 */
import type { RuleSetMeta } from './schemas/signal.js';
import { foldedFinder, type WordFinder } from './word-finder.js';

export interface ViolationGate {
  readonly minLength: number;
  /** Gate and lawful words, folded as texts are, each list found in one pass over a text (the check runs this on every text). */
  readonly gateFinder: WordFinder;
  readonly lawfulFinder: WordFinder;
}

export function foldGate(settings: RuleSetMeta['scoring']['violation_model'], fold: (s: string) => string): ViolationGate {
  return { minLength: settings.min_length, gateFinder: foldedFinder(settings.gate, fold), lawfulFinder: foldedFinder(settings.lawful, fold) };
}

/**
 * `text`: the folded text. `ruleViolation`: a rule of rule-breaking collection fired on it.
 * A gate word occurs in the text, and (unless a rule found rule-breaking) no lawful word does.
 */
export function violationModelMaySpeak(g: ViolationGate, text: string, ruleViolation: boolean): boolean {
  if (text.length < g.minLength) return false;
  if (!g.gateFinder.occursIn(text)) return false;
  return ruleViolation || !g.lawfulFinder.occursIn(text);
}
