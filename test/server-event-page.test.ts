/**
 * The record page's reads over HTTP (dunguard serve): GET /api/events/page gives the events of
 * GET /api/events newest first, a page at a time through the cursor it hands out, with every
 * filter; GET /api/events/counts gives the days and hours the harassment report counts. A bad
 * cursor or page size is refused with a clear Chinese message.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './helpers/server.js';

let s: TestServer;
const auth = () => ({ 'x-dunguard-token': s.token });
const get = (url: string) => s.app.inject({ method: 'GET', url, headers: auth() });
type Ev = { id: string; kind: string; number?: string };

before(async () => {
  s = await startServer({ listen: false });
  const kinds = ['call_missed', 'call_incoming', 'sms'];
  for (let i = 0; i < 23; i++) {
    const day = String(1 + (i % 9)).padStart(2, '0');
    const hour = String((i * 5) % 24).padStart(2, '0');
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: auth(),
      // Every fourth one at the time of the one before (ties in time are ordered by id), and one in India's half-hour zone.
      payload: { kind: kinds[i % 3], at: i % 4 === 3 ? `2026-11-${String(1 + ((i - 1) % 9)).padStart(2, '0')} ${String(((i - 1) * 5) % 24).padStart(2, '0')}:40` : `2026-11-${day} ${hour}:40`, tz: i === 10 ? 'Asia/Kolkata' : 'Asia/Shanghai', number: i % 2 ? '13800138000' : '17012345678' },
    });
    assert.equal(r.statusCode, 201, r.body);
  }
});
after(async () => {
  await s.close();
});

/** Every page of `query` with `limit`, followed through `next`. */
async function allPages(query: string, limit: number) {
  const got: Ev[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const r = await get(`/api/events/page?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as { events: Ev[]; next: string | null; total: number };
    assert.ok(body.events.length <= limit);
    total = body.total;
    got.push(...body.events);
    cursor = body.next;
    pages++;
  } while (cursor !== null && pages < 50);
  return { got, pages, total };
}

describe('GET /api/events/page', () => {
  it('gives every event of the list, newest first, a page at a time, with each filter', async () => {
    for (const q of ['', '&kind=sms', '&number=13800138000', '&from=2026-11-03&to=2026-11-06']) {
      const want = ((await get(`/api/events${q ? '?' + q.slice(1) : ''}`)).json() as Ev[]).reverse();
      assert.ok(want.length > 0);
      for (const limit of [4, 50]) {
        const { got, pages, total } = await allPages(q, limit);
        assert.deepEqual(got.map((e) => e.id), want.map((e) => e.id), `${q} in pages of ${limit}`);
        assert.equal(total, want.length);
        assert.equal(pages, Math.ceil(want.length / limit));
      }
    }
  });

  it('gives 50 events when no page size is given', async () => {
    const r = await get('/api/events/page');
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().events.length, 23);
    assert.equal(r.json().next, null);
  });

  it('refuses a bad page size or cursor with 400 and a Chinese message', async () => {
    for (const limit of ['0', '201', 'abc', '1.5', '-3', '']) {
      const r = await get(`/api/events/page?limit=${encodeURIComponent(limit)}`);
      if (limit === '') {
        assert.equal(r.statusCode, 200, 'an empty size is the default');
        continue;
      }
      assert.equal(r.statusCode, 400, limit);
      assert.equal(r.json().error.code, 'BAD_INPUT');
      assert.match(r.json().error.zh, /每页条数无效.*1 到 200/);
    }
    const first = (await get('/api/events/page?limit=2')).json() as { next: string };
    for (const cursor of ['xyz', first.next.replace('Z~', '~'), `${first.next}'; DROP TABLE events; --`, first.next.split('~')[0]!]) {
      const r = await get(`/api/events/page?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(r.statusCode, 400, cursor);
      assert.equal(r.json().error.code, 'BAD_INPUT');
      assert.match(r.json().error.zh, /翻页位置无效/);
    }
    const long = await get(`/api/events/page?cursor=${'a'.repeat(300)}`);
    assert.equal(long.statusCode, 400);
    assert.match(long.json().error.zh, /输入有误/);
    const unknown = await get('/api/events/page?page=2');
    assert.equal(unknown.statusCode, 400);
    assert.equal((await get('/api/events')).json().length, 23, 'nothing changed');
  });
});

describe('GET /api/events/counts', () => {
  it('counts per local day and hour exactly as the harassment report, and per kind', async () => {
    for (const q of ['', '?from=2026-11-02&to=2026-11-05']) {
      const counts = (await get(`/api/events/counts${q}`)).json() as { total: number; byKind: Record<string, number>; perDay: { date: string; count: number }[]; perHour: number[]; settings: { night_window: string } };
      const report = (await get(`/api/report${q}`)).json() as { totals: { events: number; byKind: Record<string, number> }; perDay: { date: string; count: number }[]; perHour: number[]; settings: { night_window: string } };
      assert.ok(counts.total > 0);
      assert.equal(counts.total, report.totals.events);
      assert.deepEqual(counts.perHour, report.perHour);
      assert.deepEqual(counts.perDay, report.perDay.map((d) => ({ date: d.date, count: d.count })));
      assert.deepEqual(counts.byKind, report.totals.byKind);
      assert.equal(counts.settings.night_window, report.settings.night_window);
    }
  });

  it('refuses an unknown field', async () => {
    const r = await get('/api/events/counts?kind=sms');
    assert.equal(r.statusCode, 400);
    assert.match(r.json().error.zh, /输入有误/);
  });
});
