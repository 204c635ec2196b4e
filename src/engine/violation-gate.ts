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
  /** With no gate word a text must be longer: on a few characters the model's n-grams say little. */
  readonly ungatedMinLength: number;
  /** Gate and lawful words, folded as texts are, each list found in one pass over a text (the check runs this on every text). */
  readonly gateFinder: WordFinder;
  readonly lawfulFinder: WordFinder;
}

export function foldGate(settings: RuleSetMeta['scoring']['violation_model'], fold: (s: string) => string): ViolationGate {
  return { minLength: settings.min_length, ungatedMinLength: settings.ungated_min_length, gateFinder: foldedFinder(settings.gate, fold), lawfulFinder: foldedFinder(settings.lawful, fold) };
}

/**
 * `text`: the folded text. `ruleViolation`: a rule of rule-breaking collection fired on it.
 * 'gated' when a gate word occurs in the text; 'ungated' when none does (the model then needs
 * its higher, ungated threshold, and more words: a threat with no word of money); false when
 * the text is too short, or (unless a rule found rule-breaking) a lawful word occurs.
 */
export function violationModelMaySpeak(g: ViolationGate, text: string, ruleViolation: boolean): 'gated' | 'ungated' | false {
  if (text.length < g.minLength) return false;
  if (!ruleViolation && g.lawfulFinder.occursIn(text)) return false;
  if (g.gateFinder.occursIn(text)) return 'gated';
  return text.length >= g.ungatedMinLength ? 'ungated' : false;
}
