import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ClassifyInput } from '../engine/schemas/result.js';
import { inputProblem, splitLines } from './classify-line.js';

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
