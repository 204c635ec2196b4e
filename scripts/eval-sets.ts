/**
 * The evaluation sets and the figures `npm run evaluate` reports (docs/evaluation.md):
 * - the sourced real-world set data/eval/real.jsonl (texts from public sources, each with its
 *   source; see data/eval/README.md),
 * - the team's own hand-written examples (test/fixtures/*-examples.yaml),
 * - false alarms on ../shared/data/sms-ordinary-dev.jsonl (read here, never trained on),
 * - scam recall on the public TF5 data (../shared/data/dev.jsonl), out of fold.
 * Used by scripts/evaluate.ts and by the tests that hold the targets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { classify, type Classification, type Engine } from '../src/engine/check.js';

export const LABELS = ['scam', 'collection_violation', 'collection', 'other'] as const;
export type Label = (typeof LABELS)[number];

export interface Example {
  id: string;
  text: string;
  label: Label;
  number?: string | undefined;
  source?: string | undefined;
}

export interface Judged extends Example {
  got: Classification;
}

export const OWN_SETS = [
  { file: 'collection-examples.yaml', note: 'first set; rules written with it (not blind)' },
  { file: 'blind-examples.yaml', note: 'second set; read once, then used to fix the rules (not blind)' },
  { file: 'fresh-examples.yaml', note: 'third set; read once, then used to widen the vocabulary (not blind)' },
  { file: 'principles-examples.yaml', note: 'fourth set, for issue 11 kinds and principles; written with the rules (not blind)' },
  { file: 'blind2-examples.yaml', note: 'fifth set, written by a helper who never saw the rules; first-look figures in docs/evaluation-real-world.md' },
  { file: 'spam-examples.yaml', note: 'sixth set: fraud spam with an ask and ordinary look-alikes; written with the rules (not blind)' },
  { file: 'everyday-examples.yaml', note: 'seventh set: everyday look-alikes, lenders\' service notices, collectors\' words; written with the rules (not blind)' },
  { file: 'blind3-examples.yaml', note: 'ninth set: 120 written by a helper who never saw the rules; first look 75.0 % (docs/evaluation-real-world.md), then read (not blind)' },
  // Its floor is 85 % (it reaches 89–90 % after reading). Known and left: three real anti-fraud calls with
  // one warning mark, a caller's voice and the scam's own words in their questions ("对方让您打开了屏幕共享？")
  // are called 诈骗 — counting those questions as a second warning let six more fakes through, the worse
  // error; "对方让您…", "有没有让您…" negate what follows (rules -48).
  {
    file: 'adversary9-examples.yaml',
    note: 'twenty-ninth set: 60 minimal pairs of real anti-fraud calls and SMS and fakes that copy them and make one ask, by a helper blind to the rules (2026-11-30, sixth session); first run fakes caught 35/60 (31/60 after the session\'s new warning signal), real ones called 诈骗 11 of 60, then read (not blind)',
    floor: 0.85,
    known: { genuineCalledScam: [], otherCalledScam: ['adversary9-examples.yaml#1', 'adversary9-examples.yaml#67', 'adversary9-examples.yaml#100'] },
  },
  {
    file: 'blind6-examples.yaml',
    note: 'thirtieth set: 160 phone calls as speech-to-text transcribes them, 40 of each label, by a helper blind to the rules (2026-11-30, sixth session); first run 84.2 % collection-related (85.0 % after the session\'s call work), then read (not blind)',
    floor: 0.8,
  },
  // Its floor in the tests is 78 %, not 90 % (it reaches 80 % after reading). A bank's anti-fraud call that
  // describes the fraud ("冒充银行催收让客户转账到个人账户") in one warning was called 诈骗 until the fourteenth
  // session ("不法分子冒充…" names the practice a fraud: a second warning signal).
  // Eleven of its rows are a person retelling a call, which the helper labels by what the caller did and
  // the check calls "other" (saying what the account describes), and five lenders' calls asking a contact
  // only for a call-back without naming a lender stay "other".
  {
    file: 'blind5-examples.yaml',
    note: 'twenty-eighth set: 200 phone calls written down or retold, 50 of each label, by a helper blind to the rules (2026-11-30, sixth session); first run 76.7 % collection-related (engine of the moment 77.3 %), "other" called 诈骗 8 of 50 (banks\' and the police\'s anti-fraud check-in calls), then read (not blind)',
    floor: 0.78,
    known: { genuineCalledScam: [], otherCalledScam: [] },
  },
  {
    file: 'blind4-examples.yaml',
    note: 'twenty-seventh set: 240 messages as a person with overdue loans receives them, 60 of each label, by a helper blind to the rules (2026-11-30, sixth session); first run 91.7 % collection-related (last session\'s start engine 90.0 %), "other" called 诈骗 3 of 60, then read (not blind)',
  },
  // Its floor in the tests is 75 %, not 90 %: after reading it reaches 80 %; its fragments are short,
  // most genuine ones a third party asked only for a call-back ("麻烦让周某回电"), which stays "other".
  {
    file: 'adversary8-examples.yaml',
    note: 'twenty-sixth set: 240 adversarial minimal pairs of short fragments (5–37 characters) by an eighth helper blind to the rules, as reports quote collectors, lenders and fraudsters; first run 69.1 % collection-related (session-start engine 68.5 %), then read (not blind)',
    floor: 0.75,
  },
  // Its floor in the tests is 80 %, not 90 %: after reading it reaches 82 %; many of its genuine rows are
  // lawful contacts of third parties ("请他回电") and settled-loan receipts the rules call "other". A son
  // asking his mother, in Cantonese, to read him the code for the hospital app he set up for her — the very
  // words of a code scam — was called 诈骗 until the sixth session; it is now "other" by a narrow margin of
  // the retrained classifier (the plain code ask weighs the same), not by a rule.
  {
    file: 'adversary7-examples.yaml',
    note: 'twenty-fifth set: 240 more adversarial minimal pairs by a seventh helper blind to the rules (lenders\' templates with placeholders and their scam copies, lawful and fake court and arbitration notices, contacts asked to pass on a message, bank relief and paid agents, real and fake police, everyday money words, friends\' strong words, loan marketing and phishing); first run 70.4 % collection-related (session-start engine 69.3 %), then read (not blind)',
    floor: 0.8,
    known: { genuineCalledScam: [], otherCalledScam: [] },
  },
  // Its floor in the tests is 85 %, not 90 %: after reading it reaches 88 %, and 6 of its 86 scams
  // have no ask (principle 1).
  {
    file: 'adversary6-examples.yaml',
    note: 'twenty-fourth set: 240 adversarial minimal pairs by a sixth helper blind to the rules (a lender\'s notice and the scam copying it, a warning and the script it quotes, a victim\'s account and the words said, lawful and threatening lines, family talk and impersonation, free advice and paid agents); first run 79.8 % collection-related (session-start engine 79.2 %), then read (not blind)',
    floor: 0.85,
  },
  // Its floor in the tests is what it reaches after reading (80.8 %), not 90 %: 11 of its 93 scams have no ask (principle 1). Known and
  // left: a Hong Kong finance company's reminder that says it takes repayment only into "本公司嘅指定戶口"
  // (the words of the "designated account" scams), and "又是注销校园贷的电话…" said by its target. (A real
  // 96110 officer's call that asks whether the caller was told to give card number and code is a warning
  // since the sixth session: OFFICIAL.FRAUD_CHECK_CALL.)
  {
    file: 'adversary5-examples.yaml',
    note: 'twenty-second set: 240 more adversarial messages by a fifth helper blind to the rules, twelve other kinds; first run 77.1 % (collection-related 78.1 %; session-start engine 76.7 %), then read (not blind)',
    floor: 0.8,
    known: { genuineCalledScam: ['adversary5-examples.yaml#122'], otherCalledScam: ['adversary5-examples.yaml#118'] },
  },
  // Its floor in the tests is what it reaches after reading (80.8 %), not 90 %: 20 of its 87 scams are
  // impostor openers and fragments with no ask, which principle 1 keeps from 诈骗 (they are told 可疑).
  // Two harmful answers are known and left: a lender's reminder that names its corporate account
  // ("转入我司对公账户（户名：…有限公司）"), read as a named account to pay — the words of the fake
  // "new repayment account" scams. (A warning that quotes six scam lines one after another, once
  // called 诈骗, is a warning since the quoted callers' voices no longer count as the writer's.)
  {
    file: 'adversary4-examples.yaml',
    note: 'twenty-first set: 240 adversarial messages by a fourth helper blind to the rules, twelve kinds built to draw a harmful answer; first run 66.3 % (collection-related 63.6 %; session-start engine 66.7 %), then read (not blind)',
    floor: 0.8,
    known: { genuineCalledScam: ['adversary4-examples.yaml#59'], otherCalledScam: [] },
  },
  { file: 'adversary3-examples.yaml', note: 'thirteenth set: 240 by a third helper blind to the rules, covering the space evenly; first run 72.9 % (session-start engine 68.3 %), then read (not blind)' },
  { file: 'adversary2-examples.yaml', note: 'twelfth set: 240 by a second helper blind to the rules, weighted to collectors\' words as quoted in reports; first run 75.4 % (session-start engine 71.7 %), then read (not blind)' },
  { file: 'adversary-examples.yaml', note: 'eleventh set: 240 written by a helper who never read the rules, in many registers; first run 74.6 %, then read (not blind)' },
  { file: 'shape-examples.yaml', note: 'tenth set: the lead\'s paraphrases of threats, asks and look-alikes, written to test rules by their shape; written with the rules (not blind)' },
  { file: 'probe-examples.yaml', note: 'eighth set: the team\'s probes of the issue\'s kinds in new wordings (personal-chat repayment, fees before relief, police calls, criminal threats); written with the rules (not blind)' },
  { file: 'probe3-examples.yaml', note: 'seventeenth set: the lead\'s probes of menace idioms, third-person fraud narration, formal demands, lenders\' templates with placeholders and debt agents\' adverts (2026-11-30, second session), written before the rules for them; first run 73.7 % collection-related (101/137) on the session-start rules, then the rules written by shape (not blind)' },
  { file: 'train-examples.yaml', training: true, note: 'fourteenth set: 360 written by a helper blind to the rules and data as training data for the violation model, in many registers; first run 68.6 % (without the violation model and on the session-start engine 60.8 %), then trained on (in-sample)' },
  { file: 'train2-examples.yaml', training: true, note: 'sixteenth set: 400 written by a helper blind to the rules and data as training data (2026-11-30, second set), in many registers, with Hong Kong and Taiwan wording; first run 67.8 % collection-related on the session-start engine and with the regional-word folding (docs/evaluation-real-world.md, item 20), then trained on (in-sample)' },
  { file: 'train3-examples.yaml', training: true, note: 'eighteenth set: 400 written by a helper blind to the rules and data as training data (2026-11-30, third set), in the shapes of texts quoted in public sources (short quoted lines, lenders\' templates with placeholders, Taiwan, Hong Kong and Malaysia wording); first run 75.6 % collection-related (session-start engine 74.7 %; docs/evaluation-real-world.md, item 23), then trained on (in-sample)' },
  { file: 'train4-examples.yaml', training: true, note: 'twenty-third set: 400 written by a helper blind to the rules and data as training data (2026-11-30, fourth set), weighted to rule-breaking and genuine collection as quoted in public sources (short rude and menacing lines, posters and flyers, firm but lawful call lines, lenders\' pop-ups and settlement clauses; Taiwan, Hong Kong and Malaysia wording ~20 %); first run 71.9 % collection-related, the same on the session-start engine, then trained on (in-sample)' },
  { file: 'probe2-examples.yaml', training: true, note: 'fifteenth set: a helper\'s adversarial probe of the violation model (everyday debt talk as "other" where no violation rule fires; collectors\' threats), written blind to the rules and data; its first run found ordinary debt talk called 违规催收 by the model alone (item 19); then trained on (in-sample)' },
] as const;

export function readOwn(root: string, file: string): Example[] {
  const doc = parse(readFileSync(join(root, 'test', 'fixtures', file), 'utf8')) as { examples: { expect: Label; text: string; number?: string | number }[] };
  return doc.examples.map((e, i) => ({ id: `${file}#${i + 1}`, text: e.text, label: e.expect, number: e.number === undefined ? undefined : String(e.number) }));
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export function readReal(root: string): Example[] | undefined {
  const path = join(root, 'data', 'eval', 'real.jsonl');
  if (!existsSync(path)) return undefined;
  return readJsonl<{ id: string; text: string; label: Label; source: string }>(path).map((r) => ({ id: r.id, text: r.text, label: r.label, source: r.source }));
}

/** The shared data folder beside the checkout, or undefined when it is absent. */
export function sharedData(root: string, file: string): string | undefined {
  const path = join(root, '..', 'shared', 'data', file);
  return existsSync(path) ? path : undefined;
}

