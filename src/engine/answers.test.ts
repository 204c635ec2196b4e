/**
 * The live-call checklist's answers in the check: a refusal to say who is calling adds its
 * signal; a platform or contract number the caller states is checked against the ledger as a
 * claim in the text would be; giving a name adds nothing (anyone can make one up).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { loadData } from '../data/load.js';
import { Debt } from '../ledger/schemas.js';
import { check } from './check.js';

const engine = await testEngine();
const data = await loadData();
const GENUINE = '您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。';
const date = '2026-11-20';
const ids = (r: ReturnType<typeof check>) => r.signals.map((s) => s.id);
const loan = Debt.parse({
  id: 'd1',
  lender: { name: '示例花', kind: 'online_platform' },
  contract_no: 'HT2026001',
  principal_fen: 1_000_000,
  received_fen: 1_000_000,
  date: '2026-01-10',
  schedule: [{ due: '2026-12-10', amount_fen: 1_100_000 }],
  payments: [],
  fees: [],
  status: 'active',
  limitation_events: [],
});
const ledger = { debts: [loan], signals: data.ledgerSignals.signals, lpr: { version: 't', rates: [] }, today: date };

describe('checklist answers', () => {
  it('adds a signal for each refusal and raises the scam probability', () => {
    const plain = check(engine, { text: GENUINE, date });
    const refused = check(engine, { text: GENUINE, date, answers: { company: null, employee_no: null, contract_no: null } });
    assert.deepEqual(ids(refused).filter((x) => x.startsWith('CALL.')), ['CALL.REFUSED_COMPANY', 'CALL.REFUSED_EMPLOYEE_NO', 'CALL.REFUSED_CONTRACT']);
    assert.ok(refused.scores.p_scam > plain.scores.p_scam);
    assert.ok(refused.reasons.some((r) => r.signal === 'CALL.REFUSED_COMPANY' && r.title.zh.includes('公司')));
  });

  it('adds nothing for answers given (a name proves nothing) or not asked', () => {
    const plain = check(engine, { text: GENUINE, date });
    const gave = check(engine, { text: GENUINE, date, answers: { company: '某某科技', employee_no: 'A123' } });
    assert.deepEqual(ids(gave), ids(plain));
    assert.equal(gave.scores.p_scam, plain.scores.p_scam);
  });

  it('checks a stated platform and contract number against the ledger', () => {
    const unknown = check(engine, { text: GENUINE, date, ledger, answers: { platform: '不存在贷' } });
    assert.ok(ids(unknown).includes('LEDGER.UNKNOWN_PLATFORM'));
    const mine = check(engine, { text: GENUINE, date, ledger, answers: { platform: '示例花', contract_no: 'HT2026001' } });
    assert.ok(ids(mine).includes('LEDGER.MATCHES_ACTIVE_LOAN'));
    assert.ok(!ids(mine).includes('LEDGER.CONTRACT_MISMATCH'));
    const wrong = check(engine, { text: GENUINE, date, ledger, answers: { platform: '示例花', contract_no: 'XX999999' } });
    assert.ok(ids(wrong).includes('LEDGER.CONTRACT_MISMATCH'));
  });
});
