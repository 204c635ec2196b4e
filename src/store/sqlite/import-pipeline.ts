/**
 * A large import in two threads: the caller reads and checks the rows (parsing, validation,
 * the check of each message) and hands them over in batches, while a worker thread stores
 * them through its own connection to the same database file — in ONE transaction
 * (SqliteStore.importPrepared), opened when the worker starts and committed only after the
 * last batch: a crash or an error at any point leaves nothing of the import behind.
 *
 * The worker's transaction is synchronous (better-sqlite3): it waits for the next batch with
 * Atomics.wait on a shared counter and takes it with receiveMessageOnPort, without leaving
 * the transaction. On two cores the reading and checking (about a third of an import's work)
 * then runs beside the storing instead of before it.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { ImportResult } from '../store.js';
import { StoreError } from '../store.js';
import type { PreparedEvent } from './event-row.js';

/** What the caller sends: a batch of rows, the end (commit), or an abort (roll back). */
type Message = { rows: PreparedEvent[] } | { end: true } | { abort: true };

/** The worker (plain JS, run with `eval`; it loads the store from its module URL, as compiled or under tsx). */
const WORKER = `
const { workerData, receiveMessageOnPort, parentPort } = require('node:worker_threads');
const { port, signal, storeUrl, file, expected } = workerData;
const flag = new Int32Array(signal);
const ABORT = new Error('import aborted by the reader');
function next() {
  for (;;) {
    const seen = Atomics.load(flag, 0);
    const m = receiveMessageOnPort(port);
    if (m !== undefined) return m.message;
    Atomics.wait(flag, 0, seen, 1000);
  }
}
const rows = {
  [Symbol.iterator]() {
    let batch = [];
    let i = 0;
    return {
      next() {
        while (i >= batch.length) {
          const m = next();
          if (m.end) return { value: undefined, done: true };
          if (m.abort) throw ABORT;
          batch = m.rows;
          i = 0;
        }
        return { value: batch[i++], done: false };
      },
    };
  },
};
// Under tsx (the tests) the store is TypeScript: loaded through tsx's own loader, found beside the store's source.
const { fileURLToPath, pathToFileURL } = require('node:url');
const load = storeUrl.endsWith('.ts')
  ? import(pathToFileURL(require('node:path').join(require.resolve('tsx/package.json', { paths: [fileURLToPath(storeUrl)] }), '..', 'dist', 'esm', 'api', 'index.mjs')).href).then((t) => t.tsImport(storeUrl, storeUrl))
  : import(storeUrl);
load.then(({ SqliteStore }) => {
  let store;
  try {
    store = SqliteStore.open(file);
    const result = store.importPrepared(rows, expected);
    parentPort.postMessage({ result });
  } catch (e) {
    if (e === ABORT) parentPort.postMessage({ aborted: true });
    else parentPort.postMessage({ error: { message: String(e && e.message), code: e && typeof e.code === 'string' ? e.code : undefined, zh: e && e.zh, en: e && e.en, store: !!e && typeof e.zh === 'string' && typeof e.en === 'string' } });
  } finally {
    try { store && store.close(); } catch {}
  }
}, (e) => parentPort.postMessage({ error: { message: 'cannot load the store: ' + String(e && e.message) } }));
`;

/** Rows per message: large enough that messages cost little, small enough that the worker starts soon. */
export const IMPORT_BATCH = 500;

/**
 * Runs `produce`, which calls `send` with batches of prepared rows in order, and stores them in
 * the database `file` in one transaction on a worker thread. `produce` returns true to commit,
 * false to roll everything back (then undefined is returned). An exception from `produce`
 * rolls back and is rethrown; the worker's failure (the database busy, a full disk) is
 * rethrown as the store's error, and `send` throws once the worker has failed (so that
 * `produce` stops).
 */
export async function importThroughWorker(
  file: string,
  storeUrl: string,
  expected: number,
  produce: (send: (rows: PreparedEvent[]) => void) => Promise<boolean>,
): Promise<ImportResult | undefined> {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const post = (m: Message): void => {
    port1.postMessage(m);
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const worker = new Worker(WORKER, { eval: true, workerData: { port: port2, signal, storeUrl, file, expected }, transferList: [port2] });
  let failed: Error | undefined;
  const done = new Promise<{ result?: ImportResult; aborted?: boolean }>((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: { result?: ImportResult; aborted?: boolean; error?: { message: string; code?: string; zh?: string; en?: string; store?: boolean } }) => {
      answered = true;
      if (m.error !== undefined) {
        const e = m.error;
        failed = e.store === true && e.code !== undefined ? new StoreError(e.code as StoreError['code'], e.zh ?? e.message, e.en ?? e.message) : Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
        reject(failed);
      } else resolve(m);
    });
    worker.once('error', (e) => {
      failed = e;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered) {
        failed ??= new Error(`the import's storing thread stopped (exit code ${code})`);
        reject(failed);
      }
    });
  });
  done.catch(() => undefined); // awaited below; a failure meanwhile also stops `send`
  let commit: boolean;
  try {
    commit = await produce((rows) => {
      if (failed !== undefined) throw failed;
      post({ rows });
    });
  } catch (e) {
    post({ abort: true });
    await done.catch(() => undefined);
    port1.close();
    throw e;
  }
  post(commit ? { end: true } : { abort: true });
  try {
    const r = await done;
    return r.aborted === true ? undefined : r.result;
  } finally {
    port1.close();
  }
}
