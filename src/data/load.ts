/**
 * The adapter that reads the engine's data from the repository's data/ folder: rule files,
 * the law table, the number plan and the trained model. Every file is validated by its
 * schema here; a bad file stops the program with the file name and what is wrong.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Engine } from '../engine/check.js';
import { LawTable } from '../engine/law.js';
import { buildCharMap, Normaliser } from '../engine/normalise.js';
import { compileRules } from '../engine/rules.js';
import { LawFile } from '../engine/schemas/law.js';
import { NumberPlan, OfficialNumbers } from '../engine/schemas/numbers.js';
import { RuleFile, RuleSetMeta, type Signal } from '../engine/schemas/signal.js';
import { ModelFile } from './model-file.js';

export class DataError extends Error {}

/** The repository root: the nearest folder above this file with a data/rules folder. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data', 'rules')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new DataError('cannot find the data/ folder above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

function readValidated<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new DataError(`${path}: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new DataError(`${path}: ${z.prettifyError(r.error)}`);
  return r.data;
}

export function newNormaliser(): Normaliser {
  return new Normaliser(buildCharMap([HKVariantsRev, TWVariantsRev, TSCharacters]));
}

export interface RuleData {
  meta: RuleSetMeta;
  signals: Signal[];
  /** The file each signal came from, for error messages and tests. */
  files: Map<string, string>;
}

export function loadRuleData(root = packageRoot()): RuleData {
  const dir = join(root, 'data', 'rules');
  const meta = readValidated(join(dir, '_meta.yaml'), RuleSetMeta);
  const signals: Signal[] = [];
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml') || name.startsWith('_')) continue;
    const file = readValidated(join(dir, name), RuleFile);
    for (const s of file.signals) {
      files.set(s.id, name);
      signals.push(s);
    }
  }
  return { meta, signals, files };
}

export function loadEngine(root = packageRoot()): Engine {
  return loadEngineWith(loadModel(root), root);
}

/** The engine with a model given by the caller (training and cross-validation). */
export function loadEngineWith(model: Engine['model'], root = packageRoot()): Engine {
  const normaliser = newNormaliser();
  const { meta, signals } = loadRuleData(root);
  const law = new LawTable(readValidated(join(root, 'data', 'law', 'provisions.yaml'), LawFile));
  for (const s of signals) {
    for (const ref of s.law) if (!law.knows(ref)) throw new DataError(`signal ${s.id} cites unknown law topic or provision "${ref}"`);
  }
  const rules = compileRules(meta, signals, normaliser);
  const plan = readValidated(join(root, 'data', 'numbers', 'cn-number-plan.yaml'), NumberPlan);
  const official = readValidated(join(root, 'data', 'numbers', 'official.yaml'), OfficialNumbers);
  return { normaliser, rules, law, model, numbers: { plan, official } };
}

export const MODEL_JSON = join('data', 'model', 'scam-classifier.json');
export const MODEL_WEIGHTS = join('data', 'model', 'scam-classifier.f32');

export function loadModel(root = packageRoot()): Engine['model'] {
  const meta = readValidated(join(root, MODEL_JSON), ModelFile);
  const bytes = readFileSync(join(root, MODEL_WEIGHTS));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== meta.weights_sha256) {
    throw new DataError(`${MODEL_WEIGHTS}: SHA-256 ${sha} does not match ${meta.weights_sha256} in ${MODEL_JSON}; run npm run train`);
  }
  if (bytes.length !== 4 << meta.dimBits) throw new DataError(`${MODEL_WEIGHTS}: expected ${4 << meta.dimBits} bytes, found ${bytes.length}`);
  // Copy into an aligned buffer: a Buffer's offset into its pool need not be 4-aligned.
  const weights = new Float32Array(bytes.length / 4);
  new Uint8Array(weights.buffer).set(bytes);
  return { ...meta, weights };
}
