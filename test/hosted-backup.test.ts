/**
 * Backups of the hosted database (docs/deploy.md): accounts, cases, events, evidence, a share
 * and access-log entries made through the hosted API; `pg_dump --format=custom` of the whole
 * database; `pg_restore` into a fresh database; then, against the restored database,
 * `dunguard verify --all-cases` says intact, a restored server lets the owner log in with the
 * same password, and the case's events and evidence bytes are all there, byte for byte.
 *
 * Each run makes two databases of its own on the test cluster (CREATE DATABASE; CI's user is a
 * superuser) and drops them at the end, so the dump holds only this test's data while the
 * other test files use their schemas in the main database at the same time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../src/data/load.js';
import { buildHostedServer, SESSION_COOKIE } from '../src/hosted/server.js';
import { testPostgres, type TestPostgres } from './helpers/postgres.js';

const MAIN = join(packageRoot(), 'src', 'cli', 'main.ts');
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';
const EVENTS = 25;

const pgFound = await testPostgres();

/** pg_dump and pg_restore from one folder: Debian's /usr/lib/postgresql/<n>/bin, newest first, then PATH. */
function findDumpBin(): string | undefined {
  const dirs: string[] = [];
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    const versions = readdirSync(lib).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(lib, v, 'bin')));
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  return dirs.find((d) => existsSync(join(d, 'pg_dump')) && existsSync(join(d, 'pg_restore')));
}

const dumpBin = findDumpBin();
if (dumpBin === undefined && !('skip' in pgFound)) {
  // A cluster but no pg_dump: under CI=true a failure, as a missing cluster is.
  if (process.env.CI === 'true') throw new Error('CI=true and pg_dump/pg_restore not found (/usr/lib/postgresql/*/bin, PATH)');
  process.stderr.write('# skipping the backup test: pg_dump/pg_restore not found\n');
}
const skip = 'skip' in pgFound ? pgFound.skip : dumpBin === undefined ? 'pg_dump/pg_restore not found (/usr/lib/postgresql/*/bin, PATH)' : false;

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function cliEnv(url: string): NodeJS.ProcessEnv {
  const env = { ...process.env, DUNGUARD_DATABASE_URL: url };
  delete env.DUNGUARD_DIRECTORY_SCHEMA;
  delete env.DUNGUARD_ADMIN_USERNAME;
  delete env.DUNGUARD_ADMIN_PASSWORD;
  return env;
}

