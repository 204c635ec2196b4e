/** A small model file for the loader's tests: the scam model and the violation model (2^10 weights each), plus `over`. */
import type { ModelFile } from '../../src/data/model-file.js';

/** A side model's training record, as the loader's tests need it (its contents are not read). */
export const sideTraining = { data: 't', data_sha256: 't', rows: 0, positives: 0, options: {}, threshold_rule: 't' };

export function testModelMeta(over: Partial<ModelFile> = {}): ModelFile {
  return {
    version: 't',
    kind: 'logistic-regression/hashed-char-ngrams',
    weights_format: 'float16-le',
    dimBits: 10,
    ngrams: [1, 2, 3],
    bias: 0,
    threshold: 0,
    calibration: { a: 1, b: 0 },
    weights_sha256: '0'.repeat(64),
    training: { data: 't', data_sha256: 't', rows: 0, options: {}, licence: 't', citation: 't' },
    violation: { dimBits: 10, bias: 0, threshold: 1, training: sideTraining },
    ...over,
  };
}
