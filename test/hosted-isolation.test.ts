/**
 * `dunguard serve --multi-user` on PostgreSQL: accounts, cases, sharing, the access log — and
 * isolation. For every route under /api/cases/:caseId (taken from the server itself, so a
 * route added later is covered without editing this file), a second client, a helper the case
 * was not shared with, and an admin get 404 for the first client's case, exactly as for a case
 * that does not exist; the owner (the control) gets an answer for the same requests, so the
 * requests are real ones.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildHostedServer, SESSION_COOKIE } from '../src/hosted/server.js';
import type { Directory } from '../src/hosted/directory.js';
import { freshSchema, testPostgres, type TestPostgres } from './helpers/postgres.js';
import { endHostedServer } from './helpers/hosted.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

const pgFound = await testPostgres();
const skip = 'skip' in pgFound ? pgFound.skip : false;

describe('hosted mode (--multi-user): accounts, cases, sharing, isolation', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const dirSchema = freshSchema();
  let app: FastifyInstance;
  let directory: Directory;
  let caseRoutes: readonly { method: string; url: string }[];
  let close: () => Promise<void>;
  const cookies: Record<string, string> = {};
  let caseA = '';
  let caseB = '';
  let eventA = '';
  let debtA = '';
  let shaA = '';
  let helperA = '';
  let letterType = '';

  const req = async (who: string | undefined, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { ...(who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}` } : {}), ...headers } });

  const login = async (name: string, password = PASSWORD) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password } });
    assert.equal(r.statusCode, 200, r.body);
    const set = String(r.headers['set-cookie']);
    cookies[name] = /=([^;]+)/.exec(set)![1]!;
    return set;
  };

  before(async () => {
    ({ app, directory, caseRoutes, close } = await buildHostedServer({ url: pgs.url, directorySchema: dirSchema, scrypt: CHEAP }));
    await directory.createAccount('admin1', PASSWORD, 'admin');
    await login('admin1');
    for (const h of ['helper-a', 'helper-b']) {
      const r = await req('admin1', 'POST', '/api/admin/accounts', { username: h, password: PASSWORD, role: 'helper' });
      assert.equal(r.statusCode, 201, r.body);
      if (h === 'helper-a') helperA = r.json().id;
      await login(h);
    }
    for (const c of ['alice', 'bob']) {
      assert.equal((await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: c, password: PASSWORD } })).statusCode, 201);
      await login(c);
    }
    caseA = (await req('alice', 'POST', '/api/cases', { title: '网贷催收' })).json().id;
    caseB = (await req('bob', 'POST', '/api/cases', {})).json().id;
    const ev = await req('alice', 'POST', `/api/cases/${caseA}/events`, { kind: 'sms', at: '2026-11-20 23:15', number: '13800138000', text: '再不还钱就把你的事告诉你所有的联系人和你单位' });
    assert.equal(ev.statusCode, 201, ev.body);
    eventA = ev.json().id;
    const b = '----case' + Date.now();
    const body = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\nalice's screenshot\r\n--${b}--\r\n`);
    const up = await req('alice', 'POST', `/api/cases/${caseA}/events/${eventA}/evidence`, body, { 'content-type': `multipart/form-data; boundary=${b}` });
    assert.equal(up.statusCode, 201, up.body);
    shaA = up.json().files[0].sha256;
    const debt = await req('alice', 'POST', `/api/cases/${caseA}/debts`, { lender: '示例花', kind: 'online_platform', principal: '10000', received: '8000', date: '2026-01-10', instalments: 12, amount: '1000' });
    assert.equal(debt.statusCode, 201, debt.body);
    debtA = debt.json().debt?.id ?? debt.json().id;
    assert.ok(debtA, debt.body);
    assert.equal((await req('alice', 'PUT', `/api/cases/${caseA}/profile`, { name: '张三' })).statusCode, 200);
    letterType = (await req('alice', 'GET', `/api/cases/${caseA}/letters`)).json()[0].id;
    assert.equal((await req('bob', 'POST', `/api/cases/${caseB}/events`, { kind: 'call_incoming', at: '2026-11-21 09:00' })).statusCode, 201);
    assert.equal((await req('alice', 'POST', `/api/cases/${caseA}/shares`, { username: 'helper-a' })).statusCode, 201);
  });

  after(async () => {
    if (close !== undefined) await endHostedServer({ close, directory, pgs, dirSchema });
  });

  /** A request for each case route, with the first client's real ids in it. */
  const requests = () =>
    caseRoutes.map((r) => {
      const url = r.url
        .replace(':caseId', caseA)
        .replace(':id', r.url.includes('/debts/') ? debtA : eventA)
        .replace(':sha256', shaA)
        .replace(':type', letterType)
        .replace(':accountId', helperA)
        .replace(':number', '13800138000');
      return { method: r.method, route: r.url, url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} };
    });

  it('walks every case route: there are many, covering events, evidence, debts, letters, report and export', () => {
    const urls = new Set(caseRoutes.map((r) => `${r.method} ${r.url}`));
    for (const must of [
      'GET /api/cases/:caseId/events',
      'GET /api/cases/:caseId/events/:id',
      'GET /api/cases/:caseId/events/page',
      'GET /api/cases/:caseId/events/counts',
      'GET /api/cases/:caseId/evidence',
      'GET /api/cases/:caseId/evidence/:sha256',
      'GET /api/cases/:caseId/debts',
      'GET /api/cases/:caseId/debts/:id',
      'POST /api/cases/:caseId/letters/:type',
      'GET /api/cases/:caseId/report',
      'GET /api/cases/:caseId/report.pdf',
      'POST /api/cases/:caseId/export',
      'GET /api/cases/:caseId/verify',
      'GET /api/cases/:caseId/access-log',
      'GET /api/cases/:caseId/tags',
      'POST /api/cases/:caseId/ocr',
    ]) {
      assert.ok(urls.has(must), must);
    }
    assert.ok(caseRoutes.length >= 25, String(caseRoutes.length));
  });

  it('a second client, an unshared helper and an admin get 404 on every case route — the same answer as for a case that does not exist', async () => {
    for (const r of requests()) {
      for (const who of ['bob', 'helper-b', 'admin1']) {
        const got = await req(who, r.method, r.url, r.payload);
        assert.equal(got.statusCode, 404, `${who} ${r.method} ${r.url}: ${got.body}`);
        assert.equal(got.json().error.code, 'NOT_FOUND');
        const none = await req(who, r.method, r.url.replace(caseA, '0123456789abcdef'), r.payload);
        assert.equal(none.statusCode, 404);
        assert.equal(none.body, got.body, 'an existing case and a missing one answer the same');
        assert.ok(!got.body.includes(eventA) && !got.body.includes(shaA));
      }
      const anon = await req(undefined, r.method, r.url, r.payload);
      assert.equal(anon.statusCode, 401, `${r.method} ${r.url}`);
    }
  });

  it('the owner gets an answer for the same requests (the control: they name real things)', async () => {
    for (const r of requests()) {
      if (r.method !== 'GET' || r.route.endsWith('/number')) continue;
      const got = await req('alice', r.method, r.url);
      assert.equal(got.statusCode, 200, `alice ${r.method} ${r.url}: ${got.body}`);
    }
    const exp = await req('alice', 'POST', `/api/cases/${caseA}/export`);
    assert.equal(exp.statusCode, 200);
    assert.equal(exp.headers['content-type'], 'application/zip');
  });

  it('one client\'s ids in their own case find nothing of another\'s: each case is its own record', async () => {
    for (const url of [`/api/cases/${caseB}/events/${eventA}`, `/api/cases/${caseB}/evidence/${shaA}`, `/api/cases/${caseB}/debts/${debtA}`]) {
      const r = await req('bob', 'GET', url);
      assert.equal(r.statusCode, 404, url);
    }
    const bobs = (await req('bob', 'GET', `/api/cases/${caseB}/events`)).json();
    assert.equal(bobs.length, 1);
    assert.deepEqual((await req('bob', 'GET', `/api/cases/${caseB}/evidence`)).json(), []);
    assert.deepEqual((await req('bob', 'GET', '/api/cases')).json().map((c: { id: string }) => c.id), [caseB]);
    assert.deepEqual((await req('helper-b', 'GET', '/api/cases')).json(), []);
    assert.deepEqual((await req('admin1', 'GET', '/api/cases')).json(), []);
  });

  it('a helper the case is shared with reads it and drafts letters, may not change it, and every request is in the access log the client reads', async () => {
    const before = (await req('alice', 'GET', `/api/cases/${caseA}/access-log`)).json().entries.length;
    assert.deepEqual((await req('helper-a', 'GET', '/api/cases')).json().map((c: { id: string; owner: string }) => [c.id, c.owner]), [[caseA, 'alice']]);
    assert.equal((await req('helper-a', 'GET', `/api/cases/${caseA}/events/${eventA}`)).json().id, eventA);
    assert.equal((await req('helper-a', 'GET', `/api/cases/${caseA}/debts`)).statusCode, 200);
    const letter = await req('helper-a', 'POST', `/api/cases/${caseA}/letters/${letterType}`, { format: 'json' });
    assert.equal(letter.statusCode, 200, letter.body);
    for (const [m, u, p] of [
      ['POST', `/api/cases/${caseA}/events`, { kind: 'sms', at: '2026-11-22 10:00' }],
      ['DELETE', `/api/cases/${caseA}/events/${eventA}`, undefined],
      ['PUT', `/api/cases/${caseA}/profile`, { name: '李四' }],
      ['POST', `/api/cases/${caseA}/shares`, { username: 'helper-b' }],
      ['GET', `/api/cases/${caseA}/access-log`, undefined],
    ] as const) {
      const r = await req('helper-a', m, u, p);
      assert.equal(r.statusCode, 403, `${m} ${u}: ${r.body}`);
    }
    const log = (await req('alice', 'GET', `/api/cases/${caseA}/access-log`)).json();
    const mine = log.entries.slice(before);
    assert.deepEqual(
      mine.slice(0, 3).map((e: { account: string; method: string; path: string }) => `${e.account} ${e.method} ${e.path}`),
      [`helper-a GET /events/${eventA}`, 'helper-a GET /debts', `helper-a POST /letters/${letterType}`],
    );
    assert.equal(mine.length, 8, 'refused requests are logged too');
    assert.equal(log.verify.intact, true);
    // The owner's own reads are not in it.
    assert.ok(log.entries.every((e: { account: string }) => e.account !== 'alice'));
  });

  it("the record page's reads (a page of events, the counts) stay in the case: the helper's are logged, another case's cursor pages only one's own case, others get 404", async () => {
    for (const at of ['2026-11-22 08:00', '2026-11-23 22:30']) {
      assert.equal((await req('alice', 'POST', `/api/cases/${caseA}/events`, { kind: 'call_incoming', at, number: '13800138000' })).statusCode, 201);
    }
    const all = (await req('alice', 'GET', `/api/cases/${caseA}/events`)).json().map((e: { id: string }) => e.id) as string[];
    assert.equal(all.length, 3);
    const first = await req('alice', 'GET', `/api/cases/${caseA}/events/page?limit=2`);
    assert.equal(first.statusCode, 200, first.body);
    const p1 = first.json();
    assert.equal(p1.total, 3);
    assert.equal(p1.events.length, 2);
    assert.ok(typeof p1.next === 'string' && p1.next !== '');
    const p2 = (await req('alice', 'GET', `/api/cases/${caseA}/events/page?limit=2&cursor=${encodeURIComponent(p1.next)}`)).json();
    assert.equal(p2.next, null);
    assert.deepEqual([...p1.events, ...p2.events].map((e: { id: string }) => e.id), [...all].reverse(), 'newest first, every event once');
    const counts = (await req('alice', 'GET', `/api/cases/${caseA}/events/counts`)).json();
    assert.equal(counts.total, 3);

    // The helper the case is shared with reads the same, and each read is in the owner's access log.
    const logged = (await req('alice', 'GET', `/api/cases/${caseA}/access-log`)).json().entries.length;
    assert.deepEqual((await req('helper-a', 'GET', `/api/cases/${caseA}/events/page?limit=2`)).json(), p1);
    assert.deepEqual((await req('helper-a', 'GET', `/api/cases/${caseA}/events/counts`)).json(), counts);
    const log = (await req('alice', 'GET', `/api/cases/${caseA}/access-log`)).json();
    assert.deepEqual(
      log.entries.slice(logged).map((e: { account: string; method: string; path: string }) => `${e.account} ${e.method} ${e.path}`),
      ['helper-a GET /events/page', 'helper-a GET /events/counts'],
    );
    assert.equal(log.verify.intact, true);

    // Alice's cursor given to Bob's case pages Bob's case: a position, never a way into hers.
    const bobs = (await req('bob', 'GET', `/api/cases/${caseB}/events`)).json().map((e: { id: string }) => e.id) as string[];
    const cross = await req('bob', 'GET', `/api/cases/${caseB}/events/page?cursor=${encodeURIComponent(p1.next)}`);
    assert.equal(cross.statusCode, 200, cross.body);
    assert.equal(cross.json().total, bobs.length);
    for (const e of cross.json().events as { id: string }[]) assert.ok(bobs.includes(e.id) && !all.includes(e.id), e.id);
    assert.equal((await req('bob', 'GET', `/api/cases/${caseB}/events/counts`)).json().total, bobs.length);

    // Alice's page, with her cursor, and her counts: 404 for everyone else, as for a case that does not exist.
    for (const url of [`/api/cases/${caseA}/events/page?limit=2&cursor=${encodeURIComponent(p1.next)}`, `/api/cases/${caseA}/events/counts`]) {
      for (const who of ['bob', 'helper-b', 'admin1']) {
        const got = await req(who, 'GET', url);
        assert.equal(got.statusCode, 404, `${who} ${url}`);
        assert.equal(got.body, (await req(who, 'GET', url.replace(caseA, '0123456789abcdef'))).body);
        for (const id of all) assert.ok(!got.body.includes(id));
      }
      assert.equal((await req(undefined, 'GET', url)).statusCode, 401);
    }
  });

  it('a revoked share is a 404 again, and a client cannot share with another client', async () => {
    assert.equal((await req('alice', 'POST', `/api/cases/${caseA}/shares`, { username: 'bob' })).statusCode, 404);
    assert.equal((await req('alice', 'DELETE', `/api/cases/${caseA}/shares/${helperA}`)).statusCode, 200);
    const r = await req('helper-a', 'GET', `/api/cases/${caseA}/events`);
    assert.equal(r.statusCode, 404);
    assert.deepEqual((await req('helper-a', 'GET', '/api/cases')).json(), []);
  });

  it('a shared admin sees the case; an admin verifies every case and access log with counts only', async () => {
    assert.equal((await req('alice', 'POST', `/api/cases/${caseA}/shares`, { username: 'admin1' })).statusCode, 201);
    assert.equal((await req('admin1', 'GET', `/api/cases/${caseA}/events`)).statusCode, 200);
    const v = await req('admin1', 'GET', '/api/admin/verify');
    assert.equal(v.statusCode, 200);
    const body = v.json();
    assert.equal(body.intact, true, v.body);
    assert.deepEqual(new Set(body.cases.map((c: { case: string }) => c.case)), new Set([caseA, caseB]));
    assert.ok(!v.body.includes('联系人') && !v.body.includes(eventA));
    for (const who of ['alice', 'helper-a', undefined]) assert.notEqual((await req(who, 'GET', '/api/admin/verify')).statusCode, 200);
    assert.equal((await req('alice', 'DELETE', `/api/cases/${caseA}/shares/${(await directory.accountByName('admin1'))!.id}`)).statusCode, 200);
  });

  it('verify finds an access-log entry edited in the database, and the table refuses UPDATE', async () => {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: pgs.url });
    await c.connect();
    try {
      await assert.rejects(c.query(`UPDATE ${dirSchema}.access_log SET path = '/nothing' WHERE case_id = $1`, [caseA]), /append-only/);
      await c.query(`ALTER TABLE ${dirSchema}.access_log DISABLE TRIGGER access_log_no_change`);
      await c.query(`UPDATE ${dirSchema}.access_log SET path = '/nothing' WHERE case_id = $1 AND seq = 1`, [caseA]);
      await c.query(`ALTER TABLE ${dirSchema}.access_log ENABLE TRIGGER access_log_no_change`);
    } finally {
      await c.end();
    }
    const v = (await req('alice', 'GET', `/api/cases/${caseA}/access-log`)).json().verify;
    assert.equal(v.intact, false);
    assert.match(v.problems.join('\n'), /entry 1 was changed/);
    assert.equal((await req('admin1', 'GET', '/api/admin/verify')).json().intact, false);
  });

  it('verify finds a case whose schema was dropped: the running server (store gone) and a fresh open (fewer entries than the directory saw) both say record_missing', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'carol', password: PASSWORD } })).statusCode, 201);
    await login('carol');
    const caseC = (await req('carol', 'POST', '/api/cases', {})).json().id as string;
    assert.equal((await req('carol', 'POST', `/api/cases/${caseC}/events`, { kind: 'sms', at: '2026-11-22 10:00', text: '请于今日还款' })).statusCode, 201);
    const row = (await directory.allCases()).find((c) => c.id === caseC)!;
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: pgs.url });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA ${row.schema_name} CASCADE`);
    } finally {
      await c.end();
    }
    type Verdicts = { cases: { case: string; intact: boolean; findings: Record<string, number> }[] };
    const served = ((await req('admin1', 'GET', '/api/admin/verify')).json() as Verdicts).cases.find((x) => x.case === caseC)!;
    assert.equal(served.intact, false);
    assert.equal(served.findings.record_missing, 1, JSON.stringify(served));
    // As `dunguard verify --all-cases` opens it: the schema is made again, empty, and the directory had seen more.
    const { verifyEveryCase } = await import('../src/hosted/verify-cases.js');
    const { PgStore } = await import('../src/store/postgres/pg-store.js');
    const { recordContextOver } = await import('../src/service/record-context.js');
    const { tmpdir } = await import('node:os');
    const opened: { close(): Promise<void> }[] = [];
    try {
      const fresh = await verifyEveryCase(directory, async (r) => {
        const store = await PgStore.open({ url: pgs.url, schema: r.schema_name, max: 2 });
        const rc = await recordContextOver(tmpdir(), store, store.vault());
        opened.push(rc);
        return rc;
      });
      const v = fresh.cases.find((x) => x.case === caseC)!;
      assert.equal(v.intact, false);
      assert.equal(v.findings.record_missing, 1, JSON.stringify(v));
      assert.equal(fresh.cases.find((x) => x.case === caseB)!.intact, true, 'other cases stay intact');
    } finally {
      for (const rc of opened) await rc.close();
    }
  });

  it('sessions are HTTP-only, Secure, SameSite=Strict cookies; logout ends them', async () => {
    const set = await login('bob');
    assert.match(set, new RegExp(`^${SESSION_COOKIE}=`));
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) assert.ok(set.includes(flag), flag);
    const old = cookies.bob!;
    assert.equal((await req('bob', 'POST', '/api/auth/logout')).statusCode, 200);
    cookies.bob = old;
    assert.equal((await req('bob', 'GET', '/api/me')).statusCode, 401);
    await login('bob');
  });

  it('stores passwords only as scrypt hashes', async () => {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: pgs.url });
    await c.connect();
    try {
      const rows = (await c.query(`SELECT password_hash FROM ${dirSchema}.accounts`)).rows as { password_hash: string }[];
      assert.ok(rows.length >= 5);
      for (const r of rows) {
        assert.match(r.password_hash, /^scrypt\$\d+\$8\$1\$/);
        assert.ok(!r.password_hash.includes(PASSWORD));
      }
    } finally {
      await c.end();
    }
  });

  it('limits failed logins: after 5 wrong passwords even the right one is refused (429), in Chinese', async () => {
    await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'carol', password: PASSWORD } });
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'wrong password ' + i } });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.zh, '用户名或密码不对。');
    }
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: PASSWORD } });
    assert.equal(r.statusCode, 429);
    assert.match(r.json().error.zh, /登录失败次数太多/);
    // Another account is not locked out by carol's failures.
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: PASSWORD } })).statusCode, 200);
  });

  it('an admin disables a helper: their session ends and they cannot log in; clients cannot manage staff', async () => {
    const h = (await req('admin1', 'POST', '/api/admin/accounts', { username: 'helper-c', password: PASSWORD, role: 'helper' })).json();
    await login('helper-c');
    assert.equal((await req('helper-c', 'GET', '/api/me')).statusCode, 200);
    assert.equal((await req('admin1', 'POST', `/api/admin/accounts/${h.id}/disable`)).statusCode, 200);
    assert.equal((await req('helper-c', 'GET', '/api/me')).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'helper-c', password: PASSWORD } })).statusCode, 401);
    assert.equal((await req('alice', 'POST', `/api/cases/${caseA}/shares`, { username: 'helper-c' })).statusCode, 404);
    for (const [m, u] of [['GET', '/api/admin/accounts'], ['POST', '/api/admin/accounts'], ['GET', '/api/admin/verify']] as const) {
      assert.equal((await req('alice', m, u, m === 'POST' ? { username: 'mallory', password: PASSWORD, role: 'admin' } : undefined)).statusCode, 404);
    }
  });

  it('the law table is there for everyone, outside any case', async () => {
    const r = await req('bob', 'GET', '/api/law');
    assert.equal(r.statusCode, 200);
    assert.ok(JSON.stringify(r.json()).includes('治安管理处罚法'));
  });

  it('only clients open cases; cross-site requests are refused', async () => {
    assert.equal((await req('helper-b', 'POST', '/api/cases', {})).statusCode, 403);
    assert.equal((await req('admin1', 'POST', '/api/cases', {})).statusCode, 403);
    const r = await req('alice', 'GET', `/api/cases/${caseA}/events`, undefined, { 'sec-fetch-site': 'cross-site' });
    assert.equal(r.statusCode, 403);
  });

  it('staff classify a batch through the API, rate-limited per account; clients may not', async () => {
    const items = [{ id: 1, text: '你好，您在我司的借款已逾期，请尽快还款' }, { id: 2, text: '不还钱就把你的照片发给你所有的联系人' }];
    const r = await req('helper-b', 'POST', '/api/classify', { items });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().results.length, 2);
    assert.equal((await req('alice', 'POST', '/api/classify', { items })).statusCode, 403);
    let last = 200;
    for (let i = 0; i < 40 && last === 200; i++) last = (await req('helper-b', 'POST', '/api/classify', { items })).statusCode;
    assert.equal(last, 429);
    // The count is in the database: a second server on the same directory refuses as well.
    const second = await buildHostedServer({ url: pgs.url, directorySchema: dirSchema, scrypt: CHEAP });
    try {
      const r2 = await second.app.inject({ method: 'POST', url: '/api/classify', payload: { items }, headers: { cookie: `${SESSION_COOKIE}=${cookies['helper-b']}` } });
      assert.equal(r2.statusCode, 429, r2.body);
      assert.match(r2.json().error.zh, /请求太频繁/);
    } finally {
      await second.close();
    }
  });

  it('changes a password only with the old one; every session then ends', async () => {
    await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'dave', password: PASSWORD } });
    await login('dave');
    const wrong = await req('dave', 'POST', '/api/auth/password', { old_password: 'not my password', new_password: 'a brand new passphrase' });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await req('dave', 'POST', '/api/auth/password', { old_password: PASSWORD, new_password: 'short' })).statusCode, 400);
    assert.equal((await req('dave', 'POST', '/api/auth/password', { old_password: PASSWORD, new_password: 'a brand new passphrase' })).statusCode, 200);
    assert.equal((await req('dave', 'GET', '/api/me')).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dave', password: PASSWORD } })).statusCode, 401);
    await login('dave', 'a brand new passphrase');
  });
});
