import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { fieldsJson, parseImport, plainCsv, plainFields, type Candidate } from './import.js';
import { canonicalJson } from './audit.js';
import { EventInput } from './schemas.js';
import { FIELD_KEYS } from './verify.js';

/** What the schema gives for a candidate (the import's path before plainFields): its fields, or undefined when it refuses it. */
function viaSchema(c: Candidate): unknown {
  const r = EventInput.safeParse(JSON.parse(JSON.stringify(c)));
  return r.success ? r.data : undefined;
}

/** Mostly short text; sometimes at or just past the field's limit (UTF-16 units). */
const text = (max: number): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: fc.string({ maxLength: 8 }), weight: 12 }, fc.string({ minLength: max - 2, maxLength: max + 2 }), fc.constant('平台'.repeat(max / 2)), fc.constant('平台'.repeat(max / 2) + 'x'));
const often = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 });
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

const candidate: fc.Arbitrary<Candidate> = fc.record({
  kind: often(fc.constantFrom('sms', 'call_missed', 'call_incoming', 'visit', 'third_party'), fc.constant('bogus')) as fc.Arbitrary<Candidate['kind']>,
  occurred_at: often(
    fc.oneof(
      fc.constantFrom('2026-11-20T23:15:00+08:00', '2026-11-20T23:15+08:00', '2026-11-20T23:15:00.123Z'),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    fc.constantFrom('2026-02-30T10:00:00+08:00', '2026-13-01T10:00:00Z', '2026-11-20 23:15:00+08:00', '2026-11-20T23:15:00', '2026-11-20T24:00:00+08:00'),
  ),
  time_zone: often(fc.constantFrom('Asia/Shanghai', 'UTC'), fc.oneof(fc.constant(''), fc.string({ minLength: 60, maxLength: 70 }))),
  number: maybe(fc.oneof(fc.constant('17012345678'), text(64))),
  claimed: fc.record({ company: text(200), platform: text(200), employee_no: text(100), role: text(100) }, { requiredKeys: [] }),
  contacted: often(fc.constantFrom('borrower', 'family', 'other'), fc.constant('nobody')),
  debt_disclosed: maybe(fc.boolean()),
  duration_s: maybe(often(fc.integer({ min: 0, max: 86_400 }), fc.oneof(fc.integer({ min: -5, max: 86_405 }), fc.constantFrom(-0, 0.5, NaN, Infinity, -Infinity, 86_400, 1e21)))),
  content: maybe(often(fc.string(), fc.constantFrom('\ud800 lone surrogate', 'x'.repeat(1_000_000), 'x'.repeat(1_000_001)))),
  notes: maybe(fc.oneof(fc.string(), fc.constant('x'.repeat(100_001)), fc.constant('x'.repeat(100_000)))),
});

describe('import: rows checked without the schema', () => {
  it('gives exactly what the schema gives (same fields, same key order) whenever it decides a row', () => {
    let decided = 0;
    fc.assert(
      fc.property(candidate, (c) => {
        const plain = plainFields(c);
        if (plain === undefined) return;
        decided++;
        const schema = viaSchema(c);
        assert.notEqual(schema, undefined, `the schema refuses ${JSON.stringify(c).slice(0, 200)}`);
        assert.deepEqual(plain, schema);
        assert.equal(JSON.stringify(plain), JSON.stringify(schema));
        assert.ok(Object.is((plain as { duration_s?: number }).duration_s, (schema as { duration_s?: number }).duration_s));
      }),
      { numRuns: 3000 },
    );
    assert.ok(decided > 100, `only ${decided} rows decided`);
  });

  it('decides the rows of an ordinary import', () => {
    const csv = ['kind,occurred_at,number,platform,content,duration,notes', 'sms,2025-03-04 05:06,17012340001,平台1,"第1条：您的借款已逾期",,', 'call_missed,2025-03-04 05:07,17012340002,平台2,,12,备注'].join('\n');
    const r = parseImport(csv);
    assert.equal(r.problems.length, 0);
    assert.deepEqual(
      r.rows.map((x) => x.fields),
      [
        { kind: 'sms', occurred_at: '2025-03-04T05:06:00+08:00', time_zone: 'Asia/Shanghai', number: '17012340001', claimed: { platform: '平台1' }, contacted: 'borrower', content: '第1条：您的借款已逾期' },
        { kind: 'call_missed', occurred_at: '2025-03-04T05:07:00+08:00', time_zone: 'Asia/Shanghai', number: '17012340002', claimed: { platform: '平台2' }, contacted: 'borrower', duration_s: 12, notes: '备注' },
      ],
    );
  });

  it('still words a refused row as the schema does', () => {
    const r = parseImport('kind,occurred_at,duration\ncall_missed,2025-03-04 05:07,-3\ncall_missed,2025-03-04 05:08,abc\n');
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [2, 3],
    );
    assert.match(r.problems[0]!.error, /^duration_s: /);
    assert.match(r.problems[1]!.error, /^duration_s: /);
  });
});

