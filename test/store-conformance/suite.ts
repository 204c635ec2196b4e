/**
 * The store conformance suite: what every Store implementation must do, run once per
 * implementation (sqlite.test.ts, postgres.test.ts). A harness opens a fresh, empty record
 * and lets a test edit it behind the program's back with SQL (the same SQL on every backend:
 * `?` placeholders, standard SQL) — so the integrity tests prove that verify finds the same
 * tampering on every store, streamed and in memory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '../../src/record/audit.js';
import { importKeyBase, verifyRecord, type Finding } from '../../src/record/verify.js';
import { EventInput } from '../../src/record/schemas.js';
import { parseImport } from '../../src/record/import.js';
import type { Debt } from '../../src/ledger/schemas.js';
import type { Store } from '../../src/store/store.js';
import { localParts } from '../../src/record/time.js';
import type { EventFilter } from '../../src/store/store.js';

export interface TestRecord {
  store: Store;
  /** A folder of this record's own (its vault is `<dir>/vault`). */
  dir: string;
  /** Opens the same record again (a second handle: another connection, as another process would). */
  reopen(): Promise<Store>;
  /** Runs SQL on the record around the program (`?` placeholders). */
  sql(statement: string, ...params: unknown[]): Promise<void>;
  /** Reads rows with SQL around the program. */
  rows(statement: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Drops the audit table's append-only guards, so a test can tamper with the log. */
  dropGuards(): Promise<void>;
}

export interface StoreHarness {
  name: string;
  /** A fresh, empty record; `now` is its clock. */
  fresh(now?: () => Date): Promise<TestRecord>;
  /**
   * The streamed verify this store's program runs over a record (`dir`: the record's folder):
   * under Node the CLI's and API's (node-verify.ts), in a browser the offline app's.
   */
  verify(dir: string, store: Store): Promise<{ findings: readonly Finding[] }>;
}

/** A clock that ticks one second per reading, from a fixed day: the same run gives the same chain. */
export const tickingClock = (): (() => Date) => {
  let t = Date.parse('2026-11-28T00:00:00Z');
  return () => new Date((t += 1000));
};

export const fields = (over: Record<string, unknown> = {}) =>
  EventInput.parse({ kind: 'sms', occurred_at: '2026-11-20T23:15:00+08:00', number: '17012345678', content: '你再不还钱就爆你通讯录', ...over });

const DEBT = { id: 'd1', lender: '某某消费金融', principal_fen: 1_000_000, start: '2026-01-01', lender_kind: 'consumer_finance' } as unknown as Debt;

