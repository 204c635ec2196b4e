import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { localParts, periodBound, shownTime, skippedByClocks, toInstant } from './time.js';

describe('toInstant: the common "YYYY-MM-DD HH:MM[:SS]" form read without the general reader', () => {
  it('gives what the general date reader gives (periodBound reads the same text through readTypedDate)', () => {
    const two = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(fc.integer({ min: 1890, max: 3005 }), two(0, 13), two(0, 32), fc.constantFrom(' ', 'T'), two(0, 25), two(0, 61), fc.option(two(0, 61), { nil: undefined }))
      .map(([y, mo, d, sep, h, mi, s]) => `${y}-${mo}-${d}${sep}${h}:${mi}${s === undefined ? '' : `:${s}`}`);
    fc.assert(
      fc.property(text, fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'UTC', 'Asia/Kolkata'), (t, tz) => {
        // periodBound places a time the clocks skipped (a period's edge still needs an instant); toInstant refuses it.
        const bound = periodBound(t, 'start', tz);
        const exists = bound !== undefined && shownTime(bound, tz) === t.slice(0, 16).replace('T', ' ');
        assert.equal(toInstant(t, tz), exists ? bound : undefined, t);
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

  it('refuses a time the clocks skipped when summer time began, and places one they repeated at its first', () => {
    // New York, 2026-03-08: 02:00 EST became 03:00 EDT; 2026-11-01: 02:00 EDT became 01:00 EST.
    assert.equal(toInstant('2026-03-08 02:30', 'America/New_York'), undefined);
    assert.equal(toInstant('2026年3月8日 2:30', 'America/New_York'), undefined);
    assert.ok(skippedByClocks('2026-03-08 02:30', 'America/New_York'));
    assert.ok(!skippedByClocks('2026-03-08 02:30', 'Asia/Shanghai'));
    assert.ok(!skippedByClocks('不是时间', 'America/New_York'));
    assert.equal(toInstant('2026-03-08 01:59', 'America/New_York'), '2026-03-08T01:59:00-05:00');
    assert.equal(toInstant('2026-03-08 03:00', 'America/New_York'), '2026-03-08T03:00:00-04:00');
    assert.equal(toInstant('2026-11-01 01:30', 'America/New_York'), '2026-11-01T01:30:00-04:00');
    // Lord Howe Island moves its clocks by half an hour.
    assert.equal(toInstant('2026-10-04 02:15', 'Australia/Lord_Howe'), undefined);
    assert.equal(periodBound('2026-03-08 02:30', 'start', 'America/New_York') !== undefined, true, 'a period still has an edge there');
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
