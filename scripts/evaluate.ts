/**
 * `npm run evaluate [-- --write] [-- --wrong]`: every figure issue 11 sets a target for,
 * measured on the current engine:
 *   1. the sourced real-world set (data/eval/real.jsonl): right per label, what a person is told;
 *   2. the team's own hand-written examples (not blind: the rules were written with them);
 *   3. false alarms on ordinary texts (../shared/data/sms-ordinary-dev.jsonl; measured only) and on
 *      everyday chat (data/eval/chat-ordinary.jsonl, and real lines in data/eval/chat-real.jsonl);
 *   4. scam recall and false alarms on the public TF5 data, out of fold (runs `npm run train`
 *      into a temporary folder; the committed model is not touched).
 * --write replaces the part of docs/evaluation-real-world.md between its markers; --wrong lists
 * the misses of the own examples; --wrong-tuning those of the real-world set's odd ids
 * (--all-halves: of every row).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../src/engine/check.js';
import { loadData, loadEngine, normaliserFrom, packageRoot } from '../src/data/load.js';
import { DEFAULT_TRAIN_OPTIONS, train } from '../src/engine/classifier.js';
import { decodeHalf } from '../src/data/engine-from.js';
import { encodeHalf, MANTISSA_BITS } from '../src/data/half-encode.js';
import { caught, EVALUATED_SETS, figures, judge, LABELS, ordinaryFigures, otherFigures, OWN_SETS, ownExamples, pct, readExamples, readJsonl, readOwn, readReal, sharedData, type Example, type Judged, type LabelledFigures } from './eval-sets.js';
import { readTf5, scamTrainingSet, tf5Examples } from './tf5.js';
import { passOf, projectScamExamples, trainViolationModel } from './violation-model.js';

const root = packageRoot();
const engine = await loadEngine(root);
const out: string[] = [];
const wrongOwn: string[] = [];
const tuningMisses: string[] = [];
const say = (s = ''): void => {
  out.push(s);
};

function table(f: LabelledFigures): void {
  say(`| label \\ verdict | ${LABELS.join(' | ')} | right |`);
  say(`|---|${LABELS.map(() => '---|').join('')}---|`);
  for (const l of LABELS) {
    const row = f.table[l];
    if (row === undefined) continue;
    say(`| ${l} | ${LABELS.map((v) => row[v] ?? 0).join(' | ')} | ${f.right[l]!.right}/${f.right[l]!.n} |`);
  }
}

say(`Engine: rules ${engine.rules.meta.version}, model ${engine.model.version}. Date of run: ${new Date().toISOString().slice(0, 10)}.`);
say();

// 1. Real-world set.
const real = readReal(root);
say('## 1. Sourced real-world texts (data/eval/real.jsonl)');
say();
if (real === undefined) say('(absent)');
else {
  // Judged once; every figure below is a view of these results.
  const judged = judge(engine, real);
  const isRelated = (j: { label: string }): boolean => j.label !== 'other';
  const idNumber = (j: { id: string }): number => Number(j.id.replace(/\D/g, ''));
  // Passes 1-3 (r001-r132): odd ids read while writing rules, even ids measured unread once;
  // pass 4 (r201-): measured unread once, then read.
  const groups = [
    ['r001–r132, odd ids (read while writing rules)', (j: { id: string }) => idNumber(j) < 200 && idNumber(j) % 2 === 1, true],
    ['r001–r132, even ids (measured unread once, then read)', (j: { id: string }) => idNumber(j) < 200 && idNumber(j) % 2 === 0, false],
    ['r201–r254, fourth pass (measured unread once on 2026-11-29, then read)', (j: { id: string }) => idNumber(j) >= 200 && idNumber(j) < 300, false],
    ['r301–r346, fifth pass (measured unread once on 2026-11-29, then read)', (j: { id: string }) => idNumber(j) >= 300 && idNumber(j) < 400, false],
    ['r401–r448, sixth pass (measured unread once on 2026-11-29, then read)', (j: { id: string }) => idNumber(j) >= 400 && idNumber(j) < 500, false],
    ['r501–r554, seventh pass (measured unread once on 2026-11-29, evening, then read)', (j: { id: string }) => idNumber(j) >= 500 && idNumber(j) < 600, false],
    ['r601–r651, eighth pass (measured unread once on 2026-11-29, evening, then read)', (j: { id: string }) => idNumber(j) >= 600 && idNumber(j) < 700, false],
    ['r701–r748, ninth pass (measured unread once on 2026-11-29, evening, after the lexicon; then read)', (j: { id: string }) => idNumber(j) >= 700 && idNumber(j) < 800, false],
    ['r801–r850, tenth pass (measured unread once on 2026-11-30, then read)', (j: { id: string }) => idNumber(j) >= 800 && idNumber(j) < 900, false],
    ['r901–r950, eleventh pass (kept sealed through the night\'s rule work, measured unread once at its end on 2026-11-30, then read)', (j: { id: string }) => idNumber(j) >= 900 && idNumber(j) < 1000, false],
    ['r1001–r1050, twelfth pass (measured unread on 2026-11-30 before and after the learned violation model, kept unread until the engine was frozen, then read)', (j: { id: string }) => idNumber(j) >= 1000 && idNumber(j) < 1100, false],
    ['r1101–r1150, thirteenth pass (measured unread on 2026-11-30 on the session-start engine and after each rule change of the morning — the same figures each time — then read)', (j: { id: string }) => idNumber(j) >= 1100 && idNumber(j) < 1200, false],
    ['r1201–r1250, fourteenth pass (measured unread on 2026-11-30 on the session-start engine and on the morning\'s — the same figures both times — then read)', (j: { id: string }) => idNumber(j) >= 1200 && idNumber(j) < 1300, false],
    ['r1301–r1344, fifteenth pass (measured unread at the end of the morning on the session-start engine and on the morning\'s last — the same collection-related figure both times — then read)', (j: { id: string }) => idNumber(j) >= 1300 && idNumber(j) < 1400, false],
    ['r1401–r1440, sixteenth pass (measured unread on 2026-11-30 on the second session\'s start engine and after each of its rule changes — the same figures each time — then read)', (j: { id: string }) => idNumber(j) >= 1400 && idNumber(j) < 1500, false],
    ['r1501–r1542, seventeenth pass (measured unread on 2026-11-30 on the second session\'s start engine, 34.6 %, and after its rule changes, 30.8 %, then read)', (j: { id: string }) => idNumber(j) >= 1500 && idNumber(j) < 1600, false],
    ['r1601–r1650, eighteenth pass (measured unread on 2026-11-30 on the third session\'s start engine and before reading, 77.8 % both times, then read)', (j: { id: string }) => idNumber(j) >= 1600 && idNumber(j) < 1700, false],
    ['r1701–r1741, nineteenth pass (measured unread on 2026-11-30 on the third session\'s start engine and before reading, 0 % both times, then read)', (j: { id: string }) => idNumber(j) >= 1700 && idNumber(j) < 1800, false],
    ['r1801–r1840, twentieth pass (measured unread on 2026-11-30 on the third session\'s start engine and before reading, 56.3 % both times, then read)', (j: { id: string }) => idNumber(j) >= 1800 && idNumber(j) < 1900, false],
    ['r1901–r1927, twenty-first pass (measured unread on 2026-11-30 on the fourth session\'s start engine and after its first rule changes, 60.9 % both times, then read)', (j: { id: string }) => idNumber(j) >= 1900 && idNumber(j) < 2000, false],
    ['r2001–r2044, twenty-second pass (measured unread on 2026-11-30 on the fourth session\'s start engine, 36.4 %, then read)', (j: { id: string }) => idNumber(j) >= 2000 && idNumber(j) < 2100, false],
    ['r2101–r2146, twenty-third pass (measured unread on 2026-11-30 on the fifth session\'s start engine and on its engine of the moment, 47.6 % both times, then read)', (j: { id: string }) => idNumber(j) >= 2100 && idNumber(j) < 2200, false],
    ['r2201–r2241, twenty-fourth pass (measured unread on 2026-11-30 on the fifth session\'s start engine and on its engine of the moment, 40.9 % both times, then read)', (j: { id: string }) => idNumber(j) >= 2200 && idNumber(j) < 2300, false],
    ['r2301–r2325, twenty-fifth pass (measured unread on 2026-11-30 on the fifth session\'s start engine and on its engine of the moment, 31.3 % both times, then read)', (j: { id: string }) => idNumber(j) >= 2300 && idNumber(j) < 2400, false],
    ['r2601–r2642, twenty-sixth pass (two helpers; measured unread on 2026-11-30 on the sixth session\'s start engine, 66.7 % of r2601–r2633 and 1 of 2 of r2634–r2642, and on its engine of the moment, 55.6 %, then read)', (j: { id: string }) => idNumber(j) >= 2600 && idNumber(j) < 2700, false],
  ] as const;
  const f = figures(judged);
  const fr = figures(judged.filter(isRelated));
  say(`${real.length} rows, each with its public source (data/eval/README.md), gathered by helpers who did not see the rules. Labels are one person's judgement. **None of these figures is blind any more**: of the first 132 rows the odd-numbered were read while writing rules from the start and the even-numbered were measured once unread and then read; the fourth to twenty-sixth passes (r201–r254, r301–r346, r401–r448, r501–r554, r601–r651, r701–r748, r801–r850, r901–r950, r1001–r1050, r1101–r1150, r1201–r1250, r1301–r1344, r1401–r1440, r1501–r1542, r1601–r1650, r1701–r1741, r1801–r1840, r1901–r1927, r2001–r2044, r2101–r2146, r2201–r2241, r2301–r2325, r2601–r2642) were measured once unread and then read (the first-look figures are in the text above). The independent held-out set decides how the rules generalise.`);
  say();
  table(f);
  for (const [name, inGroup, tuning] of groups) {
    const inHalf = judged.filter(inGroup);
    const fh = figures(inHalf.filter(isRelated));
    const all = figures(inHalf);
    say();
    table(all);
    say();
    say(`**${name}**: collection-related rows right ${pct(fh.overall.right, fh.overall.n)} (${fh.overall.right}/${fh.overall.n}); all rows ${pct(all.overall.right, all.overall.n)} (${all.overall.right}/${all.overall.n}); genuine called 诈骗 ${all.genuineCalledScam.length}; "other" called 诈骗 ${all.otherCalledScam.length}.`);
    if (tuning || process.argv.includes('--all-halves')) tuningMisses.push(...all.wrong.map((w) => `${w.id} expected ${w.label}, got ${w.got.verdict}/${w.got.assessment} [${w.got.signals.map((x) => `${x.id}:${x.weight}`).join(' ')}] ${w.text.slice(0, 100)}`));
  }
  say();
  say('| measure | value | target |');
  say('|---|---|---|');
  say(`| collection-related rows right (scam, rule-breaking, genuine) | ${pct(fr.overall.right, fr.overall.n)} (${fr.overall.right}/${fr.overall.n}) | ≥ 85 % |`);
  // The issue's own count for TF5 (principle 6): a scam with no ask yet, told 可疑, counts as caught.
  const relatedCaught = judged.filter(isRelated).filter((j) => j.got.verdict === j.label || (j.label === 'scam' && j.got.assessment === 'suspicious')).length;
  say(`| the same, a scam row with no ask told 可疑 counted as caught (as the issue counts TF5) | ${pct(relatedCaught, fr.overall.n)} (${relatedCaught}/${fr.overall.n}) | |`);
  say(`| all rows right (verdict) | ${pct(f.overall.right, f.overall.n)} (${f.overall.right}/${f.overall.n}) | |`);
  say(`| all rows right as told to the person (assessment = label) | ${pct(f.strict.right, f.strict.n)} (${f.strict.right}/${f.strict.n}) | |`);
  const scams = judged.filter((j) => j.label === 'scam');
  const warned = scams.filter((j) => j.got.verdict === 'scam' || j.got.assessment === 'suspicious').length;
  say(`| scam rows told 诈骗 or 可疑 (no ask in the text: principle 1) | ${pct(warned, scams.length)} (${warned}/${scams.length}) | |`);
  say(`| genuine collection called 诈骗 | ${f.genuineCalledScam.length} | 0 |`);
  say(`| "other" rows (warnings, ordinary) called 诈骗 | ${f.otherCalledScam.length} | 0 |`);
  const assess = new Map<string, number>();
  for (const j of judged) assess.set(j.got.assessment, (assess.get(j.got.assessment) ?? 0) + 1);
  say();
  say(`What people are told: ${[...assess.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}.`);

  // Both learned models learnt from these rows: judge each pass with models trained without it.
  say();
  say('**Out of pass (neither learned model saw the pass it judges).** The violation model and the scam classifier are trained on this set and on the written examples (the violation model also on the later sets read, the scam classifier on TF5), so the figures above are in-sample for them. Here each pass is judged by models trained on everything except that pass (the written examples and the later sets stay in; some of them paraphrase rows of earlier passes; the scam classifier keeps the committed threshold and calibration). The rules are the same in both: they were widened after reading every pass, so this measures what the models add on unseen text, not the rules.');
  say();
  const data = await loadData(root);
  const normaliser = normaliserFrom(data);
  const vData = readExamples(root);
  const ownData = ownExamples(root);
  const passes = [...new Set(real.map((r) => passOf(r.id)))];
  const devForPasses = sharedData(root, 'dev.jsonl');
  const tf5 = devForPasses === undefined ? undefined : tf5Examples(readTf5(devForPasses).rows, (t) => normaliser.normalise(t).text);
  const realIds = new Set(real.map((r) => r.id));
  const oop: Judged[] = [];
  say('| pass | collection-related right, out of pass | in-sample | all rows right, out of pass |');
  say('|---|---|---|---|');
  for (const p of passes) {
    const keep = (e: Example): boolean => !(realIds.has(e.id) && passOf(e.id) === p);
    const { model } = trainViolationModel(vData, data, normaliser, root, keep);
    let scamModel = engine.model;
    if (tf5 !== undefined) {
      // rounded as the weights file stores them
      const w = train(scamTrainingSet(tf5, projectScamExamples(ownData, normaliser, keep)), DEFAULT_TRAIN_OPTIONS);
      scamModel = { ...engine.model, bias: w.bias, weights: decodeHalf(encodeHalf(w.weights, MANTISSA_BITS)) };
    }
    const passEngine = { ...engine, model: { ...scamModel, violation: model } };
    const rows = real.filter((r) => passOf(r.id) === p);
    const j = judge(passEngine, rows);
    oop.push(...j);
    const rel = figures(j.filter(isRelated));
    const inSample = figures(judged.filter((x) => passOf(x.id) === p && isRelated(x)));
    const all = figures(j);
    say(`| ${p} | ${pct(rel.overall.right, rel.overall.n)} (${rel.overall.right}/${rel.overall.n}) | ${pct(inSample.overall.right, inSample.overall.n)} | ${pct(all.overall.right, all.overall.n)} |`);
  }
  const o = figures(oop.filter(isRelated));
  const oa = figures(oop);
  say(`| **all** | **${pct(o.overall.right, o.overall.n)} (${o.overall.right}/${o.overall.n})** | ${pct(fr.overall.right, fr.overall.n)} | ${pct(oa.overall.right, oa.overall.n)}; genuine called 诈骗 ${oa.genuineCalledScam.length}, "other" called 诈骗 ${oa.otherCalledScam.length} |`);
}
say();

// 2. Own examples.
say('## 2. The team\'s own hand-written examples (not blind)');
say();
say('| set | n | scam | rule-breaking | genuine | other | note |');
say('|---|---|---|---|---|---|---|');
for (const s of OWN_SETS) {
  const f = figures(judge(engine, readOwn(root, s.file)));
  const cell = (l: string) => (f.right[l] ? `${f.right[l]!.right}/${f.right[l]!.n}` : '—');
  say(`| ${s.file} | ${f.n} | ${cell('scam')} | ${cell('collection_violation')} | ${cell('collection')} | ${cell('other')} | ${s.note} |`);
  for (const w of f.wrong) wrongOwn.push(`${w.id}: expected ${w.label}, got ${w.got.verdict}/${w.got.assessment} [${w.got.signals.map((x) => `${x.id}:${x.weight}`).join(' ')}] ${w.text.slice(0, 80)}`);
}
say();

// 3. Ordinary texts: the SMS set, then everyday chat.
/** The answers given to texts that are neither collection nor a scam, as a table against the targets for ordinary texts. */
function ordinaryTable(texts: readonly string[], intro: (n: number) => string, targetHead: string): void {
  const f = ordinaryFigures(texts.map((text) => classify(engine, { text, date: '2026-11-28' })));
  say(intro(f.n));
  say();
  say(`| answer | share | ${targetHead} |`);
  say('|---|---|---|');
  say(`| 诈骗 or 违规催收 | ${pct(f.alarms, f.n, 2)} (${f.scam} + ${f.violation}) | ≤ 0.5 % |`);
  say(`| 可疑，需警惕 (suspicious: wording only, no ask) | ${pct(f.suspicious, f.n, 2)} (${f.suspicious}) | ≤ 3 % |`);
  say(`| 无法确定 (can't tell) | ${pct(f.uncertain, f.n, 2)} (${f.uncertain}) | |`);
  say(`| 正常催收 | ${pct(f.collection, f.n, 2)} (${f.collection}) | |`);
}
say('## 3. Ordinary texts: false alarms (../shared/data/sms-ordinary-dev.jsonl)');
say();
const ordPath = sharedData(root, 'sms-ordinary-dev.jsonl');
if (ordPath === undefined) say('(absent: ../shared/data is not beside this checkout)');
else {
  ordinaryTable(
    readJsonl<{ text: string }>(ordPath).map((r) => r.text),
    (n) => `${n} everyday texts (measured only; never trained on). The suspicion threshold and the confidence bands were chosen looking at these totals.`,
    'target',
  );
}
say();

