import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { verifyRecord } from '../../record/verify.js';
import { EventInput } from '../../record/schemas.js';
import { SqliteStore } from './sqlite-store.js';
import { parseImport } from '../../record/import.js';
import { verifyAll } from '../../service/verify.js';
import type { RecordContext } from '../../service/record-context.js';
import { Vault } from '../vault.js';

/**
 * The streamed verify the CLI and API run, vault: a folder next to the database. The records
 * here link a made-up file that is not in the vault: its file_missing finding is left out.
 */
async function streamed(path: string, store: SqliteStore) {
  const report = await verifyAll({ store, vault: new Vault(join(path, '..', 'vault')) } as unknown as RecordContext);
  const findings = report.findings.filter((f) => f.kind !== 'file_missing');
  return { ...report, findings, intact: findings.length === 0 };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function fresh(): { path: string; store: SqliteStore } {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-store-'));
  dirs.push(dir);
  const path = join(dir, 'db.sqlite');
  let t = Date.parse('2026-11-28T00:00:00Z');
  return { path, store: SqliteStore.open(path, () => new Date((t += 1000))) };
}
const fields = (over: Record<string, unknown> = {}) =>
  EventInput.parse({ kind: 'sms', occurred_at: '2026-11-20T23:15:00+08:00', number: '17012345678', content: '你再不还钱就爆你通讯录', ...over });

async function populated() {
  const s = fresh();
  const a = await s.store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
  const b = await s.store.addEvent({ fields: fields({ kind: 'call_missed', content: undefined, occurred_at: '2026-11-21T02:00:00+08:00' }), analysis: null, source: 'manual' });
  await s.store.updateEvent(a.id, fields({ notes: '第一次联系' }), null);
  await s.store.addEvidence({ sha256: 'a'.repeat(64), size: 3, name: 'rec.mp3', media_type: 'audio/mpeg', added_at: '2026-11-28T00:00:00.000Z' }, a.id);
  await s.store.deleteEvent(b.id, 'entered twice');
  return { ...s, a, b };
}

describe('SqliteStore', () => {
  it('keeps a verifiable record through adds, edits, evidence links and deletions', async () => {
    const { store, b } = await populated();
    const snap = await store.snapshot();
    assert.deepEqual(verifyRecord(snap), []);
    assert.equal(snap.audit.length, 6);
    const deleted = snap.events.find((e) => e.id === b.id) as { deleted_at?: string; delete_reason?: string };
    assert.ok(deleted.deleted_at, 'a deletion is a tombstone');
    assert.equal(deleted.delete_reason, 'entered twice');
    assert.equal((await store.listEvents()).length, 1);
    assert.equal((await store.listEvents({ includeDeleted: true })).length, 2);
    await store.close();
  });

  it('refuses to change a deleted event', async () => {
    const { store, b } = await populated();
    await assert.rejects(store.updateEvent(b.id, fields(), null), /deleted/);
    await store.close();
  });

  it('imports all rows or none, and skips rows already imported', async () => {
    const { store } = fresh();
    const rows = [1, 2, 3].map((i) => ({ fields: fields({ occurred_at: `2026-11-2${i}T10:00:00+08:00` }), analysis: null, source: 'import:csv', importKey: `k${i}` }));
    assert.equal((await store.importEvents(rows)).added.length, 3);
    const again = await store.importEvents(rows);
    assert.deepEqual([again.added.length, again.skipped], [0, 3]);
    const bad = [...rows.slice(0, 1).map((r) => ({ ...r, importKey: 'k9' })), { ...rows[0]!, importKey: 'k10', fields: { ...rows[0]!.fields, kind: undefined as never } }];
    await assert.rejects(store.importEvents(bad));
    assert.equal((await store.listEvents()).length, 3, 'the failed import left nothing behind');
    await store.close();
  });

  it('keeps the audit log append-only from inside the program', async () => {
    const { path, store } = await populated();
    await store.close();
    const db = new Database(path);
    assert.throws(() => db.prepare('UPDATE audit SET payload = ? WHERE seq = 1').run('{}'), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM audit WHERE seq = 1').run(), /append-only/);
    db.close();
  });
});

describe('verify finds every one-byte change', () => {
  const tamper = async (sql: (db: Database.Database) => void): Promise<string[]> => {
    const { path, store } = await populated();
    await store.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    sql(db);
    db.close();
    const again = SqliteStore.open(path);
    const kinds = verifyRecord(await again.snapshot()).map((f) => f.kind);
    const report = await streamed(path, again);
    assert.deepEqual(report.findings.map((f) => f.kind), kinds, 'the streamed verify finds what the in-memory one finds');
    await again.close();
    return kinds;
  };
  const flip = (s: string, i: number): string => s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);

  it('in every column of every audit entry', async () => {
    const { path, store } = await populated();
    const entries = (await store.snapshot()).audit;
    await store.close();
    for (const e of entries) {
      for (const col of ['at', 'action', 'entity', 'entity_id', 'payload', 'prev_hash', 'hash'] as const) {
        const value = e[col];
        const changed = flip(value, Math.floor(value.length / 2));
        const db = new Database(path);
        db.exec('DROP TRIGGER IF EXISTS audit_no_update;');
        db.prepare(`UPDATE audit SET ${col} = ? WHERE seq = ?`).run(changed, e.seq);
        db.close();
        const s = SqliteStore.open(path);
        const found = verifyRecord(await s.snapshot());
        await s.close();
        assert.ok(found.length > 0, `a change to ${col} of entry ${e.seq} was found`);
        const restore = new Database(path);
        restore.prepare(`UPDATE audit SET ${col} = ? WHERE seq = ?`).run(value, e.seq);
        restore.close();
      }
    }
    const s = SqliteStore.open(path);
    assert.deepEqual(verifyRecord(await s.snapshot()), [], 'intact again once restored');
    await s.close();
  });

  it('in an event row edited around the program', async () => {
    const kinds = await tamper((db) => db.prepare("UPDATE events SET content = '你好' WHERE content IS NOT NULL").run());
    assert.ok(kinds.includes('row_changed'));
  });

  it('when an entry is removed, reordered or the end is cut off', async () => {
    assert.ok((await tamper((db) => db.prepare('DELETE FROM audit WHERE seq = 2').run())).some((k) => k === 'missing_entry' || k === 'broken_link'));
    assert.ok((await tamper((db) => db.prepare('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)').run())).includes('head_mismatch'));
    const reordered = await tamper((db) => {
      db.prepare('UPDATE audit SET seq = 100 WHERE seq = 2').run();
      db.prepare('UPDATE audit SET seq = 2 WHERE seq = 3').run();
      db.prepare('UPDATE audit SET seq = 3 WHERE seq = 100').run();
    });
    assert.ok(reordered.length > 0);
  });

  it('when a row disappears or appears without a log entry', async () => {
    assert.ok((await tamper((db) => db.prepare('DELETE FROM event_evidence').run())).includes('row_missing'));
    assert.ok((await tamper((db) => db.exec('PRAGMA foreign_keys = OFF; DELETE FROM events WHERE deleted_at IS NOT NULL;'))).includes('row_missing'));
    const added = await tamper((db) =>
      db.prepare("INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, claimed, contacted, source, created_at, updated_at) VALUES ('x', 'sms', 't', 't', 'Asia/Shanghai', '{}', 'borrower', 'manual', 't', 't')").run(),
    );
    assert.ok(added.includes('row_unlogged'));
  });

  it("in an event's UTC time (occurred_utc), which moves it out of the report's period", async () => {
    const { path, store, a } = await populated();
    await store.close();
    const db = new Database(path);
    db.prepare("UPDATE events SET occurred_utc = '2025-01-01T00:00:00.000Z' WHERE id = ?").run(a.id);
    db.close();
    const s = SqliteStore.open(path);
    const report = await streamed(path, s);
    assert.equal(report.intact, false);
    assert.ok(report.findings.some((f) => f.kind === 'row_changed' && f.detail.includes('occurred_utc') && f.detail.includes(a.id)), JSON.stringify(report.findings));
    assert.ok(verifyRecord(await s.snapshot()).some((f) => f.detail.includes('occurred_utc')));
    await s.close();
  });

  it('in the import key of an imported event (changed, removed, or added to a manual one)', async () => {
    const { path, store } = fresh();
    const parsed = parseImport('time,type,number,body\n2026-11-20 10:00,sms,17012345678,还钱\n2026-11-20 10:00,sms,17012345678,还钱\n2026-11-21 09:00,1,17012345679,\n', { name: 'log.csv' });
    assert.equal(parsed.rows.length, 3);
    await store.importEvents(parsed.rows.map((r) => ({ fields: r.fields, analysis: null, source: `import:${parsed.format}`, importKey: r.key })));
    const manual = await store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const events = await store.listEvents();
    const imported = events.find((e) => e.source.startsWith('import:') && e.content === undefined)!;
    // An edit after the import keeps the key: it comes from the fields first logged.
    await store.updateEvent(imported.id, { ...imported, notes: '后来补充' } as never, null);
    assert.deepEqual((await streamed(path, store)).findings, [], 'an honest import verifies, duplicates (#2) and later edits included');
    assert.deepEqual(verifyRecord(await store.snapshot()), []);
    await store.close();
    for (const [sql, id, what] of [
      ["UPDATE events SET import_key = 'csv:' || substr(import_key, 5, 60) || 'ffff' WHERE id = ?", imported.id, 'is not the one'],
      ['UPDATE events SET import_key = NULL WHERE id = ?', imported.id, 'was removed'],
      ["UPDATE events SET import_key = 'csv:0000' WHERE id = ?", manual.id, 'not logged as imported'],
    ] as const) {
      const db = new Database(path);
      const before = (db.prepare('SELECT import_key FROM events WHERE id = ?').get(id) as { import_key: string | null }).import_key;
      db.prepare(sql).run(id);
      db.close();
      const s = SqliteStore.open(path);
      const report = await streamed(path, s);
      assert.ok(report.findings.some((f) => f.kind === 'row_changed' && f.detail.includes('import_key') && f.detail.includes(what) && f.detail.includes(id)), `${what}: ${JSON.stringify(report.findings)}`);
      await s.close();
      const restore = new Database(path);
      restore.prepare('UPDATE events SET import_key = ? WHERE id = ?').run(before, id);
      restore.close();
    }
  });

  it('names the fields that differ, also when streamed', async () => {
    const { path, store, a } = await populated();
    await store.close();
    const db = new Database(path);
    db.prepare("UPDATE events SET notes = 'x' WHERE id = ?").run(a.id);
    db.close();
    const s = SqliteStore.open(path);
    const report = await streamed(path, s);
    assert.deepEqual(report.findings.map((f) => f.detail), [`event ${a.id} differs from its last logged state (notes)`]);
    await s.close();
  });
});

describe('the database file', () => {
  it('is private to its owner (0600), and so are its -wal and -shm files', async () => {
    const old = process.umask(0o022);
    try {
      const { path, store } = await populated();
      for (const f of [path, `${path}-wal`, `${path}-shm`]) {
        assert.ok(existsSync(f), f);
        assert.equal(statSync(f).mode & 0o777, 0o600, `${f} mode ${(statSync(f).mode & 0o777).toString(8)}`);
      }
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('is made private when an older record left it 0644', async () => {
    const { path, store } = await populated();
    await store.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(path, 0o644);
    const s = SqliteStore.open(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    await s.close();
  });
});

describe('the vault at open', () => {
  it("removes .part files of a killed add, keeps a running process's, and verify says so", async () => {
    const { path, store } = await populated();
    const tmp = join(path, '..', 'vault', 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, '99999999-deadbeef.part'), Buffer.alloc(1000)); // no such process
    writeFileSync(join(tmp, `${process.pid}-cafe.part`), 'x'); // ours: still being written
    const dayAgo = (Date.now() - 25 * 3600_000) / 1000;
    writeFileSync(join(tmp, `${process.pid}-old.part`), 'x');
    utimesSync(join(tmp, `${process.pid}-old.part`), dayAgo, dayAgo); // nobody wrote to it for a day
    const report = await streamed(path, store);
    assert.ok(!existsSync(join(tmp, '99999999-deadbeef.part')));
    assert.ok(!existsSync(join(tmp, `${process.pid}-old.part`)));
    assert.ok(existsSync(join(tmp, `${process.pid}-cafe.part`)));
    assert.equal(report.intact, true);
    assert.ok(report.notes.some((n) => n.includes('removed 2 temporary file(s)') && n.includes('99999999-deadbeef.part')), JSON.stringify(report.notes));
    assert.ok(report.notes.some((n) => n.includes('being written') && n.includes(`${process.pid}-cafe.part`)));
    await store.close();
  });
});
