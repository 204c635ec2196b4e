/**
 * Reading a screenshot (OCR) in hosted mode: POST /api/cases/:caseId/ocr on a real PostgreSQL,
 * the single-user route's body under the case check. A signed-in client gets the text of a
 * fixture screenshot and nothing is stored in the case; nobody signed in gets 401, another
 * client 404 (as for a case that does not exist); a helper the case is shared with may read a
 * screenshot, and the owner sees it in the access log; too large, two files, no file give the
 * clear errors; a full queue answers BUSY (503); each account has a rate limit (429).
 * Needs PostgreSQL (test/helpers/postgres.ts) and tesseract-ocr-chi-sim (DUNGUARD_SKIP_OCR=1 skips).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHostedServer, SESSION_COOKIE } from '../src/hosted/server.js';
import type { Directory } from '../src/hosted/directory.js';
import { MAX_WAITING } from '../src/ocr/reader.js';
import { freshSchema, testPostgres, type TestPostgres } from './helpers/postgres.js';
import { endHostedServer } from './helpers/hosted.js';
import { multipart } from './helpers/multipart.js';

const PNG = readFileSync(join(import.meta.dirname, 'fixtures', 'ocr', 'sms-scam.png'));
const SECRET = 'correct horse battery';
/** Per account per minute; more than any one account below sends, but for the one that tests the limit. */
const PER_MINUTE = MAX_WAITING + 4;

const found = process.env.DUNGUARD_SKIP_OCR === '1' ? { skip: 'DUNGUARD_SKIP_OCR=1' } : await testPostgres();

