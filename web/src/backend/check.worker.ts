/**
 * The check, in a Web Worker of the offline app: the same engine, rules and model as
 * `dunguard check` (check-engine.ts, a chunk of its own loaded with the first check), the law
 * library's lookups from the same data bundle, and the record (record-local.ts, loaded when the
 * record is first used). The page stays responsive while the engine compiles its rules and runs.
 * This file itself holds only what routes the calls, so that a worker started for the record
 * (the app opened on the record page) is quick to start.
 */
import type { Bundle } from '../../../src/data/bundle-format.js';
import type { ModelFile } from '../../../src/data/model-file.js';
import bundleUrl from '../../../dist/data/bundle.json?url';
import modelJsonUrl from '../../../data/model/classifier.json?url';
import weightsUrl from '../../../data/model/classifier.f16?url';
import type { Ledger } from '../../../src/ledger/claims.js';
import type { CheckAsk, CheckReply, WorkerCall } from './check-protocol.js';
import type { Engine } from './check-engine.js';
import { idbRecordFile } from './record-idb.js';

const scope = self as unknown as { postMessage(m: CheckReply): void; onmessage: ((e: MessageEvent<CheckAsk>) => void) | null };

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

/** The data bundle alone: what the record needs (its settings, the law), without the engine. */
let bundleLoaded: Promise<Bundle> | undefined;
function bundleOnly(): Promise<Bundle> {
  if (bundleLoaded === undefined) {
    bundleLoaded = fetchOk(bundleUrl).then((r) => r.json() as Promise<Bundle>);
    bundleLoaded.catch(() => (bundleLoaded = undefined)); // tried again on the next call
  }
  return bundleLoaded;
}

/** The engine's code (its own chunk): loaded with the engine. */
let engineCode: Promise<typeof import('./check-engine.js')> | undefined;
const engineModule = (): Promise<typeof import('./check-engine.js')> => (engineCode ??= import('./check-engine.js'));

async function loadEngine(): Promise<{ engine: Engine; bundle: Bundle }> {
  const [code, bundle, meta, bytes] = await Promise.all([
    engineModule(),
    bundleOnly(),
    fetchOk(modelJsonUrl).then((r) => r.json() as Promise<ModelFile>),
    fetchOk(weightsUrl).then((r) => r.arrayBuffer()),
  ]);
  return { engine: await code.engineOf(bundle, meta, bytes), bundle };
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

/**
 * The record's code: SQLite, the store and the record page's first reads (record-store.ts) when
 * the record is first used; the rest (record-local.ts) with the first call those do not answer,
 * or once the first reads have been answered — so that the record page opened first draws
 * without waiting for it.
 */
let recordStore: Promise<typeof import('./record-store.js')> | undefined;
let record: Promise<typeof import('./record-local.js')> | undefined;
const storeCode = (): Promise<typeof import('./record-store.js')> => {
  recordStore ??= import('./record-store.js');
  recordStore.catch(() => (recordStore = undefined)); // tried again on the next call
  return recordStore;
};
const recordCode = (): Promise<typeof import('./record-local.js')> => {
  record ??= import('./record-local.js');
  record.catch(() => (record = undefined));
  return record;
};

/**
 * The debt ledger on the phone, for checking a caller's claims against it as the server does:
 * none while no record was ever saved (the record's code and SQLite are then not loaded).
 */
async function checkLedger(data: { bundle: Bundle }): Promise<Ledger | undefined> {
  try {
    if (record === undefined && recordStore === undefined && (await idbRecordFile.version()) === 0) return undefined;
    return await (await recordCode()).ledgerForCheck(data);
  } catch {
    return undefined; // a record that cannot be read: the check still answers, without the ledger
  }
}

function answerRecord(id: number, call: Extract<WorkerCall, { op: 'record' }>): void {
  const none = call.path === '/api/profile' ? null : call.path === '/api/tags' ? { tags: [] } : undefined;
  if (record === undefined && recordStore === undefined && call.method === 'GET' && none !== undefined) {
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

/** Record calls not yet answered: the rest of the record's code, then the engine, start loading when none is left. */
let recordPending = 0;

function runRecord(id: number, call: Extract<WorkerCall, { op: 'record' }>): void {
  recordPending++;
  Promise.all([storeCode(), bundleOnly()])
    .then(async ([rs, bundle]) => {
      const first = await rs.firstRead(bundle, call);
      const result = first !== undefined ? first.answer : await (await recordCode()).recordCall({ bundle, engine: async () => (await engineLoaded()).engine }, call);
      if (result === undefined) return scope.postMessage({ id, error: NOT_OFFLINE });
      scope.postMessage({ id, result });
    })
    .finally(() => {
      if (--recordPending === 0)
        setTimeout(() => {
          void recordCode().catch(() => undefined);
          void engineLoaded();
        }, 0);
    })
    .catch(async (err: unknown) => {
      const known = recordStore === undefined ? undefined : (await recordStore.catch(() => undefined))?.recordError(err);
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

/**
 * The record opened ahead of the record page's calls (SQLite and the saved file, with the store's
 * code), when there is one; not the engine, nor the rest of the record's code.
 */
function warmRecord(id: number): void {
  void idbRecordFile
    .version()
    .then(async (v) => {
      if (v === 0) return;
      await (await storeCode()).store();
    })
    .catch(() => undefined) // the record page's own calls say what is wrong
    .finally(() => scope.postMessage({ id, result: null }));
}

scope.onmessage = (e) => {
  const { id, ...call } = e.data;
  if (call.op === 'record') return answerRecord(id, call);
  if (call.op === 'warm') return warmRecord(id);
  if (call.op === 'warm-engine') {
    // The check page on screen: the engine loaded ahead of the first check (a failure is
    // told with each check, as when it loads with the first one).
    const done = () => scope.postMessage({ id, result: null });
    return void engineLoaded().then(done, done);
  }
  engineLoaded().then(
    async (data) => scope.postMessage({ id, ...(await (await engineModule()).answerEngineCall(data, call, () => checkLedger(data))) }),
    (err: Error) =>
      scope.postMessage({
        id,
        error: { status: 503, code: 'NO_ENGINE', zh: `检查用的数据没有加载成功，请联网后刷新一次页面。（${err.message}）`, en: `The check's data did not load; go online and reload the page once. (${err.message})` },
      }),
  );
};
