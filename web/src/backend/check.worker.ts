/**
 * The check, in a Web Worker of the offline app: the same engine, rules and model as
 * `dunguard check`, assembled by src/data/engine-from.ts from the build's data bundle and the
 * model weights, which are static files of the app (cached by the service worker). The page
 * stays responsive while the engine compiles its rules and runs. The law library's lookups are
 * answered here too, from the same bundle, by the same code as the HTTP API (src/service/law.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { check, InputError } from '../../../src/engine/check.js';
import type { Engine } from '../../../src/engine/check.js';
import { engineFrom, modelFrom } from '../../../src/data/engine-from.js';
import type { Bundle } from '../../../src/data/bundle-format.js';
import type { ModelFile } from '../../../src/data/model-file.js';
import { todayInShanghai } from '../../../src/record/time.js';
import { faqAnswers, searchLaw } from '../../../src/service/law.js';
import bundleUrl from '../../../dist/data/bundle.json?url';
import modelJsonUrl from '../../../data/model/classifier.json?url';
import weightsUrl from '../../../data/model/classifier.f16?url';
import type { Ledger } from '../../../src/ledger/claims.js';
import type { CheckAsk, CheckReply, WorkerCall } from './check-protocol.js';
import { idbRecordFile } from './record-idb.js';

const scope = self as unknown as { postMessage(m: CheckReply): void; onmessage: ((e: MessageEvent<CheckAsk>) => void) | null };

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The data bundle alone: what the record needs (its settings, the law), without the engine. */
let bundleLoaded: Promise<Bundle> | undefined;
function bundleOnly(): Promise<Bundle> {
  if (bundleLoaded === undefined) {
    bundleLoaded = fetchOk(bundleUrl).then((r) => r.json() as Promise<Bundle>);
    bundleLoaded.catch(() => (bundleLoaded = undefined)); // tried again on the next call
  }
  return bundleLoaded;
}

async function loadEngine(): Promise<{ engine: Engine; bundle: Bundle }> {
  const [bundle, meta, bytes] = await Promise.all([
    bundleOnly(),
    fetchOk(modelJsonUrl).then((r) => r.json() as Promise<ModelFile>),
    fetchOk(weightsUrl).then((r) => r.arrayBuffer()),
  ]);
  // The same refusal as the command line's: damaged or swapped weights are never used.
  const sha = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (sha !== meta.weights_sha256) throw new Error(`model weights: SHA-256 ${sha} does not match ${meta.weights_sha256}`);
  const engine = engineFrom(bundle, modelFrom(meta, new Uint8Array(bytes), { json: 'classifier.json', weights: 'classifier.f16' }), parsePhoneNumberFromString);
  return { engine, bundle };
}

/**
 * The engine, loaded once: with the first message that is not the record's (the worker starts
 * with the page's first call, so the engine is usually ready before the first message is
 * typed), or once the record's calls have all been answered — so that the record page's first
 * page and charts, when the app opens there, do not wait for the engine.
 */
let loaded: Promise<{ engine: Engine; bundle: Bundle }> | undefined;
function engineLoaded(): Promise<{ engine: Engine; bundle: Bundle }> {
  if (loaded === undefined) {
    loaded = loadEngine();
    loaded.catch(() => undefined); // reported with each call below
  }
  return loaded;
}

/** The record's code and its WebAssembly SQLite: loaded when the record is first used. */
let record: Promise<typeof import('./record-local.js')> | undefined;

/**
 * The debt ledger on the phone, for checking a caller's claims against it as the server does:
 * none while no record was ever saved (the record's code and SQLite are then not loaded).
 */
async function checkLedger(data: { bundle: Bundle }): Promise<Ledger | undefined> {
  try {
    if (record === undefined && (await idbRecordFile.version()) === 0) return undefined;
    record ??= import('./record-local.js');
    return await (await record).ledgerForCheck(data);
  } catch {
    return undefined; // a record that cannot be read: the check still answers, without the ledger
  }
}