// 3b. Everyday personal chat, written blind.
say('### Everyday personal chat (data/eval/chat-ordinary.jsonl)');
say();
ordinaryTable(
  readJsonl<{ text: string }>(join(root, 'data', 'eval', 'chat-ordinary.jsonl')).map((r) => r.text),
  (n) =>
    `${n} messages between family, friends, partners, colleagues and neighbours, written by four helpers blind to the rules (2026-11-30): c001–c300, measured once unread (诈骗 or 违规催收 4.3 %, 可疑 10.7 %), then read (docs/evaluation-real-world.md, item 22); d001–d300 (one message of symbols only left out), measured unread on the session-start engine (6.0 %, 2.3 %) and after the scam classifier learnt from the project's texts (4.0 %, 0 %), then read (item 23); e001–e300, measured unread the same way (8.0 %, 2.3 % → 4.3 %, 1.7 %), then read (item 23); f001–f300 (one message already in the set left out), measured unread on the fifth session's start engine and on its engine of the moment (6.3 %, 0.7 % → 6.7 %, 0.7 %), then read (item 29). **In-sample since**: the rules were mended after reading them.`,
  'target (as for ordinary texts)',
);
say();

// 3c. Real everyday chat from public corpora.
say('### Everyday chat from public corpora (data/eval/chat-real.jsonl)');
say();
ordinaryTable(
  readJsonl<{ text: string }>(join(root, 'data', 'eval', 'chat-real.jsonl')).map((r) => r.text),
  (n) =>
    `${n} real lines of everyday chat copied by a helper from public dialogue data kept in repositories (Weibo conversations of the LCCC sample, customers' side of the JDDC 2019 shop customer-service data, a small chat sample), half of them with money, refunds, cards, codes, police or threats in jest; each row names its file. Measured once unread on the ninth session's start engine (诈骗 or 违规催收 0.33 %, 可疑 2.29 %), then read (docs/evaluation-real-world.md, item 40): **in-sample since**.`,
  'target (as for ordinary texts)',
);
say();

