/**
 * The issue-11 targets that can be held in a test: on the sourced real-world set
 * (data/eval/real.jsonl) and the hand-written sets, no genuine collection and no official
 * warning is called a scam, and the share right does not fall back; on the ordinary texts of
 * ../shared/data (read here, never trained on; skipped when absent) at most 0.5 % are called
 * 诈骗 or 违规催收 and at most 3 % "suspicious". These figures are not blind (docs/
 * evaluation-real-world.md says which were); they guard against regressions.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { classify, type Classification } from '../src/engine/check.js';
import { packageRoot } from '../src/data/load.js';
import { caught, figures, judge, ordinaryFigures, otherFigures, OWN_SETS, readJsonl, readOwn, readReal, sharedData } from '../scripts/eval-sets.js';
import { testEngine } from './helpers/engine.js';

const engine = await testEngine();
const root = packageRoot();

describe('sourced real-world texts', () => {
  const real = readReal(root);
  it('has at least 270 rows, each with a source and a reason', () => {
    assert.ok(real !== undefined && real.length >= 270);
    for (const r of readJsonl<{ source: string; reason: string }>(`${root}/data/eval/real.jsonl`)) {
      assert.ok(r.source.length > 5 && r.reason.length > 5);
    }
  });
  it('calls no genuine collection, no warning and no ordinary text a scam, but one official announcement', () => {
    const f = figures(judge(engine, real!));
    assert.deepEqual(f.genuineCalledScam, []);
    // In-sample since the scam classifier also learns from this set (rules 2026.11.30-25): until then
    // a telemarketing bot's deposit ask (r345) and a deceived victim's plea to her brother (r1117)
    // were answered as hedged scams. r1814 is a news agency relaying the 2026 one-off 征信修复
    // policy ("免申即享…不收取任何费用"): the very words credit-repair fraud now borrows, so it is
    // left a scam pattern rather than letting those words make any text a warning.
    assert.deepEqual(f.otherCalledScam, ['r1814']);
  });
  // A guard against falling back, not the target (85 %): 71.0 % when the ninth pass
  // was added, 71.4 % with the tenth, 71.2 % with the eleventh (first looks on their own: fourth pass 37.5 %,
  // fifth 60.0 %, sixth 38.1 %, seventh 39.5 %, eighth 39.5 %, ninth 36.4 %, tenth 46.9 %,
  // eleventh 39.4 %); not blind.
  it('gets at least 70 % of the collection-related rows right', () => {
    const f = figures(judge(engine, real!.filter((r) => r.label !== 'other')));
    assert.ok(f.overall.right / f.overall.n >= 0.7, `${f.overall.right}/${f.overall.n}`);
  });
});

describe('hand-written sets', () => {
  // A set written as training data for the violation model is no test of it (in-sample).
  for (const s of OWN_SETS.filter((x) => !('training' in x))) {
    // A set may name a lower floor and known harmful answers, each with its reason beside it in eval-sets.ts.
    const floor = 'floor' in s ? s.floor : 0.9;
    const known = 'known' in s ? s.known : { genuineCalledScam: [], otherCalledScam: [] };
    it(`${s.file}: no genuine collection or warning called a scam beyond those known, and at least ${floor * 100} % right`, () => {
      const f = figures(judge(engine, readOwn(root, s.file)));
      assert.deepEqual(f.genuineCalledScam, known.genuineCalledScam);
      assert.deepEqual(f.otherCalledScam, known.otherCalledScam);
      assert.ok(f.overall.right / f.n >= floor, `${f.overall.right}/${f.n}`);
    });
  }
});

/** A written set of data/eval (its size checked), each row with the check's answer. */
function writtenSet<R extends { text: string }>(file: string, size: number, date: string): { row: R; got: Classification }[] {
  const rows = readJsonl<R>(join(root, 'data', 'eval', file));
  assert.equal(rows.length, size);
  return rows.map((row) => ({ row, got: classify(engine, { text: row.text, date }) }));
}

describe('everyday personal chat (data/eval/chat-ordinary.jsonl)', () => {
  // Written blind by three helpers, each set measured unread (4.3 %, 6.0 % and 8.0 % alarms on the
  // engine before each was read), then read: in-sample since, so this guards against a rule that
  // starts firing on family and friends' talk again.
  it('calls at most 3 % 诈骗 or 违规催收, and at most 3.5 % suspicious', () => {
    const f = ordinaryFigures(writtenSet('chat-ordinary.jsonl', 1498, '2026-11-28').map((j) => j.got));
    assert.ok(f.alarms / f.n <= 0.03, `${f.alarms}/${f.n}`);
    assert.ok(f.suspicious / f.n <= 0.035, `${f.suspicious}/${f.n}`);
  });
});

