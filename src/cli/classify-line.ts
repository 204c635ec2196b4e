/** One line of `classify` input to one line of output: parse, validate, classify, never throw. */
import { classify, InputError, type Engine } from '../engine/check.js';
import { ClassifyInput } from '../engine/schemas/result.js';

export interface LineOptions {
  /** Default incident date for lines without one. */
  date: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function classifyLine(engine: Engine, raw: Uint8Array, opts: LineOptions): string {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return JSON.stringify({ id: null, error: 'invalid UTF-8 on this line' });
  }
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.trim() === '') return JSON.stringify({ id: null, error: 'empty line' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return JSON.stringify({ id: null, error: `malformed JSON: ${(e as Error).message}` });
  }
  const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? (parsed as { id: unknown }).id : undefined;
  const safeId = typeof id === 'string' || typeof id === 'number' ? id : null;
  const r = ClassifyInput.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    return JSON.stringify({ id: safeId, error: `invalid input: ${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'unknown'}` });
  }
  try {
    const c = classify(engine, { text: r.data.text, number: r.data.number, date: r.data.date ?? opts.date });
    return JSON.stringify({ id: r.data.id, verdict: c.verdict, confidence: c.confidence, signals: c.signals });
  } catch (e) {
    if (e instanceof InputError) return JSON.stringify({ id: r.data.id, error: e.en, code: e.code });
    return JSON.stringify({ id: r.data.id, error: `internal error: ${(e as Error).message}` });
  }
}
