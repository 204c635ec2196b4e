/**
 * The browser store's quicker opening and reads (the offline app's record opened cold): the
 * saved database read ahead while SQLite loads is used only when no other handle saved since;
 * rows read from sql.js are the rows its getAsObject gives; and the charts' bucket rows, packed
 * in one text by the store, read back as the rows themselves (or are read as rows when they
 * cannot be packed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { BrowserStore, unpackBuckets } from '../src/store/browser/browser-store.js';
import { memoryRecordFile, readAhead, type RecordFile } from '../src/store/browser/record-file.js';
import { all, type SqlJs } from '../src/store/browser/sqljs.js';
import { COUNT_BUCKETS_SQL, countsOf, type BucketRow } from '../src/store/event-page.js';
import { fields, tickingClock } from './store-conformance/suite.js';

const SQL = (await initSqlJs()) as SqlJs;

/** `file`, counting its loads. */
function counted(file: RecordFile): RecordFile & { loads: number } {
  const c = {
    loads: 0,
    locked: file.locked.bind(file),
    version: file.version.bind(file),
    save: file.save.bind(file),
    load: () => {
      c.loads++;
      return file.load();
    },
  };
  return c;
}

describe('readAhead: the saved record read before the lock', () => {
  it('is used when the saved version is still the one read', async () => {
    const file = memoryRecordFile();
    const first = await BrowserStore.open(SQL, file, tickingClock());
    const added = await first.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const inner = counted(file);
    const early = file.load();
    const s = await BrowserStore.open(SQL, readAhead(inner, early));
    assert.equal(inner.loads, 0, 'the read ahead stood in for the first load');
    assert.deepEqual(
      (await s.listEvents()).map((e) => e.id),
      [added.id],
    );
    await s.close();
    await first.close();
  });

  it('is not used when another handle saved after it was read: the newer record is opened', async () => {
    const file = memoryRecordFile();
    const first = await BrowserStore.open(SQL, file, tickingClock());
    const a = await first.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const early = file.load(); // read now …
    await early;
    const b = await first.addEvent({ fields: fields({ occurred_at: '2026-11-21T09:00:00+08:00' }), analysis: null, source: 'manual' }); // … saved since
    const inner = counted(file);
    const s = await BrowserStore.open(SQL, readAhead(inner, early));
    assert.equal(inner.loads, 1, 'read again under the lock');
    assert.deepEqual((await s.listEvents()).map((e) => e.id).sort(), [a.id, b.id].sort());
    // A write through the new handle continues the one chain (it did not start from the stale copy).
    await s.addEvent({ fields: fields({ occurred_at: '2026-11-22T09:00:00+08:00' }), analysis: null, source: 'manual' });
    const reader = await s.openReader();
    const seqs: number[] = [];
    for await (const e of reader.audit()) seqs.push(e.seq);
    await reader.close();
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
    );
    assert.equal(seqs.length, 3);
    await s.close();
    await first.close();
  });

  it('falls back to reading under the lock when the read ahead failed, and reads afresh after the first load', async () => {
    const file = memoryRecordFile();
    const first = await BrowserStore.open(SQL, file, tickingClock());
    await first.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const inner = counted(file);
    const ahead = readAhead(inner, Promise.reject(new Error('IndexedDB went away')));
    const s = await BrowserStore.open(SQL, ahead);
    assert.equal(inner.loads, 1);
    assert.equal((await s.listEvents()).length, 1);
    await ahead.load();
    assert.equal(inner.loads, 2, 'only the first load may be the read ahead');
    await s.close();
    await first.close();
  });
});

