import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { periodBound, toInstant } from './time.js';

describe('toInstant: the common "YYYY-MM-DD HH:MM[:SS]" form read without the general reader', () => {
  it('gives what the general date reader gives (periodBound reads the same text through readTypedDate)', () => {
    const two = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(fc.integer({ min: 1890, max: 3005 }), two(0, 13), two(0, 32), fc.constantFrom(' ', 'T'), two(0, 25), two(0, 61), fc.option(two(0, 61), { nil: undefined }))
      .map(([y, mo, d, sep, h, mi, s]) => `${y}-${mo}-${d}${sep}${h}:${mi}${s === undefined ? '' : `:${s}`}`);
    fc.assert(
      fc.property(text, fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'UTC', 'Asia/Kolkata'), (t, tz) => {
        assert.equal(toInstant(t, tz), periodBound(t, 'start', tz), t);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads leap days and zones with summer time', () => {
    assert.equal(toInstant('2024-02-29 10:00', 'Asia/Shanghai'), '2024-02-29T10:00:00+08:00');
    assert.equal(toInstant('2025-02-29 10:00', 'Asia/Shanghai'), undefined);
    assert.equal(toInstant('2026-07-01 12:30:15', 'America/New_York'), '2026-07-01T12:30:15-04:00');
    assert.equal(toInstant('2026-01-01T12:30', 'America/New_York'), '2026-01-01T12:30:00-05:00');
  });
});
