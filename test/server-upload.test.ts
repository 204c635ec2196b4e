/**
 * An upload cut off mid-way (the phone loses Wi-Fi, the tab is closed) leaves nothing behind:
 * no evidence recorded, no half file in the vault, and the record still verifies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
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

  const multipart = (b: string, files: number, opts: { close?: boolean } = {}): Buffer =>
    Buffer.concat([
      ...Array.from({ length: files }, (_, i) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="shot${i}.png"\r\nContent-Type: image/png\r\n\r\nfile number ${i}\r\n`)),
      Buffer.from(opts.close === false ? '' : `--${b}--\r\n`),
    ]);
  const vaultFiles = (): string[] => {
    const root = join(s.dir, 'vault');
    return existsSync(root) ? readdirSync(root).filter((d) => /^[0-9a-f]{2}$/.test(d)).flatMap((d) => readdirSync(join(root, d))) : [];
  };

  it('stores none of an upload with more files than allowed (413), and then all of one within the limit', async () => {
    const auth = { 'x-dunguard-token': s.token };
    const ev = (await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'sms', at: '2026-11-22 09:00' } })).json();
    const before = vaultFiles().length;
    const b = '----many' + Date.now();
    const r = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: multipart(b, 25), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().error.code, 'TOO_LARGE');
    assert.match(r.json().error.zh, /最多上传 20 个文件/);
    assert.match(r.json().error.en, /none of this upload/);
    assert.deepEqual((await s.app.inject({ method: 'GET', url: '/api/evidence', headers: auth })).json(), []);
    assert.deepEqual((await s.app.inject({ method: 'GET', url: `/api/events/${ev.id}`, headers: auth })).json().evidence, []);
    assert.equal(vaultFiles().length, before, 'no file of the refused upload is left in the vault');
    const ok = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: multipart(b, 3), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().files.length, 3);
    assert.equal((await s.app.inject({ method: 'GET', url: `/api/events/${ev.id}`, headers: auth })).json().evidence.length, 3);
    const v = (await s.app.inject({ method: 'GET', url: '/api/verify', headers: auth })).json();
    assert.equal(v.intact, true, JSON.stringify(v.findings));
    assert.deepEqual(v.notes, []);
  });

  it('answers 400 with a clear error, not 500, to multipart without a boundary or cut short', async () => {
    const auth = { 'x-dunguard-token': s.token };
    const ev = (await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'sms', at: '2026-11-23 09:00' } })).json();
    const b = '----short' + Date.now();
    const noBoundary = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: multipart(b, 1), headers: { ...auth, 'content-type': 'multipart/form-data' } });
    const cut = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: multipart(b, 2, { close: false }).subarray(0, 150), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } });
    for (const r of [noBoundary, cut]) {
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'BAD_UPLOAD');
      assert.match(r.json().error.zh, /格式不对或不完整.*未保存任何文件/);
      assert.match(r.json().error.en, /malformed or incomplete.*nothing was stored/);
    }
    assert.deepEqual((await s.app.inject({ method: 'GET', url: `/api/events/${ev.id}`, headers: auth })).json().evidence, []);
  });

  it('takes event text up to the record\'s limit (1,000,000 characters) and refuses more with 400', async () => {
    const auth = { 'x-dunguard-token': s.token };
    const at = '2026-11-24 09:00';
    const ok = await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'sms', at, text: 'a'.repeat(1_000_000) } });
    assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
    const over = await s.app.inject({ method: 'POST', url: '/api/events', headers: auth, payload: { kind: 'sms', at, text: 'a'.repeat(1_000_001) } });
    assert.equal(over.statusCode, 400);
    assert.equal(over.json().error.code, 'BAD_INPUT');
    const spec = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const text = spec.paths['/api/events'].post.requestBody.content['application/json'].schema.properties.text;
    assert.equal(text.maxLength, 1_000_000, 'the published schema says the same');
  });
});

describe('slow clients', () => {
  it('cuts off a body that does not arrive within the request timeout, and limits connections', async () => {
    const slow = await startServer({ limits: { requestTimeout: 600, headersTimeout: 300, maxConnections: 50 } });
    try {
      assert.equal(slow.app.server.maxConnections, 50);
      const port = Number(new URL(slow.url).port);
      const started = Date.now();
      const answer = await new Promise<string>((resolve) => {
        const sock = connect(port, '127.0.0.1', () => {
          sock.write(`POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-dunguard-token: ${slow.token}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"text":"`);
        });
        let got = '';
        sock.on('data', (d) => (got += d.toString()));
        sock.on('close', () => resolve(got));
        sock.on('error', () => resolve(got));
        setTimeout(() => sock.destroy(), 8000);
      });
      const took = Date.now() - started;
      assert.ok(took < 5000, `cut off after ${took} ms`);
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      await slow.close();
    }
  });
});
