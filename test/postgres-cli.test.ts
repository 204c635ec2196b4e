/**
 * The CLI on PostgreSQL: with DUNGUARD_DATABASE_URL set, the same commands keep the record in
 * PostgreSQL (one schema per test here) — a case from first message to a verified package,
 * two processes writing at once, an edit made with SQL found by verify — and a URL that is
 * wrong or a server that cannot be reached is said in the person's language, without a
 * stack trace. Uses the throwaway PostgreSQL of test/helpers/postgres.ts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { CLI, dunguard, jsonOut as json, logNightThreat } from './helpers/cli.js';
import { dropSchemas, freshSchema, testPostgres } from './helpers/postgres.js';
import { startServer } from './helpers/server.js';

const cluster = await testPostgres();
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-pgcli-'));
const schemas: string[] = [];
after(async () => {
  if (!('skip' in cluster)) {
    await dropSchemas(cluster.url, schemas);
    await cluster.stop();
  }
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A data folder (for the vault) and a schema of its own. */
function home(): Record<string, string> {
  if ('skip' in cluster) throw new Error(cluster.skip);
  const schema = freshSchema();
  schemas.push(schema);
  return { DUNGUARD_HOME: join(tmp, `home${++n}`), DUNGUARD_DATABASE_URL: cluster.url, DUNGUARD_DATABASE_SCHEMA: schema };
}
async function sql(env: Record<string, string>, statement: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: env.DUNGUARD_DATABASE_URL, options: `-c search_path=${env.DUNGUARD_DATABASE_SCHEMA}` });
  await c.connect();
  try {
    return (await c.query(statement)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}
/** The CLI in a child process, not waited for (several run at once). */
function running(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

if ('skip' in cluster) {
  describe('dunguard on PostgreSQL', () => {
    it('runs the CLI against PostgreSQL', { skip: cluster.skip }, () => {});
  });
} else {
  describe('dunguard on PostgreSQL (DUNGUARD_DATABASE_URL)', () => {
    it('records a case from first message to a verified package', () => {
      const env = home();
      assert.equal(logNightThreat(env, tmp).analysis.verdict, 'collection_violation');
      const csv = join(tmp, 'log.csv');
      writeFileSync(csv, 'kind,occurred_at,number,platform,content\n' + Array.from({ length: 30 }, (_, i) => `sms,2026-11-${String((i % 28) + 1).padStart(2, '0')} 22:${String(i).padStart(2, '0')},1701234${String(i).padStart(4, '0')},某某金融,"第${i}条：您的借款已逾期，请登录App还款"\n`).join(''));
      assert.equal(json<{ imported: number }>(dunguard(['log', 'import', csv, '--json'], { env })).imported, 30);
      assert.equal(json<{ skipped_existing: number }>(dunguard(['log', 'import', csv, '--json'], { env })).skipped_existing, 30);
      const report = json<{ findings: { id: string }[] }>(dunguard(['report', '--json'], { env }));
      assert.ok(report.findings.some((f) => f.id === 'NIGHT_CONTACT'));
      const v = dunguard(['verify'], { env });
      assert.match(v.out, /^记录完整，没有被改动：审计日志 33 条，来电和短信记录 31 条/, v.out + v.err);
      const spilled = dunguard(['verify'], { env: { ...env, DUNGUARD_SPILL_AT: '0' } });
      assert.match(spilled.out, /^记录完整/, 'also with every check through the scratch tables (as past 50,000 entities)');
      const zip = join(tmp, `case${n}.zip`);
      assert.equal(dunguard(['export', '--out', zip], { env }).code, 0);
      const ok = dunguard(['verify-package', zip]);
      assert.equal(ok.code, 0, ok.out + ok.err);
    });

    it('keeps the chain whole when two processes add events at the same time', async () => {
      const env = home();
      json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-01 12:00', '--text', '先记下的一条', '--json'], { env })); // the schema exists before the race
      const add = (i: number) => running(['log', 'add', '--kind', 'call_missed', '--at', `2026-11-02 ${String(8 + i).padStart(2, '0')}:00`, '-n', '17012345678', '--json'], env);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => add(i)));
      for (const r of results) assert.equal(r.code, 0, r.err);
      const report = json<{ intact: boolean; entries: number; events: number }>(dunguard(['verify', '--json'], { env }));
      assert.deepEqual([report.intact, report.entries, report.events], [true, 9, 9]);
    });

    it('serves the record from PostgreSQL (dunguard serve)', async () => {
      const env = home();
      const saved = { url: process.env.DUNGUARD_DATABASE_URL, schema: process.env.DUNGUARD_DATABASE_SCHEMA };
      process.env.DUNGUARD_DATABASE_URL = env.DUNGUARD_DATABASE_URL;
      process.env.DUNGUARD_DATABASE_SCHEMA = env.DUNGUARD_DATABASE_SCHEMA;
      const s = await startServer({ listen: false });
      try {
        const headers = { 'x-dunguard-token': s.token };
        const add = await s.app.inject({ method: 'POST', url: '/api/events', payload: { kind: 'sms', at: '2026-11-20 23:15', number: '13800138000', platform: 'XX金融', text: '你再不还钱我们就爆你通讯录' }, headers });
        assert.equal(add.statusCode, 201, add.body);
        const id = (add.json() as { id: string }).id;
        assert.deepEqual(await sql(env, 'SELECT id FROM events'), [{ id }], 'the event is in PostgreSQL');
        const boundary = 'dunguardboundary';
        const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 3)]);
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="截图.png"\r\nContent-Type: image/png\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        const up = await s.app.inject({ method: 'POST', url: `/api/events/${id}/evidence`, payload: body, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
        assert.ok(up.statusCode < 300, up.body);
        const sha = createHash('sha256').update(photo).digest('hex');
        const down = await s.app.inject({ method: 'GET', url: `/api/evidence/${sha}`, headers });
        assert.equal(down.statusCode, 200, down.body);
        assert.ok(down.rawPayload.equals(photo), 'the file comes back from PostgreSQL byte for byte');
        const v = (await s.app.inject({ method: 'GET', url: '/api/verify', headers })).json() as { intact: boolean; entries: number };
        assert.deepEqual([v.intact, v.entries], [true, 3]);
      } finally {
        await s.close();
        for (const [k, v] of [['DUNGUARD_DATABASE_URL', saved.url], ['DUNGUARD_DATABASE_SCHEMA', saved.schema]] as const) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });

    it('keeps evidence files in PostgreSQL, and verify re-hashes them', async () => {
      const env = home();
      const ev = json<{ id: string }>(dunguard(['log', 'add', '--kind', 'call_incoming', '--at', '2026-11-20 10:00', '--json'], { env }));
      const rec = join(tmp, `rec${n}.amr`);
      writeFileSync(rec, Buffer.alloc(3 << 20, 7));
      const added = json<{ sha256: string }>(dunguard(['evidence', 'add', rec, '--event', ev.id, '--json'], { env }));
      assert.deepEqual(await sql(env, 'SELECT count(*)::int AS n, sum(length(data))::int AS bytes FROM vault_chunks'), [{ n: 3, bytes: 3 << 20 }]);
      assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
      await sql(env, "UPDATE vault_chunks SET data = overlay(data placing '\\x01'::bytea from 100) WHERE n = 2");
      const v = dunguard(['verify', '--json'], { env });
      const report = JSON.parse(v.out) as { intact: boolean; findings: { kind: string; detail: string }[] };
      assert.equal(report.intact, false);
      assert.deepEqual(report.findings.map((f) => f.kind), ['file_changed'], v.out);
      assert.ok(report.findings[0]!.detail.includes(added.sha256));
    });

    it('finds an event edited with SQL behind the program', async () => {
      const env = home();
      json(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 10:00', '--text', '您的借款已逾期，请尽快还款', '--json'], { env }));
      assert.match(dunguard(['verify'], { env }).out, /^记录完整/);
      await sql(env, "UPDATE events SET content = '您的借款已结清'");
      const v = dunguard(['verify', '--json'], { env });
      assert.notEqual(v.code, 0);
      const report = JSON.parse(v.out) as { intact: boolean; findings: { kind: string; detail: string }[] };
      assert.equal(report.intact, false);
      assert.ok(report.findings.some((f) => f.kind === 'row_changed' && f.detail.includes('content')), v.out);
    });
  });
}

describe('dunguard with a DUNGUARD_DATABASE_URL it cannot use', () => {
  const env = (url: string) => ({ DUNGUARD_HOME: join(tmp, 'bad'), DUNGUARD_DATABASE_URL: url });
  it('says a URL that is not a PostgreSQL one is wrong, in Chinese, or English with --lang en', () => {
    const zh = dunguard(['log', 'list'], { env: env('mysql://x@y/z') });
    assert.equal(zh.code, 2);
    assert.match(zh.err, /^dunguard: DUNGUARD_DATABASE_URL 不是有效的 PostgreSQL 地址/);
    assert.doesNotMatch(zh.err, /\n\s+at /, 'no stack trace');
    const en = dunguard(['log', 'list', '--lang', 'en'], { env: env('not a url') });
    assert.match(en.err, /^dunguard: DUNGUARD_DATABASE_URL is not a PostgreSQL URL/);
  });

  it('says a server it cannot reach cannot be reached, without the password', () => {
    const r = dunguard(['verify'], { env: env('postgres://me:s3cret@127.0.0.1:1/record') });
    assert.equal(r.code, 2);
    assert.match(r.err, /^dunguard: 无法连接 PostgreSQL 数据库 127\.0\.0\.1:1\/record/);
    assert.doesNotMatch(r.err, /s3cret|\n\s+at /);
    const serve = dunguard(['serve', '--port', '0', '--lang', 'en'], { env: env('postgres://me:s3cret@127.0.0.1:1/record') });
    assert.equal(serve.code, 2, serve.out + serve.err);
    assert.match(serve.err, /^dunguard: Cannot reach the PostgreSQL database 127\.0\.0\.1:1\/record/);
  });
});
