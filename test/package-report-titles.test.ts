/**
 * The evidence package's harassment report is read by a regulator or a court: it names the
 * signals found in the texts by their titles, never by the engine's internal ids — the learned
 * model's signal included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadData } from '../src/data/load.js';
import { packageReport, reportRulesHash } from '../src/service/package-format.js';
import type { StoredEvent } from '../src/record/schemas.js';

const data = await loadData();

function sms(id: string, at: string, signals: { id: string; category: string; weight: number }[]): StoredEvent {
  return {
    id,
    kind: 'sms',
    occurred_at: at,
    time_zone: 'Asia/Shanghai',
    number: '13800000000',
    claimed: {},
    contacted: 'borrower',
    content: '钱什么时候还？再拖下去你自己看着办',
    analysis: { verdict: 'collection_violation', signals },
  } as unknown as StoredEvent;
}

describe('the package report names signals by their titles', () => {
  it('shows titles, and no internal ids in report.html', () => {
    const events = [
      sms('e1', '2026-11-20T10:00:00+08:00', [{ id: 'MODEL.VIOLATION_CLASSIFIER', category: 'violation', weight: 3 }]),
      sms('e2', '2026-11-21T10:00:00+08:00', [{ id: 'VIOLATION.THIRD_PARTY_CONTACT', category: 'violation', weight: 5 }]),
    ];
    const { html, json } = packageReport(events, data, '2026-11-30T00:00:00Z');
    const third = data.signals.find((s) => s.id === 'VIOLATION.THIRD_PARTY_CONTACT')!.title.zh;
    assert.ok(html.includes(data.meta.model_signal.violation.title.zh), 'the model signal by its title');
    assert.ok(html.includes(third), 'a rule by its title');
    // The page a person reads has no ids; the JSON keeps them beside the titles (its contract) and has the titles too.
    assert.doesNotMatch(html, /MODEL\.VIOLATION_CLASSIFIER|VIOLATION\.THIRD_PARTY_CONTACT/);
    assert.ok(json.includes(data.meta.model_signal.violation.title.zh));
  });

  it('counts the titles in the rules hash, so a package made with other titles is not compared byte for byte', () => {
    const other = { ...data, meta: { ...data.meta, model_signal: { ...data.meta.model_signal, violation: { ...data.meta.model_signal.violation, title: { zh: '别的标题', en: 'Another title' } } } } };
    assert.notEqual(reportRulesHash(other), reportRulesHash(data));
  });
});
