/**
 * POST /api/ocr: the text of an uploaded screenshot, with the guards of evidence uploads
 * (token, no cross-site request, multipart only, a size limit, one file or nothing), in the
 * OpenAPI document; other requests are answered while a screenshot is being read. Needs
 * tesseract-ocr-chi-sim (DUNGUARD_SKIP_OCR=1 skips).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from './helpers/server.js';
import { multipart } from './helpers/multipart.js';

const FIX = join(import.meta.dirname, 'fixtures', 'ocr');
const SKIP = process.env.DUNGUARD_SKIP_OCR === '1';

describe('POST /api/ocr', { skip: SKIP ? 'DUNGUARD_SKIP_OCR=1' : false }, () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());
  const png = readFileSync(join(FIX, 'sms-scam.png'));
  const post = (m: { body: Buffer; type: string }, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'POST', url: '/api/ocr', payload: m.body, headers: { 'x-dunguard-token': s.token, 'content-type': m.type, ...headers } });

  it('returns the recognised text of a screenshot and stores nothing', async () => {
    const r = await post(multipart([{ name: 'shot.png', type: 'image/png', data: png }]));
    assert.equal(r.statusCode, 200, r.body);
    const j = r.json() as { text: string; confidence: number; width: number; height: number; ms: number };
    assert.match(j.text, /手续费消除逾期记录/);
    assert.equal(j.width, 780);
    assert.ok(j.confidence > 50);
    const ev = await s.app.inject({ method: 'GET', url: '/api/evidence', headers: { 'x-dunguard-token': s.token } });
    assert.deepEqual(ev.json(), []);
  });

  it('is guarded like evidence uploads', async () => {
    const m = multipart([{ name: 'shot.png', type: 'image/png', data: png }]);
    assert.equal((await post(m, { 'x-dunguard-token': 'f'.repeat(64) })).statusCode, 401);
    assert.equal((await post(m, { 'sec-fetch-site': 'cross-site' })).statusCode, 403);
    const plain = await s.app.inject({ method: 'POST', url: '/api/ocr', payload: 'x', headers: { 'x-dunguard-token': s.token, 'content-type': 'text/plain' } });
    assert.equal(plain.statusCode, 415);
  });

  it('refuses two files, another format, a damaged or a huge image, in both languages', async () => {
    const two = await post(multipart([{ name: 'a.png', type: 'image/png', data: png }, { name: 'b.png', type: 'image/png', data: png }]));
    assert.equal(two.statusCode, 400);
    assert.match(two.json().error.zh, /一次只能识别一张截图/);
    const webp = await post(multipart([{ name: 'a.webp', type: 'image/webp', data: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') }]));
    assert.equal(webp.statusCode, 415);
    assert.equal(webp.json().error.code, 'UNSUPPORTED_IMAGE');
    assert.match(webp.json().error.en, /Only PNG or JPEG/);
    const broken = await post(multipart([{ name: 'b.jpg', type: 'image/jpeg', data: readFileSync(join(FIX, 'chat-threat-degraded.jpg')).subarray(0, 700) }]));
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'CORRUPT_IMAGE');
    const huge = await post(multipart([{ name: 'c.png', type: 'image/png', data: Buffer.alloc(21 * 1024 * 1024, 1) }]));
    assert.equal(huge.statusCode, 413);
    assert.match(huge.json().error.zh, /图片太大/);
    const none = await post(multipart([]));
    assert.equal(none.statusCode, 400);
  });

  it('answers other requests while a screenshot is being read', async () => {
    const order: string[] = [];
    const ocr = post(multipart([{ name: 'shot.png', type: 'image/png', data: png }])).then((r) => order.push(`ocr ${r.statusCode}`));
    await new Promise((r) => setTimeout(r, 50));
    const check = await s.app.inject({ method: 'POST', url: '/api/check', headers: { 'x-dunguard-token': s.token }, payload: { text: '您的借款已逾期3天，请登录App还款' } });
    order.push(`check ${check.statusCode}`);
    await ocr;
    assert.deepEqual(order, ['check 200', 'ocr 200']);
  });

  it('is described in the OpenAPI document as a multipart upload', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { post?: { requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, unknown> } }> };
    const op = doc.paths['/api/ocr']?.post;
    assert.ok(op, 'POST /api/ocr documented');
    assert.ok(op.requestBody?.content?.['multipart/form-data'], 'as multipart/form-data');
    assert.ok(op.responses?.['200']);
  });
});
