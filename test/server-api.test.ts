/**
 * The HTTP API, driven in process with Fastify's inject(): the same contracts as the CLI,
 * the guards (token, Host, CSP, no CORS, body limits, schemas) and clear 4xx errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { CheckResult } from '../src/engine/schemas/result.js';
import { StoredEvent } from '../src/record/schemas.js';
import { startServer, type TestServer } from './helpers/server.js';

let s: TestServer;
const auth = () => ({ 'x-dunguard-token': s.token });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => s.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...auth(), ...headers } });
const get = (url: string) => s.app.inject({ method: 'GET', url, headers: auth() });

const SCAM = '【XX金融】您的借款已严重逾期，请立即转账到安全账户 6222000011112222，否则公安机关将上门抓人。';

function multipart(name: string, content: Buffer, type: string): { body: Buffer; headers: Record<string, string> } {
  const b = '----dunguardtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${b}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

before(async () => {
  s = await startServer({ listen: false });
});
after(async () => {
  await s.close();
});

describe('HTTP API period filters', () => {
  it('answers 400 with a Chinese message for a from or to it cannot read, on every route that takes one (was 500, or the whole record unfiltered)', async () => {
    for (const url of ['/api/events?from=garbage', '/api/events?to=2025-13-45', '/api/events/page?from=garbage', '/api/events/counts?from=garbage', '/api/report?from=garbage', '/api/report?to=2025-02-30', '/api/report.pdf?from=garbage']) {
      const r = await get(url);
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().error.code, 'BAD_DATE', url);
      assert.match(r.json().error.zh, /看不懂 (from|to) 的日期/, url);
    }
    for (const url of ['/api/events?from=2025-11-02', '/api/events?from=2025/11/02', '/api/report?from=2025年11月2日&to=2025-11-30', '/api/events/counts?to=2025-11-30']) {
      assert.equal((await get(encodeURI(url))).statusCode, 200, url);
    }
    // a start after the end matches nothing: said, not answered with an empty list
    for (const url of ['/api/events?from=2026-12-01&to=2026-01-01', '/api/report?from=2026-12-01&to=2026-01-01', '/api/events/page?from=2026-12-01&to=2026-01-01']) {
      const r = await get(url);
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().error.code, 'BAD_PERIOD', url);
      assert.match(r.json().error.zh, /在结束日期“2026-01-01”之后/, url);
    }
  });
});

describe('HTTP API report PDF', () => {
  const hasPdfTools = spawnSync('pdftotext', ['-v']).status === 0 && existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  it('writes the report PDF in Chinese by default and in English with lang=en; another language is refused', { skip: !hasPdfTools && 'needs poppler-utils and fonts-noto-cjk' }, async () => {
    const text = async (url: string): Promise<string> => {
      const r = await get(url);
      assert.equal(r.statusCode, 200, url);
      const file = join(mkdtempSync(join(tmpdir(), 'dunguard-pdf-')), 'r.pdf');
      writeFileSync(file, r.rawPayload);
      return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    };
    assert.match(await text('/api/report.pdf'), /骚扰情况报告/);
    const en = await text('/api/report.pdf?lang=en');
    assert.match(en, /Harassment report/);
    assert.doesNotMatch(en, /骚扰情况报告|每日联系次数/);
    assert.equal((await get('/api/report.pdf?lang=fr')).statusCode, 400);
    // The JSON report has no language: the parameter is refused there, not ignored.
    assert.equal((await get('/api/report?lang=en')).statusCode, 400);
  });
});

describe('HTTP API event times', () => {
  it('refuses an event time in the future as the CLI does (FUTURE_TIME, in Chinese, naming no option), unless allow_future', async () => {
    const r = await post('/api/events', { kind: 'sms', at: '2030-01-01 10:00', text: '测试' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'FUTURE_TIME');
    assert.match(r.json().error.zh, /时间 2030-01-01 10:00 还没到/);
    assert.doesNotMatch(r.json().error.zh, /allow|--/);
    const ok = await post('/api/events', { kind: 'sms', at: '2030-01-01 10:00', text: '测试', allow_future: true });
    assert.equal(ok.statusCode, 201);
    const id = (ok.json() as { id: string }).id;
    const edit = await s.app.inject({ method: 'PUT', url: `/api/events/${id}`, payload: { at: '2031-01-01 10:00' }, headers: auth() });
    assert.equal(edit.statusCode, 400);
    assert.equal(edit.json().error.code, 'FUTURE_TIME');
    await s.app.inject({ method: 'DELETE', url: `/api/events/${id}`, payload: { reason: '测试用，删除' }, headers: auth() });
  });
});

describe('HTTP API input errors', () => {
  it('names the field a person knows, in Chinese, with no code names or raw framework messages', async () => {
    const missing = await post('/api/check', {});
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.zh, '输入有误：提交的内容中“要检查的内容”（text）：类型不对或缺少这一项');
    const noNumber = await get('/api/number');
    assert.equal(noNumber.statusCode, 400);
    assert.match(noNumber.json().error.zh, /^输入有误：网址参数中“号码”（n）：/);
    const traversal = await s.app.inject({ method: 'GET', url: '/assets/../../etc/passwd' });
    assert.ok([403, 404].includes(traversal.statusCode), String(traversal.statusCode));
    if (String(traversal.headers['content-type']).includes('json')) assert.doesNotMatch(traversal.json().error.zh, /Forbidden|Not Found/);
    for (const r of [missing, noNumber]) assert.doesNotMatch(r.json().error.zh, /body|querystring|Invalid|Forbidden/);
  });
});

describe('HTTP API guards', () => {
  it('refuses an API call without the token, or with a wrong one, with 401 and a message', async () => {
    for (const headers of [{}, { 'x-dunguard-token': 'f'.repeat(64) }, { 'x-dunguard-token': 'short' }]) {
      const r = await s.app.inject({ method: 'POST', url: '/api/check', payload: { text: SCAM }, headers });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.code, 'NO_TOKEN');
      assert.match(r.json().error.zh, /令牌/);
    }
  });

  it('refuses a request whose Host is not this server (DNS rebinding)', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/law', headers: { ...auth(), host: 'evil.example:80' } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'BAD_HOST');
  });

  it('sends a CSP without inline scripts, no CORS headers, and the token only in the page', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.ok(page.body.includes(`content="${s.token}"`), 'the page carries the token');
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the built page');
    const pre = await s.app.inject({ method: 'OPTIONS', url: '/api/check', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
  });

  it('publishes an OpenAPI document generated from the schemas, without the token', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/check', '/api/classify', '/api/number', '/api/events', '/api/events/{id}/evidence', '/api/report', '/api/verify', '/api/export', '/api/debts', '/api/letters/{type}', '/api/routes', '/api/law', '/api/law/faq']) {
      assert.ok(doc.paths[p], `OpenAPI lists ${p}`);
    }
    const body = doc.paths['/api/check'].post.requestBody.content['application/json'].schema;
    assert.ok(body.properties.text && body.properties.answers, 'the check body schema is there');
  });

  it('answers malformed JSON, a wrong type, an unknown field and an empty text with 400 and a readable message', async () => {
    const bad = await s.app.inject({ method: 'POST', url: '/api/check', payload: '{"text":', headers: { ...auth(), 'content-type': 'application/json' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'BAD_JSON');
    const wrong = await post('/api/check', { text: 5 });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().error.en, /text/);
    const extra = await post('/api/check', { text: 'x', evil: 1 });
    assert.equal(extra.statusCode, 400);
    const empty = await post('/api/check', { text: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, 'EMPTY_TEXT');
    const date = await post('/api/check', { text: SCAM, date: '2026-02-30' });
    assert.equal(date.statusCode, 400);
  });

  it('refuses a body over the limit with 413', async () => {
    const r = await post('/api/check', { text: '催'.repeat(3_000_000) });
    assert.equal(r.statusCode, 413);
    assert.ok(['TOO_LARGE', 'TEXT_TOO_LONG'].includes(r.json().error.code));
  });
});

describe('HTTP API: the same contracts as the CLI', () => {
  it('checks a message and returns the check-result contract', async () => {
    const r = await post('/api/check', { text: SCAM, number: '+8613800138000', date: '2026-11-20' });
    assert.equal(r.statusCode, 200);
    const result = CheckResult.parse(r.json());
    assert.equal(result.verdict, 'scam');
    assert.ok(result.law.length > 0);
    assert.equal(result.number?.kind, 'mobile');
  });

  it('lets checklist answers change the answer: a caller who will not say who they are is no longer "genuine"', async () => {
    const text = '您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。';
    const plain = CheckResult.parse((await post('/api/check', { text, date: '2026-11-20' })).json());
    const refused = CheckResult.parse((await post('/api/check', { text, date: '2026-11-20', answers: { company: null, employee_no: null, contract_no: null } })).json());
    assert.ok(refused.signals.some((x) => x.id === 'CALL.REFUSED_COMPANY'));
    assert.ok(refused.scores.p_scam > plain.scores.p_scam, 'refusals raise the scam probability');
    assert.equal(plain.assessment, 'collection');
    // No ask, no scam (docs/scoring.md): refusals alone make it "can't tell", with the questions that settle it.
    assert.notEqual(refused.verdict, 'scam');
    assert.equal(refused.assessment, 'uncertain');
    assert.ok(refused.caller_questions.zh.length > 0);
  });

  it('classifies a batch in order with per-item errors', async () => {
    const r = await post('/api/classify', { items: [{ id: 'a', text: SCAM }, { id: 2, text: '' }, { id: 'c', text: '明天下午三点开会' }] });
    assert.equal(r.statusCode, 200);
    const out = r.json().results;
    assert.deepEqual(out.map((x: { id: unknown }) => x.id), ['a', 2, 'c']);
    assert.equal(out[0].verdict, 'scam');
    assert.equal(out[1].code, 'EMPTY_TEXT');
  });

  it('inspects a number', async () => {
    const r = await get('/api/number?n=12378');
    assert.equal(r.statusCode, 200);
    assert.ok(r.json().official, '12378 is the regulator’s official number');
  });

  it('adds an event (with its verdict), streams evidence into it, and verifies the record', async () => {
    const add = await post('/api/events', { kind: 'sms', at: '2026-11-20 23:15', number: '13800138000', platform: 'XX金融', text: SCAM });
    assert.equal(add.statusCode, 201);
    const ev = StoredEvent.parse(add.json());
    assert.equal(add.json().analysis.verdict, 'scam');
    const png = readFileSync(join(import.meta.dirname, 'fixtures', 'screenshot.png'));
    const m = multipart('../../etc/截图<script>.png', png, 'image/png');
    const up = await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: m.body, headers: { ...auth(), ...m.headers } });
    assert.equal(up.statusCode, 201, up.body);
    const f = up.json().files[0];
    assert.equal(f.size, png.length);
    assert.doesNotMatch(f.name, /\//, 'a hostile file name is kept only as a label without path separators');
    const dl = await get(`/api/evidence/${f.sha256}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.match(String(dl.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(Buffer.from(dl.rawPayload), png);
    const shown = (await get(`/api/events/${ev.id}`)).json();
    assert.deepEqual(shown.evidence, [f.sha256]);
    const v = (await get('/api/verify')).json();
    assert.equal(v.intact, true);
    assert.equal(v.evidence, 1);
  });

  it('refuses evidence for an unknown event with 404 and stores nothing', async () => {
    const m = multipart('a.txt', Buffer.from('hello'), 'text/plain');
    const r = await s.app.inject({ method: 'POST', url: '/api/events/nope/evidence', payload: m.body, headers: { ...auth(), ...m.headers } });
    assert.equal(r.statusCode, 404);
    assert.equal((await get('/api/evidence')).json().length, 1);
  });

  it('serves a non-image evidence file only as a download', async () => {
    const ev = (await post('/api/events', { kind: 'sms', at: '2026-11-21 10:00', text: '测试' })).json();
    const m = multipart('page.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    const up = (await s.app.inject({ method: 'POST', url: `/api/events/${ev.id}/evidence`, payload: m.body, headers: { ...auth(), ...m.headers } })).json();
    const dl = await get(`/api/evidence/${up.files[0].sha256}`);
    assert.equal(dl.headers['content-type'], 'application/octet-stream');
    assert.match(String(dl.headers['content-disposition']), /^attachment/);
  });

  it('gives a bad event time a clear 400', async () => {
    const r = await post('/api/events', { kind: 'sms', at: 'yesterday-ish' });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().error.zh, /时间/);
  });

  it('reports the harassment pattern and exports a package whose manifest hashes match', async () => {
    const rep = (await get('/api/report')).json();
    assert.equal(rep.totals.events, 2);
    assert.equal(rep.perHour.length, 24);
    const zip = await post('/api/export', undefined);
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    assert.ok(manifest.files.length >= 7);
    assert.ok(files['events.csv']);
  });

  it('adds a debt, computes its true rate, and then checks a caller’s claim against it', async () => {
    const r = await post('/api/debts', { lender: '示例花', kind: 'online_platform', principal: '10000', received: '8000', date: '2026-01-10', instalments: 12, amount: '1000' });
    assert.equal(r.statusCode, 201, r.body);
    const rate = r.json().cost.contract_rate;
    assert.ok(rate > 1 && rate < 1.5, `true rate ${rate}`);
    const list = (await get('/api/debts')).json();
    assert.equal(list.rows.length, 1);
    assert.ok(list.summary.flags.some((f: { flag: string }) => f.flag.length > 0));
    const pay = await post(`/api/debts/${r.json().debt.id}/changes`, { action: 'pay', amount: '1000', date: '2026-02-10' });
    assert.equal(pay.statusCode, 200);
    const c = CheckResult.parse((await post('/api/check', { text: '您在“不存在贷”的借款已逾期，请马上还款。', date: '2026-11-20', answers: { platform: '不存在贷' } })).json());
    assert.ok(c.signals.some((x) => x.id === 'LEDGER.UNKNOWN_PLATFORM'), 'a platform not in the ledger is flagged');
  });

  it('refuses bad money with a clear 400', async () => {
    const r = await post('/api/debts', { lender: 'x', principal: '1.005', date: '2026-01-10', amount: '1' });
    assert.equal(r.statusCode, 400);
  });

  it('routes the case and fills a letter as JSON and PDF (after the profile is set)', async () => {
    const noProfile = await post('/api/letters/cease-harassment', {});
    assert.equal(noProfile.statusCode, 409);
    assert.equal(noProfile.json().error.code, 'NO_PROFILE');
    assert.equal((await s.app.inject({ method: 'PUT', url: '/api/profile', payload: { name: '张三', id_tail: '123x' }, headers: auth() })).statusCode, 200);
    const routes = (await get('/api/routes?loss=false')).json();
    assert.ok(routes.length > 0 && routes[0].channel.letters);
    const letter = (await post('/api/letters/police-report', {})).json();
    assert.ok(letter.paragraphs.join('').includes('张三'));
    const unknown = await post('/api/letters/no-such-letter', {});
    assert.equal(unknown.statusCode, 404);
    const pdf = await post('/api/letters/police-report', { format: 'pdf' });
    if (pdf.statusCode === 503) {
      assert.equal(pdf.json().error.code, 'NO_FONT'); // no CJK font on this machine: a clear error
    } else {
      assert.equal(pdf.statusCode, 200);
      assert.equal(Buffer.from(pdf.rawPayload).subarray(0, 5).toString(), '%PDF-');
    }
  });

  it('searches the law library by words and by the date a provision must be in force', async () => {
    const all = (await get('/api/law')).json().provisions;
    const credit = (await get('/api/law?q=' + encodeURIComponent('征信'))).json().provisions;
    assert.ok(credit.length > 0 && credit.length < all.length);
    const in2025 = (await get('/api/law?date=2025-06-01')).json().provisions.map((p: { id: string }) => p.id);
    assert.ok(in2025.includes('psapl-2012.42') && !in2025.includes('psapl-2025.50'));
    const faq = (await get('/api/law/faq')).json().entries;
    assert.ok(faq.length >= 6);
    for (const e of faq) assert.equal(e.cited.length, e.cites.length);
  });
});
