/**
 * The engine's output must not change when its mechanics are made faster: a SHA-256 of the
 * concatenated `JSON.stringify(classify(...))` (and of `check(...)` for the committed
 * texts) over fixed inputs, recorded from the code before the optimisation work
 * (docs/benchmarks.md, classify section). Committed inputs: data/eval/real.jsonl and
 * test/fixtures/*-examples.yaml, each text as given, with spaces between its characters,
 * and with a caller number where the example has one. The shared development sets
 * (../shared/data) are compared too when present and unchanged (their own SHA-256 matches).
 *
 * After a deliberate change of rules or scoring, re-record with DUNGUARD_RECORD_EQUIVALENCE=1.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { check, classify } from '../src/engine/check.js';
import { testEngine } from './helpers/engine.js';

const root = join(import.meta.dirname, '..');
const DATE = '2026-11-28';
const engine = await testEngine();

interface Item {
  text: string;
  number?: string;
}

function committed(): Item[] {
  const items: Item[] = [];
  for (const l of readFileSync(join(root, 'data', 'eval', 'real.jsonl'), 'utf8').split('\n')) {
    if (l.trim() !== '') items.push({ text: (JSON.parse(l) as { text: string }).text });
  }
  const fixtures = join(root, 'test', 'fixtures');
  for (const name of readdirSync(fixtures).filter((n) => n.endsWith('-examples.yaml')).sort()) {
    const doc = parseYaml(readFileSync(join(fixtures, name), 'utf8')) as { examples?: { text?: unknown; number?: unknown }[] };
    for (const e of doc.examples ?? []) {
      if (typeof e.text !== 'string') continue;
      items.push(typeof e.number === 'string' ? { text: e.text, number: e.number } : { text: e.text });
    }
  }
  // The same texts split by spaces (the normaliser's dodges), and one long text of them all.
  const n = items.length;
  for (let i = 0; i < n; i++) items.push({ text: [...items[i]!.text].join(' ') });
  items.push({ text: items.slice(0, n).map((x) => x.text).join('\n') });
  return items;
}

function hashOutputs(items: readonly Item[], withCheck: boolean): string {
  const h = createHash('sha256');
  for (const it of items) {
    const input = { text: it.text, number: it.number, date: DATE };
    let out: string;
    try {
      out = JSON.stringify(classify(engine, input));
      if (withCheck) out += JSON.stringify(check(engine, input));
    } catch (e) {
      out = `error:${(e as Error).message}`;
    }
    h.update(out).update('\n');
  }
  return h.digest('hex');
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Output hashes recorded from the original code (commit a530cbe). */
const EXPECTED = {
  committed: '72f5befec01b0b2b30ad5046930b68b49f08b85e9936d399aeb035c0324db136',
  shared: {
    'dev.jsonl': {
      input: 'cac49d37f5556c4cc381044186788d0f55476351635e26a11355fb22d952f7c3',
      output: '30f6202ebe355ab98292baa4eda48f9883e7c7fa4fa5849223705c55d8b32219',
    },
    'sms-ordinary-dev.jsonl': {
      input: '88660417e21391da1ce4afc1c791cd5ba436d6068787b51438cab521aef258fe',
      output: 'a852d01e5406989ef226276e8441d10367a5b45d78b3733e075407bf0d97201d',
    },
  } as Record<string, { input: string; output: string }>,
};
const record = process.env.DUNGUARD_RECORD_EQUIVALENCE === '1';

describe('engine output equivalence', () => {
  it('committed fixtures: classify and check outputs are byte-identical to the recorded ones', () => {
    const got = hashOutputs(committed(), true);
    if (record) console.log(`committed: ${got}`);
    else assert.equal(got, EXPECTED.committed);
  });
  for (const name of Object.keys(EXPECTED.shared)) {
    const path = join(root, '..', 'shared', 'data', name);
    it(`shared ${name}: classify outputs are byte-identical to the recorded ones`, (t) => {
      if (!existsSync(path)) return t.skip('not present');
      const raw = readFileSync(path, 'utf8');
      const want = EXPECTED.shared[name]!;
      const items = raw.split('\n').filter((l) => l.trim() !== '').map((l) => ({ text: (JSON.parse(l) as { text: string }).text }));
      const got = hashOutputs(items, false);
      if (record) return console.log(`${name}: input ${sha(raw)} output ${got}`);
      if (sha(raw) !== want.input) return t.skip('the shared file changed since the hashes were recorded');
      assert.equal(got, want.output);
    });
  }
});
