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

  describe('PgStore: the case list\'s summary read in one statement', () => {
    const event = (j: number, analysis: unknown = null) => ({
      fields: {
        kind: j % 3 ? 'sms' : 'call_incoming',
        occurred_at: new Date(Date.parse('2026-01-01T00:00:00Z') + ((j * 7919) % 5000) * 600_000).toISOString().replace('Z', '+08:00'),
        time_zone: 'Asia/Shanghai',
        number: j % 4 ? '1701234' + String(j % 10000).padStart(4, '0') : undefined,
        claimed: j % 2 ? { platform: '某某金融' } : j % 5 ? { company: '某某催收' } : {},
        contacted: j % 7 ? 'borrower' : 'contact',
        debt_disclosed: j % 3 ? undefined : j % 2 === 0,
        content: `第${j}条`,
      },
      analysis,
      source: 'manual',
    }) as never;
    const gather = async (s: PgStore) => {
      const out = [];
      for await (const c of s.listContacts()) out.push(c);
      return out;
    };

    it('gives what activity() and listContacts() give, deleted events left out of the contacts', async () => {
      const { store } = await fresh();
      assert.deepEqual(await store.activityAndContacts(), { activity: await store.activity(), contacts: [] });
      const analysis = { verdict: 'harassment', assessment: 'x', certainty: 'likely', confidence: 0.9, signals: [{ id: 'threat_contacts', title: 't' }] };
      await store.importEvents(Array.from({ length: 30 }, (_, j) => event(j, j % 2 ? analysis : null)));
      const [first] = await gather(store);
      await store.deleteEvent(first!.id, 'test');
      const got = await store.activityAndContacts();
      assert.deepEqual(got.activity, await store.activity());
      assert.equal(got.activity.events, 29);
      assert.deepEqual(got.contacts, await gather(store));
      assert.equal(got.contacts!.length, 29);
      await store.close();
    });

    it('leaves the contacts of a record of more than 2,000 events to listContacts', async () => {
      const { store } = await fresh();
      await store.importEvents(Array.from({ length: 2001 }, (_, j) => event(j)));
      const got = await store.activityAndContacts();
      assert.deepEqual(got, { activity: await store.activity(), contacts: undefined });
      assert.equal(got.activity.events, 2001);
      await store.close();
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
