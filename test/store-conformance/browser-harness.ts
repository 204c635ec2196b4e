/**
 * A record of the browser store (src/store/browser/) for the conformance suite, over any record
 * file: in memory under Node (browser.test.ts), in IndexedDB in chromium (in-chromium/runner.ts).
 * The suite's SQL runs on the saved database file, under the record's lock, as another tab would
 * change it.
 */
import { BrowserStore } from '../../src/store/browser/browser-store.js';
import type { RecordFile } from '../../src/store/browser/record-file.js';
import type { SqlJs } from '../../src/store/browser/sqljs.js';
import type { TestRecord } from './suite.js';

/** Runs `f` on the saved database and saves it back, under the record's lock. */
function onFile<T>(SQL: SqlJs, file: RecordFile, f: (db: InstanceType<SqlJs['Database']>) => T, save: boolean): Promise<T> {
  return file.locked(async () => {
    const db = new SQL.Database((await file.load())?.bytes);
    try {
      const r = f(db);
      if (save) await file.save(db.export());
      return r;
    } finally {
      db.close();
    }
  });
}

/** A fresh record of the browser store on `file` (empty), with `now` as its clock; `dir` is the record's folder. */
export async function browserRecord(SQL: SqlJs, file: RecordFile, now: () => Date, dir: string): Promise<TestRecord> {
  return {
    dir,
    store: await BrowserStore.open(SQL, file, now),
    reopen: () => BrowserStore.open(SQL, file),
    sql: (statement, ...params) => onFile(SQL, file, (db) => void db.run(statement, params as never), true),
    rows: (statement, ...params) =>
      onFile(
        SQL,
        file,
        (db) => {
          const st = db.prepare(statement);
          st.bind(params as never);
          const out: Record<string, unknown>[] = [];
          while (st.step()) out.push(st.getAsObject());
          st.free();
          return out;
        },
        false,
      ),
    dropGuards: () => onFile(SQL, file, (db) => void db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;'), true),
  };
}
