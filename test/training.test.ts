/**
 * The committed model is what `npm run train` makes from the dev data, bit for bit; and
 * training itself is deterministic.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { train } from '../src/engine/classifier.js';
import { MODEL_JSON, packageRoot } from '../src/data/load.js';

const root = packageRoot();
const devData = join(root, '..', 'shared', 'data', 'dev.jsonl');

describe('training', () => {
  it('gives the same weights for the same data and seed', () => {
    const examples = ['请转入安全账户', '今晚停水', '缴费消除逾期记录', '会员日八折'].map((text, i) => ({ text, scam: i % 2 === 0 }));
    const opts = { dimBits: 12, epochs: 3, learningRate: 0.5, l2: 1e-6, seed: 42 };
    const a = train(examples, opts);
    const b = train(examples, opts);
    assert.deepEqual(Buffer.from(a.weights.buffer), Buffer.from(b.weights.buffer));
    assert.equal(a.bias, b.bias);
  });

  it('reproduces the committed model from the dev data', { skip: !existsSync(devData) && 'shared/data/dev.jsonl not present', timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'dunguard-train-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'train.ts'), '--out', out], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const made = JSON.parse(readFileSync(join(out, MODEL_JSON), 'utf8'));
      const committed = JSON.parse(readFileSync(join(root, MODEL_JSON), 'utf8'));
      assert.equal(made.weights_sha256, committed.weights_sha256);
      assert.equal(made.threshold, committed.threshold);
      assert.deepEqual(made.calibration, committed.calibration);
      assert.deepEqual(made.violation, committed.violation);
      assert.equal(readFileSync(join(out, 'docs', 'evaluation.md'), 'utf8'), readFileSync(join(root, 'docs', 'evaluation.md'), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
