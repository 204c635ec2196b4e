/** One line of `classify` input to one line of output: parse, validate, classify, never throw. */
import { isUtf8 } from 'node:buffer';
import { endianness } from 'node:os';
import { classify, hasNonSpace, InputError, type Classification, type Engine } from '../engine/check.js';

export interface LineOptions {
  /** Default incident date for lines without one. */
  date: string;
}

/** A line's text, or null when its bytes were not valid UTF-8. */
export type RawLine = string | null;

/**
 * Checks a parsed line against the input contract (docs/schemas/classify-input-line.json,
 * defined by ClassifyInput in src/engine/schemas/result.ts). Hand-written because it runs
 * once per line on the hot path; a property test keeps it in agreement with the schema.
 * Returns an error message, or undefined when the line is valid.
 */
export function inputProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'line: expected a JSON object';
  const o = v as Record<string, unknown>;
  if (!('id' in o)) return 'id: required';
  if (typeof o.id !== 'string' && (typeof o.id !== 'number' || !Number.isFinite(o.id))) return 'id: expected a string or a number';
  if (!('text' in o)) return 'text: required';
  if (typeof o.text !== 'string') return 'text: expected a string';
  if (o.number !== undefined && typeof o.number !== 'string') return 'number: expected a string';
  if (o.date !== undefined && (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date))) return 'date: expected a date as YYYY-MM-DD';
  return undefined;
}

export function classifyLine(engine: Engine, line: RawLine, opts: LineOptions): string {
  if (line === null) return JSON.stringify({ id: null, error: 'invalid UTF-8 on this line' });
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!hasNonSpace(text)) return JSON.stringify({ id: null, error: 'empty line' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return JSON.stringify({ id: null, error: `malformed JSON: ${(e as Error).message}` });
  }
  const problem = inputProblem(parsed);
  if (problem !== undefined) {
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    return JSON.stringify({ id: typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null, error: `invalid input: ${problem}` });
  }
  const input = parsed as { id: string | number; text: string; number?: string; date?: string };
  try {
    const c = classify(engine, { text: input.text, number: input.number, date: input.date ?? opts.date });
    return resultLine(input.id, c);
  } catch (e) {
    if (e instanceof InputError) return JSON.stringify({ id: input.id, error: e.en, code: e.code });
    return JSON.stringify({ id: input.id, error: `internal error: ${(e as Error).message}` });
  }
}

/**
 * The output line for a classified input line:
 *   JSON.stringify({ id, verdict, confidence, signals, assessment, certainty }).
 * V8's JSON.stringify writes one flat string in one pass; a hand-written serialiser that
 * joined pieces (used until 2026-11-29) was about half as fast once its output was written
 * out (measured over the dev set with 4,496 terms and ~440 bytes a line), so none is kept.
 */
export function resultLine(id: string | number, c: Classification): string {
  return JSON.stringify({ id, verdict: c.verdict, confidence: c.confidence, signals: c.signals, assessment: c.assessment, certainty: c.certainty });
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Chunks up to this many bytes are decoded through the reused buffer (input is read 1 MiB at a time). */
const MAX_REUSED = 1 << 23;
/** UTF-16 code units, reused from one chunk to the next (grown as needed, up to MAX_REUSED). */
let units = new Uint16Array(1 << 16);
const littleEndian = endianness() === 'LE';

/**
 * Bytes already known to be valid UTF-8 (isUtf8) as a string: exactly what
 * `buf.toString('utf8')` gives (no byte-order mark is dropped), decoded here into UTF-16
 * units and handed to V8 as such — on Node 20 that is about twice as fast as its own UTF-8
 * decoding for text that is mostly Chinese, and classify decodes every byte of its input.
 */
export function decodeValidUtf8(buf: Buffer): string {
  const n = buf.length;
  // Short chunks gain nothing; a huge one (a very long line) is not worth keeping a buffer for.
  if (!littleEndian || n < 64 || n > MAX_REUSED) return buf.toString('utf8');
  if (units.length < n) units = new Uint16Array(Math.max(n, units.length * 2));
  const u = units;
  let j = 0;
  for (let i = 0; i < n; ) {
    const c = buf[i]!;
    if (c < 0x80) {
      u[j++] = c;
      i++;
    } else if (c < 0xe0) {
      u[j++] = ((c & 0x1f) << 6) | (buf[i + 1]! & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      u[j++] = ((c & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((buf[i + 1]! & 0x3f) << 12) | ((buf[i + 2]! & 0x3f) << 6) | (buf[i + 3]! & 0x3f)) - 0x10000;
      u[j++] = 0xd800 + (cp >> 10);
      u[j++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    }
  }
  return Buffer.from(u.buffer, 0, j * 2).toString('utf16le');
}

/**
 * Splits a chunk of bytes that ends at a line end into lines. The whole chunk is decoded
 * at once; only if that fails is it decoded line by line, so that one bad line costs only
 * itself.
 */
export function splitLines(chunk: Uint8Array): RawLine[] {
  // isUtf8 and toString use Node's SIMD UTF-8 code: several times faster than a fatal TextDecoder.
  const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (isUtf8(buf)) {
    const lines = decodeValidUtf8(buf).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }
  {
    const out: RawLine[] = [];
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      if (i === chunk.length || chunk[i] === 10) {
        if (i === chunk.length && start === i) break;
        try {
          out.push(strict.decode(chunk.subarray(start, i)));
        } catch {
          out.push(null);
        }
        start = i + 1;
      }
    }
    return out;
  }
}