export function judge(engine: Engine, examples: readonly Example[], date = '2026-11-28'): Judged[] {
  return examples.map((e) => ({ ...e, got: classify(engine, { text: e.text, number: e.number, date }) }));
}

export interface LabelledFigures {
  n: number;
  /** expected label → given verdict → count */
  table: Record<string, Record<string, number>>;
  /** right by verdict, per label */
  right: Record<string, { right: number; n: number }>;
  /** rows of the collection-related kinds (all but ordinary "other" rows) */
  overall: { right: number; n: number };
  /** what a person is told: the assessment equals the label */
  strict: { right: number; n: number };
  genuineCalledScam: string[];
  otherCalledScam: string[];
  wrong: Judged[];
}

export function figures(judged: readonly Judged[]): LabelledFigures {
  const table: LabelledFigures['table'] = {};
  const right: LabelledFigures['right'] = {};
  let ok = 0;
  let strict = 0;
  for (const j of judged) {
    table[j.label] ??= {};
    table[j.label]![j.got.verdict] = (table[j.label]![j.got.verdict] ?? 0) + 1;
    right[j.label] ??= { right: 0, n: 0 };
    right[j.label]!.n++;
    if (j.got.verdict === j.label) {
      right[j.label]!.right++;
      ok++;
    }
    if (j.got.assessment === j.label) strict++;
  }
  return {
    n: judged.length,
    table,
    right,
    overall: { right: ok, n: judged.length },
    strict: { right: strict, n: judged.length },
    genuineCalledScam: judged.filter((j) => j.label === 'collection' && j.got.verdict === 'scam').map((j) => j.id),
    otherCalledScam: judged.filter((j) => j.label === 'other' && j.got.verdict === 'scam').map((j) => j.id),
    wrong: judged.filter((j) => j.got.verdict !== j.label),
  };
}

