/**
 * The offline app's record on the phone, in IndexedDB (database "dunguard-record"): the
 * SQLite database file of the browser store (src/store/browser/), saved whole after each
 * change, and the evidence files, each under its SHA-256 (content-addressed, as the vault on a
 * computer). One writer at a time across tabs: the Web Locks API (navigator.locks).
 */
import type { RecordFile } from '../../../src/store/browser/record-file.js';

const DB_NAME = 'dunguard-record';
const FILE = 'file';
const EVIDENCE = 'evidence';

const opened = new Map<string, Promise<IDBDatabase>>();

function idb(name = DB_NAME): Promise<IDBDatabase> {
  let o = opened.get(name);
  if (o === undefined) opened.set(name, (o = openIdb(name)));
  return o;
}

function openIdb(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(FILE);
      req.result.createObjectStore(EVIDENCE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

/** One request in its own transaction; resolves once the transaction has committed. */
async function tx<T>(store: string, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>, name = DB_NAME): Promise<T> {
  const db = await idb(name);
  return new Promise<T>((resolve, reject) => {
    const t = db.transaction(store, mode, { durability: 'strict' });
    const req = f(t.objectStore(store));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error ?? req.error ?? new Error('IndexedDB'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB: aborted'));
  });
}

/** An in-page queue where the Web Locks API is missing (older browsers): one tab then. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The record file in the IndexedDB database `name`, locked under the same name (the app's is
 * "dunguard-record"; the store conformance suite in chromium opens one per test record).
 */
export const idbRecordFileIn = (name: string): RecordFile => ({
  locked<T>(f: () => Promise<T>): Promise<T> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks !== undefined) return locks.request(name, () => f()) as Promise<T>;
    const r = queue.then(f, f);
    queue = r.catch(() => undefined);
    return r;
  },
  async load() {
    const saved = (await tx(FILE, 'readonly', (s) => s.get('db'), name)) as { bytes: Uint8Array; version: number } | undefined;
    return saved === undefined ? undefined : { bytes: new Uint8Array(saved.bytes), version: saved.version };
  },
  async version() {
    return ((await tx(FILE, 'readonly', (s) => s.get('version'), name)) as number | undefined) ?? 0;
  },
  async save(bytes) {
    const db = await idb(name);
    return new Promise<number>((resolve, reject) => {
      const t = db.transaction(FILE, 'readwrite', { durability: 'strict' });
      const s = t.objectStore(FILE);
      let version = 0;
      const v = s.get('version');
      v.onsuccess = () => {
        version = ((v.result as number | undefined) ?? 0) + 1;
        s.put({ bytes, version }, 'db');
        s.put(version, 'version');
      };
      t.oncomplete = () => resolve(version);
      t.onerror = () => reject(t.error ?? new Error('IndexedDB'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB: aborted (full?)'));
    });
  },
});

export const idbRecordFile: RecordFile = idbRecordFileIn(DB_NAME);

/** Evidence files by SHA-256. */
export const idbEvidence = {
  async put(sha256: string, bytes: Uint8Array): Promise<boolean> {
    const had = (await tx(EVIDENCE, 'readonly', (s) => s.count(sha256))) > 0;
    if (!had) await tx(EVIDENCE, 'readwrite', (s) => s.put(bytes, sha256));
    return !had;
  },
  async get(sha256: string): Promise<Uint8Array | undefined> {
    const b = (await tx(EVIDENCE, 'readonly', (s) => s.get(sha256))) as Uint8Array | ArrayBuffer | undefined;
    return b === undefined ? undefined : new Uint8Array(b);
  },
  async discard(sha256: string): Promise<void> {
    await tx(EVIDENCE, 'readwrite', (s) => s.delete(sha256));
  },
  async keys(): Promise<string[]> {
    return (await tx(EVIDENCE, 'readonly', (s) => s.getAllKeys())) as string[];
  },
};
