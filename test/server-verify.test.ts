/**
 * The server runs verify and export on its only thread: over a large record each must give
 * way, so that a check asked for meanwhile is answered while it is still running.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/server/app.js';
import { startServer, type TestServer } from './helpers/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const EVENTS = 20_000;
let s: TestServer;
before(async () => {
  s = await startServer();
  // A large record, straight through the store (a second connection, as a CLI import would be).
  const store = SqliteStore.open(join(s.dir, 'dunguard.sqlite'));
  for (let i = 0; i < EVENTS; i += 5000) {
    const rows = [];
    for (let j = i; j < i + 5000; j++) {
      rows.push({ fields: { kind: 'sms' as const, occurred_at: '2026-11-20T10:00:00+08:00', time_zone: 'Asia/Shanghai', claimed: {}, contacted: 'borrower' as const, content: `第${j}条：请还款` }, analysis: null, source: 'test' });
    }
    await store.importEvents(rows);
  }
  await store.close();
});
after(async () => {
  await s.close();
});

/** Checks asked for while `run` is under way: how long each took, and what `run` gave. */
async function checksDuring<T>(run: () => Promise<T>): Promise<{ during: number[]; result: T; ms: number }> {
  const headers = { 'x-dunguard-token': s.token, 'content-type': 'application/json' };
  let running = true;
  const started = performance.now();
  const job = run().then((result) => {
    running = false;
    return { result, ms: performance.now() - started };
  });
  const during: number[] = [];
  while (running) {
    const t = performance.now();
    const r = await fetch(`${s.url}/api/check`, { method: 'POST', headers, body: JSON.stringify({ text: '您的借款已逾期，请尽快还款', date: '2026-11-20' }) });
    assert.equal(r.status, 200);
    await r.json();
    if (running) during.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 10));
  }
  const { result, ms } = await job;
  return { during, result, ms };
}

describe('verify and export in the server', () => {
  it(`answers checks while it verifies ${EVENTS.toLocaleString()} events`, async () => {
    const v = await checksDuring(async () => {
      const r = await fetch(`${s.url}/api/verify`, { headers: { 'x-dunguard-token': s.token } });
      return { status: r.status, body: (await r.json()) as { intact: boolean; events: number } };
    });
    assert.equal(v.result.status, 200);
    assert.equal(v.result.body.intact, true);
    assert.equal(v.result.body.events, EVENTS);
    assert.ok(v.during.length >= 3, `${v.during.length} checks answered during a verify of ${v.ms.toFixed(0)} ms`);
    const slowest = Math.max(...v.during);
    assert.ok(slowest < Math.max(750, v.ms / 3), `the slowest check took ${slowest.toFixed(0)} ms while verify took ${v.ms.toFixed(0)} ms`);
  });

  it(`answers checks while it exports ${EVENTS.toLocaleString()} events`, async () => {
    const x = await checksDuring(async () => {
      const r = await fetch(`${s.url}/api/export`, { method: 'POST', headers: { 'x-dunguard-token': s.token } });
      return { status: r.status, bytes: (await r.arrayBuffer()).byteLength };
    });
    assert.equal(x.result.status, 200);
    assert.ok(x.result.bytes > 100_000, `${x.result.bytes} bytes`);
    assert.ok(x.during.length >= 3, `${x.during.length} checks answered during an export of ${x.ms.toFixed(0)} ms`);
    const slowest = Math.max(...x.during);
    assert.ok(slowest < Math.max(750, x.ms / 3), `the slowest check took ${slowest.toFixed(0)} ms while export took ${x.ms.toFixed(0)} ms`);
  });
});

describe('verify in the server when the record is gone', () => {
  it('a database removed while the server runs is reported, not verified from the open file; a folder with evidence and no database is not opened as a new record', async () => {
    const t = await startServer({ listen: false });
    try {
      const headers = { 'x-dunguard-token': t.token };
      const add = await t.app.inject({ method: 'POST', url: '/api/events', headers, payload: { kind: 'sms', at: '2026-11-20 10:00', text: '请还款' } });
      assert.equal(add.statusCode, 201, add.body);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/verify', headers })).json().intact, true);
      for (const f of ['dunguard.sqlite', 'dunguard.sqlite-wal', 'dunguard.sqlite-shm']) rmSync(join(t.dir, f), { force: true });
      const v = (await t.app.inject({ method: 'GET', url: '/api/verify', headers })).json() as { intact: boolean; findings: { kind: string }[] };
      assert.equal(v.intact, false);
      assert.deepEqual(v.findings.map((f) => f.kind), ['record_missing']);
    } finally {
      await t.close();
    }
    // A later start over the same folder: evidence left, database gone.
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-gone-'));
    mkdirSync(join(dir, 'vault'));
    writeFileSync(join(dir, 'vault', 'a'.repeat(64)), 'evidence');
    await assert.rejects(buildServer({ dataDir: dir, token: 't'.repeat(32), embedToken: false, allowedHosts: new Set() }), (e: Error & { code?: string; zh?: string }) => e.code === 'RECORD_MISSING' && /证据文件夹里还有文件/.test(e.zh ?? ''));
    rmSync(dir, { recursive: true, force: true });
  });
});
