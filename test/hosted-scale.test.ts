/**
 * Scale-out: two `dunguard serve --multi-user` processes behind one PostgreSQL. A session made
 * through one works through the other; events, evidence and debts written to one case through
 * both at once all arrive, and the case's chain and the whole database verify intact. Also:
 * the hosted mode refuses to start without DUNGUARD_DATABASE_URL, in Chinese.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/data/load.js';
import { Directory } from '../src/hosted/directory.js';
import { SESSION_COOKIE } from '../src/hosted/server.js';
import { dropSchemas, freshSchema, testPostgres, type TestPostgres } from './helpers/postgres.js';

const MAIN = join(packageRoot(), 'src', 'cli', 'main.ts');
const PASSWORD = 'correct horse battery';
const PER_PROCESS = { events: 30, evidence: 8, debts: 8 };

const pgFound = await testPostgres();
const skip = 'skip' in pgFound ? pgFound.skip : false;

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DUNGUARD_DATABASE_URL;
  delete env.DUNGUARD_ADMIN_USERNAME;
  delete env.DUNGUARD_ADMIN_PASSWORD;
  return env;
}

it('dunguard serve --multi-user refuses to start without DUNGUARD_DATABASE_URL, in Chinese', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--multi-user', '--port', '0'], { env: baseEnv(), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /多用户模式（--multi-user）需要 PostgreSQL 数据库：请设置 DUNGUARD_DATABASE_URL/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

describe('two hosted processes behind one PostgreSQL', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const dirSchema = freshSchema();
  const procs: ChildProcess[] = [];
  const urls: string[] = [];

  const start = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--multi-user', '--port', '0'], {
        env: { ...baseEnv(), DUNGUARD_DATABASE_URL: pgs.url, DUNGUARD_DIRECTORY_SCHEMA: dirSchema, DUNGUARD_ADMIN_USERNAME: 'admin1', DUNGUARD_ADMIN_PASSWORD: PASSWORD },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      procs.push(p);
      let out = '';
      let err = '';
      p.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      p.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
    });

  before(async () => {
    // Started at once: the directory's tables are created once (an advisory lock), and the admin once.
    urls.push(...(await Promise.all([start(), start()])));
  });

  after(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
    const d = await Directory.open({ url: pgs.url, schema: dirSchema });
    const schemas = (await d.allCases()).map((c) => c.schema_name);
    await d.close();
    await dropSchemas(pgs.url, [...schemas, dirSchema]);
    await pgs.stop();
  });

  it('takes concurrent writes to one case through both processes: nothing lost, the chain intact', async () => {
    const [u1, u2] = urls as [string, string];
    assert.notEqual(u1, u2);
    const call = async (base: string, cookie: string, method: string, path: string, body?: unknown, type = 'application/json') => {
      const r = await fetch(base + path, {
        method,
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, ...(body === undefined ? {} : { 'content-type': type }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
      });
      return { status: r.status, body: await r.text() };
    };
    const reg = await fetch(u1 + '/api/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: PASSWORD }) });
    assert.equal(reg.status, 201);
    const login = await fetch(u2 + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: PASSWORD }) });
    assert.equal(login.status, 200);
    const cookie = /=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
    // The session made through process 2 works through process 1.
    assert.equal((await call(u1, cookie, 'GET', '/api/me')).status, 200);
    const created = await call(u1, cookie, 'POST', '/api/cases', { title: 'two processes' });
    assert.equal(created.status, 201, created.body);
    const caseId = JSON.parse(created.body).id as string;
    const base = `/api/cases/${caseId}`;

    const t0 = Date.now();
    const writes: Promise<void>[] = [];
    for (const [pi, u] of [u1, u2].entries()) {
      for (let i = 0; i < PER_PROCESS.events; i++) {
        writes.push(
          (async () => {
            const r = await call(u, cookie, 'POST', `${base}/events`, { kind: 'sms', at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`, text: `进程 ${pi} 第 ${i} 条：再不还钱就上门` });
            assert.equal(r.status, 201, r.body);
            if (i < PER_PROCESS.evidence) {
              const b = `----p${pi}i${i}`;
              const body = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p${pi}-${i}.png"\r\nContent-Type: image/png\r\n\r\nscreenshot ${pi}/${i} ${'x'.repeat(1000 * i)}\r\n--${b}--\r\n`);
              const up = await call(u, cookie, 'POST', `${base}/events/${JSON.parse(r.body).id}/evidence`, body, `multipart/form-data; boundary=${b}`);
              assert.equal(up.status, 201, up.body);
            }
          })(),
        );
      }
      for (let i = 0; i < PER_PROCESS.debts; i++) {
        writes.push(
          (async () => {
            const r = await call(u, cookie, 'POST', `${base}/debts`, { lender: `平台${pi}-${i}`, kind: 'online_platform', principal: '5000', date: '2026-01-10', amount: '5500', due: '2026-04-10' });
            assert.equal(r.status, 201, r.body);
          })(),
        );
      }
    }
    await Promise.all(writes);
    const ms = Date.now() - t0;
    const total = 2 * (PER_PROCESS.events + PER_PROCESS.evidence + PER_PROCESS.debts);
    process.stderr.write(`# ${total} writes to one case through two processes at once: ${ms} ms\n`);

    for (const u of [u1, u2]) {
      const events = JSON.parse((await call(u, cookie, 'GET', `${base}/events`)).body) as unknown[];
      assert.equal(events.length, 2 * PER_PROCESS.events);
      const evidence = JSON.parse((await call(u, cookie, 'GET', `${base}/evidence`)).body) as unknown[];
      assert.equal(evidence.length, 2 * PER_PROCESS.evidence);
      const debts = JSON.parse((await call(u, cookie, 'GET', `${base}/debts`)).body) as { debts?: unknown[]; rows?: unknown[] };
      const n = Array.isArray(debts) ? debts.length : (debts.debts ?? debts.rows ?? []).length;
      assert.equal(n, 2 * PER_PROCESS.debts, JSON.stringify(debts).slice(0, 300));
    }
    const v = JSON.parse((await call(u2, cookie, 'GET', `${base}/verify`)).body) as { intact: boolean; entries: number; findings: unknown[] };
    assert.equal(v.intact, true, JSON.stringify(v.findings));
    assert.ok(v.entries >= total, String(v.entries));

    // The admin made at start-up (once, by whichever process was first) adds a helper; the
    // client shares the case; the helper reads it through both processes at once: every read
    // is in the access log, whose chain has not forked.
    const admin = await fetch(u1 + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin1', password: PASSWORD }) });
    assert.equal(admin.status, 200);
    const adminCookie = /=([^;]+)/.exec(admin.headers.get('set-cookie')!)![1]!;
    assert.equal((await call(u1, adminCookie, 'POST', '/api/admin/accounts', { username: 'helper1', password: PASSWORD, role: 'helper' })).status, 201);
    assert.equal((await call(u2, cookie, 'POST', `${base}/shares`, { username: 'helper1' })).status, 201);
    const hl = await fetch(u2 + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'helper1', password: PASSWORD }) });
    const helperCookie = /=([^;]+)/.exec(hl.headers.get('set-cookie')!)![1]!;
    const reads = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? u1 : u2, helperCookie, 'GET', `${base}/events`)));
    assert.ok(reads.every((r) => r.status === 200));
    const log = JSON.parse((await call(u1, cookie, 'GET', `${base}/access-log`)).body) as { entries: { account: string }[]; verify: { intact: boolean } };
    assert.equal(log.entries.length, 20);
    assert.equal(log.verify.intact, true);

    const all = await call(u2, adminCookie, 'GET', '/api/admin/verify');
    assert.equal(JSON.parse(all.body).intact, true, all.body);

    // And from the command line, while both servers run.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'verify', '--all-cases'], { env: { ...baseEnv(), DUNGUARD_DATABASE_URL: pgs.url, DUNGUARD_DIRECTORY_SCHEMA: dirSchema }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^共 1 个案件：全部完整\n案件 [0-9a-f]{16}：完整（审计记录 \d+ 条，查看记录 20 条）\n$/);
  });
});
