/**
 * The evaluation sets and the figures `npm run evaluate` reports (docs/evaluation.md):
 * - the sourced real-world set data/eval/real.jsonl (texts from public sources, each with its
 *   source; see data/eval/README.md),
 * - the team's own hand-written examples (test/fixtures/*-examples.yaml),
 * - false alarms on ../shared/data/sms-ordinary-dev.jsonl (read here, never trained on),
 * - scam recall on the public TF5 data (../shared/data/dev.jsonl), out of fold.
 * Used by scripts/evaluate.ts and by the tests that hold the targets.
 */
import { createHash } from 'node:crypto';
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
  // error; "对方让您…", "有没有让您…" negate what follows (rules -48). #67, a 96110 officer's call about a caller who
  // had the person "下载…软件", is no longer 诈骗 since a phone's state detected or described is no ask (rules -84).
  {
    file: 'adversary9-examples.yaml',
    note: 'twenty-ninth set: 60 minimal pairs of real anti-fraud calls and SMS and fakes that copy them and make one ask, by a helper blind to the rules (2026-11-30, sixth session); first run fakes caught 35/60 (31/60 after the session\'s new warning signal), real ones called 诈骗 11 of 60, then read (not blind)',
    floor: 0.85,
    known: { genuineCalledScam: [], otherCalledScam: ['adversary9-examples.yaml#1', 'adversary9-examples.yaml#100'] },
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
  // A lender's reminder that names its corporate account ("转入我司对公账户（户名：…有限公司）"), long read as a
  // named account to pay, is genuine since "对公账户户名" left the lexicon of fake repayment accounts (rules -84,
  // after a blind set of lenders' words, b48). (A warning that quotes six scam lines one after another, once
  // called 诈骗, is a warning since the quoted callers' voices no longer count as the writer's.)
  {
    file: 'adversary4-examples.yaml',
    note: 'twenty-first set: 240 adversarial messages by a fourth helper blind to the rules, twelve kinds built to draw a harmful answer; first run 66.3 % (collection-related 63.6 %; session-start engine 66.7 %), then read (not blind)',
    floor: 0.8,
    known: { genuineCalledScam: [], otherCalledScam: [] },
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
  // Learnt by the violation and collection models only (readExamples), not by the scam classifier: as its
  // negatives this set moved TF5's threshold and a dozen guarded sets' scam verdicts, none of its business.
  { file: 'care-examples.yaml', training: true, sideModelsOnly: true, note: 'thirty-first set: 240 written by a helper blind to the rules and data as training data (2026-12-03): everyday lines of care, banter and family life that share words with collectors\' menace, and menace with no word of money, half as minimal pairs; first run on rules -87: 8 of 160 everyday lines alarmed, 51 of 80 menace lines caught; then trained on (in-sample)' },
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

/** Labelled texts a model learns from, with one SHA-256 over them (recorded with the model). */
export interface LabelledData {
  rows: Example[];
  sha256: string;
}

function labelled(rows: Example[]): LabelledData {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.label}\t${r.text}\n`);
  return { rows, sha256: h.digest('hex') };
}

/** The sourced real-world set and the written examples (but those marked sideModelsOnly). */
function ownRows(root: string): Example[] {
  return [...(readReal(root) ?? []), ...OWN_SETS.filter((s) => !('sideModelsOnly' in s)).flatMap((s) => readOwn(root, s.file))];
}

/** The project texts the scam classifier learns from beside TF5 (ownRows). */
export function ownExamples(root: string): LabelledData {
  return labelled(ownRows(root));
}

/**
 * Every labelled text the project has read: the sourced real-world set, the written examples and
 * the later sets read (EVALUATED_SETS) — never the sealed sets (data/eval/sealed) or a set not yet
 * read. The violation and collection models learn from these.
 */
export function readExamples(root: string): LabelledData {
  const later = EVALUATED_SETS.map(([file]) => file)
    .filter((file) => existsSync(join(root, 'data', 'eval', file)))
    .flatMap((file) =>
      readJsonl<{ id?: string; text?: unknown; label?: string }>(join(root, 'data', 'eval', file))
        .filter((r): r is { id?: string; text: string; label: Label } => typeof r.text === 'string' && (LABELS as readonly string[]).includes(r.label ?? ''))
        .map((r, i) => ({ id: `${file}#${r.id ?? i + 1}`, text: r.text, label: r.label })),
    );
  const sideOnly = OWN_SETS.filter((s) => 'sideModelsOnly' in s).flatMap((s) => readOwn(root, s.file));
  return labelled([...ownRows(root), ...sideOnly, ...later]);
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

/**
 * The later data sets (data/eval), one line each in `npm run evaluate`'s table: the file and what it holds.
 * A new set is added here, and, when it was measured unread first, to GUARDED_SETS below.
 */
export const EVALUATED_SETS: readonly (readonly [file: string, kind: string])[] = [
  ['real-pass27.jsonl', 'sourced quotes'],
  ['real-pass28.jsonl', 'sourced quotes'],
  ['real-pass29.jsonl', 'sourced quotes'],
  ['real-pass30.jsonl', 'sourced quotes'],
  ['fraud-real.jsonl', 'sourced scam texts'],
  ['fraud-fbs.jsonl', 'FBS data set (segmented, placeholders)'],
  ['calls-k12.jsonl', 'written blind: call transcripts'],
  ['fragments-f11.jsonl', 'written blind: evasive spellings'],
  ['lookalike-h12.jsonl', 'written blind: genuine look-alike notices'],
  ['chat-real-2.jsonl', 'real chat, second batch'],
  ['templates-t13.jsonl', "written blind: lenders' SMS templates"],
  ['contacts-p14.jsonl', "written blind: messages reaching a debtor's contacts"],
  ['qa-code-q15.jsonl', "sourced: collectors' words in public code (call QA, scripts)"],
  ['qa-code-q16.jsonl', "sourced: collectors' words in public code, second batch"],
  ['fraud-real-2.jsonl', 'sourced scam texts, second batch'],
  ['adversary-a10.jsonl', "written against the tenth session's rules (adversarial review)"],
  ['adversary-a11.jsonl', 'written against the own-question rule (second review)'],
  ['sms-received-s17.jsonl', 'sourced: loan SMS people received'],
  ['adversary-a12.jsonl', "written against the eleventh session's rules (adversarial review)"],
  ['adversary-a13.jsonl', "written against the contact call-back rule (second review)"],
  ['sourced-c18.jsonl', 'sourced: quotes on public pages (unread, then two warnings mended)'],
  ['sourced-c19.jsonl', 'sourced: public code and pages (unread, then read)'],
  ['sourced-c20.jsonl', 'sourced: Taiwan, Hong Kong and mainland pages and code (unread, then read)'],
  ['sourced-c21.jsonl', 'sourced: complaints, news, judgments, issues (unread, then read)'],
  ['adversary-a14.jsonl', 'written against the phone-lock, 凡是-warning, 绝无 and relief rules'],
  ['adversary-a15.jsonl', 'written against the code-SMS, card-number, tough-measures and taunt rules'],
  ['adversary-a16.jsonl', 'written against the code ask (codes to enter)'],
  ['adversary-a17.jsonl', 'written against the rewritten code ask'],
  ['blind-a18.jsonl', 'written blind: half with no debt word, and look-alikes (unread, then read)'],
  ['sourced-c22.jsonl', 'sourced: public code and pages (unread, then read)'],
  ['adversary-a19.jsonl', "written against the fourteenth session's rules"],
  ['adversary-a20.jsonl', 'written against the widened rules (second review)'],
  ['sourced-c23.jsonl', 'sourced: texts developers wrote into public code (unread, then read)'],
  ['genuine-b21.jsonl', 'written blind: genuine collection and look-alikes (unread, then read)'],
  ['scams-b22.jsonl', 'written blind: scams with an ask, warnings and retellings (unread, then read)'],
  ['calls-b23.jsonl', 'written blind: call transcripts in five layouts (unread, then read)'],
  ['adversary-a24.jsonl', "written against the fourteenth session's scoring changes (third review)"],
  ['contacts-b24.jsonl', "written blind: messages reaching a debtor's contacts (unread, then read)"],
  ['regional-b25.jsonl', 'written blind: Taiwan and Hong Kong wording (unread, then read)'],
  ['fragments-b26.jsonl', 'written blind: short quoted fragments (unread, then read)'],
  ['adversary-a27.jsonl', "written against the fourteenth session's Taiwan, Hong Kong and contact rules (fourth review)"],
  ['week-b27.jsonl', "written blind: a week's messages to five people (unread, then read)"],
  ['adversary-a29.jsonl', "written against the fourteenth session's structural rules (fifth review)"],
  ['weeks-b28.jsonl', "written blind: two weeks' messages to six people, unusual cases (unread, then read)"],
  ['warnings-b29.jsonl', 'written blind: genuine warnings and the frauds that wear them (unread, then read)'],
  ['quotes-b30.jsonl', 'written blind: quotes as reports cite them (unread, then read)'],
  ['adversary-a31.jsonl', "written against the fourteenth session's warning, order and instalment rules (sixth review)"],
  ['quotes-b32.jsonl', 'written blind: quotes as reports cite them, second set (unread, then read)'],
  ['phones-b33.jsonl', "written blind: a month's messages on six people's phones (unread, then read)"],
  ['judgments-b34.jsonl', 'written blind: messages as judgments, bulletins and complaints quote them (unread, then read)'],
  ['adversary-a35.jsonl', "written against the fifteenth session's ungated model and rules"],
  ['pasted-b36.jsonl', "written blind: messages as people paste them online asking 'is this real?' (unread, then read)"],
  ['adversary-a37.jsonl', "written against the fifteenth session's rules from b34 (second review)"],
  ['warnings-b39.jsonl', 'written blind: genuine warnings and the frauds that wear them, second set (unread, then read)'],
  ['adversary-a40.jsonl', "written against the told-of rule and the warnings' words (third review)"],
  ['fraud-b41.jsonl', 'written blind: frauds with an ask beyond debt, and their genuine look-alikes (unread, then read)'],
  ['fraud-c41.jsonl', 'sourced: fraud SMS with an ask and genuine look-alikes from news, police pages, code and data sets (unread, then read)'],
  ['fraud-b43.jsonl', 'written blind: fraud SMS as bulletins and spam data sets print them, and genuine marketing (unread, then read)'],
  ['adversary-a44.jsonl', "written against the sixteenth session's fraud-family rules (first review)"],
  ['fraud-b45.jsonl', 'written blind: frauds as they are forwarded to family groups, and genuine look-alikes (unread, then read)'],
  ['adversary-a46.jsonl', "written against the sixteenth session's fraud-family rules (second review)"],
  ['quotes-b47.jsonl', 'written blind: quotes as reports cite them, third set (unread, then read)'],
  ['lenders-b48.jsonl', "written blind: lenders' and collectors' words at the line between lawful and abusive (unread, then read)"],
  ['adversary-a49.jsonl', "written against the sixteenth session's rules from b47 and b48 (third review)"],
  ['everyday-b52.jsonl', 'written blind: everyday messages a careless checker might flag (unread, then read)'],
  ['sourced-c50.jsonl', "sourced: lenders' templates and collectors' scripts in public code, quotes on public pages (unread, then read)"],
  ['adversary-a53.jsonl', "written against the sixteenth session's false-alarm mends (fourth review)"],
  ['calls-b54.jsonl', 'written blind: call transcripts as recorder apps and speech-to-text give them, unpunctuated (unread, then read)'],
  ['warnings-b55.jsonl', 'written blind: genuine warnings and the frauds that wear them, third set (unread, then read)'],
  ['adversary-a56.jsonl', "written against the sixteenth session's warning rules (fifth review; measured, not mended)"],
  ['mixed-b59.jsonl', 'written blind: the four verdicts as people receive them and as reports quote them (unread, then read)'],
  ['fraud-c57.jsonl', 'sourced: frauds (robocalls to overseas Chinese, Taiwan and Hong Kong, fake bosses) and genuine look-alikes (unread, then read)'],
  ['sourced-c58.jsonl', "sourced: lenders' templates in public code, collectors' and fraudsters' words, warnings (unread, then read)"],
  ['adversary-a62.jsonl', "written against the seventeenth session's rules (first review)"],
  ['quotes-b63.jsonl', 'written blind: frauds of many families as bulletins and news quote them, and genuine look-alikes (unread, then read)'],
  ['everyday-b64.jsonl', 'written blind: everyday messages full of money, police, court and loan words (unread, then read)'],
  ['sourced-c61.jsonl', "sourced: loan apps' templates in public code, an archive of grey-trade articles, notices (unread, then read)"],
  ['violations-b65.jsonl', 'written blind: rule-breaking collection, most with no word of a debt, and lawful and everyday look-alikes (unread, then read)'],
  ['collection-b66.jsonl', 'written blind: genuine collection, most with no debt word, look-alikes and the scams that copy it (unread, then read)'],
  ['adversary-a68.jsonl', "written against the seventeenth session's rules from b65 and b66 (second review)"],
  ['season-b69.jsonl', 'written blind after the b65/b66 mends: one collection season around five borrowers (unread, then read)'],
  ['adversary-a72.jsonl', "written against the seventeenth session's rules from b69 (third review)"],
  ['quotes-b70.jsonl', 'written blind: quotes as reports cite them, in varied voices and fewer stock phrases (unread, then read)'],
  ['templates-b71.jsonl', "written blind: templates as lending, collection and telecom systems' code holds them (unread, then read)"],
  ['adversary-a74.jsonl', "written against the seventeenth session's rules from b70 and b71 (fourth review)"],
  ['quotes-b73.jsonl', 'written blind: quotes from media, judgments, procuratorates, regulators and compliance reports (unread, then read)'],
  ['everyday-b78.jsonl', "written blind: short everyday lines in menace's words, and collectors' menace, half with no word of money (unread, then read)"],
  ['violations-b81.jsonl', "written blind: rule-breaking collection in the forms people meet (a third subtle), lawful collection as minimal pairs, others' words about it (unread, then read)"],
  ['violations-b84.jsonl', "written blind: subtle rule-breaking collection (third parties told in polite words, implied menace, false consequences as fact, fees outside the contract), lawful minimal pairs, others' words about it (unread, then read)"],
];

/**
 * Later sets of one shape, each measured unread first and then read (in-sample since): the share of
 * collection-related rows right (a scam told 可疑 counts) and the "other" rows called 诈骗 or 违规催收,
 * held to a floor by test/real-world.test.ts.
 * `history` says how each came to its floor (docs/evaluation-real-world.md has the figures). "Kept out of
 * training" there means the scam classifier's: the collection model (since rules -86) and the violation model
 * (since -87) learn from every set read, these included (readExamples).
 */
export const GUARDED_SETS: readonly { file: string; size: number; what: string; floor: number; maxAlarms: number; history: string }[] = [
  { file: 'calls-k12.jsonl', size: 120, what: 'call transcripts', floor: 0.8, maxAlarms: 1, history: 'written blind, 83.3 % unread (87.7 % in the dialogue layouts)' },
  { file: 'lookalike-h12.jsonl', size: 240, what: 'genuine look-alike notices', floor: 1, maxAlarms: 11, history: 'written blind, 7.0 % of the look-alikes alarmed unread' },
  {
    file: 'fragments-f11.jsonl', size: 200, what: 'fragments with evasive spellings', floor: 0.94, maxAlarms: 5,
    history: 'written blind, 94.0 % unread, 5 of 50 "other" alarmed: the warning and telling words that mended those hid scams and threats (second review), so they stay',
  },
  { file: 'qa-code-q15.jsonl', size: 136, what: "collectors' words kept in public code (call quality inspection, scripts, templates)", floor: 0.71, maxAlarms: 0, history: '62.6 % unread, 72.0 % after mending by shape' },
  {
    file: 'qa-code-q16.jsonl', size: 104, what: "collectors' words in public code, second batch", floor: 0.71, maxAlarms: 1,
    history: "63.6 % unread (two people's own questions called 诈骗); 64.9 % after the own-question rule and the instalment words, as narrowed by the second review; 71.4 % with the phone-lock rule (thirteenth session)",
  },
  {
    file: 'adversary-a10.jsonl', size: 289, what: "the tenth session's first adversarial review's texts", floor: 0.76, maxAlarms: 29,
    history: '70 verdicts worse and 19 better at first; after narrowing, 1 worse and 32 better. Kept out of training: the classifier would learn the look-alikes as ordinary and lose real scams',
  },
  {
    file: 'adversary-a11.jsonl', size: 244, what: "the tenth session's second adversarial review's texts (own questions, reminder words)", floor: 0.57, maxAlarms: 28,
    history: '64 worse and 27 better at first; after narrowing, 1 worse and 7 better. The boundary of a person\'s question and a short advert stays hard. Kept out of training',
  },
  {
    file: 'sms-received-s17.jsonl', size: 43, what: 'loan SMS people received, pasted in public code and issues', floor: 1, maxAlarms: 3,
    history: 'unread: reminders 3 of 3; of 40 "other" rows 4 called 诈骗 (adverts with short links, a lender\'s code SMS) and 10 正常催收 (disbursement and spending notices); mended by shape: 3 and 3 (lenders\' adverts with short links stay 诈骗, as phishing in that shape is)',
  },
  {
    file: 'adversary-a12.jsonl', size: 222, what: "the eleventh session's first adversarial review's texts (payouts, card charges, account phishing)", floor: 0.9, maxAlarms: 10,
    history: '69 verdicts worse and 9 better at first; after narrowing, 1 worse (a placeholder card number in a parent\'s message) and 7 better. Kept out of training',
  },
  {
    file: 'adversary-a13.jsonl', size: 192, what: "the eleventh session's second adversarial review's texts (a lender asking a debtor's contact for a call-back)", floor: 0.66, maxAlarms: 2,
    history: '45 worse and 19 better at first (any company\'s voice counted, scams and pressure hid in it); after narrowing to a lender\'s voice with nothing else asked, 0 worse and 20 better. Kept out of training',
  },
  {
    file: 'sourced-c18.jsonl', size: 33, what: "collectors', scammers' and warners' words quoted on public pages (one procuratorate report)", floor: 0.8, maxAlarms: 1,
    history: 'measured unread at 71.4 % (15 of 21; 81.0 % with 可疑), 3 of 12 "other" alarmed (two warnings called 诈骗); the two warnings mended by shape in the thirteenth session ("凡是…要求…的，…谨防受骗", 绝无)',
  },
  {
    file: 'sourced-c19.jsonl', size: 49, what: "lenders' templates, collectors' scripts, scams and service SMS quoted in public code and pages", floor: 0.83, maxAlarms: 2,
    history: 'measured unread at 70.0 % (21 of 30; 76.7 % with 可疑), 2 of 19 "other" alarmed (two code SMS); then read: a deposit "to prove you can repay", "采取强硬措施" against the reader, a code SMS that gives its code',
  },
  {
    file: 'sourced-c20.jsonl', size: 30, what: 'Taiwan and Hong Kong warnings, scams and bank prompts, and mainland reminders, quoted in public code and pages', floor: 0.88, maxAlarms: 0,
    history: 'measured unread at 70.6 % (12 of 17; 76.5 % with 可疑), none of 13 "other" alarmed; then read: utility bills and traffic fines are no loan, "本月还款日为", hanging up "视为不配合"',
  },
  {
    file: 'sourced-c21.jsonl', size: 25, what: "collectors' and private creditors' words quoted in complaints, news, judgments and issues", floor: 0.36, maxAlarms: 2,
    history: 'measured unread at 27.3 % (3 of 11 with 可疑), 2 of 14 "other" alarmed: private creditors\' quarrels with no debt word, a fake court visit; then read: "法院将到你家强制执行，若反抗直接拘留" (36.4 %)',
  },
  {
    file: 'adversary-a14.jsonl', size: 176, what: "the thirteenth session's first adversarial review's texts (phone-lock threats, 凡是 warnings, 绝无, relief granted)", floor: 0.93, maxAlarms: 2,
    history: '11 verdicts better and 0 worse at first; then read and the phone-lock rule widened (standalone, more words), a borrower\'s "被你们催收骚扰" told: 26 better, 0 worse. Kept out of training',
  },
  {
    file: 'adversary-a15.jsonl', size: 181, what: "the thirteenth session's second adversarial review's texts (code SMS, card numbers in groups, tough measures, taunts)", floor: 0.91, maxAlarms: 10,
    history: '19 better and 5 worse at first (a paid-off phone unlocked, a retelling, a government\'s and a regulator\'s "强硬措施"); after narrowing, 21 better and 0 worse. Its debt-relief adverts are labelled "other" here; the rules call such agents 诈骗 by design. Kept out of training',
  },
  {
    file: 'adversary-a16.jsonl', size: 158, what: "the thirteenth session's third adversarial review's texts (codes to enter: code SMS, app help, scams)", floor: 0.94, maxAlarms: 8,
    history: 'on the session-start rules 17 of 82 "other" rows (code SMS, people asking how to enter a code, service answers) called 诈骗; a first rewrite of the code ask ("填到/填进" count) made 7 better and 10 worse; the second (the code to be entered where the sender can see it) 9 better and 1 worse (a fake security centre\'s "在软件里输入" now 可疑): 8 of 82. Kept out of training',
  },
  {
    file: 'adversary-a17.jsonl', size: 130, what: "the thirteenth session's fourth adversarial review's texts (written against the new code ask)", floor: 0.94, maxAlarms: 15,
    history: 'against the second rewrite: 3 better and 2 worse (a meeting app\'s code SMS, a user\'s VPN question); without 会议软件 and 网址 as places, 5 better and 0 worse. 15 of 51 "other" still alarmed, work chats and questions that name a code and a place. Kept out of training',
  },
  {
    file: 'blind-a18.jsonl', size: 200, what: 'texts written blind, half of the collection-related ones with no debt word, and their everyday look-alikes', floor: 0.85, maxAlarms: 5,
    history: 'measured unread at 75.3 % (113 of 150), 7 of 50 "other" alarmed; then read: deadlines, suits after silence, a lender\'s plan, money to "my personal card", paid stops to the calls, clocks set against the person, criminal cases said to the person, parents and HR threatened. Kept out of training',
  },
  {
    file: 'sourced-c22.jsonl', size: 31, what: "lenders' templates, demand letters, anti-fraud game scripts and look-alikes found in public code", floor: 0.95, maxAlarms: 1,
    history: 'measured unread at 95.2 % (20 of 21), 2 of 10 "other" alarmed (a question about cancelling a student loan, a retelling); then read',
  },
  {
    file: 'adversary-a19.jsonl', size: 162, what: "the fourteenth session's first adversarial review's texts (written against the deadline, suit, plan, personal-card, paid-stop, clock, criminal-case and family-threat rules)", floor: 0.95, maxAlarms: 1,
    history: 'against the first version: 4 better and 3 worse (a scam\'s "协商方案" read as collection, a retold car instalment plan, friends splitting a dinner bill); widened and narrowed: 52 better and 0 worse across all sets. Kept out of training',
  },
  {
    file: 'adversary-a20.jsonl', size: 162, what: "the fourteenth session's second adversarial review's texts (against the widened rules)", floor: 0.88, maxAlarms: 7,
    history: 'against the widened rules: 11 better and 0 worse at first (59.1 → 68.2 %); then read and mended by shape (89.8 %), 0 worse across all sets. Kept out of training',
  },
  {
    file: 'sourced-c23.jsonl', size: 25, what: 'texts developers wrote into public code (anti-fraud quizzes and games, detectors\' samples, tests)', floor: 0.94, maxAlarms: 1,
    history: 'measured unread at 82.4 % (14 of 17), 1 of 8 "other" alarmed; then read: "否则将联系您的亲属及单位", waiting at the door',
  },
  {
    file: 'genuine-b21.jsonl', size: 200, what: "genuine collection written blind in many lenders' voices, and its look-alikes", floor: 0.78, maxAlarms: 3,
    history: 'measured unread at 65.7 % (92 of 140; 68.6 % on the rules of the moment), 4 of 60 "other" alarmed; then read: formal demands\' words, a collector following up a promise, a court\'s payment order. Kept out of training',
  },
  {
    file: 'scams-b22.jsonl', size: 200, what: 'scams with an ask written blind, and the warnings and retellings that quote them', floor: 0.87, maxAlarms: 3,
    history: 'measured unread at 77.3 % (116 of 150; 78.0 % on the rules of the moment), 8 of 50 warnings and retellings called 诈骗; then read: orders and code asks about a debt made decisive, many asks in new words, warnings and retellings. Kept out of training',
  },
  {
    file: 'calls-b23.jsonl', size: 80, what: 'call transcripts written blind in five layouts, the person\'s own strong words in many', floor: 0.9, maxAlarms: 1,
    history: 'measured unread at 81.7 % (49 of 60), 1 of 20 "other" alarmed, one genuine call called 诈骗 (a Cantonese "唔好过数俾任何私人户口"); then read. Kept out of training',
  },
  {
    file: 'adversary-a24.jsonl', size: 173, what: "the fourteenth session's third adversarial review's texts (orders and code asks about a debt, new scam signs, formal demands, warnings and retellings, Cantonese 唔好)", floor: 0.83, maxAlarms: 17,
    history: 'against the rules of the moment: 13 better and 3 worse (a scam quoting "骗子常以…" and asking for a code, a Cantonese "唔好过数俾私人户口…要过就过去我哋合作公司户口", a friend chasing a private loan — the project calls that collection); a first mend (a code or identity ask breaks any warning) made 25 warnings worse and was dropped; after narrowing, 0 worse but the friend. Kept out of training',
  },
  {
    file: 'contacts-b24.jsonl', size: 200, what: "messages reaching a debtor's contacts, written blind", floor: 0.7, maxAlarms: 6,
    history: 'measured unread at 66.0 % (99 of 150), 6 of 50 "other" alarmed; then read: a call-back asked "for the borrower alone" with no lender named (70.7 %). Kept out of training',
  },
  {
    file: 'regional-b25.jsonl', size: 200, what: 'Taiwan and Hong Kong wording only, written blind', floor: 0.88, maxAlarms: 4,
    history: 'measured unread at 73.3 % (110 of 150; 74.7 % on the rules of the moment), 6 of 50 "other" alarmed; then read: court papers, 165 and 18222, 唔会, FPS, Cantonese fees and threats (88.7 %). Kept out of training',
  },
  {
    file: 'fragments-b26.jsonl', size: 240, what: 'short quoted fragments as news and reports cut them, written blind', floor: 0.86, maxAlarms: 0,
    history: 'measured unread at 76.1 % (137 of 180; 77.2 % on the rules of the moment), none of 60 "other" alarmed; then read: collectors\' words about the repayment itself, threats with no debt word (86.1 %). Kept out of training',
  },
  {
    file: 'adversary-a27.jsonl', size: 182, what: "the fourteenth session's fourth adversarial review's texts (call-backs for the borrower alone, court papers, warnings, 唔会, FPS, Cantonese threats, collectors' words)", floor: 0.84, maxAlarms: 4,
    history: 'against the rules of the moment: 43.6 → 56.4 %, 20 better and 11 worse (a teacher\'s and an estate office\'s call-backs, questions about 支付命令, impostors using 165, 18222 and 防骗易); mended by structure rather than phrase: 85.5 %, 0 worse. Counting scam patterns under a caller\'s voice against a warning was tried and dropped (two real police calls called 诈骗). Kept out of training',
  },
  {
    file: 'week-b27.jsonl', size: 240, what: "a week of loan-related messages reaching five people, and their everyday look-alikes, written blind", floor: 0.92, maxAlarms: 4,
    history: 'measured unread at 80.6 % on the session-start rules and 83.3 % on the rules of the moment (150 of 180), 4 of 60 "other" alarmed; then read: 93.3 %. Kept out of training',
  },
  {
    file: 'adversary-a29.jsonl', size: 172, what: "the fourteenth session's fifth adversarial review's texts (mediation bodies, addresses recited, disclosure to landlords, agreed dates, robocalls, fake court fees)", floor: 0.83, maxAlarms: 1,
    history: 'against the rules of the moment: 52.1 → 64.7 %, 15 better and 9 worse (a mother\'s "watch the cars", a neighbour\'s "careful, the lift", a locksmith\'s call, HR\'s and the tax app\'s "needs you in person", a shop\'s 登记, a couple\'s agreed date); narrowed and widened by structure: 84.0 %, 0 worse but a friend\'s "今天能还多少". Kept out of training',
  },
  {
    file: 'weeks-b28.jsonl', size: 240, what: "two weeks of loan-related messages reaching six people, unusual cases on purpose, written blind", floor: 0.9, maxAlarms: 2,
    history: 'measured unread at 76.7 % on the session-start rules and 78.3 % on the rules of the moment (141 of 180), 4 of 60 "other" alarmed; then read: 90.0 %. Its helper labels a relative\'s or friend\'s gentle request for their money back "collection", two other helpers label such requests "other". Kept out of training',
  },
  {
    file: 'warnings-b29.jsonl', size: 200, what: 'genuine anti-fraud warnings (150) and frauds that wear warning words (50), written blind', floor: 0.74, maxAlarms: 4,
    history: 'measured unread: 17 of 150 genuine warnings called 诈骗 or 违规催收 on the session-start rules and on the rules of the moment; frauds caught 66.0 % / 64.0 %; then read: 4 of 150, 74.0 %. Kept out of training',
  },
  {
    file: 'quotes-b30.jsonl', size: 240, what: 'quoted words as news, judgments and police reports cite them, written blind', floor: 0.87, maxAlarms: 8,
    history: 'measured unread at 71.1 % on the session-start rules and 71.7 % on the rules of the moment (129 of 180), 9 of 60 "other" alarmed; then read: 87.2 %. Kept out of training',
  },
  {
    file: 'adversary-a31.jsonl', size: 170, what: "the fourteenth session's sixth adversarial review's texts (warnings named by anyone, orders with deadlines, the reader's instalments, threats by structure)", floor: 0.92, maxAlarms: 5,
    history: 'against the rules of the moment: 70.6 → 75.5 %, 7 better and 4 worse (a fraud that says "请立刻挂断其他来电", a fake bank warning with a "临时保护账户", a person\'s own four instalments, grandparents "经不起吓" in care); mended: 93.1 %, 0 worse. Kept out of training',
  },
  {
    file: 'quotes-b32.jsonl', size: 240, what: 'quoted words as news, judgments, police reports and complaints cite them, written blind (second set)', floor: 0.9, maxAlarms: 4,
    history: 'measured unread at 82.8 % on the session-start rules (149 of 180), 5 of 60 "other" alarmed; then read: 93.9 % (the violation model speaking on bare threats, rules by shape). Kept out of training',
  },
  {
    file: 'phones-b33.jsonl', size: 240, what: "a month of messages reaching six people's phones (90 everyday), written blind", floor: 0.94, maxAlarms: 0,
    history: 'measured unread at 88.7 % on the session-start rules (133 of 150), none of 90 "other" alarmed; then read: 96.7 %. Its helper labels a person\'s note of a call by what the caller did; the project reads such a retelling as "other" with the call\'s asks named. Kept out of training',
  },
  {
    file: 'judgments-b34.jsonl', size: 200, what: 'messages as judgments, indictments, police bulletins and complaint posts quote them, written blind', floor: 0.91, maxAlarms: 1,
    history: 'measured unread at 78.0 % on the session-start rules (117 of 150) and 82.0 % on the rules of the moment (the violation model speaking on bare threats), 8 of 50 "other" alarmed on both; then read: 92.7 %, none alarmed; an adversarial review (a37) then showed threats and scams slipping in the reporters\' and courts\' words, which now count only in a text that speaks to no one: 91.3 %, 1 alarmed. Kept out of training',
  },
  {
    file: 'adversary-a35.jsonl', size: 200, what: "the fifteenth session's adversarial review's texts (bare threats with no word of money, agency mandates, agreed deadlines, relief approved, the session's scam and threat shapes, dated transcripts)", floor: 0.91, maxAlarms: 6,
    history: 'on the session-start rules 72.0 %, 9 of 50 alarmed; against the rules of the moment 88.0 %, 26 better and 2 worse (a film line quoting "你也不想让别人知道吧", a removal firm\'s "今晚过去搬"); mended: 91.3 %, 5 alarmed (none new). Kept out of training',
  },
  {
    file: 'pasted-b36.jsonl', size: 200, what: "messages as people paste them online asking whether they are real, written blind", floor: 0.92, maxAlarms: 1,
    history: 'measured unread at 86.7 % on the session-start rules (130 of 150) and 87.3 % on the rules of the moment, 4 of 50 "other" alarmed on both; then read: 92.7 %, 1 alarmed. Kept out of training',
  },
  {
    file: 'adversary-a37.jsonl', size: 160, what: "the fifteenth session's second adversarial review's texts (reporters' and courts' words slipped into threats and scams, the b34 threats and genuine notices in new wordings)", floor: 0.93, maxAlarms: 5,
    history: 'on the session-start rules 81.7 %, 6 of 40 alarmed; against the rules of the moment 77.5 %, 10 better and 15 worse (threats and scams that slip in "据记者调查", "被告人供述", "投诉人称" read as reports; a sister calling her brother-in-law; a film line); mended: 93.3 %, 5 alarmed. Kept out of training',
  },
  {
    file: 'warnings-b39.jsonl', size: 200, what: 'genuine anti-fraud and anti-illegal-collection warnings (150) and frauds that wear warning words (50), written blind (second set)', floor: 0.96, maxAlarms: 9,
    history: 'measured unread: 20 of 150 genuine warnings called 诈骗 or 违规催收 on the session-start rules and on the rules of the moment (b29 had 17); frauds caught 92.0 % on both; then read: 9 of 150 (quoted examples in a text that judges them are told of; someone else\'s ask told of or supposed; officers\' call-back questions), frauds 98.0 %. Kept out of training',
  },
  {
    file: 'adversary-a40.jsonl', size: 160, what: "the fifteenth session's third adversarial review's texts (frauds and threats that quote themselves, add judging words or open like an officer's call-back; genuine warnings and notices that quote)", floor: 0.89, maxAlarms: 4,
    history: 'on the session-start rules 84.0 %, 10 of 60 alarmed; against the rules of the moment 83.0 %, 3 alarmed — 10 better, 5 worse (a fake court and a fake bank call-back that open with "如果有人让您…" / "是否有人让您…", a code asked after its quoted example, a fake son after "一律挂掉", a threat after "你以为我们是虚张声势？"); mended: 89.0 %, 4 alarmed, none worse than at the start. Kept out of training',
  },
  {
    file: 'fraud-b41.jsonl', size: 150, what: 'frauds with an ask in twenty families beyond debt (prizes, points, refunds, ETC, albums, votes, tasks, gambling, extortion) and their genuine look-alikes, written blind', floor: 0.97, maxAlarms: 0,
    history: 'measured unread at 85.6 % (77 of 90) on the session-start rules and on the rules of the moment, 3 of 60 "other" alarmed; then read: 97.8 %, none alarmed. Kept out of training',
  },
  {
    file: 'fraud-c41.jsonl', size: 98, what: 'fraud SMS with an ask and genuine look-alikes from news, police pages, public code and the FBS data set (sourced)', floor: 0.82, maxAlarms: 0,
    history: 'measured unread at 42.7 % (32 of 75; 36.0 % by verdict) on the session-start rules and 44.0 % after the b41 rules, none of 23 "other" alarmed; then read: 82.7 %, none alarmed. Kept out of training',
  },
  {
    file: 'fraud-b43.jsonl', size: 160, what: 'fraud SMS as police bulletins and spam data sets print them (masked links, look-alike characters), and genuine marketing and notices, written blind', floor: 0.98, maxAlarms: 0,
    history: 'measured unread at 85.0 % (85 of 100) on the session-start rules and 88.0 % on the rules of the moment, 2 of 60 "other" alarmed on both; then read: 99.0 %, none alarmed. Kept out of training',
  },
  {
    file: 'adversary-a44.jsonl', size: 120, what: "the sixteenth session's first adversarial review's texts (albums and votes behind links, pay-first tasks, gambling, extortion, stock groups, premium replies, official short lines)", floor: 0.85, maxAlarms: 2,
    history: 'on the session-start rules 59.7 %, 9 of 58 alarmed; against the rules of the moment 62.9 %, 6 alarmed — 6 better, 0 worse; mended: 85.5 %, 2 alarmed. Kept out of training',
  },
  {
    file: 'fraud-b45.jsonl', size: 150, what: 'frauds as they are forwarded to family groups and listed in anti-fraud articles, in 28 families, and genuine look-alikes, written blind', floor: 0.94, maxAlarms: 0,
    history: 'measured unread at 82.2 % (74 of 90) on the session-start rules and 84.4 % on the rules of the moment, 1 and 0 of 60 "other" alarmed; then read: 94.4 %, none alarmed. Kept out of training',
  },
  {
    file: 'adversary-a46.jsonl', size: 120, what: "the sixteenth session's second adversarial review's texts (pay-first deliveries, bills via chat handles, SIM and order callbacks, named apps, loan adverts, accusations)", floor: 0.95, maxAlarms: 2,
    history: 'on the session-start rules 70.8 %, 2 of 55 alarmed; against the rules of the moment 81.5 %, 3 alarmed — 8 better, 1 worse (a wedding photographer\'s own site); mended: 95.4 %, 2 alarmed. Kept out of training',
  },
  {
    file: 'quotes-b47.jsonl', size: 200, what: 'quoted words as news, judgments, police bulletins, regulators and complaint posts cite them, written blind (third set)', floor: 0.92, maxAlarms: 2,
    history: 'measured unread at 86.0 % (129 of 150) on the session-start rules and on the rules of the moment, 2 of 50 "other" alarmed on both; then read: 92.0 %. Kept out of training',
  },
  {
    file: 'lenders-b48.jsonl', size: 200, what: "lenders', agencies' and collectors' words at the line between lawful and abusive, and the frauds that copy them (a third of them call transcripts), written blind", floor: 0.94, maxAlarms: 2,
    history: 'measured unread at 88.7 % (133 of 150) on the session-start rules and on the rules of the moment, 2 of 50 "other" alarmed (14 more read as genuine collection: statements, disbursements, a borrower\'s own letters); then read: 94.0 %. Kept out of training',
  },
  {
    file: 'adversary-a49.jsonl', size: 100, what: "the sixteenth session's third adversarial review's texts (prison promised, menace, relatives called, posting, personal accounts, fees to stop a case, designated accounts, 经查 reports)", floor: 0.96, maxAlarms: 8,
    history: 'on the session-start rules 76.7 %, 8 of 40 alarmed; against the rules of the moment 75.0 %, 10 alarmed — 1 better, 4 worse (a former boss "等着被抓", "看到我们发的朋友圈", a residents\' committee\'s 公示, a collector\'s notice to contacts opening with 经查); narrowed and mended: 96.7 %, 8 alarmed (none new). Kept out of training',
  },
  {
    file: 'everyday-b52.jsonl', size: 200, what: 'everyday messages a careless checker might flag (family money, banter, loan talk, shared links, work, notices), all "other", written blind', floor: 0, maxAlarms: 12,
    history: 'measured unread: 21 of 200 called 诈骗 or 违规催收 on the session-start rules, 20 on the rules of the moment; then read: 9, and 12 after the adversarial review a53 took back two of the mends. Kept out of training',
  },
  {
    file: 'sourced-c50.jsonl', size: 61, what: "lenders' SMS and robocall templates in public code, collectors' words, warnings and borrowers' words on public pages (sourced)", floor: 0.83, maxAlarms: 3,
    history: 'measured unread at 80.6 % (29 of 36) on the session-start rules and on the rules of the moment, 4 of 25 "other" alarmed; then read: 83.3 %, 3 alarmed. Kept out of training',
  },
  {
    file: 'adversary-a53.jsonl', size: 100, what: "the sixteenth session's fourth adversarial review's texts (frauds and threats hidden behind the false-alarm mends: known sites' look-alikes, meetings, the sender paying, own questions, banter, retellings, sales in person)", floor: 0.93, maxAlarms: 5,
    history: 'on the session-start rules 91.7 %, 12 of 40 alarmed; against the rules of the moment 78.3 %, 4 alarmed — 10 better, 9 worse (endearments and game talk hid threats, retellings hid threats to contacts and scams, a sale "in person" that wanted the money first, an agent\'s advert as a question); the two mends dropped, the others narrowed: 93.3 %, 5 alarmed, none worse than at the start. Kept out of training',
  },
  {
    file: 'calls-b54.jsonl', size: 120, what: 'call transcripts as recorder apps and speech-to-text give them (no punctuation, speaker labels or none, timestamps, misheard words), written blind', floor: 0.97, maxAlarms: 2,
    history: 'measured unread at 96.7 % (87 of 90) on the session-start rules and on the rules of the moment, 2 of 30 "other" alarmed; then read: 97.8 %. Kept out of training',
  },
  {
    file: 'warnings-b55.jsonl', size: 200, what: 'genuine anti-fraud and anti-illegal-collection warnings (150, most quoting the lines they warn about) and frauds that wear warning words (50), written blind (third set)', floor: 0.96, maxAlarms: 10,
    history: 'measured unread: 17 of 150 warnings called 诈骗 or 违规催收 on the session-start rules and on the rules of the moment (b29 had 17, b39 20); frauds caught 84.0 % on both; then read: 10 of 150 (a warning\'s own verdicts on what it quotes), frauds 96.0 % (orders inside warning words: savings "按指引" to a safe account, the debt to a personal account, a sum "到我们的" account, a call "转接公安", a short link to open at once). Kept out of training',
  },
  {
    file: 'adversary-a56.jsonl', size: 100, what: "the sixteenth session's fifth adversarial review's texts (frauds and threats that quote their own asks beside judging words, orders in unlisted forms, genuine warnings that quote the listed orders)", floor: 0.66, maxAlarms: 4,
    history: 'on the session-start rules 63.3 %, 4 of 40 alarmed; against the rules of the moment 66.7 %, 5 alarmed — 2 better, 1 worse (a borrower\'s retelling with "不构成诈骗"), mended: 66.7 %, 4 alarmed. Its evasions were not mended for want of time: frauds that put their own ask in quotes beside a judging word still pass. Kept out of training',
  },
  {
    file: 'mixed-b59.jsonl', size: 200, what: 'the four verdicts, 50 each, as SMS, calls, chats and the quotes of judgments, bulletins and news give them, a third hard on purpose, written blind', floor: 0.98, maxAlarms: 2,
    history: 'measured unread at 86.7 % (130 of 150) on the session-start rules (-85) and on the rules of the moment, 4 of 50 "other" alarmed on both; then read: 98.7 %, 2 alarmed. Kept out of training',
  },
  {
    file: 'fraud-c57.jsonl', size: 55, what: 'frauds from police, consulate and news pages and public code (robocalls to overseas Chinese, Taiwan health-card and instalment calls, fake bosses, coaching past bank staff) and genuine look-alikes (sourced)', floor: 0.73, maxAlarms: 1,
    history: 'measured unread at 41.2 % (14 of 34) on the session-start rules and on the rules of the moment, 2 of 21 "other" alarmed; then read: 73.5 %, 1 alarmed (most misses are openers with no ask in the words quoted). Kept out of training',
  },
  {
    file: 'sourced-c58.jsonl', size: 39, what: "lenders' templates in public code, collectors' and fraudsters' words and warnings on public pages (sourced)", floor: 0.82, maxAlarms: 0,
    history: 'measured unread at 78.3 % (18 of 23) on the session-start rules and on the rules of the moment, 2 of 16 "other" alarmed; then read: 82.6 %, none alarmed. Kept out of training',
  },
  {
    file: 'adversary-a62.jsonl', size: 120, what: "the seventeenth session's adversarial review's texts (genuine texts in the new shapes: IVR menus, funeral wreaths, landlords' codes, teachers on political checks; the new harms reworded)", floor: 0.97, maxAlarms: 4,
    history: 'on the session-start rules 84.7 %, 5 of 35 alarmed; against the rules of the moment 85.9 %, 6 alarmed — 1 better, 1 worse (a landlord\'s own payment code for the rent); narrowed and mended: 97.6 %, 4 alarmed (none new). Kept out of training',
  },
  {
    file: 'quotes-b63.jsonl', size: 200, what: 'frauds of some 75 families as bulletins and news quote them (often fragments with the link or number cut) and genuine look-alikes, written blind', floor: 0.92, maxAlarms: 0,
    history: 'measured unread at 79.8 % (99 of 124) on the session-start rules and 80.6 % on the rules of the moment, none of 76 "other" alarmed; then read: 92.7 %, none alarmed. Kept out of training',
  },
  {
    file: 'everyday-b64.jsonl', size: 300, what: 'everyday messages full of money, police, court, code and loan words (family, work, school, landlords, notices), 283 "other" and 17 genuine reminders, written blind', floor: 1, maxAlarms: 4,
    history: 'measured unread: 6 of 283 "other" called 诈骗 or 违规催收 on the session-start rules and on the rules of the moment (2 可疑), the 17 reminders all 正常催收; then read: 4 alarmed. Kept out of training',
  },
  {
    file: 'sourced-c61.jsonl', size: 45, what: "loan apps' and collection systems' templates in public code, an archive of grey-trade articles quoting frauds, notices (sourced)", floor: 0.73, maxAlarms: 0,
    history: 'measured unread at 60.0 % (18 of 30) on the session-start rules and on the rules of the moment, none of 15 "other" alarmed; then read: 73.3 %, none alarmed. Kept out of training',
  },
  {
    file: 'violations-b65.jsonl', size: 300, what: 'rule-breaking collection (180, 137 with no word of a debt: menace, funeral things, shaming to groups, contacts told, night calls), lawful collection (50) and everyday look-alikes (70), written blind', floor: 0.92, maxAlarms: 7,
    history: 'measured unread at 67.0 % (154 of 230; the threats only 110 of 180) on the session-start rules and on the rules of the moment, 12 and 11 of 70 "other" alarmed; then read: 93.0 %, 3 alarmed, and 7 after the adversarial review a68 took back the jest words 蹭饭, 逃课 and 🎉. Kept out of training',
  },
  {
    file: 'collection-b66.jsonl', size: 260, what: 'genuine collection by banks, lenders, agencies and lawyers (153, most with no debt word; contacts asked for a call-back), look-alikes (87) and the scams that copy it (20), written blind', floor: 0.97, maxAlarms: 2,
    history: 'measured unread at 90.2 % (156 of 173) on the session-start rules and on the rules of the moment, 5 of 87 "other" alarmed; then read: 97.1 %, 2 alarmed. Kept out of training',
  },
  {
    file: 'adversary-a68.jsonl', size: 120, what: "the seventeenth session's second adversarial review's texts (families' funerals, house-warmings, genuine call-backs; threats behind jest words and news frames; the new threats reworded; chat handles in other spellings)", floor: 0.85, maxAlarms: 5,
    history: 'on the session-start rules 63.4 %, 5 of 38 alarmed; against the rules of the moment 59.8 %, 7 alarmed — 2 better, 7 worse (a family\'s funeral and Qingming offerings; threats behind 🎉, 蹭饭, 逃课, "律师教你", "的自述"); the jest words and news frames dropped, the funeral shape narrowed, the rewordings mended: 85.4 %, 5 alarmed. Kept out of training',
  },
  {
    file: 'season-b69.jsonl', size: 200, what: 'one collection season around five borrowers and everyone near them: rule-breaking collection (70, half with no debt word), lawful reminders and call-backs (50), scams (30), other (50), written blind', floor: 0.94, maxAlarms: 1,
    history: 'written after the b65/b66 mends and measured unread on the session-start rules at 77.3 % (116 of 150; threats 54 of 70, genuine 33 of 50) and on the rules of the moment at 79.3 % (57 and 33): those mends carried two points; 3 of 50 "other" alarmed on both; then read: 94.0 %, 1 alarmed. Kept out of training',
  },
  {
    file: 'adversary-a72.jsonl', size: 100, what: "the seventeenth session's third adversarial review's texts (real supervision accounts, missing-child notices, mediation notices; fakes behind the genuine shapes; the new threats reworded)", floor: 0.95, maxAlarms: 1,
    history: 'on the session-start rules 80.0 %, 1 of 30 alarmed; against the rules of the moment 80.0 %, 2 alarmed — 1 worse (a housing bureau\'s pre-sale supervision account); narrowed and mended: 95.7 %, 1 alarmed. Kept out of training',
  },
  {
    file: 'quotes-b70.jsonl', size: 200, what: 'quoted words as news, judgments, police, regulators, complaint posts and TV cite them, 50 of each label, in varied voices with few stock phrases, written blind', floor: 0.85, maxAlarms: 1,
    history: 'measured unread at 70.7 % (106 of 150) on the session-start rules and 72.0 % on the rules of the moment (genuine collection 27 and 28 of 50), 3 of 50 "other" alarmed on both; then read: 86.7 %, none alarmed; 85.3 % and 1 alarmed after the adversarial review a74 narrowed its mends. Kept out of training',
  },
  {
    file: 'templates-b71.jsonl', size: 200, what: "SMS, push, robocall and call-centre templates as lending, bank, collection and telecom systems' code and fixtures hold them (placeholders kept), all four labels, written blind", floor: 0.92, maxAlarms: 0,
    history: 'measured unread at 86.7 % (130 of 150) on the session-start rules and 89.3 % on the rules of the moment, none of 50 "other" alarmed; then read: 92.7 %. Kept out of training',
  },
  {
    file: 'adversary-a74.jsonl', size: 100, what: "the seventeenth session's fourth adversarial review's texts (school notices, parents, unions, slang in the new threat shapes; fakes behind the new genuine shapes; rewordings)", floor: 0.94, maxAlarms: 0,
    history: 'on the session-start rules 82.7 %, none of 25 alarmed; against the rules of the moment 82.7 %, 6 alarmed — 1 better, 7 worse (a school\'s teachers\' numbers, a parent\'s "陪你聊到天亮", homeowners\' suit, "扛得住", a union, "要你命" in a joke, a threat behind "被告人以"); narrowed and mended: 94.7 %, none alarmed. Kept out of training',
  },
  {
    file: 'quotes-b73.jsonl', size: 200, what: 'quoted words from media, judgments, procuratorates, police, regulators, complaint platforms and compliance reports, 50 of each label, written blind', floor: 0.8, maxAlarms: 2,
    history: 'measured unread at 68.7 % (103 of 150) on the session-start rules and 69.3 % on the rules of the moment (genuine collection 20 of 50: its quotes are often bare call lines), 2 of 50 "other" alarmed; then read: 80.0 %, 2 alarmed. Kept out of training',
  },
  {
    file: 'everyday-b78.jsonl', size: 300, what: "short everyday lines that use menace's words (care, jokes, plans: 我知道你住哪, 收拾你, 后果你自己想), 60 of them with money in ordinary ways, and collectors' menace, half with no word of money; 220 \"other\", 80 rule-breaking, written blind", floor: 0.93, maxAlarms: 6,
    history: 'measured unread at 83.8 % (67 of 80) on the session-start engine (rules -86) and 86.3 % (69) on the retrained violation model (-87), 9 of 220 "other" alarmed on both (7 by rules about homes, schools and shaming that fire on friendly words, 2 bill-splitting asks called 诈骗); then read and learnt by the violation and collection models (in-sample since: 93.8 %, 9 alarmed); 95.0 % and 4 alarmed with the violation model\'s veto (rules -90); 6 alarmed once b84 was learnt (-92): its subtle menace ("你儿子名字叫…吧", "我们的人碰见了") is written in these very words of care ("刚在你们学校门口看到你儿子了", "我知道你住哪")',
  },
  {
    file: 'violations-b81.jsonl', size: 300, what: "rule-breaking collection in the forms people meet (sms, app, call, retold, messages to contacts, complaint posts; a third subtle), lawful collection as minimal pairs (a third stern), and others' words about collection (news, lawyers' advice, family); 150 rule-breaking, 100 genuine, 50 \"other\", written blind", floor: 0.91, maxAlarms: 1,
    history: 'measured unread at 75.2 % (188 of 250: rule-breaking 95 of 150, genuine 93 of 100) on the session-start engine (rules -87) and on the suspicion model (-88), 9 of 50 "other" alarmed on both (news, lawyers\' advice and family messages about collectors called rule-breaking); then read and learnt by the side models (in-sample since: 88.8 %, rule-breaking 127 of 150, 9 alarmed); 91.2 % and 1 alarmed with the sign threshold and the violation model\'s veto (rules -90)',
  },
  {
    file: 'violations-b84.jsonl', size: 300, what: "subtle rule-breaking collection (third parties told in polite words or after the fact, implied menace — the child's school, the route home, the mother at the market —, false consequences told as fact, fees outside the contract, borrowing elsewhere to repay; sms, chat, speech-to-text calls, letters, posts, ~13 % Cantonese or Taiwan wording), lawful collection (a third minimal pairs), others' words about collection; 150 rule-breaking, 100 genuine, 50 \"other\", written blind", floor: 0.94, maxAlarms: 3,
    history: 'measured unread at 62.8 % (157 of 250: rule-breaking 68 of 150, genuine 89 of 100) on the session-start engine (rules -91) and 63.2 % (158) on the engine of the moment (-92 before it was read, the veto tried at -5), 4 and 5 of 50 "other" alarmed; then read and learnt by the side models (rules -92, in-sample since: 95.6 %, rule-breaking 143 of 150, 2 alarmed). No rule was written from it',
  },
];
