/**
 * The data bundle's shape: every data file, already validated, in one JSON object. Apart from
 * bundle.ts (which reads and writes it with Node) so that the browser app's check worker can
 * use the type without pulling in a Node module.
 */
import type { LawFile } from '../engine/schemas/law.js';
import type { NumberPlan, OfficialNumbers } from '../engine/schemas/numbers.js';
import type { RuleSetMeta, Signal } from '../engine/schemas/signal.js';
import type { HarassmentSettings } from '../record/schemas.js';
import type { LedgerSignals, LprTable } from '../ledger/schemas.js';
import type { Channels, LetterTemplate, RoutingRules } from '../act/schemas.js';
import type { FaqFile } from '../engine/schemas/law.js';
import type { AnswerSignals } from '../engine/schemas/numbers.js';

export interface Bundle {
  readonly format: 6;
  /** Path (relative to the package root) → SHA-256 of the source file. */
  readonly sources: Record<string, string>;
  readonly meta: RuleSetMeta;
  readonly signals: Signal[];
  readonly law: LawFile;
  readonly plan: NumberPlan;
  readonly official: OfficialNumbers;
  readonly harassment: HarassmentSettings;
  readonly lpr: LprTable;
  readonly ledgerSignals: LedgerSignals;
  readonly channels: Channels;
  readonly routing: RoutingRules;
  readonly letters: LetterTemplate[];
  readonly faq: FaqFile;
  readonly answerSignals: AnswerSignals;
  /** Traditional→simplified character pairs, flattened [from, to, from, to, …]. */
  readonly t2s: number[];
  /** Regional phrases folded after the characters, [from, to] of equal length (data/rules/_variants.yaml). */
  readonly phrases: [string, string][];
}
