/**
 * When the learned model of rule-breaking collection may speak (docs/scoring.md, "The
 * violation model"): on a text long enough to judge wording, about a debt (a gate word), and
 * not a menace that is only lawful (suing, arbitration, the police) unless a rule already found
 * rule-breaking in it. One definition for the check and for the training script, which chooses
 * the model's threshold on the ordinary texts that pass this same gate.
 */
import type { RuleSetMeta } from './schemas/signal.js';

export interface ViolationGate {
  readonly minLength: number;
  /** Gate and lawful words, folded as texts are. */
  readonly gate: readonly string[];
  readonly lawful: readonly string[];
}

export function foldGate(settings: RuleSetMeta['scoring']['violation_model'], fold: (s: string) => string): ViolationGate {
  const folded = (ts: readonly string[]): string[] => ts.map(fold).filter((t) => t !== '');
  return { minLength: settings.min_length, gate: folded(settings.gate), lawful: folded(settings.lawful) };
}

/** `text`: the folded text. `ruleViolation`: a rule of rule-breaking collection fired on it. */
export function violationModelMaySpeak(g: ViolationGate, text: string, ruleViolation: boolean): boolean {
  if (text.length < g.minLength) return false;
  if (!g.gate.some((w) => text.includes(w))) return false;
  return ruleViolation || !g.lawful.some((w) => text.includes(w));
}
