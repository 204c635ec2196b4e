import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { inspectNumber } from './numbers.js';

const { numbers } = await testEngine();
const inspect = (n: string) => inspectNumber(n, numbers);

describe('inspectNumber', () => {
  it('normalises +86, 0086, spaces, dashes and full-width digits', () => {
    for (const raw of ['+86 138-0013-8000', '0086 13800138000', '１３８００１３８０００', '(+86)138 0013 8000']) {
      const r = inspect(raw);
      assert.equal(r.normalised, '13800138000', raw);
      assert.equal(r.kind, 'mobile', raw);
    }
  });

  it('marks virtual-operator ranges as a weak signal, never as genuine', () => {
    for (const p of ['170', '171', '162', '165', '167']) {
      const r = inspect(`${p}12345678`);
      assert.ok(r.flags.includes('virtual_operator'), p);
      assert.ok(r.signals.every((s) => s.weight > 0));
    }
  });

  it('classifies fixed lines, 400/800, 95xxx, 106 ports, 12xxx, short and international numbers', () => {
    assert.equal(inspect('010-12345678').kind, 'fixed_line');
    assert.equal(inspect('010-12345678').area_code, '010');
    assert.equal(inspect('0755 1234 5678').area_code, '0755');
    assert.equal(inspect('400-123-4567').kind, 'toll_free');
    assert.equal(inspect('800 820 8820').kind, 'toll_free');
    assert.equal(inspect('95588').kind, 'service');
    assert.equal(inspect('1069 0000 1234').kind, 'sms_port');
    assert.equal(inspect('12378').kind, 'government');
    assert.equal(inspect('110').kind, 'short');
    const intl = inspect('+852 9123 4567');
    assert.equal(intl.kind, 'international');
    assert.ok(intl.flags.includes('international'));
  });

  it('recognises official anti-fraud numbers with their source', () => {
    const r = inspect('96110');
    assert.ok(r.official);
    assert.ok(r.official.source.length > 0);
    assert.ok(r.flags.includes('official_anti_fraud'));
    assert.equal(inspect('12381').official?.name.zh, '涉诈预警劝阻短信号码');
  });

  it('flags "+00" prefixes and over-long numbers as suspicious', () => {
    assert.ok(inspect('+00 86 95588').flags.includes('odd_prefix'));
    assert.ok(inspect('1380013800012345').flags.includes('too_long'));
    assert.equal(inspect('hello').kind, 'malformed');
    assert.equal(inspect('').kind, 'malformed');
  });

  it('never gives a number a weight toward "genuine"', () => {
    for (const raw of ['95588', '13800138000', '4001234567', '01012345678', '10690000123']) {
      assert.ok(inspect(raw).signals.every((s) => s.weight >= 0), raw);
    }
  });
});
