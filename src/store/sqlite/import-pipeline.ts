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
import type { ImportResult, NewEvent } from '../store.js';
import { StoreError } from '../store.js';
import { rowValues, type RowValues } from './event-row.js';

/**
 * What the caller sends: a batch of rows, the end (commit), or an abort (roll back). A batch
 * is flat — each row's values (RowValues, in COLUMNS' order) one after another — and each
 * distinct analysis text is sent once per batch, the rows giving its index in `texts` (an
 * import's analyses repeat: 9 distinct among the bench's 33,334): copying objects and long
 * texts between threads was a tenth of the storing thread's time.
 */
type Message = { values: unknown[]; texts: string[] } | { end: true } | { abort: true };

/** RowValues' keys in the order a batch carries them (the analysis last, as an index into the batch's texts). */
const COLUMNS = ['kind', 'occurred_at', 'occurred_utc', 'time_zone', 'number', 'claimed', 'contacted', 'debt_disclosed', 'duration_s', 'content', 'notes', 'source', 'import_key', 'analysis'] as const satisfies readonly (keyof RowValues)[];

/** A batch of new events as a message. */
export function packBatch(rows: readonly NewEvent[]): { values: unknown[]; texts: string[] } {
  const values: unknown[] = [];
  const texts: string[] = [];
  const index = new Map<string, number>();
  for (const e of rows) {
    const v = rowValues(e);
    for (const k of COLUMNS) {
      if (k !== 'analysis') {
        values.push(v[k]);
        continue;
      }
      const a = v.analysis;
      if (a === null) values.push(null);
      else {
        let i = index.get(a);
        if (i === undefined) {
          i = texts.push(a) - 1;
          index.set(a, i);
        }
        values.push(i);
      }
    }
  }
  return { values, texts };
}

/** The worker (plain JS, run with `eval`; it loads the store from its module URL, as compiled or under tsx; a batch's rows made as packBatch wrote them). */
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
    let v = [];
    let texts = [];
    let i = 0;
    return {
      next() {
        while (i >= v.length) {
          const m = next();
          if (m.end) return { value: undefined, done: true };
          if (m.abort) throw ABORT;
          v = m.values;
          texts = m.texts;
          i = 0;
          Atomics.add(flag, 1, 1); // one more batch taken: the reader may send another
          Atomics.notify(flag, 1);
        }
        const value = { ${COLUMNS.map((k, j) => (k === 'analysis' ? `analysis: v[i + ${j}] === null ? null : texts[v[i + ${j}]]` : `${k}: v[i + ${j}]`)).join(', ')} };
        i += ${COLUMNS.length};
        return { value, done: false };
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

/** Atomics.waitAsync (Node 16 and later; not in the ES2022 library the project compiles against). */
type WaitAsync = { waitAsync(a: Int32Array, index: number, value: number, timeout: number): { async: false; value: string } | { async: true; value: Promise<string> } };

/** Rows per message: large enough that messages cost little, small enough that the worker starts soon. */
export const IMPORT_BATCH = 500;

/** Batches sent but not yet taken by the worker, at most: the reader waits beyond that (memory stays flat when it is faster). */
const IN_FLIGHT = 8;

/**
 * Runs `produce`, which calls `send` with batches of new events in order, and stores them in
 * the database `file` in one transaction on a worker thread. `produce` returns true to commit,
 * false to roll everything back (then undefined is returned). `send` waits while the worker
 * has more than a few batches still to take (so the rows in memory stay few when reading is
 * the faster side). An exception from `produce`
 * rolls back and is rethrown; the worker's failure (the database busy, a full disk) is
 * rethrown as the store's error, and `send` throws once the worker has failed (so that
 * `produce` stops).
 */
export async function importThroughWorker(
  file: string,
  storeUrl: string,
  expected: number,
  produce: (send: (rows: readonly NewEvent[]) => Promise<void>) => Promise<boolean>,
): Promise<ImportResult | undefined> {
  const { port1, port2 } = new MessageChannel();
  // [0]: messages sent (the worker waits on it), [1]: batches the worker has taken (the reader waits on it).
  const signal = new SharedArrayBuffer(8);
  const flag = new Int32Array(signal);
  let sent = 0;
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
    commit = await produce(async (rows) => {
      if (failed !== undefined) throw failed;
      post(packBatch(rows));
      sent++;
      for (;;) {
        const taken = Atomics.load(flag, 1);
        if (sent - taken <= IN_FLIGHT) break;
        const w = (Atomics as unknown as WaitAsync).waitAsync(flag, 1, taken, 1000);
        if (w.async) await w.value;
        if (failed !== undefined) throw failed;
      }
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
