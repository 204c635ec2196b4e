import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { score, type Contribution } from './score.js';

const { rules } = await testEngine();
const settings = rules.meta.scoring;
const cal = { a: 1, b: 0 };
const overdue: Contribution = { category: 'neutral', effect: 'collection_context', weight: 3 };
const warning: Contribution = { category: 'neutral', effect: 'official_warning', weight: -6 };

describe('score', () => {
  it('lets the classifier alone decide ordinary texts', () => {
    assert.equal(score([], 5, cal, settings).verdict, 'scam');
    assert.equal(score([], -5, cal, settings).verdict, 'other');
  });

  it('never lets the classifier alone call a collection message a scam', () => {
    const r = score([overdue], 100, cal, settings);
    assert.equal(r.verdict, 'collection');
    assert.ok(r.scores.classifier_limited);
    assert.ok(r.scores.classifier_contribution <= -settings.out_of_domain_cap);
  });

  it('lets a scam ask carry a collection message to "scam"', () => {
    assert.equal(score([overdue, { category: 'scam', weight: 8 }], 0, cal, settings).verdict, 'scam');
  });

  it('splits collection by the violation score', () => {
    assert.equal(score([overdue, { category: 'violation', weight: 5 }], -2, cal, settings).verdict, 'collection_violation');
    assert.equal(score([overdue, { category: 'violation', weight: 2 }], -2, cal, settings).verdict, 'collection');
  });

  it('treats an official warning as describing asks, unless it speaks as a caller', () => {
    const asks: Contribution = { category: 'scam', weight: 9 };
    assert.equal(score([warning, asks, overdue], 6, cal, settings).verdict, 'other');
    const voice: Contribution = { category: 'neutral', effect: 'caller_voice', weight: 0 };
    assert.equal(score([warning, asks, voice], 6, cal, settings).verdict, 'scam');
  });

  it('gives a confidence between 0 and 1 that grows with the evidence', () => {
    const a = score([{ category: 'scam', weight: 2 }], 0, cal, settings);
    const b = score([{ category: 'scam', weight: 8 }], 0, cal, settings);
    assert.ok(a.confidence > 0 && b.confidence <= 1 && b.confidence > a.confidence);
  });
});