describe('sql.js rows', () => {
  it('are the rows getAsObject gives, column for column', () => {
    const db = new SQL.Database();
    try {
      db.exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB); INSERT INTO t VALUES (1, 'x', 1.5, x'00ff'), (NULL, '你好', NULL, NULL), (3, '', -2.25, x'')");
      for (const sql of ['SELECT * FROM t', 'SELECT a, b AS a FROM t', 'SELECT count(*) AS n, group_concat(b) AS g FROM t', 'SELECT * FROM t WHERE 0']) {
        const st = db.prepare(sql);
        const want: unknown[] = [];
        while (st.step()) want.push(st.getAsObject());
        st.free();
        assert.deepEqual(all(db, sql), want, sql);
      }
    } finally {
      db.close();
    }
  });
});

describe('the charts’ bucket rows packed in one text', () => {
  const packOf = (rows: BucketRow[]) => (rows.length === 0 ? null : rows.map((r) => [r.zone, r.hour, r.q0, r.q1, r.q2, r.q3].join('\u001f')).join('\u001e'));
  const row = fc.record({
    zone: fc.constantFrom('', 'Asia/Shanghai', 'Asia/Kolkata', 'America/St_Johns', 'Etc/GMT-14'),
    hour: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 13)),
    q0: fc.nat(999).map(String),
    q1: fc.nat(999).map(String),
    q2: fc.nat(999).map(String),
    q3: fc.nat(999).map(String),
  }).map((r) => ({ ...r }));

  it('read back as the rows', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 50 }), (rows) => assert.deepEqual(unpackBuckets(packOf(rows)), rows)));
  });

  it('are not trusted when a row does not read back as one: a zone holding a separator, an hour or count that is not one', () => {
    const good = { zone: 'Asia/Shanghai', hour: '2026-11-20T15', q0: '1', q1: '0', q2: '2', q3: '0' };
    assert.deepEqual(unpackBuckets(packOf([good])), [good]);
    assert.equal(unpackBuckets(packOf([{ ...good, zone: 'Asia/\u001fShanghai' }])), undefined);
    assert.equal(unpackBuckets(packOf([good, { ...good, zone: 'Asia/\u001eShanghai' }])), undefined);
    assert.equal(unpackBuckets(packOf([{ ...good, hour: '' }])), undefined);
    assert.equal(unpackBuckets(packOf([{ ...good, q2: '' }])), undefined);
  });

  it('give the store the counts of the rows themselves, zones and period filters included', async () => {
    const file = memoryRecordFile();
    const s = await BrowserStore.open(SQL, file, tickingClock());
    const zones = ['Asia/Shanghai', 'Asia/Kolkata', 'America/St_Johns', 'Europe/London'];
    const rows = Array.from({ length: 300 }, (_, i) => {
      const at = new Date(Date.parse('2026-03-01T00:00:00Z') + ((i * 7919) % (60 * 24 * 60)) * 60_000);
      return { fields: fields({ kind: i % 3 === 0 ? 'call_missed' : 'sms', occurred_at: at.toISOString(), time_zone: zones[i % zones.length], content: i % 3 === 0 ? undefined : `第${i}条` }), analysis: null, source: 'manual' as const };
    });
    await s.importEvents(rows);
    const saved = (await file.load())!;
    const db = new SQL.Database(saved.bytes);
    try {
      for (const [filter, where, args] of [
        [{}, 'WHERE deleted_at IS NULL', []],
        [{ from: '2026-03-20T00:00:00.000Z', to: '2026-04-10T00:00:00.000Z' }, 'WHERE deleted_at IS NULL AND occurred_utc >= ? AND occurred_utc <= ?', ['2026-03-20T00:00:00.000Z', '2026-04-10T00:00:00.000Z']],
      ] as const) {
        const want = countsOf(all<BucketRow>(db, COUNT_BUCKETS_SQL(where), [...args]), all<{ kind: string; n: number }>(db, `SELECT kind, COUNT(*) AS n FROM events ${where} GROUP BY kind`, [...args]), 'Asia/Shanghai');
        const got = await s.countEvents(filter, 'Asia/Shanghai');
        assert.deepEqual(got, want);
        assert.ok(got.total > 0);
      }
    } finally {
      db.close();
      await s.close();
    }
  });
});