// 3d. People's own questions about their loans.
say("### People's own questions about their loans (data/eval/loan-questions.jsonl)");
say();
ordinaryTable(
  ['loan-questions.jsonl', 'loan-questions-2.jsonl'].flatMap((f) => readJsonl<{ text: string }>(join(root, 'data', 'eval', f)).map((r) => r.text)),
  (n) =>
    `${n} real sentences customers typed to their lender's service (AFQMC and ATEC: 花呗, 借呗; the BQ corpus: 微粒贷), in two batches (840 and 659), most about overdue loans, repayment, credit, limits, interest, cards, codes or accounts. Not one is a lender's or a collector's message, so 正常催收 is an error here too. The first batch measured once unread on rules 2026.12.01-61 (正常催收 13.3 %, 诈骗 or 违规催收 1.43 %, 可疑 4.88 %), then read and mended; the second measured unread after the mend (正常催收 3.8 %, against 18.5 % before it; 2.58 %; 1.67 %), then read (docs/evaluation-real-world.md, item 41): **in-sample since**.`,
  'target (as for ordinary texts)',
);
say();

// 3e. The later sets kept apart in data/eval (each measured once unread, then read: in-sample since).
say('### Later sets kept apart (data/eval/*.jsonl): each measured once unread, then read');
say();
say('The first-look figure of each, and what was mended, are in docs/evaluation-real-world.md (items 37–54) and data/eval/README.md; the figures below are today\'s, **in-sample**. Collection-related rows count as right with their own verdict, a scam also when told 可疑 (an opener with no ask yet).');
say();
say('| set | kind | collection-related right | "other": 诈骗 or 违规催收 | "other": 正常催收 |');
say('|---|---|---|---|---|');
for (const [file, kind] of EVALUATED_SETS) {
  const rows = readJsonl<{ text: string; label?: string }>(join(root, 'data', 'eval', file)).map((r) => ({ row: { label: r.label ?? 'other' }, got: classify(engine, { text: r.text, date: '2026-12-01' }) }));
  const { right, n } = caught(rows);
  const other = otherFigures(rows);
  say(`| ${file} | ${kind} | ${n ? `${pct(right, n)} (${right}/${n})` : '—'} | ${other.n ? `${other.alarms} of ${other.n}` : '—'} | ${other.n ? `${other.collection} of ${other.n}` : '—'} |`);
}
say();
{
  // The issue's "fraud spam with an ask ≥ 80 %" on sourced text rather than TF5 (section 4): every scam row
  // of the four sourced fraud sets (a few are openers with no ask in the words quoted).
  const scams = ['fraud-real.jsonl', 'fraud-real-2.jsonl', 'fraud-fbs.jsonl', 'fraud-c41.jsonl'].flatMap((file) =>
    readJsonl<{ text: string; label?: string }>(join(root, 'data', 'eval', file))
      .filter((r) => r.label === 'scam')
      .map((r) => classify(engine, { text: r.text, date: '2026-12-01' })),
  );
  const called = scams.filter((c) => c.verdict === 'scam').length;
  say(`**Sourced fraud texts** (fraud-real, fraud-real-2, fraud-fbs, fraud-c41; ${scams.length} scam rows, nearly all with an ask): called 诈骗 **${pct(called, scams.length)}** (${called}/${scams.length}), in-sample after reading — first looks 56.7 %, 42.6 %, 33.9 % and 36.0 % (fraud-c41, sixteenth session: 37.3 % on the rules of the moment, after the fraud families mended from the blind set fraud-b41). The issue's ≥ 80 % for fraud with an ask is met on TF5 (section 4), **not on sourced text**.`);
  say();
}

