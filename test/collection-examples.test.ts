/**
 * The verdicts the public data cannot measure, on the team's hand-written examples
 * (test/fixtures/collection-examples.yaml): the target is ≥ 90 % right for the two
 * collection verdicts and no genuine collection called a scam.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { classify } from '../src/engine/check.js';
import { testEngine } from './helpers/engine.js';

const engine = await testEngine();
const { examples } = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'collection-examples.yaml'), 'utf8')) as {
  examples: { expect: string; text: string }[];
};
const results = examples.map((e) => ({ ...e, got: classify(engine, { text: e.text, date: '2026-11-28' }).verdict }));
const share = (expect: string): number => {
  const rs = results.filter((r) => r.expect === expect);
  return rs.filter((r) => r.got === expect).length / rs.length;
};

describe('hand-written collection examples', () => {
  it('calls no genuine collection message a scam', () => {
    const bad = results.filter((r) => r.expect === 'collection' && r.got === 'scam');
    assert.deepEqual(bad.map((r) => r.text), []);
  });
  it('gets at least 90 % of genuine collection right', () => assert.ok(share('collection') >= 0.9, String(share('collection'))));
  it('gets at least 90 % of rule-breaking collection right', () =>
    assert.ok(share('collection_violation') >= 0.9, String(share('collection_violation'))));
  it('catches the scams posing as collection', () => assert.ok(share('scam') >= 0.9, String(share('scam'))));
  it('does not call official anti-fraud warnings scams', () => {
    const bad = results.filter((r) => r.expect === 'other' && r.got === 'scam');
    assert.deepEqual(bad.map((r) => r.text), []);
  });
});