async function answer(data: { engine: Engine; bundle: Bundle }, call: WorkerCall): Promise<unknown> {
  switch (call.op) {
    case 'check': {
      const b = call.body;
      const ledger = b.use_ledger === false ? undefined : await checkLedger(data);
      return check(data.engine, { text: b.text, number: b.number, date: b.date ?? todayInShanghai(), ledger, answers: b.answers });
    }
    case 'law':
      return searchLaw(data.bundle.law, call.query);
    case 'faq':
      return faqAnswers(data.bundle.faq, data.bundle.law);
    case 'record':
    case 'warm':
      throw new Error('answered by answerRecord / warmRecord');
  }
}


function answerRecord(id: number, call: Extract<WorkerCall, { op: 'record' }>): void {
  const none = call.path === '/api/profile' ? null : call.path === '/api/tags' ? { tags: [] } : undefined;
  if (record === undefined && call.method === 'GET' && none !== undefined) {
    // The warning card asks for the profile (to hide the name) and the number's tag: with no
    // record yet there is neither, and no record is made (nor its code and SQLite loaded).
    void idbRecordFile.version().then(
      (v) => (v === 0 ? scope.postMessage({ id, result: none }) : runRecord(id, call)),
      () => scope.postMessage({ id, result: none }),
    );
    void engineLoaded(); // the check page asks this first: its checks come next
    return;
  }
  runRecord(id, call);
}

/** Record calls not yet answered: the engine starts loading when none is left (see engineLoaded). */
let recordPending = 0;

function runRecord(id: number, call: Extract<WorkerCall, { op: 'record' }>): void {
  recordPending++;
  record ??= import('./record-local.js');
  Promise.all([record, bundleOnly()])
    .then(async ([r, bundle]) => {
      const result = await r.recordCall({ bundle, engine: async () => (await engineLoaded()).engine }, call);
      if (result === undefined) return scope.postMessage({ id, error: NOT_OFFLINE });
      scope.postMessage({ id, result });
    })
    .finally(() => {
      if (--recordPending === 0) setTimeout(() => void engineLoaded(), 0);
    })
    .catch(async (err: unknown) => {
      const known = record === undefined ? undefined : (await record.catch(() => undefined))?.recordError(err);
      scope.postMessage({
        id,
        error: known ?? {
          status: 500,
          code: 'RECORD',
          zh: `记录出错了：${(err as Error).message}。请刷新页面再试；如果一直这样，请先导出证据包保存。`,
          en: `The record failed: ${(err as Error).message}. Reload and try again; if it keeps failing, export the evidence package first.`,
        },
      });
    });
}

const NOT_OFFLINE = { status: 501, code: 'NOT_OFFLINE', zh: '离线版暂不支持这项功能，请使用电脑版（在电脑上运行 dunguard serve）。', en: 'The offline app cannot do this yet: use the computer version (dunguard serve on a computer).' };

/** The record opened ahead of the record page's calls (its code, SQLite and the saved file), when there is one; not the engine. */
function warmRecord(id: number): void {
  void idbRecordFile
    .version()
    .then(async (v) => {
      if (v === 0) return;
      record ??= import('./record-local.js');
      await (await record).openRecord();
    })
    .catch(() => undefined) // the record page's own calls say what is wrong
    .finally(() => scope.postMessage({ id, result: null }));
}

scope.onmessage = (e) => {
  const { id, ...call } = e.data;
  if (call.op === 'record') return answerRecord(id, call);
  if (call.op === 'warm') return warmRecord(id);
  engineLoaded().then(
    async (data) => {
      try {
        scope.postMessage({ id, result: await answer(data, call) });
      } catch (err) {
        if (err instanceof InputError) scope.postMessage({ id, error: { status: err.code === 'TEXT_TOO_LONG' ? 413 : 400, code: err.code, zh: err.zh, en: err.en } });
        else scope.postMessage({ id, error: { status: 500, code: 'INTERNAL', zh: '出错了，请重试。', en: 'Something went wrong; try again.' } });
      }
    },
    (err: Error) =>
      scope.postMessage({
        id,
        error: { status: 503, code: 'NO_ENGINE', zh: `检查用的数据没有加载成功，请联网后刷新一次页面。（${err.message}）`, en: `The check's data did not load; go online and reload the page once. (${err.message})` },
      }),
  );
};