describe('the seventh session\'s written sets (data/eval/mixed-t9.jsonl, everyday-g6.jsonl, fragments-f10.jsonl)', () => {
  // Written blind, measured unread (94.0 % collection-related right; 3.0 % alarms), then read while
  // mending rules: in-sample since, so these are guards, not measures.
  it('gets at least 95 % of the mixed set\'s collection-related items right (a scam told 可疑 counts as caught) and calls at most 1 of its "other" items 诈骗', () => {
    const judged = writtenSet<{ text: string; label: string }>('mixed-t9.jsonl', 200, '2026-11-30');
    const { right, n } = caught(judged);
    assert.ok(right / n >= 0.95, `${right}/${n}`);
    const otherScam = judged.filter((j) => j.row.label === 'other' && j.got.verdict === 'scam').length;
    assert.ok(otherScam <= 1, `${otherScam}`);
  });

  it('gets at least 88 % of the fragments set\'s collection-related items right (data/eval/fragments-f10.jsonl: 76.7 % unread)', () => {
    const { right, n } = caught(writtenSet<{ text: string; label: string }>('fragments-f10.jsonl', 200, '2026-11-30'));
    assert.ok(right / n >= 0.88, `${right}/${n}`);
  });

  it('calls at most 1 % of the everyday set 诈骗 or 违规催收, and at most 3 % suspicious', () => {
    const f = ordinaryFigures(writtenSet('everyday-g6.jsonl', 300, '2026-11-30').map((j) => j.got));
    assert.ok(f.alarms / f.n <= 0.01, `${f.alarms}/${f.n}`);
    assert.ok(f.suspicious / f.n <= 0.03, `${f.suspicious}/${f.n}`);
  });
});

describe('the twenty-eighth and twenty-ninth real passes (data/eval/real-pass28.jsonl, real-pass29.jsonl)', () => {
  // Sourced quotes, measured unread (77.8 % and 78.6 % collection-related right), then read while
  // mending rules: in-sample since, so these are guards, not measures.
  for (const [file, size] of [['real-pass28.jsonl', 27], ['real-pass29.jsonl', 49]] as const) {
    it(`gets at least 90 % of ${file}'s collection-related rows right and calls none of its "other" rows 诈骗 or 违规催收`, () => {
      const judged = writtenSet<{ text: string; label: string }>(file, size, '2026-12-01');
      const { right, n } = caught(judged);
      assert.ok(right / n >= 0.9, `${right}/${n}`);
      const f = otherFigures(judged);
      assert.equal(f.alarms, 0);
    });
  }
});

describe('the thirtieth real pass and everyday chat from public corpora (data/eval/real-pass30.jsonl, chat-real.jsonl)', () => {
  // Measured unread (pass 30: 2 of 21 "other" rows alarmed, 6 called 正常催收; chat-real 0.33 %
  // alarms, 2.29 % 可疑), then read while mending rules: in-sample since, so these are guards.
  it('calls none of the thirtieth pass\'s bank and carrier receipts 正常催收, and no "other" row 诈骗 beyond the two known', () => {
    const judged = writtenSet<{ id: string; text: string; label: string }>('real-pass30.jsonl', 23, '2026-12-01');
    const other = judged.filter((j) => j.row.label === 'other');
    assert.deepEqual(other.filter((j) => j.got.verdict === 'collection').map((j) => j.row.id), []);
    // Known and left: a carrier's link on a provincial host (waphn.189.cn: folding drops the dots,
    // so a province's prefix cannot be told from a look-alike's) and a payment vendor's notice to
    // developers that reads as phishing ("尽快完成相关验证…以免影响交易" and a link).
    assert.deepEqual(other.filter((j) => j.got.verdict === 'scam').map((j) => j.row.id), ['r3005', 'r3018']);
  });
  it('calls at most 0.5 % of real everyday chat 诈骗 or 违规催收, and at most 3 % suspicious', () => {
    const f = ordinaryFigures(writtenSet('chat-real.jsonl', 918, '2026-12-01').map((j) => j.got));
    assert.ok(f.alarms / f.n <= 0.005, `${f.alarms}/${f.n}`);
    assert.ok(f.suspicious / f.n <= 0.03, `${f.suspicious}/${f.n}`);
  });
});