function multipart(filename: string, bytes: Buffer): { body: Buffer; type: string } {
  const b = '----backup' + randomBytes(8).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${b}` };
}

describe('backup: pg_dump of the hosted database, pg_restore into a fresh one, verify intact', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const tag = randomBytes(5).toString('hex');
  const sourceDb = `dg_backup_${tag}`;
  const restoredDb = `dg_restore_${tag}`;
  const sourceUrl = withDatabase(pgs.url, sourceDb);
  const restoredUrl = withDatabase(pgs.url, restoredDb);
  const work = mkdtempSync(join(tmpdir(), 'dunguard-backup-'));
  const dumpFile = join(work, 'dunguard.dump');
  const closers: (() => Promise<void>)[] = [];

  let caseId = '';
  let otherCase = '';
  const sent = new Map<string, Buffer>(); // sha256 → the bytes uploaded
  let eventsBefore: unknown[] = [];
  let evidenceBefore: unknown[] = [];
  let debtsBefore = '';
  let accessEntriesBefore = 0;

  const open = async (url: string): Promise<{ app: FastifyInstance; login: (name: string) => Promise<string> }> => {
    const built = await buildHostedServer({ url, scrypt: CHEAP });
    closers.push(built.close);
    const login = async (name: string): Promise<string> => {
      const r = await built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: PASSWORD } });
      assert.equal(r.statusCode, 200, r.body);
      return /=([^;]+)/.exec(String(r.headers['set-cookie']))![1]!;
    };
    return { app: built.app, login };
  };
  const as = (cookie: string) => ({ cookie: `${SESSION_COOKIE}=${cookie}` });

  before(async () => {
    await admin(pgs.url, `CREATE DATABASE ${sourceDb}`);
    await admin(pgs.url, `CREATE DATABASE ${restoredDb}`);
  });

  after(async () => {
    for (const c of closers) await c().catch(() => {});
    for (const db of [sourceDb, restoredDb]) await admin(pgs.url, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
    rmSync(work, { recursive: true, force: true });
    await pgs.stop();
  });

  it('fills a hosted database through the API: accounts, two cases, events, evidence, a share, access-log entries', async () => {
    const { app, login } = await open(sourceUrl);
    for (const name of ['alice', 'bob']) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: name, password: PASSWORD } });
      assert.equal(r.statusCode, 201, r.body);
    }
    const alice = await login('alice');
    const bob = await login('bob');
    caseId = (await app.inject({ method: 'POST', url: '/api/cases', headers: as(alice), payload: { title: '网贷催收（备份测试）' } })).json().id;
    otherCase = (await app.inject({ method: 'POST', url: '/api/cases', headers: as(bob), payload: { title: '另一个案件' } })).json().id;
    assert.match(caseId, /^[0-9a-f]{16}$/);
    assert.match(otherCase, /^[0-9a-f]{16}$/);
    const base = `/api/cases/${caseId}`;
    for (let i = 0; i < EVENTS; i++) {
      const ev = await app.inject({
        method: 'POST',
        url: `${base}/events`,
        headers: as(alice),
        payload: { kind: i % 2 ? 'sms' : 'call_incoming', at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 2${i % 4}:0${i % 10}`, number: '13800138000', text: `第 ${i} 条：再不还钱就把你的事告诉你所有的联系人和你单位` },
      });
      assert.equal(ev.statusCode, 201, ev.body);
      if (i % 5 === 0) {
        // Every byte value, then random bytes: a restore that re-encoded anything would show.
        const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, k) => k)), randomBytes(3000 + i * 40_000)]);
        const m = multipart(`shot-${i}.png`, bytes);
        const up = await app.inject({ method: 'POST', url: `${base}/events/${ev.json().id}/evidence`, headers: { ...as(alice), 'content-type': m.type }, payload: m.body });
        assert.equal(up.statusCode, 201, up.body);
        const sha = up.json().files[0].sha256 as string;
        assert.equal(sha, createHash('sha256').update(bytes).digest('hex'));
        sent.set(sha, bytes);
      }
    }
    const debt = await app.inject({ method: 'POST', url: `${base}/debts`, headers: as(alice), payload: { lender: '示例花', kind: 'online_platform', principal: '10000', received: '8000', date: '2026-01-10', instalments: 12, amount: '1000' } });
    assert.equal(debt.statusCode, 201, debt.body);
    assert.equal((await app.inject({ method: 'POST', url: `/api/cases/${otherCase}/events`, headers: as(bob), payload: { kind: 'sms', at: '2026-11-21 09:00', text: '今天必须还款' } })).statusCode, 201);
    // A helper the case is shared with reads it: entries in the case's access log.
    // Staff are made by an admin; here the directory makes the helper directly.
    const { Directory } = await import('../src/hosted/directory.js');
    const d = await Directory.open({ url: sourceUrl, scrypt: CHEAP });
    await d.createAccount('helper-1', PASSWORD, 'helper');
    await d.close();
    assert.equal((await app.inject({ method: 'POST', url: `${base}/shares`, headers: as(alice), payload: { username: 'helper-1' } })).statusCode, 201);
    const helper = await login('helper-1');
    assert.equal((await app.inject({ method: 'GET', url: `${base}/events`, headers: as(helper) })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: `${base}/report`, headers: as(helper) })).statusCode, 200);

    eventsBefore = (await app.inject({ method: 'GET', url: `${base}/events`, headers: as(alice) })).json();
    evidenceBefore = (await app.inject({ method: 'GET', url: `${base}/evidence`, headers: as(alice) })).json();
    debtsBefore = (await app.inject({ method: 'GET', url: `${base}/debts`, headers: as(alice) })).body;
    const log = (await app.inject({ method: 'GET', url: `${base}/access-log`, headers: as(alice) })).json() as { entries?: unknown[] };
    accessEntriesBefore = Array.isArray(log) ? log.length : (log.entries ?? []).length;
    assert.equal(eventsBefore.length, EVENTS);
    assert.equal(evidenceBefore.length, sent.size);
    assert.ok(accessEntriesBefore >= 2, JSON.stringify(log).slice(0, 300));
    const v = (await app.inject({ method: 'GET', url: `${base}/verify`, headers: as(alice) })).json();
    assert.equal(v.intact, true, JSON.stringify(v));
  });

  it('pg_dump --format=custom, pg_restore into a fresh database', () => {
    const dump = spawnSync(join(dumpBin!, 'pg_dump'), ['--format=custom', '--no-owner', '--file', dumpFile, '--dbname', sourceUrl], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(dump.status, 0, dump.stderr);
    assert.ok(statSync(dumpFile).size > 100_000, 'the dump holds the evidence');
    const restore = spawnSync(join(dumpBin!, 'pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, dumpFile], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(restore.status, 0, restore.stderr);
  });

  it('the restored database: dunguard verify --all-cases says intact', () => {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'verify', '--all-cases'], { env: cliEnv(restoredUrl), encoding: 'utf8', timeout: 180_000 });
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^共 2 个案件：全部完整\n/);
    assert.match(cli.stdout, new RegExp(`案件 ${caseId}：完整（审计记录 \\d+ 条，查看记录 ${accessEntriesBefore} 条）`));
    assert.match(cli.stdout, new RegExp(`案件 ${otherCase}：完整`));
  });

  it('the restored database serves the same case: login, events, evidence bytes, debts, the access log', async () => {
    const { app, login } = await open(restoredUrl);
    const alice = await login('alice');
    const base = `/api/cases/${caseId}`;
    const cases = (await app.inject({ method: 'GET', url: '/api/cases', headers: as(alice) })).json() as { id: string }[];
    assert.deepEqual(
      cases.map((c) => c.id),
      [caseId],
    );
    assert.deepEqual((await app.inject({ method: 'GET', url: `${base}/events`, headers: as(alice) })).json(), eventsBefore);
    assert.deepEqual((await app.inject({ method: 'GET', url: `${base}/evidence`, headers: as(alice) })).json(), evidenceBefore);
    assert.equal((await app.inject({ method: 'GET', url: `${base}/debts`, headers: as(alice) })).body, debtsBefore);
    for (const [sha, bytes] of sent) {
      const r = await app.inject({ method: 'GET', url: `${base}/evidence/${sha}`, headers: as(alice) });
      assert.equal(r.statusCode, 200);
      assert.ok(r.rawPayload.equals(bytes), `evidence ${sha} restored byte for byte`);
    }
    const v = (await app.inject({ method: 'GET', url: `${base}/verify`, headers: as(alice) })).json();
    assert.equal(v.intact, true, JSON.stringify(v));
    const log = (await app.inject({ method: 'GET', url: `${base}/access-log`, headers: as(alice) })).json() as { entries?: unknown[]; intact?: boolean; verify?: { intact: boolean } };
    const n = Array.isArray(log) ? log.length : (log.entries ?? []).length;
    assert.equal(n, accessEntriesBefore);
    // The restored database keeps taking writes on the same chains.
    const ev = await app.inject({ method: 'POST', url: `${base}/events`, headers: as(alice), payload: { kind: 'sms', at: '2026-11-29 08:00', text: '恢复后新增' } });
    assert.equal(ev.statusCode, 201, ev.body);
    const v2 = (await app.inject({ method: 'GET', url: `${base}/verify`, headers: as(alice) })).json();
    assert.equal(v2.intact, true, JSON.stringify(v2));
  });
});
