/** WordFinder answers exactly as `words.some((w) => text.includes(w))`. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { WordFinder } from './word-finder.js';

// A small alphabet, so that words and texts overlap often (shared first units, prefixes, repeats).
const ch = fc.constantFrom('钱', '欠', '款', '还', '清', 'a', 'b', '\ud83d', '\ude00');
const word = fc.array(ch, { minLength: 0, maxLength: 3 }).map((a) => a.join(''));
const text = fc.array(ch, { maxLength: 40 }).map((a) => a.join(''));

describe('WordFinder', () => {
  it('finds a word exactly when includes() does', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), text, (words, t) => {
        const expected = words.filter((w) => w !== '').some((w) => t.includes(w));
        assert.equal(new WordFinder(words).occursIn(t), expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the gate words of the real rules', () => {
    const f = new WordFinder(['钱', '欠款', '还款', '逾期']);
    assert.equal(f.occursIn('你什么时候还款'), true);
    assert.equal(f.occursIn('还好吧欠'), false);
    assert.equal(f.occursIn('已逾期'), true);
    assert.equal(f.occursIn(''), false);
  });
});
