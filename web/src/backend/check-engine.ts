/**
 * The check worker's engine part (check.worker.ts), a chunk of its own: the same engine, rules
 * and model as `dunguard check`, assembled by src/data/engine-from.ts from the build's data
 * bundle and the model weights, and the law library's lookups answered by the same code as the
 * HTTP API (src/service/law.ts). Loaded by the worker with the first message that needs it, so
 * that a worker started for the record alone (the app opened on the record page) does not
 * first read the engine's code.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { check, InputError } from '../../../src/engine/check.js';
import type { Engine } from '../../../src/engine/check.js';
import { engineFrom, modelFrom } from '../../../src/data/engine-from.js';
import type { Bundle } from '../../../src/data/bundle-format.js';
import type { ModelFile } from '../../../src/data/model-file.js';
import { todayInShanghai } from '../../../src/record/time.js';
import { faqAnswers, searchLaw } from '../../../src/service/law.js';
import type { Ledger } from '../../../src/ledger/claims.js';
import type { CheckReply, WorkerCall } from './check-protocol.js';

export type { Engine };

const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The engine from the bundle and the model's files (as fetched by the worker). */
export async function engineOf(bundle: Bundle, meta: ModelFile, bytes: ArrayBuffer): Promise<Engine> {
  // The same refusal as the command line's: damaged or swapped weights are never used.
  const sha = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (sha !== meta.weights_sha256) throw new Error(`model weights: SHA-256 ${sha} does not match ${meta.weights_sha256}`);
  return engineFrom(bundle, modelFrom(meta, new Uint8Array(bytes), { json: 'classifier.json', weights: 'classifier.f16' }), parsePhoneNumberFromString);
}

type EngineCall = Exclude<WorkerCall, { op: 'record' } | { op: 'warm' } | { op: 'warm-engine' }>;

/** A check, a law search or the common questions, answered as the HTTP API answers them (errors included). */
export async function answerEngineCall(data: { engine: Engine; bundle: Bundle }, call: EngineCall, ledger: () => Promise<Ledger | undefined>): Promise<{ result: unknown } | { error: Extract<CheckReply, { error: unknown }>['error'] }> {
  try {
    switch (call.op) {
      case 'check': {
        const b = call.body;
        const l = b.use_ledger === false ? undefined : await ledger();
        return { result: check(data.engine, { text: b.text, number: b.number, date: b.date ?? todayInShanghai(), ledger: l, answers: b.answers }) };
      }
      case 'law':
        return { result: searchLaw(data.bundle.law, call.query) };
      case 'faq':
        return { result: faqAnswers(data.bundle.faq, data.bundle.law) };
    }
  } catch (err) {
    if (err instanceof InputError) return { error: { status: err.code === 'TEXT_TOO_LONG' ? 413 : 400, code: err.code, zh: err.zh, en: err.en } };
    return { error: { status: 500, code: 'INTERNAL', zh: '出错了，请重试。', en: 'Something went wrong; try again.' } };
  }
}
