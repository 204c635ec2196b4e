/**
 * The store conformance suite on the browser store (src/store/browser/), under Node with the
 * same sql.js WebAssembly SQLite the app ships, and its record file in memory. The same suite
 * runs in chromium on a record file in IndexedDB (test/e2e/store-conformance.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import initSqlJs from 'sql.js';
import { memoryRecordFile } from '../../src/store/browser/record-file.js';
import type { SqlJs } from '../../src/store/browser/sqljs.js';
import { storeConformance, tickingClock } from './suite.js';
import { nodeVerify } from './node-verify.js';
import { browserRecord } from './browser-harness.js';

const SQL = (await initSqlJs()) as SqlJs;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

storeConformance({
  name: 'BrowserStore (sql.js)',
  fresh: (now = tickingClock()) => {
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-browser-store-'));
    dirs.push(dir);
    return browserRecord(SQL, memoryRecordFile(), now, dir);
  },
  verify: nodeVerify,
});
