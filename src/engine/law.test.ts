import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../data/load.js';
import { testEngine } from '../../test/helpers/engine.js';

const { law } = await testEngine();
const lawMd = join(packageRoot(), '..', 'shared', 'docs', 'law.md');

describe('law table', () => {
  it('picks 治安管理处罚法 art. 42 for acts before 2026-01-01 and art. 50 from then on', () => {
    assert.deepEqual(law.resolve('harassment', '2025-12-31').map((p) => p.id), ['psapl-2012.42', 'civil-code.1033']);
    assert.deepEqual(law.resolve('harassment', '2026-01-01').map((p) => p.id), ['psapl-2025.50', 'civil-code.1033']);
  });

  it('has no gap or overlap between a provision and its successor', () => {
    for (const p of law.file.provisions) {
      if (p.successor === undefined) continue;
      const next = law.get(p.successor);
      assert.ok(next, `${p.id} → ${p.successor} exists`);
      assert.ok(p.effective_to !== null);
      const dayAfter = new Date(Date.parse(p.effective_to + 'T00:00:00Z') + 86400_000).toISOString().slice(0, 10);
      assert.equal(next.effective_from, dayAfter, `${p.id} ends the day before ${next.id} starts`);
    }
  });

  it('quotes only verified or corroborated texts, and secondary items carry no text', () => {
    for (const p of law.file.provisions) {
      if (p.strength === 'secondary') assert.equal(p.text, undefined, p.id);
      else assert.ok(p.text && p.text.length > 10, p.id);
    }
  });

  it('copies every quoted text exactly from shared/docs/law.md', { skip: !existsSync(lawMd) && 'shared/docs/law.md not present' }, () => {
    const source = readFileSync(lawMd, 'utf8');
    for (const p of law.file.provisions) {
      if (p.text === undefined) continue;
      for (const line of p.text.split('\n')) assert.ok(source.includes(line), `${p.id}: "${line.slice(0, 40)}…" is in law.md`);
    }
  });
});