describe('import: plain CSV read without csv-parse', () => {
  const viaCsvParse = (body: string): unknown => {
    try {
      return (parseCsv(body, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[]).map((p) => ({
        line: p.info.lines,
        raw: p.record,
      }));
    } catch {
      return 'refused';
    }
  };
  const check = (body: string): boolean => {
    const plain = plainCsv(body);
    if (plain === undefined) return false;
    const theirs = viaCsvParse(body);
    assert.deepEqual(plain, theirs, JSON.stringify(body));
    assert.equal(JSON.stringify(plain), JSON.stringify(theirs));
    return true;
  };

  it('reads any text it decides exactly as csv-parse does (records, keys in order, line numbers)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ',', '"', '\n', '\n', ' ', '平', '\r', '__proto__'), { maxLength: 40 }), (parts) => {
        check(parts.join(''));
      }),
      { numRuns: 20_000 },
    );
  });

  it('decides well-formed files, quoted fields and blank lines included', () => {
    const field = fc.oneof(fc.stringMatching(/^[a-z0-9 平台：]{0,6}$/), fc.stringMatching(/^[a-z,"平 ]{0,6}$/).map((v) => `"${v.replace(/"/g, '""')}"`));
    const body = fc
      .tuple(fc.uniqueArray(fc.stringMatching(/^[a-z_]{1,6}$/), { minLength: 1, maxLength: 5 }), fc.array(fc.array(field, { minLength: 5, maxLength: 5 }), { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 10 }), fc.boolean())
      .map(([cols, rows, blanks, last]) => [cols.join(','), ...rows.flatMap((r, i) => [r.slice(0, cols.length).join(','), ...(blanks[i] ? [''] : [])])].join('\n') + (last ? '\n' : ''));
    let decided = 0;
    fc.assert(
      fc.property(body, (b) => {
        if (check(b)) decided++;
      }),
      { numRuns: 3000 },
    );
    assert.equal(decided, 3000);
    assert.ok(check('kind,occurred_at,number,platform,content\nsms,2025-01-01 00:00,17012340000,平台0,"第0条：您的借款已逾期0天，请登录App还款"\ncall_missed,2025-02-02 01:01,17012340001,平台1,\n'));
  });
});

describe('verify: the event fields it re-derives import keys from', () => {
  it('are the schema\'s fields, in its order', () => {
    assert.deepEqual(FIELD_KEYS, Object.keys(EventInput.shape));
  });
});

describe('import key: the fields written canonically without the general function', () => {
  it('writes exactly canonicalJson, or leaves it to canonicalJson', () => {
    const value = fc.oneof(
      { arbitrary: fc.string(), weight: 20 },
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(undefined),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const claimed = fc.oneof(
      fc.record({ company: fc.string(), platform: fc.string(), employee_no: fc.string(), role: fc.string() }, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('company', 'platform', 'other', '__x'), value),
      value,
    );
    const known = { kind: value, occurred_at: value, time_zone: value, number: value, claimed, contacted: value, debt_disclosed: value, duration_s: value, content: value, notes: value };
    const fields = fc.oneof({ arbitrary: fc.record(known, { requiredKeys: [] }), weight: 4 }, fc.record({ ...known, extra: value }, { requiredKeys: [] }));
    let decided = 0;
    fc.assert(
      fc.property(fields, (f) => {
        const text = fieldsJson(f as never);
        if (text === undefined) return;
        decided++;
        assert.equal(text, canonicalJson(f));
      }),
      { numRuns: 20_000 },
    );
    assert.ok(decided > 1000, `only ${decided} decided`);
  });

  it('decides the fields of an ordinary import', () => {
    const r = parseImport('kind,occurred_at,number,platform,content\nsms,2025-01-01 00:00,17012340000,平台0,"第0条"\n');
    assert.equal(fieldsJson(r.rows[0]!.fields), canonicalJson(r.rows[0]!.fields));
  });
});
