import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../record/audit.js';
import { eventState, loggedEvent, loggedRowJson, type EventRow } from './event-row.js';

/** A JSON text as a store may hold it: any JSON value, written compactly or indented, keys in any order. */
const jsonText = fc.tuple(fc.jsonValue(), fc.constantFrom(undefined, 1, 2)).map(([v, indent]) => JSON.stringify(v, null, indent));
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '"', '\\', '\u2028', '逾期\n还款', '__proto__'));
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });
const row: fc.Arbitrary<EventRow> = fc.record({
  id: text,
  kind: text,
  occurred_at: text,
  time_zone: text,
  number: opt(text),
  claimed: fc.oneof(jsonText, fc.constantFrom('{}', '{"platform":"某贷"}', '{"company":"某公司","platform":"某贷"}')),
  contacted: text,
  debt_disclosed: opt(fc.constantFrom(0, 1, 2)),
  duration_s: opt(fc.oneof(fc.integer(), fc.double())),
  content: opt(text),
  notes: opt(text),
  source: text,
  analysis: opt(jsonText),
  created_at: text,
  updated_at: text,
  deleted_at: opt(text),
  delete_reason: opt(text),
});

describe('loggedRowJson', () => {
  it('is the canonical JSON of the row as eventState and loggedEvent make it, for any row', () => {
    fc.assert(
      fc.property(row, (r) => {
        assert.equal(loggedRowJson(r), canonicalJson(loggedEvent(eventState(r, []))));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the same text when a row repeats an analysis it has already made canonical', () => {
    const analysis = JSON.stringify({ verdict: 'collection', signals: [{ weight: 3, id: 'A', spans: [{ start: 1, end: 2 }] }], certainty: 'high' });
    const base: EventRow = { id: 'e1', kind: 'sms', occurred_at: '2025-01-01T00:00:00+08:00', time_zone: 'Asia/Shanghai', number: null, claimed: '{}', contacted: 'borrower', debt_disclosed: null, duration_s: null, content: 'x', notes: null, source: 'import:csv', analysis, created_at: 'a', updated_at: 'a', deleted_at: null, delete_reason: null };
    for (const r of [base, { ...base, id: 'e2' }, { ...base, analysis: analysis.replace('"high"', '"low"') }]) assert.equal(loggedRowJson(r), canonicalJson(loggedEvent(eventState(r, []))));
  });
});
