import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadEngine, packageRoot } from '../data/load.js';
import { ClassifyInput, ClassifyLine } from '../engine/schemas/result.js';
import { classifyLine, decodeValidUtf8, inputProblem, splitLines } from './classify-line.js';

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

describe('classify error lines (contract 1.2)', () => {
  it('carry a code and the message in Chinese beside the English one, and match the published schema', async () => {
    const engine = await loadEngine(packageRoot());
    const cases: [string | null, string, string | number | null][] = [
      [null, 'INVALID_UTF8', null],
      ['   ', 'EMPTY_LINE', null],
      ['{"id": 1, "text": ', 'MALFORMED_JSON', null],
      ['[1,2]', 'INVALID_INPUT', null],
      ['{"id": "a", "txt": "x"}', 'INVALID_INPUT', 'a'],
      ['{"id": 7, "text": "x", "date": "2025/11/02"}', 'INVALID_INPUT', 7],
      ['{"id": "e", "text": ""}', 'EMPTY_TEXT', 'e'],
      ['{"id": "s", "text": "🙂🙂"}', 'NO_TEXT', 's'],
    ];
    for (const [line, code, id] of cases) {
      const out = JSON.parse(classifyLine(engine, line, { date: '2026-11-02' })) as Record<string, unknown>;
      assert.ok(ClassifyLine.safeParse(out).success, JSON.stringify(out));
      assert.equal(out.code, code, JSON.stringify(out));
      assert.equal(out.id, id);
      assert.match(String(out.error), /^[\x20-\x7e]+$/, 'error stays English');
      assert.match(String(out.zh), /[\u4e00-\u9fff]/, 'zh is Chinese');
    }
  });
});
