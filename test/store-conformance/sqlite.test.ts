/**
 * The store conformance suite on the SQLite store, and what only the SQLite store has: a
 * database file private to its owner, and the vault beside it cleaned at open.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { Vault } from '../../src/store/vault.js';
import { verifyAll } from '../../src/service/verify.js';
import type { RecordContext } from '../../src/service/record-context.js';
import { fields, storeConformance, tickingClock, type TestRecord } from './suite.js';
import { nodeVerify } from './node-verify.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function fresh(now: () => Date = tickingClock()): Promise<TestRecord & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-store-'));
  dirs.push(dir);
  const path = join(dir, 'db.sqlite');
  const withDb = <T>(f: (db: Database.Database) => T): T => {
    const db = new Database(path);
    try {
      return f(db);
    } finally {
      db.close();
    }
  };
  return {
    dir,
    path,
    store: SqliteStore.open(path, now),
    reopen: async () => SqliteStore.open(path),
    sql: async (statement, ...params) => void withDb((db) => db.prepare(statement).run(...params)),
    rows: async (statement, ...params) => withDb((db) => db.prepare(statement).all(...params) as Record<string, unknown>[]),
    dropGuards: async () => withDb((db) => db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;')),
  };
}

storeConformance({ name: 'SqliteStore', fresh, verify: nodeVerify });

describe('SqliteStore: the database file', () => {
  it('is private to its owner (0600), and so are its -wal and -shm files', async () => {
    const old = process.umask(0o022);
    try {
      const { path, store } = await fresh();
      await store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
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
    const { path, store } = await fresh();
    await store.close();
    chmodSync(path, 0o644);
    const s = SqliteStore.open(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    await s.close();
  });
});

describe('SqliteStore: the vault at open', () => {
  it("removes .part files of a killed add, keeps a running process's, and verify says so", async () => {
    const { dir, store } = await fresh();
    await store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const tmp = join(dir, 'vault', 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, '99999999-deadbeef.part'), Buffer.alloc(1000)); // no such process
    writeFileSync(join(tmp, `${process.pid}-cafe.part`), 'x'); // ours: still being written
    const dayAgo = (Date.now() - 25 * 3600_000) / 1000;
    writeFileSync(join(tmp, `${process.pid}-old.part`), 'x');
    utimesSync(join(tmp, `${process.pid}-old.part`), dayAgo, dayAgo); // nobody wrote to it for a day
    const report = await verifyAll({ store, vault: new Vault(join(dir, 'vault')) } as unknown as RecordContext);
    assert.ok(!existsSync(join(tmp, '99999999-deadbeef.part')));
    assert.ok(!existsSync(join(tmp, `${process.pid}-old.part`)));
    assert.ok(existsSync(join(tmp, `${process.pid}-cafe.part`)));
    assert.equal(report.intact, true);
    assert.ok(report.notes.some((n) => n.includes('removed 2 temporary file(s)') && n.includes('99999999-deadbeef.part')), JSON.stringify(report.notes));
    assert.ok(report.notes.some((n) => n.includes('being written') && n.includes(`${process.pid}-cafe.part`)));
    await store.close();
  });
});
