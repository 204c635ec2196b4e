import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { localParts, periodBound, toInstant } from './time.js';

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

describe('localParts: zone offsets read from the formatted text', () => {
  it('gives the parts Intl gives, in zones with and without summer time (since 1970: whole-minute offsets)', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
            .formatToParts(new Date(ms))
            .map((x) => [x.type, x.value]),
        );
        const p = localParts(ms, tz);
        assert.equal(p.date, `${parts.year}-${parts.month}-${parts.day}`);
        assert.equal(p.hour, Number(parts.hour));
        assert.equal(p.minute, Number(parts.minute));
      }),
      { numRuns: 5000 },
    );
  });
});
