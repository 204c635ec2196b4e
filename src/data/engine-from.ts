/**
 * Assembling an engine from data already in memory: the bundle, the model's metadata and its
 * weights. No file system, no hashing, no Node module — the command line (through load.ts)
 * and the browser app's check worker (web/src/backend/check.worker.ts) both build their
 * engine here, so the two give the same answers from the same data.
 */
import type { Engine, ViolationModel } from '../engine/check.js';
import type { Model } from '../engine/classifier.js';
import { LawTable } from '../engine/law.js';
import { AhoCorasick, type AutomatonTables } from '../engine/aho-corasick.js';
import { Normaliser, type NormaliserTable } from '../engine/normalise.js';
import type { NumberData } from '../engine/numbers.js';
import { compileRules } from '../engine/rules.js';
import type { Bundle } from './bundle-format.js';
import { DataError } from './errors.js';
import type { ModelFile } from './model-file.js';

/** The engine's prebuilt tables (read by engine-tables.ts, which needs Node). */
export interface EngineTablesIn {
  readonly normaliser: NormaliserTable;
  readonly automaton: AutomatonTables;
}

export const noPhoneParser: NumberData['parse'] = () => {
  throw new Error('this engine was loaded without phone-number support');
};

/** `table`: the normaliser's prebuilt table for this data (see engine-tables.ts), if there is one. */
export function normaliserFrom(data: Bundle, table?: NormaliserTable): Normaliser {
  const map = new Map<number, number>();
  for (let i = 0; i < data.t2s.length; i += 2) map.set(data.t2s[i]!, data.t2s[i + 1]!);
  return new Normaliser(map, table, data.phrases);
}

/**
 * Assembles an engine from loaded data and a model (training uses this with fold models).
 * `tables`: the build's prebuilt tables for exactly this data, if there are any.
 */
export function engineFrom(data: Bundle, model: Engine['model'], parse: NumberData['parse'] = noPhoneParser, tables?: EngineTablesIn): Engine {
  if (tables !== undefined) AhoCorasick.offer(tables.automaton);
  const normaliser = normaliserFrom(data, tables?.normaliser);
  const law = new LawTable(data.law);
  for (const s of data.signals) {
    for (const ref of s.law) if (!law.knows(ref)) throw new DataError(`signal ${s.id} cites unknown law topic or provision "${ref}"`);
  }
  const rules = compileRules(data.meta, data.signals, normaliser);
  return { normaliser, rules, law, model, numbers: { plan: data.plan, official: data.official, parse }, answers: data.answerSignals.signals };
}

/**
 * The model from its metadata and the bytes of its weights, checked for shape (the caller
 * checks the weights' SHA-256 against `meta.weights_sha256` first: hashing differs by platform).
 * `where` names the files in error messages.
 */
