/**
 * In the offline app: keeping the screenshot reader (tesseract.js's worker, its WebAssembly core
 * and the Chinese data) and the PDF writer (its code and the Chinese font) on the phone ahead of
 * time, so that reading a screenshot and making a PDF work offline even when neither was used
 * while online. They are not part of the first visit (its budget leaves them out, and a person
 * who only checks messages never needs them): once the app is installed and the page has
 * settled, they are fetched in the background, through the service worker, whose runtime cache
 * keeps them (web/vite.app.config.ts) exactly as after a first use. Not when the browser's data
 * saver is on (the person asked to spend less data): then the record page offers a button, and
 * the first screenshot or PDF fetches what it needs, as before.
 *
 * Which files, and how large: offline-files.json, written by the build and precached with the
 * app. Only this phone's core of the three builds is fetched (ocr-core.ts).
 */
import { ocrCore } from './ocr-core.js';

interface FileEntry {
  path: string;
  bytes: number;
}

interface OfflineFilesList {
  ocr: { common: FileEntry[]; cores: Record<'relaxedsimd' | 'simd' | 'plain', FileEntry[]> } | null;
  pdf: FileEntry[] | null;
}

/** One part: kept on the phone, still to fetch, or not in this build of the app. */
export type PartState = 'ready' | 'missing' | 'absent';

export interface OfflineFiles {
  /**
   * ready: every part this build has is kept on the phone; preparing: being fetched now;
   * missing: some are not kept (offline, the data saver, or a failed try: `failed`);
   * unavailable: this browser keeps no files for the app (no service worker in control).
   */
  state: 'ready' | 'preparing' | 'missing' | 'unavailable';
  ocr: PartState;
  pdf: PartState;
  /** Bytes still to fetch (as stored; a host that compresses sends less). */
  missing_bytes: number;
  /** The browser's data saver is on: nothing is fetched unless the person asks. */
  save_data: boolean;
  /** The last try stopped (the network went away): the person may try again. */
  failed: boolean;
}

let list: Promise<OfflineFilesList> | undefined;
const fileList = (): Promise<OfflineFilesList> =>
  (list ??= fetch(new URL('offline-files.json', document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`offline-files.json: HTTP ${r.status}`);
    return r.json() as Promise<OfflineFilesList>;
  })).catch((e: unknown) => {
    list = undefined;
    throw e;
  });

/** This phone's files of each part (undefined: not in this build). */
async function parts(): Promise<{ ocr?: FileEntry[]; pdf?: FileEntry[] }> {
  const l = await fileList();
  return { ...(l.ocr ? { ocr: [...l.ocr.common, ...l.ocr.cores[await ocrCore()]] } : {}), ...(l.pdf ? { pdf: l.pdf } : {}) };
}

const url = (f: FileEntry): string => new URL(f.path, document.baseURI).href;
const kept = async (f: FileEntry): Promise<boolean> => (await caches.match(url(f))) !== undefined;

const saveData = (): boolean => (navigator as { connection?: { saveData?: boolean } }).connection?.saveData === true;
/**
 * Whether a service worker controls the page (so that what is fetched is kept): on the first
 * visit it takes control once it is installed, so this waits for that a while.
 */
async function controlled(wait = 10_000): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('caches' in self)) return false;
  if (navigator.serviceWorker.controller !== null) return true;
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, wait);
    navigator.serviceWorker.addEventListener('controllerchange', () => (clearTimeout(t), resolve()), { once: true });
  });
  return navigator.serviceWorker.controller !== null;
}

let preparing: Promise<void> | undefined;
let failed = false;

export async function offlineFiles(): Promise<OfflineFiles> {
  const base = { save_data: saveData(), failed };
  if (!(await controlled())) return { state: 'unavailable', ocr: 'missing', pdf: 'missing', missing_bytes: 0, ...base };
  const p = await parts();
  let missing = 0;
  const state = async (files: FileEntry[] | undefined): Promise<PartState> => {
    if (files === undefined) return 'absent';
    let all = true;
    for (const f of files) {
      if (await kept(f)) continue;
      all = false;
      missing += f.bytes;
    }
    return all ? 'ready' : 'missing';
  };
  const ocr = await state(p.ocr);
  const pdf = await state(p.pdf);
  return { state: preparing ? 'preparing' : missing === 0 ? 'ready' : 'missing', ocr, pdf, missing_bytes: missing, ...base };
}

/** Waits (a little) until the service worker has put a fetched file in its cache. */
async function untilKept(f: FileEntry): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await kept(f)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${f.path} was fetched but not kept`);
}

/**
 * Fetches what is not yet kept, one file at a time (the screenshot reader first), through the
 * service worker. One run at a time; a failure (offline) is remembered for the record page.
 */
export function prepareOfflineFiles(): Promise<void> {
  return (preparing ??= (async () => {
    try {
      if (!(await controlled())) return;
      const p = await parts();
      for (const f of [...(p.ocr ?? []), ...(p.pdf ?? [])]) {
        if (await kept(f)) continue;
        if (!navigator.onLine) throw new Error('offline');
        const r = await fetch(url(f));
        if (!r.ok) throw new Error(`${f.path}: HTTP ${r.status}`);
        await r.arrayBuffer();
        await untilKept(f);
      }
      failed = false;
    } catch {
      failed = true;
    } finally {
      preparing = undefined;
    }
  })());
}

/**
 * After the first visit, by itself: once a service worker controls the page, the page has
 * loaded and the phone is online, without the data saver; a few seconds later, so that the
 * page's own start comes first. Offline, it waits for the network to come back.
 */
export function prepareOfflineFilesLater(): void {
  if (!('serviceWorker' in navigator) || saveData()) return;
  const start = (): void => {
    if (!navigator.onLine) return void window.addEventListener('online', start, { once: true });
    void prepareOfflineFiles();
  };
  const whenControlled = (): void => {
    if (navigator.serviceWorker.controller !== null) return void setTimeout(start, 3000);
    navigator.serviceWorker.addEventListener('controllerchange', whenControlled, { once: true });
  };
  if (document.readyState === 'complete') whenControlled();
  else window.addEventListener('load', whenControlled, { once: true });
}