describe('hosted mode: reading a screenshot in a case', { skip: 'skip' in found ? found.skip : false }, () => {
  const pgs = found as TestPostgres;
  const dirSchema = freshSchema();
  let app: FastifyInstance;
  let directory: Directory;
  let close: (() => Promise<void>) | undefined;
  const session: Record<string, string> = {};
  const caseOf: Record<string, string> = {};

  /** POST …/ocr in `caseId` as `who` (undefined: nobody signed in). */
  const ocr = (who: string | undefined, caseId: string, m = multipart([{ name: 'shot.png', type: 'image/png', data: PNG }])) =>
    app.inject({ method: 'POST', url: `/api/cases/${caseId}/ocr`, payload: m.body, headers: { 'content-type': m.type, ...(who === undefined ? {} : { cookie: `${SESSION_COOKIE}=${session[who]}` }) } });
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: `${SESSION_COOKIE}=${session[who]}` }, ...(payload ? { payload } : {}) });

  before(async () => {
    ({ app, directory, close } = await buildHostedServer({ url: pgs.url, directorySchema: dirSchema, scrypt: { N: 2 ** 10, r: 8, p: 1 }, ocrPerMinute: PER_MINUTE }));
    await directory.createAccount('helper-a', SECRET, 'helper');
    for (const name of ['alice', 'bob', 'carol', 'dave', 'helper-a']) {
      if (name !== 'helper-a') await directory.createAccount(name, SECRET, 'client');
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: SECRET } });
      assert.equal(r.statusCode, 200, r.body);
      session[name] = /=([^;]+)/.exec(String(r.headers['set-cookie']))![1]!;
      if (name === 'helper-a') continue;
      const c = await as(name, 'POST', '/api/cases', { title: `${name} 的案件` });
      assert.equal(c.statusCode, 201, c.body);
      caseOf[name] = c.json().id;
    }
    assert.equal((await as('alice', 'POST', `/api/cases/${caseOf.alice}/shares`, { username: 'helper-a' })).statusCode, 201);
  });

  after(async () => {
    if (close !== undefined) await endHostedServer({ close, directory, pgs, dirSchema });
  });

  it('a signed-in client gets the text of a screenshot in her case, and nothing is stored in it', async () => {
    const r = await ocr('alice', caseOf.alice!);
    assert.equal(r.statusCode, 200, r.body);
    const j = r.json() as { text: string; confidence: number; width: number; height: number };
    assert.match(j.text, /手续费消除逾期记录/);
    assert.equal(j.width, 780);
    assert.ok(j.confidence > 50, String(j.confidence));
    assert.deepEqual((await as('alice', 'GET', `/api/cases/${caseOf.alice}/evidence`)).json(), []);
    assert.deepEqual((await as('alice', 'GET', `/api/cases/${caseOf.alice}/events`)).json(), []);
  });

  it('nobody signed in gets 401; another client gets 404, the same answer as for a case that does not exist', async () => {
    const anon = await ocr(undefined, caseOf.alice!);
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'NO_SESSION');
    assert.match(anon.json().error.zh, /请先登录/);
    const other = await ocr('bob', caseOf.alice!);
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'NOT_FOUND');
    const none = await ocr('bob', '0123456789abcdef');
    assert.equal(none.statusCode, 404);
    assert.equal(none.body, other.body);
  });

  it('a helper the case is shared with may read a screenshot; the owner sees it in the access log', async () => {
    const r = await ocr('helper-a', caseOf.alice!);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.json().text, /手续费消除逾期记录/);
    const log = (await as('alice', 'GET', `/api/cases/${caseOf.alice}/access-log`)).json() as { entries: { account: string; method: string; path: string }[]; verify: { intact: boolean } };
    assert.deepEqual(log.entries.map((e) => `${e.account} ${e.method} ${e.path}`), ['helper-a POST /ocr']);
    assert.equal(log.verify.intact, true);
  });

  it('refuses too large an image, two files and no file with a clear sentence in Chinese and English', async () => {
    const huge = await ocr('bob', caseOf.bob!, multipart([{ name: 'c.png', type: 'image/png', data: Buffer.alloc(21 * 1024 * 1024, 1) }]));
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'TOO_LARGE');
    assert.match(huge.json().error.zh, /图片太大/);
    assert.match(huge.json().error.en, /too large/i);
    const two = await ocr('bob', caseOf.bob!, multipart([{ name: 'a.png', type: 'image/png', data: PNG }, { name: 'b.png', type: 'image/png', data: PNG }]));
    assert.equal(two.statusCode, 400);
    assert.match(two.json().error.zh, /一次只能识别一张截图/);
    const nothing = await ocr('bob', caseOf.bob!, multipart([]));
    assert.equal(nothing.statusCode, 400);
    assert.match(nothing.json().error.zh, /没有收到截图/);
    const json = await as('bob', 'POST', `/api/cases/${caseOf.bob}/ocr`, { file: 'x' });
    assert.equal(json.statusCode, 400);
    assert.match(json.json().error.zh, /multipart\/form-data/);
  });

  it('answers BUSY (503) once more screenshots wait than the one reader takes', async () => {
    const all = await Promise.all(Array.from({ length: MAX_WAITING + 3 }, () => ocr('dave', caseOf.dave!)));
    const codes = all.map((r) => r.statusCode);
    assert.ok(codes.includes(200), codes.join(' '));
    const busy = all.filter((r) => r.statusCode === 503);
    assert.ok(busy.length >= 1, codes.join(' '));
    assert.equal(busy[0]!.json().error.code, 'BUSY');
    assert.match(busy[0]!.json().error.zh, /正在识别的截图太多了/);
    assert.deepEqual(codes.filter((c) => c !== 200 && c !== 503), []);
  });

  it("limits each account's screenshots per minute (429), other accounts unaffected", async () => {
    for (let i = 0; i < PER_MINUTE; i++) assert.equal((await ocr('carol', caseOf.carol!, multipart([]))).statusCode, 400, `request ${i + 1}`);
    const over = await ocr('carol', caseOf.carol!);
    assert.equal(over.statusCode, 429);
    assert.equal(over.headers['retry-after'], '60');
    assert.equal(over.json().error.code, 'RATE_LIMITED');
    assert.match(over.json().error.zh, /请求太频繁/);
    assert.equal((await ocr('bob', caseOf.bob!)).statusCode, 200);
  });
});