export function modelFrom(meta: ModelFile, bytes: Uint8Array, where: { json: string; weights: string }): Engine['model'] {
  for (const k of ['dimBits', 'bias', 'threshold'] as const) {
    if (typeof meta[k] !== 'number' || !Number.isFinite(meta[k])) throw new DataError(`${where.json}: ${k} must be a finite number`);
  }
  if (typeof meta.calibration?.a !== 'number' || typeof meta.calibration?.b !== 'number') {
    throw new DataError(`${where.json}: calibration must have numbers a and b`);
  }
  const v = meta.violation;
  const c = meta.collection;
  const q = meta.suspicion;
  for (const [name, part] of [['violation', v], ['collection', c], ['suspicion', q]] as const) {
    if (part === undefined) continue;
    for (const k of ['dimBits', 'bias', 'threshold'] as const) {
      if (typeof part[k] !== 'number' || !Number.isFinite(part[k])) throw new DataError(`${where.json}: ${name}.${k} must be a finite number`);
    }
  }
  if (c !== undefined && v === undefined) throw new DataError(`${where.json}: a collection model needs the violation model before it in the weights file`);
  if (q !== undefined && c === undefined) throw new DataError(`${where.json}: a suspicion model needs the collection model before it in the weights file`);
  if (meta.weights_format !== 'float16-le' && meta.weights_format !== 'float16-le-planar') throw new DataError(`${where.json}: weights_format must be float16-le or float16-le-planar`);
  const scamCount = 1 << meta.dimBits;
  const violationCount = v === undefined ? 0 : 1 << v.dimBits;
  const collectionCount = c === undefined ? 0 : 1 << c.dimBits;
  const expected = 2 * (scamCount + violationCount + collectionCount + (q === undefined ? 0 : 1 << q.dimBits));
  if (bytes.length !== expected) {
    throw new DataError(`${where.weights}: expected ${expected} bytes, found ${bytes.length}`);
  }
  const all = meta.weights_format === 'float16-le-planar' ? decodeHalfPlanar(bytes) : decodeHalf(bytes);
  const weights = all.subarray(0, scamCount);
  const { violation: _v, collection: _c, suspicion: _q, ...scam } = meta;
  if (v === undefined) return { ...scam, weights };
  if (v.ungated_threshold !== undefined && !Number.isFinite(v.ungated_threshold)) throw new DataError(`${where.json}: violation.ungated_threshold must be a finite number`);
  const violation: ViolationModel = { version: meta.version, dimBits: v.dimBits, ngrams: meta.ngrams, bias: v.bias, threshold: v.threshold, weights: all.subarray(scamCount, scamCount + violationCount), ...(v.ungated_threshold === undefined ? {} : { ungatedThreshold: v.ungated_threshold }) };
  if (c === undefined) return { ...scam, weights, violation };
  const collectionEnd = scamCount + violationCount + collectionCount;
  const collection: Model = { version: meta.version, dimBits: c.dimBits, ngrams: meta.ngrams, bias: c.bias, threshold: c.threshold, weights: all.subarray(scamCount + violationCount, collectionEnd) };
  if (q === undefined) return { ...scam, weights, violation, collection };
  const suspicion: Model = { version: meta.version, dimBits: q.dimBits, ngrams: meta.ngrams, bias: q.bias, threshold: q.threshold, weights: all.subarray(collectionEnd) };
  return { ...scam, weights, violation, collection, suspicion };
}

let halfTable: Float32Array | undefined;
/**
 * Every half-precision value by its bits, as single precision (built once: the library's
 * per-value reader is far slower for 278,528 weights). Built from the bits — sign, exponent
 * rebased from 15 to 127, fraction shifted up — rather than by arithmetic, which costs
 * ~10 ms of every start in code run only once.
 */
function halves(): Float32Array {
  if (halfTable !== undefined) return halfTable;
  const bits = new Uint32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = (h & 0x8000) << 16;
    const exp = (h >> 10) & 0x1f;
    let frac = h & 0x3ff;
    if (exp === 31) {
      bits[h] = sign | 0x7f800000 | (frac << 13); // infinity, or NaN
    } else if (exp !== 0) {
      bits[h] = sign | ((exp + 112) << 23) | (frac << 13);
    } else if (frac === 0) {
      bits[h] = sign; // ±0
    } else {
      // Subnormal: frac · 2^-24, normalised (single precision holds it exactly).
      let e = 113;
      while ((frac & 0x400) === 0) {
        frac <<= 1;
        e--;
      }
      bits[h] = sign | (e << 23) | ((frac & 0x3ff) << 13);
    }
  }
  halfTable = new Float32Array(bits.buffer);
  return halfTable;
}

/** Planar half-precision floats (every value's low byte, then every value's high byte) to single precision, exactly. */
export function decodeHalfPlanar(bytes: Uint8Array): Float32Array {
  const t = halves();
  const n = bytes.byteLength >> 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = t[bytes[i]! | (bytes[n + i]! << 8)]!;
  return out;
}

/** Little-endian half-precision floats to single precision (exactly: a test compares every value with the library). */
export function decodeHalf(bytes: Uint8Array): Float32Array {
  const t = halves();
  const out = new Float32Array(bytes.byteLength >> 1);
  for (let i = 0, b = 0; i < out.length; i++, b += 2) out[i] = t[bytes[b]! | (bytes[b + 1]! << 8)]!;
  return out;
}
