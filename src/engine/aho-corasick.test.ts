import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AhoCorasick, HitBuffer } from './aho-corasick.js';

function naive(terms: string[], text: string): string[] {
  const out: string[] = [];
  terms.forEach((t, i) => {
    for (let k = text.indexOf(t); k >= 0; k = text.indexOf(t, k + 1)) out.push(`${i}:${k}:${k + t.length}`);
  });
  return out.sort();
}

describe('AhoCorasick', () => {
  it('finds overlapping and nested terms', () => {
    const ac = new AhoCorasick(['逾期', '逾期记录', '记录', '期记']);
    const hits = ac.findAll('消除逾期记录').map((h) => `${h.term}:${h.start}:${h.end}`).sort();
    assert.deepEqual(hits, ['0:2:4', '1:2:6', '2:4:6', '3:3:5']);
  });

  it('agrees with a naive search on random inputs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '征', '信'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '征', '信', 'x'), maxLength: 60 }),
        (terms, text) => {
          const ac = new AhoCorasick(terms);
          assert.deepEqual(ac.findAll(text).map((h) => `${h.term}:${h.start}:${h.end}`).sort(), naive(terms, text));
        },
      ),
    );
  });

  it('collect() records the occurrences in order of end position, and with a limit exactly the first of them', () => {
    const hits = new HitBuffer();
    const all = new HitBuffer();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', '征', '信'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '征', '信', 'x'), maxLength: 400 }),
        fc.integer({ min: 0, max: 600 }),
        (terms, text, max) => {
          const ac = new AhoCorasick(terms);
          const read = (b: HitBuffer): string[] => {
            const out: string[] = [];
            for (let h = 0; h < b.count; h++) out.push(`${b.term[h]}:${b.end[h]! - ac.termLengthOf(b.term[h]!)}:${b.end[h]}`);
            return out;
          };
          ac.collect(text, all, Number.POSITIVE_INFINITY);
          const every = read(all);
          assert.deepEqual([...every].sort(), naive(terms, text));
          for (let h = 1; h < all.count; h++) assert.ok(all.end[h - 1]! <= all.end[h]!);
          ac.collect(text, hits, max);
          assert.deepEqual(read(hits), every.slice(0, max));
        },
      ),
      { numRuns: 500 },
    );
  });
});