// 4. TF5, out of fold.
say('## 4. Public TF5 data, 5-fold cross-validation (../shared/data/dev.jsonl)');
say();
const devPath = sharedData(root, 'dev.jsonl');
if (devPath === undefined || process.argv.includes('--no-cv')) say('(skipped)');
else {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-eval-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'train.ts'), '--out', dir, '--cv-rows', join(dir, 'cv.jsonl')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const rows = readJsonl<{ label: string; subtype: string; verdict: string; assessment: string; asks: number }>(join(dir, 'cv.jsonl'));
    const scams = rows.filter((r) => r.label === 'scam');
    const ordinary = rows.filter((r) => r.label !== 'scam');
    const n = (xs: typeof rows, p: (r: (typeof rows)[number]) => boolean) => xs.filter(p).length;
    const withAsk = scams.filter((r) => r.asks > 0);
    say(`${rows.length} messages (${scams.length} scams, ${ordinary.length} ordinary); each judged by a model trained without it. Placeholders of the data set are replaced by text of the same shape.`);
    say();
    say('| measure | value | target |');
    say('|---|---|---|');
    const called = n(scams, (r) => r.verdict === 'scam');
    const told = n(scams, (r) => r.verdict === 'scam' || r.assessment === 'suspicious');
    say(`| scams called 诈骗 | ${pct(called, scams.length, 2)} (${called}/${scams.length}) | ≥ 90 % |`);
    say(`| scams called 诈骗 or 可疑 (no ask yet) | ${pct(told, scams.length, 2)} (${told}/${scams.length}; ≥ 98 % is ${Math.ceil(scams.length * 0.98)}) | ≥ 98 % |`);
    say(`| scams with an ask, called 诈骗 | ${pct(n(withAsk, (r) => r.verdict === 'scam'), withAsk.length, 2)} (${withAsk.length} such scams) | ≥ 80 % (fraud with an ask) |`);
    say(`| ordinary called 诈骗 | ${pct(n(ordinary, (r) => r.verdict === 'scam'), ordinary.length, 2)} | ≤ 1 % |`);
    say(`| ordinary called 可疑 | ${pct(n(ordinary, (r) => r.assessment === 'suspicious'), ordinary.length, 2)} | |`);
    say();
    say('| scam subtype | n | 诈骗 | 诈骗 or 可疑 |');
    say('|---|---|---|---|');
    for (const st of [...new Set(scams.map((r) => r.subtype))].sort()) {
      const xs = scams.filter((r) => r.subtype === st);
      say(`| ${st} | ${xs.length} | ${pct(n(xs, (r) => r.verdict === 'scam'), xs.length)} | ${pct(n(xs, (r) => r.verdict === 'scam' || r.assessment === 'suspicious'), xs.length)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const text = out.join('\n') + '\n';
process.stdout.write(text);
if (process.argv.includes('--wrong')) process.stdout.write('\n## Misses in the own examples\n\n' + wrongOwn.map((w) => '- ' + w).join('\n') + '\n');
if (process.argv.includes('--wrong-tuning')) process.stdout.write('\n## Misses in the tuning half of the real-world set\n\n' + tuningMisses.map((w) => '- ' + w).join('\n') + '\n');
if (process.argv.includes('--write')) {
  const path = join(root, 'docs', 'evaluation-real-world.md');
  const doc = readFileSync(path, 'utf8');
  const a = doc.indexOf('<!-- evaluate:start -->');
  const b = doc.indexOf('<!-- evaluate:end -->');
  if (a < 0 || b < 0) throw new Error('docs/evaluation-real-world.md has no evaluate markers');
  writeFileSync(path, doc.slice(0, a) + '<!-- evaluate:start -->\n' + text + doc.slice(b));
  process.stderr.write('wrote docs/evaluation-real-world.md\n');
}
