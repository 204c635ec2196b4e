/**
 * The token cannot be skipped by re-spelling the path: every API route from the OpenAPI
 * document is sent over real HTTP (no client-side normalisation) with percent-encoded,
 * doubled-slash, dot-segment and mixed-case variants, without the token, on loopback and in
 * remote mode — none may answer below 400. And anti-CSRF: a cross-site request and a
 * text/plain or form body are refused even with the token.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type App } from '../src/server/app.js';
import { normalisedPath } from '../src/server/security.js';
import { loadOrCreateToken } from '../src/server/token.js';

interface Srv {
  app: App;
  port: number;
  token: string;
  close: () => Promise<void>;
}

async function start(remote: boolean): Promise<Srv> {
  const dir = mkdtempSync(join(tmpdir(), 'dunguard-sec-'));
  const token = loadOrCreateToken(dir);
  const hosts = new Set<string>();
  const { app, close } = await buildServer({ dataDir: dir, token, embedToken: !remote, ...(remote ? {} : { allowedHosts: hosts }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  hosts.add(`127.0.0.1:${port}`);
  return { app, port, token, close };
}

/** One raw HTTP request: the path goes on the wire exactly as given. */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Ways to spell the same path that a router or a proxy may treat as equal. */
function variants(path: string): string[] {
  const rest = path.slice('/api'.length); // starts with "/"
  return [
    path,
    `/%61pi${rest}`,
    `/%61%70%69${rest}`,
    `/%2561pi${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/./api${rest}`,
    `/x/../api${rest}`,
    `/api/.${rest}`,
    `/API${rest}`,
    `/Api${rest.toUpperCase()}`,
    `/api%2F${rest.slice(1)}`,
    `${path}/`,
    `${path}?a=1`,
  ];
}

function concrete(path: string): string {
  return path.replace(/\{type\}/g, 'regulator-complaint').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

for (const remote of [false, true]) {
  describe(`API token on every spelling of every route (${remote ? 'remote mode' : 'loopback'})`, () => {
    let s: Srv;
    let routes: { method: string; path: string }[] = [];
    before(async () => {
      s = await start(remote);
      const doc = JSON.parse((await send(s.port, 'GET', '/api/openapi.json', { host: `127.0.0.1:${s.port}` })).body) as { paths: Record<string, Record<string, unknown>> };
      routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: concrete(p) })));
    });
    after(async () => s.close());

    it('lists the API routes it tests', () => {
      assert.ok(routes.length >= 20, `OpenAPI lists ${routes.length} operations`);
      assert.ok(routes.some((r) => r.method === 'PUT' && r.path === '/api/profile'));
    });

    it('answers no spelling of any route without the token', async () => {
      const host = { host: `127.0.0.1:${s.port}` };
      const leaks: string[] = [];
      for (const r of routes) {
        for (const v of variants(r.path)) {
          const hasBody = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH';
          const res = await send(s.port, r.method, v, hasBody ? { ...host, 'content-type': 'application/json' } : host, hasBody ? '{"name":"x","text":"x"}' : undefined);
          if (res.status < 400) leaks.push(`${r.method} ${v} → ${res.status}`);
        }
      }
      assert.deepEqual(leaks, []);
    });

    it('says 401 (not a page or a 404) to the percent-encoded attack of the report', async () => {
      const host = { host: `127.0.0.1:${s.port}` };
      assert.equal((await send(s.port, 'GET', '/%61pi/events', host)).status, 401);
      const put = await send(s.port, 'PUT', '/%61pi/profile', { ...host, 'content-type': 'application/json' }, '{"name":"x"}');
      assert.equal(put.status, 401);
      assert.equal(JSON.parse(put.body).error.code, 'NO_TOKEN');
      // the profile was not written
      const prof = await send(s.port, 'GET', '/api/profile', { ...host, 'x-dunguard-token': s.token });
      assert.doesNotMatch(prof.body, /"name":"x"/);
    });

    it('still serves the plain route with the token', async () => {
      const res = await send(s.port, 'GET', '/api/events', { host: `127.0.0.1:${s.port}`, 'x-dunguard-token': s.token });
      assert.equal(res.status, 200);
    });
  });
}

describe('anti-CSRF on state-changing API calls', () => {
  let s: Srv;
  before(async () => {
    s = await start(false);
  });
  after(async () => s.close());

  it('refuses text/plain and form bodies even with the token (415), and cross-site requests (403)', async () => {
    const h = { host: `127.0.0.1:${s.port}`, 'x-dunguard-token': s.token };
    const plain = await send(s.port, 'POST', '/api/export', { ...h, 'content-type': 'text/plain' }, '{}');
    assert.equal(plain.status, 415);
    assert.match(JSON.parse(plain.body).error.zh, /JSON/);
    const form = await send(s.port, 'PUT', '/api/profile', { ...h, 'content-type': 'application/x-www-form-urlencoded' }, 'name=x');
    assert.equal(form.status, 415);
    const cross = await send(s.port, 'POST', '/api/check', { ...h, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, '{"text":"您好"}');
    assert.equal(cross.status, 403);
    assert.equal(JSON.parse(cross.body).error.code, 'CROSS_SITE');
    const same = await send(s.port, 'POST', '/api/check', { ...h, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, '{"text":"您好"}');
    assert.equal(same.status, 200);
  });

  it('refuses a cross-site multipart upload without the token', async () => {
    const b = 'xx';
    const body = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--${b}--\r\n`;
    const res = await send(s.port, 'POST', '/%61pi/events/00000000-0000-4000-8000-000000000000/evidence', { host: `127.0.0.1:${s.port}`, 'content-type': `multipart/form-data; boundary=${b}` }, body);
    assert.equal(res.status, 401);
  });
});

describe('normalisedPath', () => {
  it('decodes, collapses and resolves the way a router may', () => {
    assert.equal(normalisedPath('/%61pi/events'), '/api/events');
    assert.equal(normalisedPath('/%2561pi//events/?x'), '/api/events');
    assert.equal(normalisedPath('/x/../API/./events'), '/api/events');
    assert.equal(normalisedPath('/api\\events'), '/api/events');
    assert.ok(normalisedPath('/%E0%A4%A').startsWith('/')); // malformed escapes do not throw
  });
});
