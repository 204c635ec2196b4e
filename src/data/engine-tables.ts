/**
 * The engine's prebuilt tables: the normaliser's per-code-point table (every BMP character
 * already folded) and the rules' Aho–Corasick automaton, written by `npm run build` beside
 * the data bundle so that a run starts with them instead of building them (~0.1 s of every
 * `check` and `classify` start, and the JIT warm-up of folding each new character).
 *
 * They are used only with the exact bundle they were built from (its SHA-256), on the same
 * Node version and Unicode data, and only when their own SHA-256 checks out; otherwise they
 * are ignored and everything is built as before. The automaton is adopted only for exactly
 * the terms it was built over (AhoCorasick.offer), so even a mismatch there cannot change
 * an answer. Node only: the browser app builds its engine from the bundle as before.
 *
 * File: "DGET", a little-endian u32 header length, the header (JSON), then the arrays, each
 * at an offset that is a multiple of 8.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AutomatonTables } from '../engine/aho-corasick.js';
import type { Engine } from '../engine/check.js';
import type { EngineTablesIn } from './engine-from.js';

export const TABLES_PATH = join('dist', 'data', 'engine-tables.bin');

const MAGIC = 'DGET';
const FORMAT = 1;

export type EngineTables = EngineTablesIn;

type ArrayName = 'unit' | Exclude<keyof AutomatonTables, 'terms'>;
const INT32: readonly ArrayName[] = ['unit', 'rootNext', 'keyNode', 'keyUnit', 'child', 'fail', 'outStart', 'outData', 'termLength'];
const UINT8: readonly ArrayName[] = ['inAlphabet'];

interface Header {
  format: number;
  /** What the tables are valid for: the bundle's SHA-256 and the running Node's Unicode data. */
  key: TablesKey;
  /** SHA-256 of everything after the header. */
  sha256: string;
  arrays: Record<string, [offset: number, length: number]>;
  terms: string[];
  long: [number, string][];
}

interface TablesKey {
  bundle: string;
  node: string;
  unicode: string;
  icu: string;
}

function keyFor(bundleSha: string): TablesKey {
  return { bundle: bundleSha, node: process.version, unicode: process.versions.unicode ?? '', icu: process.versions.icu ?? '' };
}

/** Writes the tables of `engine` (which must have been built from the bundle with this SHA-256). */
export function writeEngineTables(root: string, bundleSha: string, engine: Engine): void {
  const normaliser = engine.normaliser.fullTable();
  const automaton = engine.rules.automaton.tables(engine.rules.terms);
  const arrays: Record<string, [number, number]> = {};
  const parts: Uint8Array[] = [];
  let offset = 0;
  const add = (name: ArrayName, a: Int32Array | Uint8Array): void => {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    arrays[name] = [offset, a.length];
    parts.push(bytes);
    offset += bytes.length;
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) {
      parts.push(new Uint8Array(pad));
      offset += pad;
    }
  };
  add('unit', normaliser.unit);
  for (const name of INT32) if (name !== 'unit') add(name, automaton[name as keyof AutomatonTables] as Int32Array);
  for (const name of UINT8) add(name, automaton[name as keyof AutomatonTables] as Uint8Array);
  const body = Buffer.concat(parts);
  const header: Header = {
    format: FORMAT,
    key: keyFor(bundleSha),
    sha256: createHash('sha256').update(body).digest('hex'),
    arrays,
    terms: [...automaton.terms],
    long: normaliser.long.map(([cp, s]) => [cp, s]),
  };
  let head = Buffer.from(JSON.stringify(header), 'utf8');
  // The body starts at a multiple of 8 (8 bytes of magic and length, then the padded header).
  const headPad = (8 - (head.length % 8)) % 8;
  head = Buffer.concat([head, Buffer.alloc(headPad, 0x20)]);
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 4);
  writeFileSync(join(root, TABLES_PATH), Buffer.concat([prefix, head, body]));
}

/** The tables, if the file is there, intact and made for this bundle on this Node; otherwise undefined. */
export function readEngineTables(root: string, bundleSha: string): EngineTables | undefined {
  let file: Buffer;
  try {
    file = readFileSync(join(root, TABLES_PATH));
  } catch {
    return undefined;
  }
  try {
    if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) return undefined;
    const headLength = file.readUInt32LE(4);
    if (8 + headLength > file.length) return undefined;
    const header = JSON.parse(file.toString('utf8', 8, 8 + headLength)) as Header;
    const want = keyFor(bundleSha);
    if (header.format !== FORMAT || header.key.bundle !== want.bundle || header.key.node !== want.node || header.key.unicode !== want.unicode || header.key.icu !== want.icu) return undefined;
    // A copy, so that the arrays are aligned however the file's bytes were placed in memory.
    const bodyStart = 8 + headLength;
    const body = new Uint8Array(file.length - bodyStart);
    body.set(file.subarray(bodyStart));
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return undefined;
    const view = (name: ArrayName, int32: boolean): Int32Array | Uint8Array => {
      const entry = header.arrays[name];
      if (entry === undefined) throw new Error(`missing ${name}`);
      const [offset, length] = entry;
      const bytes = length * (int32 ? 4 : 1);
      if (offset % 8 !== 0 || offset + bytes > body.length) throw new Error(`bad ${name}`);
      return int32 ? new Int32Array(body.buffer, offset, length) : new Uint8Array(body.buffer, offset, length);
    };
    const a = (name: ArrayName): Int32Array => view(name, true) as Int32Array;
    const automaton: AutomatonTables = {
      terms: header.terms,
      rootNext: a('rootNext'),
      keyNode: a('keyNode'),
      keyUnit: a('keyUnit'),
      child: a('child'),
      fail: a('fail'),
      outStart: a('outStart'),
      outData: a('outData'),
      termLength: a('termLength'),
      inAlphabet: view('inAlphabet', false) as Uint8Array,
    };
    if (automaton.rootNext.length !== 65536 || automaton.inAlphabet.length !== 65536 || automaton.outStart.length !== automaton.fail.length + 1) return undefined;
    const mask = automaton.keyNode.length - 1;
    if ((automaton.keyNode.length & mask) !== 0 || automaton.keyUnit.length !== automaton.keyNode.length || automaton.child.length !== automaton.keyNode.length) return undefined;
    if (automaton.termLength.length !== header.terms.length) return undefined;
    // The scan reads node n's terms straight from outData[outStart[n] .. outStart[n + 1]).
    const { outStart, outData } = automaton;
    if (outStart[0] !== 0 || outStart[outStart.length - 1] !== outData.length) return undefined;
    for (let n = 1; n < outStart.length; n++) if (outStart[n]! < outStart[n - 1]!) return undefined;
    for (let k = 0; k < outData.length; k++) if (outData[k]! < 0 || outData[k]! >= header.terms.length) return undefined;
    return { normaliser: { unit: a('unit'), long: header.long }, automaton };
  } catch {
    return undefined;
  }
}
