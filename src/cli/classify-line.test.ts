import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ClassifyInput } from '../engine/schemas/result.js';
import { decodeValidUtf8, inputProblem, splitLines } from './classify-line.js';

describe('classify input validation', () => {
  it('agrees with the published ClassifyInput schema on arbitrary JSON', () => {
    const line = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean()),
          text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          number: fc.oneof(fc.string(), fc.integer()),
          date: fc.oneof(fc.constantFrom('2026-01-01', '2026-1-1', 'yesterday'), fc.integer()),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(line, (v) => {
        const value = JSON.parse(JSON.stringify(v ?? null)) as unknown; // what JSON.parse would give
        assert.equal(inputProblem(value) === undefined, ClassifyInput.safeParse(value).success, JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitLines', () => {
  it('keeps each line, and turns only the bad line into null', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.from([0xff, 0x0a]), Buffer.from('好\n')]);
    assert.deepEqual(splitLines(bytes), ['{"a":1}', null, '好']);
  });

  it('keeps empty lines so that output lines stay aligned with input lines', () => {
    assert.deepEqual(splitLines(Buffer.from('a\n\nb\n')), ['a', '', 'b']);
  });
});

describe('decodeValidUtf8', () => {
  it('gives what toString gives for any valid UTF-8 (every width of character, byte-order marks, long and short)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\ufeff', '\n', '"', '好', '€', '😀', 'a'), fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c))), maxLength: 2000 });
    fc.assert(
      fc.property(text, (t) => {
        const buf = Buffer.from(t, 'utf8');
        assert.equal(decodeValidUtf8(buf), buf.toString('utf8'));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a chunk larger than its buffer, and one larger than it keeps a buffer for', () => {
    const big = Buffer.from('消除逾期记录😀a'.repeat(40_000), 'utf8');
    assert.equal(decodeValidUtf8(big), big.toString('utf8'));
    const huge = Buffer.from('逾期a'.repeat(1_500_000), 'utf8'); // 10.5 MB
    assert.equal(decodeValidUtf8(huge), huge.toString('utf8'));
  });
});
