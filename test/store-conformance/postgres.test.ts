/**
 * The store conformance suite on the PostgreSQL store, against a throwaway cluster (see
 * test/helpers/postgres.ts: skipped with the reason when there is none, a failure under
 * CI=true), one schema per record. Then what only this store has: the same chain as SQLite
 * for the same changes, and errors a person can read when the database cannot be reached.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { StoreError, type Store } from '../../src/store/store.js';
import type { Debt } from '../../src/ledger/schemas.js';
import { dropSchemas, freshSchema, testPostgres } from '../helpers/postgres.js';
import { storeConformance, tickingClock, type TestRecord } from './suite.js';
import { nodeVerify } from './node-verify.js';

const cluster = await testPostgres();
const dirs: string[] = [];
const schemas: string[] = [];
const pools: pg.Pool[] = [];
after(async () => {
  await Promise.all(pools.map((p) => p.end()));
  if (!('skip' in cluster)) {
    await dropSchemas(cluster.url, schemas);
    await cluster.stop();
  }
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** `?` placeholders as pg's `$1, $2, …` (the suite's SQL has no `?` inside strings). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function fresh(now: () => Date = tickingClock()): Promise<TestRecord & { schema: string }> {
  if ('skip' in cluster) throw new Error(cluster.skip);
  const { url } = cluster;
  const schema = freshSchema();
  schemas.push(schema);
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-pgstore-'));
  dirs.push(dir);
  const store = await PgStore.open({ url, schema, now, max: 4 });
  const raw = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
  pools.push(raw);
  return {
    dir,
    schema,
    store,
    reopen: () => PgStore.open({ url, schema, max: 4 }),
    sql: async (statement, ...params) => void (await raw.query(numbered(statement), params)),
    rows: async (statement, ...params) => (await raw.query(numbered(statement), params)).rows as Record<string, unknown>[],
    dropGuards: async () => void (await raw.query('DROP TRIGGER IF EXISTS audit_no_update ON audit; DROP TRIGGER IF EXISTS audit_no_delete ON audit;')),
  };
}

if ('skip' in cluster) {
  describe('PgStore', () => {
    it('runs the store conformance suite on PostgreSQL', { skip: cluster.skip }, () => {});
  });
} else {
  process.stderr.write(`# PostgreSQL for these tests: ${cluster.origin}\n`);
  storeConformance({ name: 'PgStore', fresh, verify: nodeVerify });

  describe('PgStore: beside SQLite', () => {
    it('writes the same audit chain as the SQLite store for the same changes at the same times', async () => {
      const changes = async (s: Store) => {
        const debt = { id: 'd1', lender: '某某消费金融', principal_fen: 1_000_000 } as unknown as Debt;
        await s.saveDebt(debt);
        await s.saveDebts([{ ...debt, principal_fen: 1 } as Debt, { ...debt, id: 'd2' } as Debt]);
        await s.addLpr({ month: '2026-10', rate_percent: 3.05, source: '中国人民银行公告' });
        await s.setProfile({ name: '张三', id_tail: '1234', phone: '13800138000' });
        await s.setTag({ number: '17012345678', kind: '诈骗', at: '2026-11-28T00:00:00.000Z' } as never);
        return (await s.snapshot()).audit;
      };
      const dir = mkdtempSync(join(tmpdir(), 'dunguard-both-'));
      dirs.push(dir);
      const lite = SqliteStore.open(join(dir, 'db.sqlite'), tickingClock());
      const { store } = await fresh(tickingClock());
      const [a, b] = [await changes(lite), await changes(store)];
      assert.equal(b.length, 6);
      assert.deepEqual(b, a);
      await Promise.all([lite.close(), store.close()]);
    });
  });

  describe('PgStore: a new schema', () => {
    it('is created and migrated once when four stores (four connections, as four processes would) open it at the same time', async () => {
      if ('skip' in cluster) return;
      const schema = freshSchema();
      schemas.push(schema);
      const opened = await Promise.all([1, 2, 3, 4].map(() => PgStore.open({ url: cluster.url, schema, max: 1 })));
      await Promise.all(opened.map((s, i) => s.setProfile({ name: `第${i}位` })));
      const snap = await opened[0]!.snapshot();
      assert.equal(snap.audit.length, 4);
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      const versions = (await c.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).rows.map((r: { version: number }) => r.version);
      await c.end();
      assert.deepEqual(versions, [1, 2, 3, 4, 5]);
      await Promise.all(opened.map((s) => s.close()));
    });
  });

  describe('PgStore: when the database cannot be had', () => {
    it('says so in Chinese and English, without the password', async () => {
      const err = await PgStore.open({ url: 'postgres://someone:s3cret@127.0.0.1:1/nothing' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof StoreError, String(err));
      assert.equal(err.code, 'IO');
      assert.match(err.zh, /^无法连接 PostgreSQL 数据库 127\.0\.0\.1:1\/nothing/);
      assert.match(err.en, /^Cannot reach the PostgreSQL database 127\.0\.0\.1:1\/nothing/);
      assert.ok(!err.zh.includes('s3cret') && !err.en.includes('s3cret'));
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      if ('skip' in cluster) return;
      await assert.rejects(PgStore.open({ url: cluster.url, schema: 'x; DROP TABLE audit' }), (e: unknown) => e instanceof StoreError && e.code === 'BAD_DATA');
    });
  });
}
