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
import { caught, EVALUATED_SETS, figures, GUARDED_SETS as GUARDED, judge, ordinaryFigures, otherFigures, OWN_SETS, readJsonl, readOwn, readReal, sharedData } from '../scripts/eval-sets.js';
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


describe('later sets, each measured unread first (in-sample guards since)', () => {
  it('every guarded set is also one `npm run evaluate` reports', () => {
    const evaluated = new Set(EVALUATED_SETS.map(([file]) => file));
    for (const g of GUARDED) assert.ok(evaluated.has(g.file), g.file);
  });

  for (const g of GUARDED) {
    it(`${g.what} (data/eval/${g.file}): at least ${Math.round(g.floor * 100)} % of the collection-related rows right, at most ${g.maxAlarms} "other" rows 诈骗 or 违规催收`, () => {
      const judged = writtenSet<{ text: string; label: string }>(g.file, g.size, '2026-12-01');
      const { right, n } = caught(judged);
      // (a set of everyday look-alikes only, with no collection-related row, is held to its alarms alone)
      assert.ok(n === 0 || right / n >= g.floor, `${g.history}: ${right}/${n}`);
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
