/**
 * The local backend of the offline app: answers the pages' calls in the browser, with no
 * server. The check runs in a Web Worker (check.worker.ts) on the same engine and data as the
 * command line; the law library is answered there too, from the same data bundle. A screenshot
 * is read by tesseract.js in a worker of its own (ocr-local.ts, ocr.worker.ts). The record, the
 * ledger, letters, tags and the one-step report are answered in the worker too (record-local.ts).
 * A call the offline app does not answer gets a clear "use the computer version" error, which
 * the pages show where they show any error.
 */
import { ApiError, notOffline, saveBlob, type Backend, type Method } from './backend.js';
import type { CheckAsk, CheckReply, CheckRequestBody, RecordFileAnswer, UploadedFile, WorkerCall } from './check-protocol.js';

const newWorker = (): Worker => new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'dunguard-check' });

/**
 * The app opened on the record page: the check worker is started, and asked to open the record,
 * as soon as this module is evaluated — before the pages' own code is — so that the record is
 * being opened while the page loads. The backend takes this worker over (a worker that failed
 * to start meanwhile is replaced by a new one, whose failure the pages are told of).
 */
let early: { worker: Worker; failed: boolean } | undefined;
if (/^#\/record(?:$|[/?])/.test(location.hash)) {
  const e = { worker: newWorker(), failed: false };
  e.worker.addEventListener('error', () => (e.failed = true));
  e.worker.postMessage({ id: 0, op: 'warm' } satisfies CheckAsk); // its answer is not waited for
  early = e;
}

/** The one check worker, started on first use (or at once: see `early`), and the calls waiting for its answers. */
function checkWorker(): (call: WorkerCall, signal?: AbortSignal) => Promise<unknown> {
  let worker: Worker | undefined;
  let next = 1;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  const start = (): Worker => {
    const taken = early;
    early = undefined;
    if (taken?.failed) taken.worker.terminate();
    const w = taken !== undefined && !taken.failed ? taken.worker : newWorker();
    w.onmessage = (e: MessageEvent<CheckReply>) => {
      const call = waiting.get(e.data.id);
      if (call === undefined) return; // aborted meanwhile
      waiting.delete(e.data.id);
      if ('result' in e.data) call.resolve(e.data.result);
      else call.reject(new ApiError(e.data.error.status, e.data.error.code, e.data.error.zh, e.data.error.en));
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const call of waiting.values()) call.reject(new ApiError(500, 'WORKER', '检查程序出错了，请刷新页面。', 'The check stopped working; reload the page.'));
      waiting.clear();
      worker = undefined;
    };
    return w;
  };
  return (call, signal) =>
    new Promise<unknown>((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      worker ??= start();
      const id = next++;
      waiting.set(id, { resolve, reject });
      signal?.addEventListener('abort', () => {
        if (waiting.delete(id)) reject(new DOMException('aborted', 'AbortError'));
      });
      worker.postMessage({ id, ...call } satisfies CheckAsk);
    });
}

/** The record's, the ledger's, the letters' and the tags' routes and the one-step report, answered in the worker (record-local.ts). */
const RECORD = /^(GET|POST|PUT|DELETE) \/api\/(events(\/[^/?]+(\/evidence)?)?|evidence(\/[0-9a-f]{64})?|report(\.pdf)?|verify|export|import|debts(\/[^/?]+(\/changes)?)?|profile|routes|letters(\/[^/?]+)?|tags(\/[^/?]+|\.vcf|\.csv)?|report-scam)$/;

/** The files of an upload, read in the page (a File cannot be stored by the worker as it is). */
async function uploaded(body: unknown): Promise<UploadedFile[] | undefined> {
  if (!(body instanceof FormData)) return undefined;
  const files: UploadedFile[] = [];
  for (const v of body.getAll('file')) if (v instanceof File) files.push({ name: v.name, type: v.type, bytes: await v.arrayBuffer() });
  return files;
}

/**
 * Asks the browser once to keep the record when space runs short (navigator.storage.persist);
 * its answer is shown on the record page (GET /api/storage). Asked only from the page: workers
 * cannot ask.
 */
let persisted: Promise<boolean | null> | undefined;
function askPersist(): Promise<boolean | null> {
  const s = navigator.storage as StorageManager | undefined;
  if (s?.persist === undefined) return Promise.resolve(null);
  return (persisted ??= s.persisted().then((already) => (already ? true : s.persist())).catch(() => null));
}

