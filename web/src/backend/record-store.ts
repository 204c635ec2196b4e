/**
 * The offline app's record opened, and the record page's first reads answered, by a small part
 * of the record's code (a chunk of its own, loaded first): SQLite (sql.js, WebAssembly) and the
 * browser store over the database saved in IndexedDB. The newest page of events with no filter,
 * the counts the charts draw, the evidence files and the tags are answered here by the same
 * service functions and store as every other call (record-local.ts), so that the page opened on
 * the record draws without waiting for the rest of the record's code (the requests' checking,
 * letters, packages, the report), which the worker loads after.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { Bundle } from '../../../src/data/bundle-format.js';
import { BrowserStore } from '../../../src/store/browser/browser-store.js';
import { readAhead } from '../../../src/store/browser/record-file.js';
import type { SqlJs } from '../../../src/store/browser/sqljs.js';
import { StoreError } from '../../../src/store/store.js';
import { eventCounts, eventPage } from '../../../src/service/event-list.js';
import { UserError } from '../../../src/service/errors.js';
import { offsetAt } from '../../../src/record/time.js';
import type { RecordCall } from './check-protocol.js';
import { idbRecordFile } from './record-idb.js';

let sqlLoaded: Promise<SqlJs> | undefined;
export const sqlJs = (): Promise<SqlJs> => {
  sqlLoaded ??= initSqlJs({ locateFile: () => wasmUrl }) as Promise<SqlJs>;
  sqlLoaded.catch(() => (sqlLoaded = undefined));
  return sqlLoaded;
};

let opened: Promise<BrowserStore> | undefined;

/** The record on this phone, opened once (made when there is none yet). */
export const store = (): Promise<BrowserStore> => {
  if (opened === undefined) {
    // The saved database is read from IndexedDB while SQLite's WebAssembly loads.
    const early = idbRecordFile.load();
    early.catch(() => undefined); // read again under the lock (readAhead)
    opened = sqlJs().then((sql) => BrowserStore.open(sql, readAhead(idbRecordFile, early)));
    // Meanwhile, the zone clock's first use (the browser's time zone data, some tens of ms), which
    // the counts would otherwise wait for: the record's default zone.
    offsetAt(Date.now(), 'Asia/Shanghai');
  }
  opened.catch(() => (opened = undefined)); // tried again on the next call
  return opened;
};

/** Whether the phone holds a record (opening the store makes one: reading tags or preparing a report makes none). */
export const hasRecord = async (): Promise<boolean> => opened !== undefined || (await idbRecordFile.version()) > 0;

/** The record page's first reads (see above); undefined for any other call, answered by recordCall (record-local.ts). */
export async function firstRead(bundle: Bundle, call: RecordCall): Promise<{ answer: unknown } | undefined> {
  if (call.method !== 'GET') return undefined;
  const [where = '', search] = call.path.split('?');
  switch (where) {
    case '/api/events/page': {
      // Only the unfiltered newest page: any other query is checked by the rest of the record's code first.
      const limit = /^limit=(\d{1,4})$/.exec(search ?? '')?.[1];
      return limit === undefined ? undefined : { answer: await eventPage({ store: await store() }, { limit }) };
    }
    case '/api/events/counts':
      return search === undefined ? { answer: await eventCounts({ store: await store(), data: bundle }, {}) } : undefined;
    case '/api/evidence':
      return search === undefined ? { answer: await (await store()).listEvidence() } : undefined;
    case '/api/tags':
      // With no record on the phone, none is made for reading its tags.
      return search === undefined ? { answer: { tags: (await hasRecord()) ? await (await store()).listTags() : [] } } : undefined;
    default:
      return undefined;
  }
}

/** A store or input error as the API answers it. */
export function recordError(e: unknown): { status: number; code: string; zh: string; en: string } | undefined {
  if (e instanceof UserError) return { status: e.code === 'NOT_FOUND' ? 404 : e.code === 'TOO_LARGE' ? 413 : e.code === 'NOT_INTACT' ? 409 : 400, code: e.code, zh: e.zh, en: e.en };
  if (e instanceof StoreError) return { status: e.code === 'NOT_FOUND' ? 404 : e.code === 'DELETED' ? 409 : e.code === 'IO' ? 507 : 400, code: e.code, zh: e.zh, en: e.en };
  return undefined;
}