describe("people's own questions about their loans (data/eval/loan-questions.jsonl)", () => {
  // Real customers' questions to their lender (AFQMC, ATEC, BQ corpus), measured unread (13.3 % called
  // 正常催收, 1.43 % 诈骗 or 违规催收, 4.88 % 可疑), then read while mending: in-sample since, a guard.
  it('calls at most 4 % of them 正常催收 and at most 2 % 诈骗 or 违规催收', () => {
    const got = writtenSet('loan-questions.jsonl', 840, '2026-12-01').map((j) => j.got);
    const f = ordinaryFigures(got);
    assert.ok(f.collection / f.n <= 0.04, `${f.collection}/${f.n}`);
    assert.ok(f.alarms / f.n <= 0.02, `${f.alarms}/${f.n}`);
  });
  // The second batch, measured unread after the mend (3.8 % 正常催收, 2.58 % alarms), then read.
  it('calls at most 5 % of the second batch 正常催收 and at most 2.5 % 诈骗 or 违规催收', () => {
    const f = ordinaryFigures(writtenSet('loan-questions-2.jsonl', 659, '2026-12-01').map((j) => j.got));
    assert.ok(f.collection / f.n <= 0.05, `${f.collection}/${f.n}`);
    assert.ok(f.alarms / f.n <= 0.025, `${f.alarms}/${f.n}`);
  });
});

describe('real fraud texts from other sources (data/eval/fraud-real.jsonl, fraud-fbs.jsonl)', () => {
  // Measured unread (56.7 % and 33.9 % caught), then read while mending: in-sample since, a guard.
  it('catches at least 60 % of the pages\' scam texts and 64 % of the FBS rows (诈骗, or 可疑 for an opener)', () => {
    for (const [file, size, floor] of [['fraud-real.jsonl', 30, 0.6], ['fraud-fbs.jsonl', 62, 0.64]] as const) {
      const { right, n } = caught(writtenSet<{ text: string; label: string }>(file, size, '2026-12-01'));
      assert.ok(right / n >= floor, `${file}: ${right}/${n}`);
    }
  });
});

describe('more real chat (data/eval/chat-real-2.jsonl)', () => {
  // Measured unread (0.53 %; 7.0 % of the look-alikes alarmed), then read: in-sample since, guards.
  it('calls at most 0.6 % of the second real chat batch 诈骗 or 违规催收', () => {
    const f = ordinaryFigures(writtenSet('chat-real-2.jsonl', 952, '2026-12-01').map((j) => j.got));
    assert.ok(f.alarms / f.n <= 0.006, `${f.alarms}/${f.n}`);
  });
});

describe("lenders' SMS templates and messages reaching contacts (data/eval/templates-t13.jsonl, contacts-p14.jsonl)", () => {
  // Written blind, measured unread (89.3 % and 61.7 %), then read: in-sample since, guards.
  it('gets at least 89 % of the templates and 66 % of the contacts set right (collection-related)', () => {
    for (const [file, size, floor] of [['templates-t13.jsonl', 200, 0.89], ['contacts-p14.jsonl', 160, 0.66]] as const) {
      const { right, n } = caught(writtenSet<{ text: string; label: string }>(file, size, '2026-12-01'));
      assert.ok(right / n >= floor, `${file}: ${right}/${n}`);
    }
  });
  it('answers the fake student-loan cancellation template as a scam ("新规" is the scam\'s pretext, no warning)', () => {
    const row = readJsonl<{ id: string; text: string }>(join(root, 'data', 'eval', 'templates-t13.jsonl')).find((r) => r.id === 't089')!;
    assert.equal(classify(engine, { text: row.text, date: '2026-12-01' }).verdict, 'scam');
  });
});

