import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mayFlag } from './sqlite-store.js';

describe('listContacts: signals left unparsed', () => {
  it('are never ones the report lists (a violation, or a scam signal of weight 5 or more)', () => {
    const weight = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(4.999999, 5, 5.000001, 0.5e1, 4e0, 49e-1, 1e21, -0, 1e-7, 4.9e3),
    );
    const signal = fc.record({ id: fc.constantFrom('A.B', 'C.D'), category: fc.constantFrom('scam', 'genuine', 'neutral', 'violation'), weight, spans: fc.constant([]) });
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 6 }), (signals) => {
        const listed = signals.some((s) => s.category === 'violation' || (s.category === 'scam' && s.weight >= 5));
        if (listed) assert.equal(mayFlag(JSON.stringify(signals)), true, JSON.stringify(signals));
      }),
      { numRuns: 20_000 },
    );
  });
});
