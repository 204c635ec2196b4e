/**
 * The title a person reads for each signal id, for reports that count signals across events:
 * every rule's own title, and the learned models' (which are no rules) from the rule set's
 * metadata — so no internal id ever reaches a page, a PDF or the command line.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import type { Bundle } from './bundle-format.js';

export function signalTitles(data: Pick<Bundle, 'signals' | 'meta'>): Map<string, Bilingual> {
  const m = new Map<string, Bilingual>(data.signals.map((s) => [s.id, s.title]));
  m.set('MODEL.VIOLATION_CLASSIFIER', data.meta.model_signal.violation.title);
  m.set('MODEL.SCAM_CLASSIFIER', data.meta.model_signal.for_scam.title);
  m.set('MODEL.SUSPICION_CLASSIFIER', data.meta.model_signal.suspicion.title);
  return m;
}