export function storeConformance(h: StoreHarness): void {
  const fresh = () => h.fresh(tickingClock());

  async function populated() {
    const r = await fresh();
    const a = await r.store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
    const b = await r.store.addEvent({ fields: fields({ kind: 'call_missed', content: undefined, occurred_at: '2026-11-21T02:00:00+08:00' }), analysis: null, source: 'manual' });
    await r.store.updateEvent(a.id, fields({ notes: '第一次联系' }), null);
    await r.store.addEvidence({ sha256: 'a'.repeat(64), size: 3, name: 'rec.mp3', media_type: 'audio/mpeg', added_at: '2026-11-28T00:00:00.000Z' }, a.id);
    await r.store.deleteEvent(b.id, 'entered twice');
    return { ...r, a, b };
  }

  /**
   * The streamed verify the store's program runs (StoreHarness.verify). The records here link a
   * made-up file that is not in the vault: its file_missing finding is left out.
   */
  async function streamed(dir: string, store: Store) {
    const report = await h.verify(dir, store);
    const findings = report.findings.filter((f) => f.kind !== 'file_missing');
    return { ...report, findings, intact: findings.length === 0 };
  }

  describe(`${h.name}: the record`, () => {
    it('keeps a verifiable record through adds, edits, evidence links and deletions', async () => {
      const { store, b, dir } = await populated();
      const snap = await store.snapshot();
      assert.deepEqual(verifyRecord(snap), []);
      assert.equal(snap.audit.length, 6);
      assert.deepEqual(snap.audit.map((e) => e.seq), [1, 2, 3, 4, 5, 6], 'sequence numbers are numbers');
      assert.deepEqual(snap.head, { seq: 6, hash: snap.audit[5]!.hash });
      const deleted = snap.events.find((e) => e.id === b.id) as { deleted_at?: string; delete_reason?: string };
      assert.ok(deleted.deleted_at, 'a deletion is a tombstone');
      assert.equal(deleted.delete_reason, 'entered twice');
      assert.equal((await store.listEvents()).length, 1);
      assert.equal((await store.listEvents({ includeDeleted: true })).length, 2);
      assert.equal((await streamed(dir, store)).intact, true);
      await store.close();
    });

    it('gives an event back as it was saved, with its evidence, and lists it by time, number and kind', async () => {
      const { store, a, b } = await populated();
      const got = await store.getEvent(a.id);
      assert.equal(got?.notes, '第一次联系');
      assert.equal(got?.content, '你再不还钱就爆你通讯录');
      assert.equal(got?.number, '17012345678');
      assert.deepEqual(got?.evidence, ['a'.repeat(64)]);
      assert.equal(await store.getEvent('no-such-id'), undefined);
      const c = await store.addEvent({ fields: fields({ number: '13800138000', occurred_at: '2026-11-19T08:00:00+08:00', debt_disclosed: true, duration_s: 65, kind: 'call_incoming', content: undefined }), analysis: null, source: 'manual' });
      assert.deepEqual((await store.listEvents()).map((e) => e.id), [c.id, a.id], 'in time order');
      assert.deepEqual((await store.listEvents({ number: '13800138000' })).map((e) => e.id), [c.id]);
      assert.deepEqual((await store.listEvents({ kind: 'sms' })).map((e) => e.id), [a.id]);
      assert.deepEqual((await store.listEvents({ from: '2026-11-20T00:00:00+08:00', includeDeleted: true })).map((e) => e.id), [a.id, b.id]);
      assert.deepEqual((await store.listEvents({ to: '2026-11-19T23:59:59+08:00' })).map((e) => e.id), [c.id]);
      const got2 = await store.getEvent(c.id);
      assert.equal(got2?.debt_disclosed, true);
      assert.equal(got2?.duration_s, 65);
      await store.close();
    });

    it('lists contacts as listEvents does, reduced to what the report reads', async () => {
      const { store, a } = await fresh().then(async (r) => ({ ...r, a: await r.store.addEvent({ fields: fields({ claimed: { platform: '某某借款' } }), analysis: { verdict: 'violation', assessment: 'x', certainty: 'high', confidence: 0.9, signals: [{ id: 'threat.contacts', category: 'violation', weight: 5 }] } as never, source: 'manual' }) }));
      await store.addEvent({ fields: fields({ occurred_at: '2026-11-21T09:00:00+08:00', debt_disclosed: false }), analysis: null, source: 'manual' });
      const contacts = [];
      for await (const c of store.listContacts()) contacts.push(c);
      assert.deepEqual(contacts.map((c) => c.id), (await store.listEvents()).map((e) => e.id));
      assert.equal(contacts[0]!.id, a.id);
      assert.deepEqual(contacts[0]!.claimed, { platform: '某某借款' });
      assert.equal(contacts[0]!.analysis?.verdict, 'violation');
      assert.deepEqual(contacts[0]!.analysis?.signals.map((s) => s.id), ['threat.contacts']);
      assert.equal(contacts[1]!.analysis, null);
      assert.equal(contacts[1]!.debt_disclosed, false);
      const none = [];
      for await (const c of store.listContacts({ number: '10000' })) none.push(c);
      assert.equal(none.length, 0);
      await store.close();
    });

    /** A record of 40 events over zones with whole-hour, half-hour, quarter-hour and summer-time offsets, with ties in time. */
    async function spread(store: Store) {
      const zones = ['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Europe/London'];
      const kinds = ['sms', 'call_incoming', 'call_missed'];
      const rows = Array.from({ length: 40 }, (_, i) => {
        // Every 7 hours 40 minutes from the night before New York's clocks go back, every fifth one at the time of the one before (a tie).
        const at = Date.parse('2026-10-31T20:10:00Z') + Math.floor(i - (i % 5 === 4 ? 1 : 0)) * 460 * 60_000;
        return { fields: fields({ occurred_at: new Date(at).toISOString(), time_zone: zones[i % zones.length], kind: kinds[i % kinds.length], number: i % 2 ? '13800138000' : '17012345678', content: kinds[i % kinds.length] === 'sms' ? `第${i}条` : undefined }), analysis: null, source: 'manual' };
      });
      const added = (await store.importEvents(rows)).added;
      await store.addEvidence({ sha256: 'c'.repeat(64), size: 3, name: 'shot.png', media_type: 'image/png', added_at: '2026-11-28T00:00:00.000Z' }, added[3]!);
      await store.deleteEvent(added[7]!, 'entered twice');
      return added;
    }

    it('pages events newest first through a cursor, as listEvents lists them, with every filter', async () => {
      const { store } = await fresh();
      await spread(store);
      const filters: EventFilter[] = [{}, { kind: 'sms' }, { number: '13800138000' }, { from: '2026-11-03T00:00:00+08:00', to: '2026-11-08T23:59:59+08:00' }, { includeDeleted: true }, { number: '10000' }];
      for (const f of filters) {
        const want = (await store.listEvents(f)).reverse();
        for (const limit of [1, 7, 200]) {
          const got = [];
          let before;
          let pages = 0;
          do {
            const p = await store.pageEvents(f, { before, limit });
            assert.ok(p.events.length <= limit);
            assert.equal(p.total, want.length, `total, ${JSON.stringify(f)}`);
            got.push(...p.events);
            before = p.next;
            pages++;
            if (before !== undefined) assert.equal(p.events.length, limit, 'only the last page is short');
          } while (before !== undefined && pages < 100);
          assert.deepEqual(got, want, `${JSON.stringify(f)} in pages of ${limit}`);
          assert.equal(pages, Math.max(1, Math.ceil(want.length / limit)));
        }
      }
      assert.deepEqual((await store.pageEvents({}, { limit: 40 })).events.find((e) => e.evidence.length > 0)?.evidence, ['c'.repeat(64)]);
      await store.close();
    });

    it('keeps paging in place when events are added or deleted between pages (no repeat, no skip)', async () => {
      const { store } = await fresh();
      await spread(store);
      const first = await store.pageEvents({}, { limit: 10 });
      await store.addEvent({ fields: fields({ occurred_at: '2026-12-31T10:00:00+08:00' }), analysis: null, source: 'manual' });
      const older = (await store.listEvents()).reverse()[20]!;
      await store.deleteEvent(older.id, 'entered twice');
      const rest = await store.pageEvents({}, { before: first.next, limit: 100 });
      const want = (await store.listEvents()).reverse().slice(1);
      assert.deepEqual([...first.events, ...rest.events].map((e) => e.id), want.map((e) => e.id));
      assert.ok(!rest.events.some((e) => e.id === older.id), 'the deleted one is not listed');
      assert.equal(rest.total, want.length + 1, 'the total counts the new one');
      assert.equal(rest.next, undefined);
      await store.close();
    });

    it('counts events per local day, local hour and kind as the report places them, without reading them', async () => {
      const { store } = await fresh();
      await spread(store);
      for (const f of [{}, { kind: 'call_missed' }, { from: '2026-11-02T00:00:00+08:00', to: '2026-11-06T23:59:59+08:00' }, { number: '10000' }] as EventFilter[]) {
        const events = await store.listEvents(f);
        const days = new Map<string, number>();
        const hours = Array.from({ length: 24 }, () => 0);
        const kinds: Record<string, number> = {};
        for (const e of events) {
          const p = localParts(e.occurred_at, e.time_zone);
          days.set(p.date, (days.get(p.date) ?? 0) + 1);
          hours[p.hour]!++;
          kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
        }
        const got = await store.countEvents(f, 'Asia/Shanghai');
        assert.equal(got.total, events.length);
        assert.deepEqual(got.perHour, hours, `hours, ${JSON.stringify(f)}`);
        assert.deepEqual(got.perDay, [...days].sort().map(([date, count]) => ({ date, count })), `days, ${JSON.stringify(f)}`);
        assert.deepEqual(got.byKind, kinds);
      }
      await store.close();
    });

    it('refuses to change a deleted event', async () => {
      const { store, b } = await populated();
      await assert.rejects(store.updateEvent(b.id, fields(), null), /deleted/);
      await assert.rejects(store.addEvidence({ sha256: 'b'.repeat(64), size: 1, name: 'x', media_type: 'text/plain', added_at: '2026-11-28T00:00:00.000Z' }, b.id), /deleted/);
      await assert.rejects(store.updateEvent('no-such-id', fields(), null), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
      await store.close();
    });

    it('imports all rows or none, and skips rows already imported', async () => {
      const { store } = await fresh();
      const rows = [1, 2, 3].map((i) => ({ fields: fields({ occurred_at: `2026-11-2${i}T10:00:00+08:00` }), analysis: null, source: 'import:csv', importKey: `k${i}` }));
      assert.equal((await store.importEvents(rows)).added.length, 3);
      const again = await store.importEvents(rows);
      assert.deepEqual([again.added.length, again.skipped], [0, 3]);
      const bad = [...rows.slice(0, 1).map((r) => ({ ...r, importKey: 'k9' })), { ...rows[0]!, importKey: 'k10', fields: { ...rows[0]!.fields, kind: undefined as never } }];
      await assert.rejects(store.importEvents(bad));
      assert.equal((await store.listEvents()).length, 3, 'the failed import left nothing behind');
      assert.equal((await store.snapshot()).audit.length, 3, 'and no audit entry');
      const existing = await store.addEvent(rows[1]!);
      assert.equal(existing.occurred_at, '2026-11-22T10:00:00+08:00', 'adding an imported row again gives the event already there');
      await store.close();
    });

    it('imports a large file in one transaction, each row logged in file order', async () => {
      const { store, dir } = await fresh();
      const rows = Array.from({ length: 2500 }, (_, i) => {
        const f = fields({ occurred_at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString() });
        return { fields: f, analysis: null, source: 'import:csv', importKey: importKeyBase('csv', f) };
      });
      rows.push({ ...rows[5]! }); // the same key twice in one file: imported once
      const r = await store.importEvents(rows);
      assert.deepEqual([r.added.length, r.skipped], [2500, 1]);
      const snap = await store.snapshot();
      assert.deepEqual(snap.audit.map((e) => e.entity_id), r.added);
      assert.equal((await streamed(dir, store)).intact, true);
      await store.close();
    });

    it('keeps debts, LPR values, the profile and tags, each change logged', async () => {
      const { store, dir } = await fresh();
      await store.saveDebt(DEBT);
      await store.saveDebts([{ ...DEBT, principal_fen: 900_000 } as Debt, { ...DEBT, id: 'd2' } as Debt]);
      await store.addLpr({ month: '2026-10', rate_percent: 3.05, source: '中国人民银行公告' });
      await store.setProfile({ name: '张三', id_tail: '1234' });
      await store.setTag({ number: '17012345678', kind: '诈骗', at: '2026-11-28T00:00:00.000Z' } as never);
      await store.setTag({ number: '17012345678', kind: '诈骗', at: '2026-11-28T00:00:00.000Z', removed_at: '2026-11-29T00:00:00.000Z' } as never);
      assert.deepEqual((await store.listDebts()).map((d) => [d.id, (d as unknown as { principal_fen: number }).principal_fen]), [['d1', 900_000], ['d2', 1_000_000]]);
      assert.deepEqual(await store.listLpr(), [{ month: '2026-10', rate_percent: 3.05, source: '中国人民银行公告' }]);
      assert.deepEqual(await store.getProfile(), { name: '张三', id_tail: '1234' });
      assert.equal((await store.listTags()).length, 0);
      assert.equal((await store.listTags({ includeRemoved: true })).length, 1);
      const snap = await store.snapshot();
      assert.deepEqual(snap.audit.map((e) => `${e.action} ${e.entity} ${e.entity_id}`), ['create debt d1', 'update debt d1', 'create debt d2', 'update lpr 2026-10', 'update profile me', 'create tag 17012345678', 'delete tag 17012345678']);
      assert.equal(snap.audit[3]!.payload, canonicalJson({ month: '2026-10', rate_percent: 3.05, source: '中国人民银行公告' }));
      assert.deepEqual(verifyRecord(snap), []);
      assert.equal((await streamed(dir, store)).intact, true);
      await store.close();
    });

    it('records evidence once by its hash, and links it to each event once', async () => {
      const { store, a } = await populated();
      const file = { sha256: 'c'.repeat(64), size: 5_000_000_000, name: '通话录音.m4a', media_type: 'audio/mp4', added_at: '2026-11-28T01:00:00.000Z' };
      assert.deepEqual(await store.addEvidenceFiles([file, { ...file, sha256: 'd'.repeat(64) }], a.id), [{ added: true }, { added: true }]);
      assert.deepEqual(await store.addEvidence(file, a.id), { added: false });
      const listed = await store.listEvidence();
      assert.equal(listed.length, 3);
      assert.equal(listed.find((f) => f.sha256 === file.sha256)?.size, 5_000_000_000, 'a size past 2^32 comes back as a number');
      assert.deepEqual((await store.getEvent(a.id))?.evidence, ['a'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)]);
      await store.close();
    });

    it('streams the record through a reader that does not see later writes', async () => {
      const { store } = await populated();
      const reader = await store.openReader();
      await store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
      const audit = [];
      for await (const e of reader.audit()) audit.push(e);
      const events = [];
      for await (const e of reader.eventsWithEvidence()) events.push(e);
      const links = [];
      for await (const l of reader.links()) links.push(l);
      assert.equal(audit.length, 6, 'the entry written after opening is not seen');
      assert.equal(reader.head?.seq, 6);
      assert.equal(events.length, 2);
      assert.equal(links.length, 1);
      assert.equal((await reader.evidence()).length, 1);
      await reader.close();
      assert.equal((await store.snapshot()).audit.length, 7);
      await store.close();
    });

    it('keeps the chain whole when two handles on one record append at the same time', async () => {
      const { store, reopen, dir } = await fresh();
      const other = await reopen();
      const add = (s: Store, i: number) => s.addEvent({ fields: fields({ notes: `第${i}条` }), analysis: null, source: 'manual' });
      await Promise.all(Array.from({ length: 40 }, (_, i) => add(i % 2 ? store : other, i)));
      await Promise.all([store.saveDebt(DEBT), other.setProfile({ name: '李四' }), store.addLpr({ month: '2026-09', rate_percent: 3.1, source: 's' })]);
      await other.close();
      const snap = await store.snapshot();
      assert.equal(snap.audit.length, 43);
      assert.deepEqual(verifyRecord(snap), []);
      assert.equal((await streamed(dir, store)).intact, true);
      await store.close();
    });

    it('keeps the audit log append-only from inside the program', async () => {
      const { store, sql } = await populated();
      await store.close();
      await assert.rejects(sql('UPDATE audit SET payload = ? WHERE seq = 1', '{}'), /append-only/);
      await assert.rejects(sql('DELETE FROM audit WHERE seq = 1'), /append-only/);
    });
  });

  describe(`${h.name}: verify finds every one-byte change`, () => {
    const tamper = async (edit: (sql: TestRecord['sql']) => Promise<void>): Promise<string[]> => {
      const { store, reopen, sql, dropGuards, dir } = await populated();
      await store.close();
      await dropGuards();
      await edit(sql);
      const again = await reopen();
      const kinds = verifyRecord(await again.snapshot()).map((f) => f.kind);
      const report = await streamed(dir, again);
      assert.deepEqual(report.findings.map((f) => f.kind), kinds, 'the streamed verify finds what the in-memory one finds');
      await again.close();
      return kinds;
    };
    const flip = (s: string, i: number): string => s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);

    it('in every column of every audit entry', async () => {
      const { store, reopen, sql, dropGuards } = await populated();
      const entries = (await store.snapshot()).audit;
      await store.close();
      await dropGuards();
      for (const e of entries) {
        for (const col of ['at', 'action', 'entity', 'entity_id', 'payload', 'prev_hash', 'hash'] as const) {
          const value = e[col];
          await sql(`UPDATE audit SET ${col} = ? WHERE seq = ?`, flip(value, Math.floor(value.length / 2)), e.seq);
          const s = await reopen();
          const found = verifyRecord(await s.snapshot());
          await s.close();
          assert.ok(found.length > 0, `a change to ${col} of entry ${e.seq} was found`);
          await sql(`UPDATE audit SET ${col} = ? WHERE seq = ?`, value, e.seq);
        }
      }
      const s = await reopen();
      assert.deepEqual(verifyRecord(await s.snapshot()), [], 'intact again once restored');
      await s.close();
    });

    it('in an event row edited around the program', async () => {
      const kinds = await tamper((sql) => sql("UPDATE events SET content = '你好' WHERE content IS NOT NULL"));
      assert.ok(kinds.includes('row_changed'));
    });

    it('when an entry is removed, reordered or the end is cut off', async () => {
      assert.ok((await tamper((sql) => sql('DELETE FROM audit WHERE seq = 2'))).some((k) => k === 'missing_entry' || k === 'broken_link'));
      assert.ok((await tamper((sql) => sql('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)'))).includes('head_mismatch'));
      const reordered = await tamper(async (sql) => {
        await sql('UPDATE audit SET seq = 100 WHERE seq = 2');
        await sql('UPDATE audit SET seq = 2 WHERE seq = 3');
        await sql('UPDATE audit SET seq = 3 WHERE seq = 100');
      });
      assert.ok(reordered.length > 0);
    });

    it('when a row disappears or appears without a log entry', async () => {
      assert.ok((await tamper((sql) => sql('DELETE FROM event_evidence'))).includes('row_missing'));
      assert.ok((await tamper((sql) => sql('DELETE FROM events WHERE deleted_at IS NOT NULL'))).includes('row_missing'));
      const added = await tamper((sql) =>
        sql("INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, claimed, contacted, source, created_at, updated_at) VALUES ('x', 'sms', 't', 't', 'Asia/Shanghai', '{}', 'borrower', 'manual', 't', 't')"),
      );
      assert.ok(added.includes('row_unlogged'));
      assert.ok((await tamper((sql) => sql("UPDATE evidence SET size = 4 WHERE sha256 = ?", 'a'.repeat(64)))).includes('row_changed'));
    });

    it("in an event's UTC time (occurred_utc), which moves it out of the report's period", async () => {
      const { store, reopen, sql, a, dir } = await populated();
      await store.close();
      await sql("UPDATE events SET occurred_utc = '2025-01-01T00:00:00.000Z' WHERE id = ?", a.id);
      const s = await reopen();
      const report = await streamed(dir, s);
      assert.equal(report.intact, false);
      assert.ok(report.findings.some((f) => f.kind === 'row_changed' && f.detail.includes('occurred_utc') && f.detail.includes(a.id)), JSON.stringify(report.findings));
      assert.ok(verifyRecord(await s.snapshot()).some((f) => f.detail.includes('occurred_utc')));
      await s.close();
    });

    it('in the import key of an imported event (changed, removed, or added to a manual one)', async () => {
      const { store, reopen, sql, rows, dir } = await fresh();
      const parsed = parseImport('time,type,number,body\n2026-11-20 10:00,sms,17012345678,还钱\n2026-11-20 10:00,sms,17012345678,还钱\n2026-11-21 09:00,1,17012345679,\n', { name: 'log.csv' });
      assert.equal(parsed.rows.length, 3);
      await store.importEvents(parsed.rows.map((r) => ({ fields: r.fields, analysis: null, source: `import:${parsed.format}`, importKey: r.key })));
      const manual = await store.addEvent({ fields: fields(), analysis: null, source: 'manual' });
      const events = await store.listEvents();
      const imported = events.find((e) => e.source.startsWith('import:') && e.content === undefined)!;
      // An edit after the import keeps the key: it comes from the fields first logged.
      await store.updateEvent(imported.id, { ...imported, notes: '后来补充' } as never, null);
      assert.deepEqual((await streamed(dir, store)).findings, [], 'an honest import verifies, duplicates (#2) and later edits included');
      assert.deepEqual(verifyRecord(await store.snapshot()), []);
      await store.close();
      for (const [statement, id, what] of [
        ["UPDATE events SET import_key = 'csv:' || substr(import_key, 5, 60) || 'ffff' WHERE id = ?", imported.id, 'is not the one'],
        ['UPDATE events SET import_key = NULL WHERE id = ?', imported.id, 'was removed'],
        ["UPDATE events SET import_key = 'csv:0000' WHERE id = ?", manual.id, 'not logged as imported'],
      ] as const) {
        const before = (await rows('SELECT import_key FROM events WHERE id = ?', id))[0]!.import_key;
        await sql(statement, id);
        const s = await reopen();
        const report = await streamed(dir, s);
        assert.ok(report.findings.some((f) => f.kind === 'row_changed' && f.detail.includes('import_key') && f.detail.includes(what) && f.detail.includes(id)), `${what}: ${JSON.stringify(report.findings)}`);
        await s.close();
        await sql('UPDATE events SET import_key = ? WHERE id = ?', before, id);
      }
    });

    it('names the fields that differ, also when streamed', async () => {
      const { store, reopen, sql, a, dir } = await populated();
      await store.close();
      await sql("UPDATE events SET notes = 'x' WHERE id = ?", a.id);
      const s = await reopen();
      const report = await streamed(dir, s);
      assert.deepEqual(report.findings.map((f) => f.detail), [`event ${a.id} differs from its last logged state (notes)`]);
      await s.close();
    });
  });
}
