/**
 * The offline app's evidence package (src/service/package-memory.ts), built from the browser
 * store (sql.js, as in the app) under Node: `verify-package` finds it intact, and a record
 * edited around the program is refused. The app's own export in chromium is checked by
 * test/e2e/app.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import initSqlJs from 'sql.js';
import { loadData } from '../src/data/load.js';
import { BrowserStore } from '../src/store/browser/browser-store.js';
import { memoryRecordFile } from '../src/store/browser/record-file.js';
import type { SqlJs } from '../src/store/browser/sqljs.js';
import { packageInMemory } from '../src/service/package-memory.js';
import { verifyPackage } from '../src/service/package-verify.js';
import { fields, tickingClock } from './store-conformance/suite.js';

const SQL = (await initSqlJs()) as SqlJs;
const dir = mkdtempSync(join(tmpdir(), 'dunguard-browser-package-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the offline app’s evidence package', () => {
  it('verifies with verify-package, evidence and a deleted event included', async () => {
    const data = await loadData();
    const file = memoryRecordFile();
    const store = await BrowserStore.open(SQL, file, tickingClock());
    const shot = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
    const sha = createHash('sha256').update(shot).digest('hex');
    const a = await store.addEvent({ fields: fields({ content: '<img src=x onerror=alert(1)> 再不还钱就爆你通讯录' }), analysis: null, source: 'web' });
    const b = await store.addEvent({ fields: fields({ kind: 'call_missed', content: undefined, occurred_at: '2026-11-21T23:30:00+08:00' }), analysis: null, source: 'web' });
    await store.addEvidenceFiles([{ sha256: sha, size: shot.length, name: 'shot.png', media_type: 'image/png', added_at: '2026-11-28T00:00:00.000Z' }], a.id);
    await store.deleteEvent(b.id, 'entered twice');
    const files = new Map([[sha, shot]]);
    const pkg = await packageInMemory(store, data, async (s) => files.get(s), { generator: 'dunguard offline app' });
    assert.deepEqual([pkg.events, pkg.evidence, pkg.audit_entries], [2, 1, 5]);
    const out = join(dir, 'app.zip');
    writeFileSync(out, pkg.zip);
    const verdict = await verifyPackage(out);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.ok, true);
    assert.deepEqual(verdict.audit_head, pkg.audit_head);
    await assert.rejects(packageInMemory(store, data, async () => undefined, { generator: 'x' }), /missing/);
    await store.close();

    // A change around the program: the package is refused.
    await file.locked(async () => {
      const db = new SQL.Database((await file.load())!.bytes);
      db.run("UPDATE events SET notes = 'x' WHERE id = ?", [a.id]);
      await file.save(db.export());
      db.close();
    });
    const again = await BrowserStore.open(SQL, file);
    await assert.rejects(packageInMemory(again, data, async (s) => files.get(s), { generator: 'x' }), /does not verify/);
    await again.close();
  });
});
