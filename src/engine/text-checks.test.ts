/** Whole-text conditions split off rule expressions (text-checks.ts): same matches, tested once per text. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngine } from '../../test/helpers/engine.js';
import { matchRules } from './match.js';
import type { CompiledRules } from './rules.js';
import { splitWholeTextChecks } from './text-checks.js';

/** Every match (start, text) of a global regex, as match.ts walks them. */
function matches(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push(`${m.index}:${m[0]}`);
  }
  return out;
}

/** The split form's matches: none when the check fails, else the body's that start before the first end of `endsFirst`. */
function splitMatches(source: string, text: string): string[] {
  const s = splitWholeTextChecks(source);
  assert.ok(s, `not split: ${source}`);
  if (s.check !== undefined && !new RegExp(s.check).test(text)) return [];
  const limit = s.endsFirst === undefined ? text.length : (new RegExp(`(?<=${s.endsFirst})`).exec(text)?.index ?? text.length);
  return matches(new RegExp(s.body, 'g'), text).filter((m) => Number(m.split(':')[0]) < limit);
}

describe('splitWholeTextChecks', () => {
  it('takes out the forms the rules use, lookaheads before or after ^', () => {
    assert.deepEqual(splitWholeTextChecks('(?:录屏|截图)(?<=^(?!.*(?:欠|逾期)).*)'), { body: '(?:录屏|截图)', check: '^(?!.*(?:欠|逾期))' });
    assert.deepEqual(splitWholeTextChecks('滚(?<=(?=.*(?:还钱))(?!.*玩笑)^.*)'), { body: '滚', check: '^(?=.*(?:还钱))(?!.*玩笑)' });
    // Between other assertions and after more of the expression: all top-level conjuncts.
    assert.deepEqual(splitWholeTextChecks('a(?<=^(?!.*b).*)(?=.*c)d'), { body: 'a(?=.*c)d', check: '^(?!.*b)' });
    assert.deepEqual(splitWholeTextChecks('a(?<=(?!.*b)^.*)c(?<=^(?=.*d).*)'), { body: 'ac', check: '^(?!.*b)(?=.*d)' });
    // A leading "nothing of X before the match": matches start before X first ends.
    assert.deepEqual(splitWholeTextChecks('(?<!(?:逾期|欠款).*)(?:借款|贷款)已发放(?!.*c)'), { body: '(?:借款|贷款)已发放(?!.*c)', endsFirst: '(?:逾期|欠款)' });
    assert.deepEqual(splitWholeTextChecks('(?<!x.*)a(?<=^(?=.*d).*)'), { body: 'a', check: '^(?=.*d)', endsFirst: 'x' });
  });

  it('leaves alone what it cannot split exactly', () => {
    assert.equal(splitWholeTextChecks('a|b(?<=^(?!.*c).*)'), undefined, 'a top-level alternative');
    assert.equal(splitWholeTextChecks('(?:a(?<=^(?!.*c).*))+'), undefined, 'inside a group');
    assert.equal(splitWholeTextChecks('a(?<=^(?!.*c).*)?'), undefined, 'quantified');
    assert.equal(splitWholeTextChecks('(a)b(?<=^(?!.*c).*)\\1'), undefined, 'a backreference');
    assert.equal(splitWholeTextChecks('a(?<!x.*)b'), undefined, '"nothing of X before" not at the start');
    assert.equal(splitWholeTextChecks('(?<!x|y.*)a'), undefined, '"nothing of X before" with a top-level alternative inside');
    assert.equal(splitWholeTextChecks('(?<!x.*)?a'), undefined, 'a quantified lookbehind');
    assert.equal(splitWholeTextChecks('(?<!x[^c]*)a'), undefined, 'a lookbehind that reaches back only so far');
    assert.equal(splitWholeTextChecks('a(?<=x(?!.*c).*)'), undefined, 'no ^');
    assert.equal(splitWholeTextChecks('a(?<=^(?!.*c))'), undefined, 'no .* to reach the position');
    assert.equal(splitWholeTextChecks('a(?<=^.*)'), undefined, 'no lookahead');
    assert.equal(splitWholeTextChecks('[(?<=^(?!.*c).*)]a'), undefined, 'inside a character class');
    assert.equal(splitWholeTextChecks('(?<=^(?!.*c).*)'), undefined, 'nothing left');
  });

  it('gives the same matches as the expression as written, on any text without a line break', () => {
    const sources = [
      '(?:ab|b)c*(?<=^(?!.*(?:ca|d)).*)',
      'a[^c]{0,3}(?<=(?=.*(?:d|cb))^.*)b?',
      '(?<!c)b(?<=^(?=.*a)(?!.*dd).*)(?!.*c)',
      'a(?<=(?!.*b)^.*)(?:c|d)(?<=^(?=.*d).*)',
      '(?<!(?:ab|c).*)(?:b|d)a?(?!.*dc)',
      '(?<!a[bc]?.*)d+(?<=^(?!.*cc).*)',
      '(?<!(?:d|征b).*)[ab]{1,3}',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '征'), maxLength: 40 }), (source, text) => {
        assert.deepEqual(splitMatches(source, text), matches(new RegExp(source, 'g'), text));
      }),
      { numRuns: 2000 },
    );
  });
});

