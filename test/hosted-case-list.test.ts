/**
 * The hosted case list (`GET /api/cases`) on PostgreSQL: each case with its event count, its
 * latest event, the number of findings of its harassment report, and how many events are new
 * since the one asking last opened it — right after events are added, reset by opening the
 * case, sorted by new activity; a helper sees these for the cases shared with them and for no
 * other, a client for their own.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildHostedServer, SESSION_COOKIE } from '../src/hosted/server.js';
import { Directory } from '../src/hosted/directory.js';
import { freshSchema, testPostgres, type TestPostgres } from './helpers/postgres.js';
import { endHostedServer } from './helpers/hosted.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

const pgFound = await testPostgres();
const skip = 'skip' in pgFound ? pgFound.skip : false;

interface ListRow {
  id: string;
  title: string;
  owner: string;
  events: number | null;
  latest_event_at: string | null;
  last_added_at: string | null;
  new_events: number | null;
  findings: number | null;
  last_viewed_at: string | null;
}

describe('hosted case list: new activity and findings per case', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const dirSchema = freshSchema();
  let app: FastifyInstance;
  let directory: Directory;
  let close: () => Promise<void>;
  const cookies: Record<string, string> = {};
  let c1 = '';
  let c2 = '';
  let d1 = '';

  const req = async (who: string, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { cookie: `${SESSION_COOKIE}=${cookies[who]}` } });
  const login = async (name: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: PASSWORD } });
    assert.equal(r.statusCode, 200, r.body);
    cookies[name] = /=([^;]+)/.exec(String(r.headers['set-cookie']))![1]!;
  };
  const list = async (who: string): Promise<ListRow[]> => {
    const r = await req(who, 'GET', '/api/cases');
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const row = async (who: string, id: string): Promise<ListRow | undefined> => (await list(who)).find((c) => c.id === id);
  const add = async (who: string, caseId: string, at: string, text?: string): Promise<string> => {
    const r = await req(who, 'POST', `/api/cases/${caseId}/events`, text === undefined ? { kind: 'call_incoming', at, number: '13800138000' } : { kind: 'sms', at, number: '10690000123', text });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id;
  };

  before(async () => {
    ({ app, directory, close } = await buildHostedServer({ url: pgs.url, directorySchema: dirSchema, scrypt: CHEAP }));
    await directory.createAccount('admin1', PASSWORD, 'admin');
    for (const [name, role] of [['helper-a', 'helper'], ['helper-b', 'helper']] as const) await directory.createAccount(name, PASSWORD, role);
    for (const name of ['carol', 'dave']) assert.equal((await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: name, password: PASSWORD } })).statusCode, 201);
    for (const name of ['admin1', 'helper-a', 'helper-b', 'carol', 'dave']) await login(name);
    c1 = (await req('carol', 'POST', '/api/cases', { title: '网贷平台夜间催收' })).json().id;
    c2 = (await req('carol', 'POST', '/api/cases', { title: '信用卡' })).json().id;
    d1 = (await req('dave', 'POST', '/api/cases', { title: '戴先生' })).json().id;
    for (const id of [c1, c2]) assert.equal((await req('carol', 'POST', `/api/cases/${id}/shares`, { username: 'helper-a' })).statusCode, 201);
    assert.equal((await req('dave', 'POST', `/api/cases/${d1}/shares`, { username: 'helper-b' })).statusCode, 201);
  });

  after(async () => {
    if (close !== undefined) await endHostedServer({ close, directory, pgs, dirSchema });
  });

  it('a new case lists with no events, nothing new and no findings', async () => {
    const r = (await row('helper-a', c1))!;
    assert.equal(r.events, 0);
    assert.equal(r.new_events, 0);
    assert.equal(r.findings, 0);
    assert.equal(r.latest_event_at, null);
  });

  it('right after events are added, the helper sees them as new, with the latest event and the report\'s findings', async () => {
    await add('carol', c1, '2026-11-20 23:15', '再不还钱就把你欠钱的事告诉你所有的联系人和你单位领导');
    await add('carol', c1, '2026-11-21 23:40', '今晚不还款明天就上门找你家人');
    await add('carol', c1, '2026-11-22 06:10');
    const r = (await row('helper-a', c1))!;
    assert.equal(r.events, 3);
    assert.equal(r.new_events, 3, 'never opened: every event is new');
    assert.equal(r.latest_event_at, new Date('2026-11-22T06:10:00+08:00').toISOString(), JSON.stringify(r));
    // The same analysis as the record's report: the count is the report's own.
    const report = await req('carol', 'GET', `/api/cases/${c1}/report`);
    assert.equal(report.statusCode, 200);
    const findings = report.json().findings as { id: string }[];
    assert.ok(findings.some((f) => f.id === 'NIGHT_CONTACT'), JSON.stringify(findings.map((f) => f.id)));
    assert.equal(r.findings, findings.length);
    // The client added them herself: nothing is new to her.
    const own = (await row('carol', c1))!;
    assert.equal(own.events, 3);
    assert.equal(own.new_events, 0);
    assert.equal(own.findings, findings.length);
  });

  it('opening the case resets what is new for the one who opened it only', async () => {
    assert.equal((await req('helper-a', 'GET', `/api/cases/${c1}`)).statusCode, 200);
    const seen = (await row('helper-a', c1))!;
    assert.equal(seen.new_events, 0);
    assert.ok(seen.last_viewed_at !== null);
    await add('carol', c1, '2026-11-23 22:30', '你不接电话是吧，那我们就打给你父母');
    await add('carol', c1, '2026-11-24 10:00');
    const r = (await row('helper-a', c1))!;
    assert.equal(r.new_events, 2);
    assert.equal(r.events, 5);
    assert.equal((await req('helper-a', 'GET', `/api/cases/${c1}`)).statusCode, 200);
    assert.equal((await row('helper-a', c1))!.new_events, 0);
  });

  it('deleting an event lowers the count but is no new event', async () => {
    const id = await add('carol', c2, '2026-11-25 12:00');
    assert.equal((await req('helper-a', 'GET', `/api/cases/${c2}`)).statusCode, 200);
    assert.equal((await req('carol', 'DELETE', `/api/cases/${c2}/events/${id}`, { reason: '重复记录' })).statusCode, 200);
    const r = (await row('helper-a', c2))!;
    assert.equal(r.events, 0);
    assert.equal(r.new_events, 0);
  });

  it('sorts by new activity: cases with new events first, the latest addition first', async () => {
    for (const id of [c1, c2]) assert.equal((await req('helper-a', 'GET', `/api/cases/${id}`)).statusCode, 200);
    await add('carol', c2, '2026-11-26 08:00');
    assert.deepEqual((await list('helper-a')).map((c) => c.id), [c2, c1]);
    await add('carol', c1, '2026-11-26 09:00');
    assert.deepEqual((await list('helper-a')).map((c) => c.id), [c1, c2]);
    assert.equal((await req('helper-a', 'GET', `/api/cases/${c1}`)).statusCode, 200);
    assert.deepEqual((await list('helper-a')).map((c) => c.id), [c2, c1], 'opened: c1 has nothing new now');
  });

  it('a helper never sees the counts of a case not shared with them; opening it is refused and marks nothing', async () => {
    await add('dave', d1, '2026-11-27 23:50', '明天再不还就去你公司闹');
    assert.deepEqual((await list('helper-a')).map((c) => c.id).sort(), [c1, c2].sort());
    const other = await list('helper-b');
    assert.deepEqual(other.map((c) => c.id), [d1]);
    assert.equal(other[0]!.events, 1);
    assert.equal(other[0]!.new_events, 1);
    assert.ok(!JSON.stringify(await list('helper-a')).includes(d1));
    assert.equal((await req('helper-a', 'GET', `/api/cases/${d1}`)).statusCode, 404);
    assert.equal((await list('admin1')).length, 0, 'an admin sees no case that was not shared with them');
    const db = new pg.Client({ connectionString: pgs.url });
    await db.connect();
    try {
      const views = await db.query(`SELECT account_id FROM ${dirSchema}.case_views WHERE case_id = $1`, [d1]);
      const helperA = (await directory.accountByName('helper-a'))!.id;
      assert.ok(!views.rows.some((v) => v.account_id === helperA));
    } finally {
      await db.end();
    }
    // Revoked: the case and its counts leave the helper's list.
    assert.equal((await req('carol', 'DELETE', `/api/cases/${c2}/shares/${(await directory.accountByName('helper-a'))!.id}`)).statusCode, 200);
    assert.deepEqual((await list('helper-a')).map((c) => c.id), [c1]);
  });

  it('a client sees their own cases with their counts, and no one else\'s', async () => {
    const mine = await list('dave');
    assert.deepEqual(mine.map((c) => c.id), [d1]);
    assert.equal(mine[0]!.events, 1);
    assert.ok((mine[0]!.findings ?? -1) >= 0);
    assert.deepEqual((await list('carol')).map((c) => c.id).sort(), [c1, c2].sort());
  });

  it('a case with no summary yet (opened before the case list had one) lists without counts, then gets one', async () => {
    const db = new pg.Client({ connectionString: pgs.url });
    await db.connect();
    try {
      await db.query(`DELETE FROM ${dirSchema}.case_activity WHERE case_id = $1`, [d1]);
    } finally {
      await db.end();
    }
    const first = (await row('dave', d1))!;
    assert.equal(first.events, null);
    let later = first;
    for (let i = 0; i < 50 && later.events === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      later = (await row('dave', d1))!;
    }
    assert.equal(later.events, 1);
  });

  it('the directory records its numbered migrations, and a second opening applies none again', async () => {
    const again = await Directory.open({ url: pgs.url, schema: dirSchema, scrypt: CHEAP });
    await again.close();
    const db = new pg.Client({ connectionString: pgs.url });
    await db.connect();
    try {
      const m = await db.query(`SELECT version FROM ${dirSchema}.schema_migrations ORDER BY version`);
      assert.deepEqual(m.rows.map((r) => r.version), [1]);
    } finally {
      await db.end();
    }
  });
});
