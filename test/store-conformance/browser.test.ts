/**
 * The store conformance suite on the browser store (src/store/browser/), under Node with the
 * same sql.js WebAssembly SQLite the app ships, and its record file in memory (the app keeps it
 * in IndexedDB; test/e2e/app.test.ts saves, reloads, verifies and exports through it in
 * chromium). The suite's SQL runs
 * on the saved database file, as another tab would change it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import initSqlJs from 'sql.js';
import { BrowserStore } from '../../src/store/browser/browser-store.js';
import { memoryRecordFile, type RecordFile } from '../../src/store/browser/record-file.js';
import type { SqlJs } from '../../src/store/browser/sqljs.js';
import { storeConformance, tickingClock, type TestRecord } from './suite.js';

const SQL = (await initSqlJs()) as SqlJs;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `f` on the saved database and saves it back, under the record's lock. */
function onFile<T>(file: RecordFile, f: (db: InstanceType<SqlJs['Database']>) => T, save: boolean): Promise<T> {
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

async function fresh(now: () => Date = tickingClock()): Promise<TestRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-browser-store-'));
  dirs.push(dir);
  const file = memoryRecordFile();
  return {
    dir,
    store: await BrowserStore.open(SQL, file, now),
    reopen: () => BrowserStore.open(SQL, file),
    sql: (statement, ...params) => onFile(file, (db) => void db.run(statement, params as never), true),
    rows: (statement, ...params) =>
      onFile(
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
    dropGuards: () => onFile(file, (db) => void db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;'), true),
  };
}

storeConformance({ name: 'BrowserStore (sql.js)', fresh });