/**
 * The screenshot reader's and the PDF writer's files kept on the phone ahead of time, in the
 * background after the first visit (offline-files.ts); their state is shown on the record page.
 */
let offline: Promise<typeof import('./offline-files.js')> | undefined;
const offlineCode = (): Promise<typeof import('./offline-files.js')> => (offline ??= import('./offline-files.js'));
async function offlineFilesState(): Promise<import('./offline-files.js').OfflineFiles | null> {
  try {
    return await (await offlineCode()).offlineFiles();
  } catch {
    return null;
  }
}

/** The OCR code (and, through it, tesseract.js): loaded when the first screenshot is picked. */
let ocr: Promise<typeof import('./ocr-local.js')> | undefined;

/** Where the service worker keeps a screenshot shared to the app (share-target.js). */
const SHARE_CACHE = 'dunguard-share';
const SHARED = 'shared-screenshot';

/**
 * A screenshot shared to the app from another app (Android's share sheet, Web Share Target):
 * the service worker kept it and opened the page with ?shared=1; it is taken once (and removed).
 * Undefined when nothing was shared; null when a share arrived without a readable image.
 */
let shared: Promise<File | null | undefined> | undefined;
function sharedScreenshot(): Promise<File | null | undefined> {
  return (shared ??= (async () => {
    if (!new URLSearchParams(location.search).has('shared')) return undefined;
    history.replaceState(null, '', location.pathname + location.hash);
    if (!('caches' in self)) return null;
    const cache = await caches.open(SHARE_CACHE);
    const key = new URL(SHARED, document.baseURI).href;
    const res = await cache.match(key);
    if (!res) return null;
    await cache.delete(key);
    const name = decodeURIComponent(res.headers.get('x-dunguard-name') ?? '') || 'shared-screenshot';
    return new File([await res.blob()], name, { type: res.headers.get('content-type') ?? '' });
  })().catch(() => null));
}

export function localBackend(): Backend {
  const ask = checkWorker();
  // (prepareOfflineFilesLater waits for the page's load and a service worker in control itself.)
  void offlineCode().then((m) => m.prepareOfflineFilesLater(), () => undefined);
  return {
    kind: 'local',
    async call<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
      const [where, search = ''] = path.split('?');
      const route = `${method} ${where}`;
      if (route === 'POST /api/check') return (await ask({ op: 'check', body: body as CheckRequestBody }, signal)) as T;
      if (route === 'GET /api/law/faq') return (await ask({ op: 'faq' }, signal)) as T;
      if (route === 'GET /api/law') {
        const p = new URLSearchParams(search);
        const date = p.get('date') ?? '';
        return (await ask({ op: 'law', query: { ...(p.get('q') ? { q: p.get('q')!.slice(0, 200) } : {}), ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}) } }, signal)) as T;
      }
      if (route === 'GET /api/storage') return { persisted: await askPersist(), offline_files: await offlineFilesState() } as T;
      if (route === 'POST /api/storage/offline-files') {
        await (await offlineCode()).prepareOfflineFiles();
        return { offline_files: await offlineFilesState() } as T;
      }
      // Reading a screenshot: tesseract.js in a worker of its own, its files loaded on first use.
      if (route === 'POST /api/ocr') return (await (ocr ??= import('./ocr-local.js'))).recogniseUpload(body) as Promise<T>;
      if (RECORD.test(route)) {
        if (method !== 'GET') void askPersist();
        const files = await uploaded(body);
        return (await ask({ op: 'record', method, path, ...(files ? { files } : { body }) }, signal)) as T;
      }
      throw notOffline();
    },
    async download(method, path, body, fallbackName) {
      if (!RECORD.test(`${method} ${path.split('?')[0]}`)) throw notOffline();
      const { file } = (await ask({ op: 'record', method, path, body })) as RecordFileAnswer;
      saveBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name || fallbackName);
      return { name: file.name || fallbackName, size: file.bytes.length };
    },
    async imageUrl(sha256) {
      const { file } = (await ask({ op: 'record', method: 'GET', path: `/api/evidence/${sha256}` })) as RecordFileAnswer;
      return URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
    },
    sharedScreenshot,
    warmCheck() {
      // The worker started and the engine loaded (its code, the data bundle, the model) ahead of the first check.
      void ask({ op: 'warm-engine' }).catch(() => undefined);
    },
    warmOcr() {
      // The OCR code, then tesseract.js's worker, core and data: what the first screenshot would wait for.
      void (ocr ??= import('./ocr-local.js')).then((m) => m.warmUp()).catch(() => undefined);
    },
  };
}