const engine = await testEngine();

describe('the rules with whole-text conditions', () => {
  /** The same rules with every split undone: each pattern runs its expression as written. */
  const unsplit: CompiledRules = {
    ...engine.rules,
    signals: engine.rules.signals.map((s) => ({ ...s, patterns: s.patterns.map((p) => (p.kind === 'regex' && p.split ? { kind: 'regex', regex: p.split.full, anchors: p.anchors } : p)) })),
  };
  const splitCount = engine.rules.signals.reduce((n, s) => n + s.patterns.filter((p) => p.kind === 'regex' && p.split).length, 0);
  const fired = (rules: CompiledRules, text: string, raw = false): string =>
    JSON.stringify(matchRules(rules, raw ? { text, clauses: Array.from(text, () => 0) } : engine.normaliser.normalise(text)).map((m) => [m.signal.signal.id, m.spans]));

  it('are split (the rules use the forms text-checks.ts takes out)', () => {
    assert.ok(splitCount >= 10, `only ${splitCount} split`);
  });

  it('fire exactly as the expressions as written, on every signal example and labelled text', () => {
    const texts = engine.rules.signals.flatMap((s) => [...s.signal.examples.hit, ...s.signal.examples.miss]);
    const root = join(import.meta.dirname, '..', '..');
    for (const f of ['data/eval/real.jsonl', 'data/eval/violations-b65.jsonl', 'data/eval/quotes-b70.jsonl']) {
      for (const line of readFileSync(join(root, f), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
    assert.ok(texts.length > 1000);
    let differ = 0;
    for (const t of texts) if (fired(engine.rules, t) !== fired(unsplit, t)) differ++;
    assert.equal(differ, 0);
    // Texts joined end to end: the conditions now see several messages at once.
    for (let i = 0; i + 7 < texts.length; i += 7) {
      const joined = texts.slice(i, i + 7).join('');
      assert.equal(fired(engine.rules, joined), fired(unsplit, joined));
    }
  });

  it('fall back to the expression as written on a text holding a line break (where `.` stops)', () => {
    // Unnormalised text straight to the matcher. As written, a whole-text condition cannot reach past a line
    // break from a trigger on a later line; the split check, tested at the start, would hold there.
    const texts = [
      '你好\n你裸聊的视频我已经录屏了，不想发给你的家人就转5000元',
      '在吗\r\n再不还钱，我们就每天打给你妈',
      '你裸聊的视频我已经录屏了，不想发给你的家人就转5000元\u2028你欠的钱什么时候还',
    ];
    for (const text of texts) assert.equal(fired(engine.rules, text, true), fired(unsplit, text, true), text);
  });
});