export interface OrdinaryFigures {
  n: number;
  scam: number;
  violation: number;
  collection: number;
  suspicious: number;
  uncertain: number;
  /** scam or rule-breaking collection: the alarms that matter */
  alarms: number;
}

export function ordinaryFigures(results: readonly Classification[]): OrdinaryFigures {
  const f: OrdinaryFigures = { n: results.length, scam: 0, violation: 0, collection: 0, suspicious: 0, uncertain: 0, alarms: 0 };
  for (const r of results) {
    if (r.verdict === 'scam') f.scam++;
    if (r.verdict === 'collection_violation') f.violation++;
    if (r.verdict === 'collection') f.collection++;
    if (r.assessment === 'suspicious') f.suspicious++;
    if (r.assessment === 'uncertain') f.uncertain++;
    if (r.verdict === 'scam' || r.verdict === 'collection_violation') f.alarms++;
  }
  return f;
}

/** A labelled row with the check's answer, as the later sets of data/eval are judged. */
export interface LabelledAnswer {
  row: { label: string };
  got: Classification;
}

/** Collection-related rows right, a scam told 可疑 counting as caught (as the issue counts TF5). */
export function caught(judged: readonly LabelledAnswer[]): { right: number; n: number } {
  const related = judged.filter((j) => j.row.label !== 'other');
  return { right: related.filter((j) => j.got.verdict === j.row.label || (j.row.label === 'scam' && j.got.assessment === 'suspicious')).length, n: related.length };
}

/** The ordinary-text figures of a labelled set's "other" rows. */
export function otherFigures(judged: readonly LabelledAnswer[]): OrdinaryFigures {
  return ordinaryFigures(judged.filter((j) => j.row.label === 'other').map((j) => j.got));
}

export const pct = (a: number, n: number, d = 1): string => (n === 0 ? '—' : `${((100 * a) / n).toFixed(d)} %`);
