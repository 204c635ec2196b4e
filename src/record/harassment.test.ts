import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { loadData } from '../data/load.js';
import { analyseHarassment, FINDING_WORDS, type ContactInput } from './harassment.js';
import { EventInput, type StoredEvent } from './schemas.js';

const data = await loadData();
const { law } = await testEngine();
let n = 0;
const ev = (over: Record<string, unknown>): StoredEvent => ({
  ...EventInput.parse({ kind: 'call_missed', occurred_at: '2026-11-20T10:00:00+08:00', number: '17012345678', ...over }),
  id: `e${++n}`,
  created_at: '2026-11-28T00:00:00Z',
  updated_at: '2026-11-28T00:00:00Z',
  source: 'manual',
  analysis: null,
  evidence: [],
});
const ids = (r: ReturnType<typeof analyseHarassment>, id: string): string[] => r.findings.find((f) => f.id === id)?.events ?? [];

describe('harassment analysis', () => {
  it('finds night contacts across midnight in the person\'s time zone', () => {
    const late = ev({ occurred_at: '2026-11-20T23:30:00+08:00' });
    const early = ev({ occurred_at: '2026-11-21T07:59:00+08:00' });
    const day = ev({ occurred_at: '2026-11-21T08:00:00+08:00' });
    const utcNight = ev({ occurred_at: '2026-11-21T15:00:00Z' }); // 23:00 in Shanghai
    const r = analyseHarassment([late, early, day, utcNight], data.harassment, law);
    assert.deepEqual(ids(r, 'NIGHT_CONTACT').sort(), [late.id, early.id, utcNight.id].sort());
  });

  it('flags more than 6 unanswered attempts a day from one number, not 6', () => {
    const six = Array.from({ length: 6 }, (_, i) => ev({ occurred_at: `2026-11-20T1${i}:00:00+08:00` }));
    assert.deepEqual(ids(analyseHarassment(six, data.harassment, law), 'UNANSWERED_OVER_LIMIT'), []);
    const seven = [...six, ev({ occurred_at: '2026-11-20T17:00:00+08:00' })];
    assert.equal(ids(analyseHarassment(seven, data.harassment, law), 'UNANSWERED_OVER_LIMIT').length, 7);
  });

  it('reports third-party contacts and disclosure', () => {
    const r = analyseHarassment([ev({ kind: 'third_party', contacted: 'employer', debt_disclosed: true }), ev({ kind: 'third_party', contacted: 'family' })], data.harassment, law);
    assert.match(r.findings.find((f) => f.id === 'THIRD_PARTY_CONTACT')!.title.en, /2 contacts with third parties, 1 disclosing/);
  });

  it('cites the public-security law in the version in force on the date of the events', () => {
    const night = (d: string) => ev({ occurred_at: `${d}T23:30:00+08:00` });
    const old = analyseHarassment([night('2025-12-20')], data.harassment, law).findings.find((f) => f.id === 'NIGHT_CONTACT')!;
    const cur = analyseHarassment([night('2026-02-20')], data.harassment, law).findings.find((f) => f.id === 'NIGHT_CONTACT')!;
    assert.ok(old.law.some((c) => c.id === 'psapl-2012.42'));
    assert.ok(cur.law.some((c) => c.id === 'psapl-2025.50'));
    assert.ok(old.law.every((c) => c.quoted === (c.strength !== 'secondary')));
  });

  it('compares with the US "7 calls in 7 days" line only as a reference', () => {
    // Eight calls within seven consecutive days (10th–16th, two on the 16th).
    const eight = Array.from({ length: 8 }, (_, i) => ev({ occurred_at: `2026-11-${String(10 + Math.min(i, 6)).padStart(2, '0')}T${10 + i}:00:00+08:00` }));
    const f = analyseHarassment(eight, data.harassment, law).findings.find((x) => x.id === 'US_REG_F_7_IN_7')!;
    assert.equal(f.events.length, 8);
    assert.deepEqual(f.law, []);
    assert.match(f.detail.en, /comparison only/);
  });

  it('counts per day and per week', () => {
    const r = analyseHarassment([ev({ occurred_at: '2026-11-16T12:00:00+08:00' }), ev({ occurred_at: '2026-11-22T12:00:00+08:00' }), ev({ occurred_at: '2026-11-23T12:00:00+08:00' })], data.harassment, law);
    assert.deepEqual(r.perWeek, [{ week: '2026-11-16', count: 2 }, { week: '2026-11-23', count: 1 }]);
    assert.equal(r.byNumber[0]!.maxPerWeek, 2);
  });
});

describe('contacts of one shape share a profile, and no two shapes one', () => {
  it('keeps numbers and lenders apart whatever their texts hold (separators, control characters, missing or empty)', () => {
    const contact = (i: number, number: string | undefined, platform: string | undefined): ContactInput => ({
      id: `s${i}`,
      kind: 'call_missed',
      occurred_at: `2026-11-20T1${i}:00:00+08:00`,
      time_zone: 'Asia/Shanghai',
      number,
      claimed: platform === undefined ? {} : { platform },
      contacted: 'borrower',
      analysis: null,
    });
    const r = analyseHarassment([contact(0, 'a\u0000b', 'c'), contact(1, 'a', 'b\u0000c'), contact(2, '\u0001', undefined), contact(3, undefined, '\u0001'), contact(4, '', ''), contact(5, 'a', 'b\u0000c')], data.harassment, law);
    assert.deepEqual(
      r.byNumber.map((b) => [b.number, b.count]),
      [['a', 2], ['a\u0000b', 1], ['\u0001', 1]],
    );
    assert.deepEqual(
      r.byLender.map((b) => [b.lender, b.count]),
      [['b\u0000c', 2], ['c', 1], ['\u0001', 1]],
    );
    assert.deepEqual([r.totals.numbers, r.totals.lenders], [3, 3]);
  });
});

describe('the findings in English count in the right number and name third parties in words', () => {
  it('says "1 contact" and "2 contacts", "1 text is likely a scam", and "family, employer" rather than codes', () => {
    const w = { start: '22:00', end: '08:00' };
    assert.equal(FINDING_WORDS.night(1, w).title.en, '1 contact at night');
    assert.equal(FINDING_WORDS.night(2, w).title.en, '2 contacts at night');
    assert.equal(FINDING_WORDS.scam(1).title.en, '1 text is likely a scam');
    assert.equal(FINDING_WORDS.scam(3).title.en, '3 texts are likely scams');
    assert.equal(FINDING_WORDS.escalation(1, 0).title.en, '1 contact in the last 7 days against 0 in the 7 before');
    const third = FINDING_WORDS.thirdParty(1, 1, ['family', 'contacts_list']);
    assert.equal(third.title.en, '1 contact with third parties, 1 disclosing the debt');
    assert.match(third.detail.en, /^Contacted: family, people in my contacts\./);
    assert.match(third.detail.zh, /^被联系的人：家人、通讯录联系人。/);
  });
});
