/**
 * The store conformance suite in a browser page: the browser store on sql.js, each record's
 * database file in an IndexedDB database of its own (the app's own record file, by name), and
 * verify as the offline app runs it (the audit chain and the tables; the suite's records link no
 * real evidence file). test/e2e/store-conformance.test.ts builds this page and opens it in
 * chromium; the results are left on `window.__conformance`.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { BrowserStore } from '../../../src/store/browser/browser-store.js';
import type { SqlJs } from '../../../src/store/browser/sqljs.js';
import type { Store } from '../../../src/store/store.js';
import { verifyTablesWith } from '../../../src/service/verify-tables.js';
import { idbRecordFileIn } from '../../../web/src/backend/record-idb.js';
import { storeConformance, tickingClock } from '../suite.js';
import { browserRecord } from '../browser-harness.js';
import { run, type TestResult } from './node-test.js';

declare global {
  interface Window {
    __conformance?: { results: TestResult[] } | { error: string };
  }
}

async function verify(_dir: string, store: Store) {
  const reader = await (store as BrowserStore).openReader();
  try {
    return await verifyTablesWith(reader, await reader.evidence());
  } finally {
    await reader.close();
  }
}

try {
  const SQL = (await initSqlJs({ locateFile: () => wasmUrl })) as SqlJs;
  let n = 0;
  storeConformance({
    name: 'BrowserStore (sql.js, IndexedDB, chromium)',
    fresh: (now = tickingClock()) => {
      const name = `conformance-${Date.now()}-${n++}`;
      return browserRecord(SQL, idbRecordFileIn(name), now, name);
    },
    verify,
  });
  window.__conformance = { results: await run() };
} catch (e) {
  window.__conformance = { error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
}
