/**
 * An upload cut off mid-way (the phone loses Wi-Fi, the tab is closed) leaves nothing behind:
 * no evidence recorded, no half file in the vault, and the record still verifies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from './helpers/server.js';

let s: TestServer;
before(async () => {
  s = await startServer({ maxUpload: 64 * 1024 });
});
after(async () => {
  await s.close();
});

describe('evidence upload', () => {
  it('stores nothing when the client disconnects half-way through a file', async () => {
    const auth = { 'x-dunguard-token': s.token };
    const ev = (await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'call_incoming', at: '2026-11-20 21:00' } })).json();
    const boundary = '----cut' + Date.now();
    const port = new URL(s.url).port;
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/events/${ev.id}/evidence`, headers: { ...auth, host: `127.0.0.1:${port}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="call.amr"\r\nContent-Type: audio/amr\r\n\r\n`);
      req.write(Buffer.alloc(32 * 1024, 7));
      setTimeout(() => {
        req.destroy();
        setTimeout(resolve, 300);
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 300));
    const list = (await s.app.inject({ method: 'GET', url: '/api/evidence', headers: auth })).json();
    assert.deepEqual(list, []);
    const tmp = join(s.dir, 'vault', 'tmp');
    assert.ok(existsSync(tmp), 'the upload had reached the vault before the cut');
    assert.deepEqual(readdirSync(tmp), [], 'no temporary file left');
    const shown = (await s.app.inject({ method: 'GET', url: `/api/events/${ev.id}`, headers: auth })).json();
    assert.deepEqual(shown.evidence, []);
    const v = (await s.app.inject({ method: 'GET', url: '/api/verify', headers: auth })).json();
    assert.equal(v.intact, true);
    assert.deepEqual(v.notes, []);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const auth = { 'x-dunguard-token': s.token };
    const ev = (await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'sms', at: '2026-11-21 09:00' } })).json();
    const b = '----big' + Date.now();
    const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="big.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`), Buffer.alloc(100 * 1024, 1), Buffer.from(`\r\n--${b}--\r\n`)]);
    const r = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: body, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().error.code, 'TOO_LARGE');
    assert.deepEqual((await s.app.inject({ method: 'GET', url: '/api/evidence', headers: auth })).json(), []);
    assert.deepEqual(readdirSync(join(s.dir, 'vault', 'tmp')), []);
  });
});
