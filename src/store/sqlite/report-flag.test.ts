import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { analyseHarassment, ContactCollector, type ContactInput } from '../../record/harassment.js';
import { loadData } from '../../data/load.js';
import { LawTable } from '../../engine/law.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

/** A database with the migrations up to `version` (all by default), as SQL alone. */
function migrated(path: string, version = Infinity): Database.Database {
  const db = new Database(path);
  for (const m of MIGRATIONS) {
    if (m.version > version) break;
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  return db;
}

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-report-flag-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What the report lists from an analysis (ContactCollector.add's test, on the parsed signals). */
const listed = (signals: readonly { category?: unknown; weight?: unknown }[]): boolean =>
  signals.some((s) => s.category === 'violation' || (s.category === 'scam' && (s.weight as number) >= 5));

let n = 0;
const row = (analysis: string | null, claimed = '{}'): unknown[] => [
  `e${++n}`, 'sms', '2026-11-20T10:00:00+08:00', '2026-11-20T02:00:00.000Z', 'Asia/Shanghai', null, claimed, 'borrower', 'import:csv', analysis, 'x', 'x',
];
const INSERT = 'INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, source, analysis, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

describe('report_flag (migration 6): the listing reads signals only where they may matter', () => {
  it('is set whenever the analysis holds a signal the report lists, however the JSON is written', () => {
    const db = migrated(':memory:');
    const ins = db.prepare(INSERT);
    const flag = db.prepare('SELECT report_flag FROM events WHERE id = ?').pluck();
    const weight = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(4.999999, 5, 5.000001, 0.5e1, 4e0, 49e-1, 1e21, -0, 1e-7, 4.9e3, 4.5, 0.5, '9', '4', null, true, [7]),
    );
    const text = fc.oneof(fc.string(), fc.constantFrom('"weight":9', '\\"violation\\"', 'violation', '"weight":1}', '逾期'));
    const signal = fc.record(
      {
        id: fc.constantFrom('A.B', 'C.D'),
        category: fc.constantFrom('scam', 'genuine', 'neutral', 'violation'),
        weight,
        spans: fc.array(fc.record({ start: fc.nat(), end: fc.nat(), text }), { maxLength: 2 }),
      },
      { requiredKeys: ['id', 'category'] },
    );
    const analysis = fc.record({ verdict: fc.constantFrom('collection', 'scam', 'violation'), signals: fc.array(signal, { maxLength: 6 }) });
    fc.assert(
      fc.property(analysis, fc.constantFrom(undefined, 1, 2), (a, indent) => {
        const json = JSON.stringify(a, null, indent);
        ins.run(...row(json));
        const got = flag.get(`e${n}`);
        if (listed(a.signals)) assert.equal(got, 1, json);
      }),
      { numRuns: 20_000 },
    );
    // Not a flag on everything: plain small weights are left unread.
    ins.run(...row(JSON.stringify({ verdict: 'collection', signals: [{ id: 'A', category: 'scam', weight: 1, spans: [] }, { id: 'B', category: 'neutral', weight: 4.5, spans: [] }, { id: 'M', category: 'scam', weight: -3 }] })));
    assert.equal(flag.get(`e${n}`), 0);
    // Text that is not JSON is flagged (the listing then reads it, and fails as before), and does not stop a write.
    ins.run(...row('{"verdict":"scam","signals":[{"weight":9', '{"platform":'));
    assert.deepEqual(db.prepare('SELECT report_flag, verdict, lender FROM events WHERE id = ?').get(`e${n}`), { report_flag: 1, verdict: null, lender: null });
    db.close();
  });

  it('the listing is read off the index, the table only for flagged signals', () => {
    const db = migrated(':memory:');
    // The program SQLite runs: which columns it reads from the table's cursor (not the index's).
    const tableColumns = (sql: string): number[] => {
      const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'events'").pluck().get();
      const ops = db.prepare(`EXPLAIN ${sql}`).all() as { opcode: string; p1: number; p2: number }[];
      const cursor = ops.find((o) => o.opcode === 'OpenRead' && o.p2 === root)?.p1;
      return ops.filter((o) => o.opcode === 'Column' && o.p1 === cursor).map((o) => o.p2);
    };
    const cols = 'id, kind, occurred_at, time_zone, number, contacted, debt_disclosed, lender, verdict';
    assert.deepEqual(tableColumns(`SELECT ${cols} FROM events WHERE deleted_at IS NULL ORDER BY occurred_utc, id`), []);
    const analysisColumn = (db.prepare('PRAGMA table_info(events)').all() as { name: string; cid: number }[]).find((c) => c.name === 'analysis')!.cid;
    assert.deepEqual(tableColumns(`SELECT ${cols}, CASE WHEN verdict IS NOT NULL AND report_flag THEN json_extract(analysis, '$.signals') END FROM events ORDER BY occurred_utc, id`), [analysisColumn]);
    assert.match((db.prepare(`EXPLAIN QUERY PLAN SELECT ${cols} FROM events ORDER BY occurred_utc, id`).all() as { detail: string }[]).map((p) => p.detail).join(), /INDEX events_listing/);
    db.close();
  });

  it('a record made before it is upgraded in place and reports the same as from its whole events', async () => {
    const path = join(tmp, 'v5.sqlite');
    const db = migrated(path, 5);
    const ins = db.prepare(INSERT);
    const a = (category: string, weight: number, verdict = 'collection'): string => JSON.stringify({ verdict, signals: [{ id: 'RULE.X', category, weight, spans: [] }] });
    const rows = [
      row(a('violation', 2), '{"platform":"某贷"}'),
      row(a('scam', 7, 'scam'), '{"company":"某公司"}'),
      row(a('scam', 1)),
      row(null, '{"platform":"某贷","company":"某公司"}'),
      row(a('genuine', 9)),
    ];
    rows.forEach((r, i) => {
      r[3] = `2026-11-2${i}T02:00:00.000Z`;
      r[2] = `2026-11-2${i}T10:00:00+08:00`;
      r[5] = i % 2 === 0 ? '17012345678' : null;
      ins.run(...r);
    });
    // Contacts that share everything but their id and time, with and without the debt disclosed.
    db.prepare("UPDATE events SET debt_disclosed = 1, contacted = 'family' WHERE id = ?").run(rows[3]![0]);
    db.prepare("UPDATE events SET debt_disclosed = 0 WHERE id = ?").run(rows[2]![0]);
    for (const i of [0, 1, 2, 3, 4]) {
      const r = row(...([rows[i]![9], rows[i]![6]] as [string | null, string]));
      r[3] = `2026-11-2${i}T03:00:00.000Z`;
      r[2] = `2026-11-2${i}T11:00:00+08:00`;
      r[5] = i % 2 === 0 ? '17012345678' : null;
      ins.run(...r);
      rows.push(r);
    }
    db.close();
    const store = SqliteStore.open(path);
    try {
      const check = new Database(path, { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version);
      assert.deepEqual(check.prepare('SELECT id, lender, verdict, report_flag FROM events WHERE id IN (?, ?, ?, ?, ?) ORDER BY occurred_utc').raw().all(...rows.slice(0, 5).map((r) => r[0])), [
        [rows[0]![0], '某贷', 'collection', 1],
        [rows[1]![0], '某公司', 'scam', 1],
        [rows[2]![0], null, 'collection', 0],
        [rows[3]![0], '某贷', null, 0],
        [rows[4]![0], null, 'collection', 1],
      ]);
      check.close();
      const contacts: ContactInput[] = [];
      for await (const c of store.listContacts()) contacts.push(c);
      const events = await store.listEvents();
      assert.equal(contacts.length, events.length);
      const data = await loadData();
      const law = new LawTable(data.law);
      const viaContacts = new ContactCollector(data.harassment.timezone);
      for (const c of contacts) viaContacts.add(c);
      const whole = new ContactCollector(data.harassment.timezone);
      for (const e of events) whole.add(e);
      assert.deepEqual(viaContacts.contacts, whole.contacts);
      assert.deepEqual(viaContacts.contacts.map((c) => c.signals), [['RULE.X'], ['RULE.X'], ['RULE.X'], ['RULE.X'], [], [], [], [], [], []]);
      assert.deepEqual(contacts.map((c) => [c.debt_disclosed, c.number]), events.map((e) => [e.debt_disclosed, e.number]));
      assert.equal(JSON.stringify(analyseHarassment(viaContacts, data.harassment, law)), JSON.stringify(analyseHarassment(events, data.harassment, law)));
    } finally {
      await store.close();
    }
  });
});
