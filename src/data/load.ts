/**
 * The adapter that gives the engine its data: from the build's bundle when it is fresh
 * (fast start), otherwise from the sources in data/, validated by their schemas. The
 * trained model is read here too, and checked against its recorded SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Engine } from '../engine/check.js';
import type { NumberData } from '../engine/numbers.js';
import { bundleSha, readFreshBundle, type Bundle } from './bundle.js';
import { readEngineTables } from './engine-tables.js';
import { engineFrom, modelFrom, noPhoneParser } from './engine-from.js';
import { DataError } from './errors.js';
import { packageRoot } from './root.js';
import type { ModelFile } from './model-file.js';

export { DataError };
export { packageRoot } from './root.js';
export { engineFrom, normaliserFrom } from './engine-from.js';

const loaded = new Map<string, Promise<Bundle>>();

/**
 * The data: the fresh bundle, or the validated sources (loaded only when needed). Read once
 * per process: the engine, the record and the number inspector all ask for it.
 */
export function loadData(root = packageRoot()): Promise<Bundle> {
  let data = loaded.get(root);
  if (data === undefined) {
    data = (async () => {
      const bundle = readFreshBundle(root);
      if (bundle !== undefined) return bundle;
      const { readSources } = await import('./sources.js');
      return readSources(root);
    })();
    loaded.set(root, data);
    data.catch(() => loaded.delete(root)); // a failed read is not remembered
  }
  return data;
}

/**
 * libphonenumber-js is loaded only when a number is to be inspected, and through its
 * CommonJS build: Node 20's ES-module loader takes ~70 ms for its many files, require ~45 ms.
 */
async function phoneParser(): Promise<NumberData['parse']> {
  const require = createRequire(import.meta.url);
  return (require('libphonenumber-js/max') as typeof import('libphonenumber-js/max')).parsePhoneNumberFromString;
}

/**
 * A parser that loads libphonenumber-js on its first call: for `classify`, where most lines
 * carry no number, so a run without numbers never pays the ~50–150 ms of loading it.
 */
function lazyPhoneParser(): NumberData['parse'] {
  let parse: NumberData['parse'] | undefined;
  return ((...args: Parameters<NumberData['parse']>) => {
    parse ??= createRequire(import.meta.url)('libphonenumber-js/max').parsePhoneNumberFromString as NumberData['parse'];
    return parse(...args);
  }) as NumberData['parse'];
}

/** `phoneNumbers`: false, none; 'lazy', loaded at the first number; otherwise loaded now. */
export async function loadEngine(root = packageRoot(), opts: { phoneNumbers?: boolean | 'lazy' } = {}): Promise<Engine> {
  const parse = opts.phoneNumbers === false ? noPhoneParser : opts.phoneNumbers === 'lazy' ? lazyPhoneParser() : await phoneParser();
  const data = await loadData(root);
  // The build's prebuilt normaliser table and automaton, when they were made from this very bundle.
  const sha = bundleSha(data);
  const tables = sha === undefined ? undefined : readEngineTables(root, sha);
  return engineFrom(data, loadModel(root), parse, tables);
}

export async function loadNumberData(root = packageRoot()): Promise<NumberData> {
  const data = await loadData(root);
  return { plan: data.plan, official: data.official, parse: await phoneParser() };
}

export const MODEL_JSON = join('data', 'model', 'classifier.json');
export const MODEL_WEIGHTS = join('data', 'model', 'classifier.f16');

export function loadModel(root = packageRoot()): Engine['model'] {
  let meta: ModelFile;
  try {
    meta = JSON.parse(readFileSync(join(root, MODEL_JSON), 'utf8')) as ModelFile;
  } catch (e) {
    throw new DataError(`${MODEL_JSON}: ${(e as Error).message}; run npm run train`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, MODEL_WEIGHTS));
  } catch (e) {
    throw new DataError(`${MODEL_WEIGHTS}: ${(e as Error).message}; run npm run train`);
  }
  // The weights' hash is recorded beside them: a damaged or swapped file is refused.
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== meta.weights_sha256) {
    throw new DataError(`${MODEL_WEIGHTS}: SHA-256 ${sha} does not match ${meta.weights_sha256} in ${MODEL_JSON}; run npm run train`);
  }
  return modelFrom(meta, bytes, { json: MODEL_JSON, weights: MODEL_WEIGHTS });
}