describe('real fraud texts, second batch (data/eval/fraud-real-2.jsonl)', () => {
  // Gathered by a helper from police, news and issue pages (133 rows), measured unread (42.6 % of the scams
  // called 诈骗; one police warning alarmed), then read and mended by shape (66 %), then narrowed after an
  // adversarial review found the mends calling ordinary texts scams (56 %): in-sample since, a guard.
  it('calls at least 57 % of its scams 诈骗 and none of its genuine look-alikes 诈骗 or 违规催收', () => {
    const judged = writtenSet<{ text: string; label: string }>('fraud-real-2.jsonl', 133, '2026-12-01');
    const scams = judged.filter((j) => j.row.label === 'scam');
    const called = scams.filter((j) => j.got.verdict === 'scam').length;
    assert.ok(called / scams.length >= 0.57, `${called}/${scams.length}`);
    assert.equal(otherFigures(judged).alarms, 0);
  });
  it('answers word-segmented fraud (a corpus\'s format: words split by spaces) as it answers the same words run together', () => {
    const plain = '尊敬的招行用户您的手机银行将于今日失效请登入我行网址url重新激活';
    const spaced = '尊敬 的 招行 用户 您 的 手机 银行 将 于 今日 失效 请 登入 我行 网址 URL 重新 激活';
    assert.equal(classify(engine, { text: spaced, date: '2026-12-01' }).verdict, classify(engine, { text: plain, date: '2026-12-01' }).verdict);
    assert.equal(classify(engine, { text: spaced, date: '2026-12-01' }).verdict, 'scam');
  });
});

/**
 * Later sets of one shape, each measured unread first and then read (in-sample since): the share of
 * collection-related rows right (a scam told 可疑 counts) and the "other" rows called 诈骗 or 违规催收.
 * `history` says how each came to its floor (docs/evaluation-real-world.md has the figures).
 */
const GUARDED: readonly { file: string; size: number; what: string; floor: number; maxAlarms: number; history: string }[] = [
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
];

describe('later sets, each measured unread first (in-sample guards since)', () => {
  for (const g of GUARDED) {
    it(`${g.what} (data/eval/${g.file}): at least ${Math.round(g.floor * 100)} % of the collection-related rows right, at most ${g.maxAlarms} "other" rows 诈骗 or 违规催收`, () => {
      const judged = writtenSet<{ text: string; label: string }>(g.file, g.size, '2026-12-01');
      const { right, n } = caught(judged);
      assert.ok(right / n >= g.floor, `${g.history}: ${right}/${n}`);
      assert.ok(otherFigures(judged).alarms <= g.maxAlarms, `${g.history}: ${otherFigures(judged).alarms} alarms`);
    });
  }
});

describe('ordinary texts (../shared/data/sms-ordinary-dev.jsonl)', () => {
  const path = sharedData(root, 'sms-ordinary-dev.jsonl');
  it('calls at most 0.5 % 诈骗 or 违规催收, and at most 3 % suspicious', { skip: path === undefined ? '../shared/data is not beside this checkout' : false }, () => {
    const rows = readJsonl<{ text: string }>(path!);
    const f = ordinaryFigures(rows.map((r) => classify(engine, { text: r.text, date: '2026-11-28' })));
    assert.ok(f.alarms / f.n <= 0.005, `${f.alarms}/${f.n}`);
    assert.ok(f.suspicious / f.n <= 0.03, `${f.suspicious}/${f.n}`);
  });
});

// A quick guard for the TF5 target (≤ 1 % of its ordinary texts called 诈骗, measured out of fold by
// `npm run evaluate`): the rules alone must not call its ordinary texts scams. The committed model has
// seen these texts, so the figure here is in-sample and stricter; a rule that fires on everyday
// marketing ("点击链接领取…") shows up here at once.
describe('ordinary texts of the public TF5 data (../shared/data/dev.jsonl)', () => {
  const path = sharedData(root, 'dev.jsonl');
  it('calls at most 0.3 % of them 诈骗 (in-sample)', { skip: path === undefined ? '../shared/data is not beside this checkout' : false }, () => {
    const placeholders: Record<string, string> = { DIGIT: '8', NAME: '', PLACE: '', URL: 'http://t.cn/a', CELLPHONE: '13800000000', PHONE: '13800000000', HOTLINE: '4000000000' };
    const rows = readJsonl<{ text: string; label: string }>(path!).filter((r) => r.label === 'other');
    const scams = rows.filter((r) => classify(engine, { text: r.text.replace(/CELLPHONE|HOTLINE|DIGIT|PHONE|PLACE|NAME|URL/g, (m) => placeholders[m]!), date: '2026-11-28' }).verdict === 'scam').length;
    assert.ok(scams / rows.length <= 0.003, `${scams}/${rows.length}`);
  });
});
