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

/** A line's problem in both languages: `en` is the line's `error` (contract 1.0), `zh` was added in 1.2. */
export interface LineProblem {
  readonly en: string;
  readonly zh: string;
}

/**
 * Checks a parsed line against the input contract (docs/schemas/classify-input-line.json,
 * defined by ClassifyInput in src/engine/schemas/result.ts). Hand-written because it runs
 * once per line on the hot path; a property test keeps it in agreement with the schema.
 * Returns the problem, or undefined when the line is valid.
 */
export function inputProblem(v: unknown): LineProblem | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { en: 'line: expected a JSON object', zh: '这一行应是一个 JSON 对象（{"id":…,"text":…}）' };
  const o = v as Record<string, unknown>;
  if (!('id' in o)) return { en: 'id: required', zh: '缺少 id' };
  if (typeof o.id !== 'string' && (typeof o.id !== 'number' || !Number.isFinite(o.id))) return { en: 'id: expected a string or a number', zh: 'id 应是文字或数字' };
  if (!('text' in o)) return { en: 'text: required', zh: '缺少 text（要判断的短信或通话内容）' };
  if (typeof o.text !== 'string') return { en: 'text: expected a string', zh: 'text 应是文字' };
  if (o.number !== undefined && typeof o.number !== 'string') return { en: 'number: expected a string', zh: 'number（来电或短信号码）应写成文字，如 "95188"' };
  if (o.date !== undefined && (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date))) return { en: 'date: expected a date as YYYY-MM-DD', zh: 'date 应是“年-月-日”格式的日期，如 2026-11-02' };
  return undefined;
}

/** Codes of the lines classify cannot read (the check's own refusals keep theirs: EMPTY_TEXT, NO_TEXT, …). */
export type LineErrorCode = 'INVALID_UTF8' | 'EMPTY_LINE' | 'MALFORMED_JSON' | 'INVALID_INPUT' | 'INTERNAL';

/** An error line: `error` in English as since contract 1.0, `code` and `zh` (Chinese) since 1.2. */
function errorLine(id: string | number | null, code: string, en: string, zh: string): string {
  return JSON.stringify({ id, error: en, code, zh });
}

export function classifyLine(engine: Engine, line: RawLine, opts: LineOptions): string {
  if (line === null) return errorLine(null, 'INVALID_UTF8', 'invalid UTF-8 on this line', '这一行不是有效的 UTF-8 文字，请把文件另存为 UTF-8 编码');
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!hasNonSpace(text)) return errorLine(null, 'EMPTY_LINE', 'empty line', '空行');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return errorLine(null, 'MALFORMED_JSON', `malformed JSON: ${(e as Error).message}`, '这一行不是有效的 JSON，无法读取');
  }
  const problem = inputProblem(parsed);
  if (problem !== undefined) {
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    const shown = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
    return errorLine(shown, 'INVALID_INPUT', `invalid input: ${problem.en}`, `输入有误：${problem.zh}`);
  }
  const input = parsed as { id: string | number; text: string; number?: string; date?: string };
  try {
    const c = classify(engine, { text: input.text, number: input.number, date: input.date ?? opts.date });
    return resultLine(input.id, c);
  } catch (e) {
    if (e instanceof InputError) return errorLine(input.id, e.code, e.en, e.zh);
    return errorLine(input.id, 'INTERNAL', `internal error: ${(e as Error).message}`, `内部错误：${(e as Error).message}`);
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
