import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { score, type Contribution } from './score.js';

const { rules } = await testEngine();
const settings = rules.meta.scoring;
const cal = { a: 1, b: 0 };
const overdue: Contribution = { category: 'neutral', effect: 'collection_context', weight: 3 };
const warning: Contribution = { category: 'neutral', effect: 'official_warning', weight: -6 };
const transferAsk: Contribution = { category: 'neutral', effect: 'ask', ask: 'money', weight: 0 };
const safeAccount: Contribution = { category: 'scam', ask: 'money', weight: 9 };

describe('score', () => {
  it('lets the classifier decide texts that ask for something', () => {
    assert.equal(score([transferAsk], 5, cal, settings).verdict, 'scam');
    assert.equal(score([transferAsk], -5, cal, settings).verdict, 'other');
  });

  it('no ask, no scam: wording alone gives "suspicious" at most', () => {
    const r = score([], 8, cal, settings);
    assert.equal(r.verdict, 'other');
    assert.equal(r.assessment, 'suspicious');
    assert.deepEqual(r.scores.asks, []);
    // below the suspicion threshold it is just "other"
    assert.equal(score([], settings.suspicion_threshold - 3, cal, settings).assessment, 'other');
    // a scam pattern that is no ask (an "internal channel" claim) does not make a scam either
    assert.equal(score([{ category: 'scam', weight: 5 }], 3, cal, settings).verdict, 'other');
  });

  it('a number never excuses an ask', () => {
    const official: Contribution = { category: 'neutral', effect: 'official_number', weight: -4 };
    const r = score([official, safeAccount], 0, cal, settings);
    assert.equal(r.verdict, 'scam');
    assert.equal(r.scores.official_warning, false);
    // with nothing asked, the official number still lowers the evidence
    assert.ok(score([official], 2, cal, settings).scores.scam_evidence < score([], 2, cal, settings).scores.scam_evidence);
  });

  it('threats are threats: a standalone violation makes rule-breaking collection with no debt word', () => {
    const threat: Contribution = { category: 'violation', weight: 5, standalone: true };
    const r = score([threat], 4, cal, settings);
    assert.equal(r.verdict, 'collection_violation');
    assert.notEqual(r.certainty, 'low');
    // a violation that needs debt context does not
    assert.equal(score([{ category: 'violation', weight: 5 }], -4, cal, settings).verdict, 'other');
  });

  it('genuine is written to the borrower: talk about a debt that addresses nobody is "other", threats are not held to it', () => {
    assert.equal(score([overdue], -4, cal, settings, true).verdict, 'collection');
    assert.equal(score([overdue], -4, cal, settings, false).verdict, 'other');
    // a mark of a lender's own message (an amount, a due date, a card's tail) is enough
    const amount: Contribution = { category: 'genuine', weight: 1 };
    assert.equal(score([overdue, amount], -4, cal, settings, false).verdict, 'collection');
    // a shaming post speaks of the debtor in the third person and is still rule-breaking
    const shaming: Contribution = { category: 'violation', weight: 6 };
    assert.equal(score([overdue, shaming], -4, cal, settings, false).verdict, 'collection_violation');
  });

  it('genuine must be earned: a collection message with a scam ask is never "collection" with confidence', () => {
    const r = score([overdue, { category: 'scam', ask: 'link', weight: 2 }], -4, cal, settings);
    assert.ok(r.verdict !== 'collection' || r.assessment === 'uncertain', JSON.stringify(r));
  });

  it('words follow confidence: below the lowest band the answer is "uncertain"', () => {
    const weak = score([transferAsk, { category: 'scam', ask: 'link', weight: 0.2 }], -0.1, { a: 1, b: -1 }, settings);
    assert.equal(weak.verdict, 'scam');
    assert.ok(weak.confidence < settings.bands.medium);
    assert.equal(weak.certainty, 'low');
    assert.equal(weak.assessment, 'uncertain');
  });

  it('never lets the classifier alone call a collection message a scam', () => {
    const r = score([overdue], 100, cal, settings);
    assert.equal(r.verdict, 'collection');
    assert.ok(r.scores.classifier_limited);
    assert.ok(r.scores.classifier_contribution <= -settings.out_of_domain_cap);
  });

  it('lets a scam ask carry a collection message to "scam"', () => {
    assert.equal(score([overdue, { category: 'scam', ask: 'money', weight: 8 }], 0, cal, settings).verdict, 'scam');
  });

  it('splits collection by the violation score', () => {
    assert.equal(score([overdue, { category: 'violation', weight: 5 }], -2, cal, settings).verdict, 'collection_violation');
    assert.equal(score([overdue, { category: 'violation', weight: 2 }], -2, cal, settings).verdict, 'collection');
  });

  it('treats an official warning as describing asks, unless a caller asks in so many words', () => {
    assert.equal(score([warning, safeAccount, overdue], 6, cal, settings).verdict, 'other');
    const voice: Contribution = { category: 'neutral', effect: 'caller_voice', weight: 0 };
    // a police officer on the phone who only warns ("千万不要转账": the ask is negated)
    assert.equal(score([warning, safeAccount, voice], 6, cal, settings).verdict, 'other');
    // a caller who wraps a transfer ask in warning words
    assert.equal(score([warning, safeAccount, voice, transferAsk], 6, cal, settings).verdict, 'scam');
  });

  it('caps the classifier for a collector only: a text whose debt words are outweighed (words about collection, a receipt) keeps its say', () => {
    const aboutCollection: Contribution = { category: 'neutral', effect: 'collection_context', weight: -5 };
    const offChannel: Contribution = { category: 'neutral', effect: 'ask', ask: 'off_channel', weight: 4 };
    // "如果催收说要起诉你…加我们微信" : an overdue word, words about collection and an order to add a contact
    const about = score([overdue, aboutCollection, offChannel], 3.5, cal, settings);
    assert.equal(about.scores.classifier_limited, false);
    assert.equal(about.verdict, 'scam');
    // the same order in a collector's reminder is capped as ever (a lender's own channel is no scam on wording)
    assert.equal(score([overdue, offChannel], 3.5, cal, settings).scores.classifier_limited, true);
  });

  it("reads a lender's notice past a fraud disclaimer only where it is written to the borrower", () => {
    // an overdue debt with an instalment offer, and a warning signal: addressed, a lender's reminder with its disclaimer;
    // addressing nobody, the person's own account of being collected ("我以前逾期…他说只要我在协商还款…")
    const instalments: Contribution = { category: 'genuine', weight: 2 };
    const repay: Contribution = { category: 'neutral', effect: 'collection_context', weight: 1 };
    assert.equal(score([overdue, repay, instalments, warning], -4, cal, settings, true).verdict, 'collection');
    const own = score([overdue, repay, instalments, warning], -4, cal, settings, false);
    assert.equal(own.verdict, 'other');
    assert.equal(own.scores.official_warning, true);
  });

  it('gives a confidence between 0 and 1 that grows with the evidence', () => {
    const a = score([{ category: 'scam', ask: 'link', weight: 2 }], 0, cal, settings);
    const b = score([{ category: 'scam', ask: 'link', weight: 8 }], 0, cal, settings);
    assert.ok(a.confidence > 0 && b.confidence <= 1 && b.confidence > a.confidence);
  });
});
