/**
 * Hosted mode: what an admin does for people — a new password for one who forgot theirs, and
 * deleting an account (staff leave their shared cases, logged in each case's access log; a
 * client's cases go only when the admin says so) — through the API and the `dunguard account`
 * commands; and the page served at / told it runs multi-user. On PostgreSQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../src/data/load.js';
import { buildHostedServer, SESSION_COOKIE } from '../src/hosted/server.js';
import type { Directory } from '../src/hosted/directory.js';
import { dropSchemas, freshSchema, testPostgres, type TestPostgres } from './helpers/postgres.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';
const MAIN = join(packageRoot(), 'src', 'cli', 'main.ts');

const pgFound = await testPostgres();
const skip = 'skip' in pgFound ? pgFound.skip : false;

describe('hosted mode: an admin resets passwords and deletes accounts', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const dirSchema = freshSchema();
  const web = mkdtempSync(join(tmpdir(), 'dunguard-web-'));
  let app: FastifyInstance;
  let directory: Directory;
  let close: () => Promise<void>;
  const cookies: Record<string, string> = {};
  const dropped: string[] = [];

  const req = async (who: string | undefined, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}` } : {} });
  const tryLogin = (name: string, password = PASSWORD) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password } });
  const login = async (name: string, password = PASSWORD) => {
    const r = await tryLogin(name, password);
    assert.equal(r.statusCode, 200, r.body);
    cookies[name] = /=([^;]+)/.exec(String(r.headers['set-cookie']))![1]!;
  };
  const client = async (name: string, title: string): Promise<string> => {
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: name, password: PASSWORD } })).statusCode, 201);
    await login(name);
    const c = await req(name, 'POST', '/api/cases', { title });
    assert.equal(c.statusCode, 201, c.body);
    return c.json().id as string;
  };
  const staff = async (name: string): Promise<string> => {
    const r = await req('admin1', 'POST', '/api/admin/accounts', { username: name, password: PASSWORD, role: 'helper' });
    assert.equal(r.statusCode, 201, r.body);
    await login(name);
    return r.json().id as string;
  };
  const cli = (args: string[], env: Record<string, string | undefined> = { DUNGUARD_DATABASE_URL: pgs.url, DUNGUARD_DIRECTORY_SCHEMA: dirSchema }) => {
    const e = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete e[k];
    return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: e, encoding: 'utf8', timeout: 120_000 });
  };
  const schemaExists = async (name: string): Promise<boolean> => {
    const c = new pg.Client({ connectionString: pgs.url });
    await c.connect();
    try {
      return (await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])).rowCount === 1;
    } finally {
      await c.end();
    }
  };

  before(async () => {
    writeFileSync(join(web, 'index.html'), '<!doctype html><html><head><meta name="dunguard-token" content="" /></head><body><div id="root"></div></body></html>');
    ({ app, directory, close } = await buildHostedServer({ url: pgs.url, directorySchema: dirSchema, scrypt: CHEAP, webRoot: web }));
    await directory.createAccount('admin1', PASSWORD, 'admin');
    await login('admin1');
  });

  after(async () => {
    rmSync(web, { recursive: true, force: true });
    if (close === undefined) return;
    const schemas = [...(await directory.allCases()).map((c) => c.schema_name), ...dropped];
    await close();
    await dropSchemas(pgs.url, [...schemas, dirSchema]);
    await pgs.stop();
  });

  it('serves the page at /, marked multi-user and with no access token in it', async () => {
    const r = await app.inject({ method: 'GET', url: '/' });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<meta name="dunguard-mode" content="multi-user" \/>/);
    assert.doesNotMatch(r.body, /dunguard-token/);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self';/);
    // The local server's response headers, and HSTS (the service is run behind HTTPS).
    for (const [name, value] of [['x-content-type-options', 'nosniff'], ['x-frame-options', 'DENY'], ['referrer-policy', 'no-referrer'], ['cross-origin-opener-policy', 'same-origin'], ['cross-origin-resource-policy', 'same-origin'], ['strict-transport-security', 'max-age=31536000']]) {
      assert.equal(r.headers[name], value, name);
    }
  });

  it('refuses cross-site requests (403) and bodies other than JSON or multipart (415), as the local server does', async () => {
    const login = { username: 'nobody', password: PASSWORD };
    const cross = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'cross-site' }, payload: login });
    assert.deepEqual([cross.statusCode, cross.json().error.code], [403, 'CROSS_SITE']);
    const plain = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(login) });
    assert.deepEqual([plain.statusCode, plain.json().error.code], [415, 'BAD_MEDIA_TYPE']);
    assert.equal(plain.headers['cache-control'], 'no-store');
  });

  it('an admin gives a client who forgot their password a new one: the old password and sessions stop working, the new one logs in at once', async () => {
    await client('forgetful', '忘了密码');
    for (let i = 0; i < 5; i++) assert.equal((await tryLogin('forgetful', 'not the password')).statusCode, 401);
    assert.equal((await tryLogin('forgetful')).statusCode, 429, 'locked out by the login limit');
    const r = await req('admin1', 'POST', '/api/admin/password-reset', { username: 'Forgetful' });
    assert.equal(r.statusCode, 200, r.body);
    const { password, username, role } = r.json() as { password: string; username: string; role: string };
    assert.deepEqual([username, role], ['forgetful', 'client']);
    assert.ok(password.length >= 16);
    assert.equal((await req('forgetful', 'GET', '/api/me')).statusCode, 401, 'the old session ended');
    assert.equal((await tryLogin('forgetful')).statusCode, 401, 'the old password no longer works');
    await login('forgetful', password);
    assert.equal((await req('forgetful', 'GET', '/api/cases')).json().length, 1, 'their case is still theirs');
  });

  it('only an admin resets, never their own, and an unknown name is said in Chinese', async () => {
    await staff('helper-r');
    assert.equal((await req('helper-r', 'POST', '/api/admin/password-reset', { username: 'forgetful' })).statusCode, 404);
    assert.equal((await req('forgetful', 'POST', '/api/admin/password-reset', { username: 'helper-r' })).statusCode, 404);
    const self = await req('admin1', 'POST', '/api/admin/password-reset', { username: 'admin1' });
    assert.equal(self.statusCode, 403);
    assert.match(self.json().error.zh, /不能对自己的账号/);
    const none = await req('admin1', 'POST', '/api/admin/password-reset', { username: 'nobody-here' });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().error.zh, '没有用户名为“nobody-here”的账号。');
    await login('helper-r');
  });

  it("deleting a helper ends their shares; the owner's access log says who deleted them, and still verifies", async () => {
    const caseId = await client('owner-h', '共享给助手');
    const hid = await staff('helper-d');
    assert.equal((await req('owner-h', 'POST', `/api/cases/${caseId}/shares`, { username: 'helper-d' })).statusCode, 201);
    assert.equal((await req('helper-d', 'GET', `/api/cases/${caseId}/events`)).statusCode, 200);
    const r = await req('admin1', 'POST', '/api/admin/account-deletion', { username: 'helper-d' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { username: 'helper-d', role: 'helper', unshared_cases: 1, deleted_cases: 0 });
    assert.equal((await req('helper-d', 'GET', `/api/cases/${caseId}/events`)).statusCode, 401, 'their session is gone');
    assert.equal((await tryLogin('helper-d')).statusCode, 401);
    assert.deepEqual((await req('owner-h', 'GET', `/api/cases/${caseId}/shares`)).json(), []);
    const log = (await req('owner-h', 'GET', `/api/cases/${caseId}/access-log`)).json() as { entries: { account: string; method: string; path: string }[]; verify: { intact: boolean } };
    assert.deepEqual(log.entries.map((e) => `${e.account} ${e.method} ${e.path}`), ['helper-d GET /events', 'admin1 DELETE /accounts/helper-d']);
    assert.equal(log.verify.intact, true);
    assert.equal((await directory.listAccounts()).some((a) => a.id === hid), false);
    // The name is free again; the new account sees nothing of the old one's.
    await staff('helper-d');
    assert.equal((await req('helper-d', 'GET', `/api/cases/${caseId}/events`)).statusCode, 404);
  });

  it("a client who still has cases is deleted only when the admin also deletes the cases: their record and evidence go, their access log stays", async () => {
    const caseId = await client('leaving', '要删除的案件');
    assert.equal((await req('leaving', 'POST', `/api/cases/${caseId}/events`, { kind: 'sms', at: '2026-11-20 23:15', text: '还钱' })).statusCode, 201);
    await staff('helper-l');
    assert.equal((await req('leaving', 'POST', `/api/cases/${caseId}/shares`, { username: 'helper-l' })).statusCode, 201);
    const row = (await directory.allCases()).find((c) => c.id === caseId)!;
    dropped.push(row.schema_name);
    assert.equal(await schemaExists(row.schema_name), true);

    const refused = await req('admin1', 'POST', '/api/admin/account-deletion', { username: 'leaving' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'HAS_CASES');
    assert.match(refused.json().error.zh, /还有 1 个案件.*永久删除/);
    assert.equal((await req('leaving', 'GET', `/api/cases/${caseId}/events`)).statusCode, 200, 'nothing was deleted');

    const r = await req('admin1', 'POST', '/api/admin/account-deletion', { username: 'leaving', delete_cases: true });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { username: 'leaving', role: 'client', unshared_cases: 0, deleted_cases: 1 });
    assert.equal(await schemaExists(row.schema_name), false, "the case's record and evidence are gone");
    assert.equal((await req('helper-l', 'GET', `/api/cases/${caseId}/events`)).statusCode, 404, 'the helper it was shared with sees nothing');
    assert.deepEqual((await req('helper-l', 'GET', '/api/cases')).json(), []);
    const log = await directory.accessLog(caseId);
    assert.equal(`${log.at(-1)!.account} ${log.at(-1)!.method} ${log.at(-1)!.path}`, 'admin1 DELETE /');
    assert.equal((await directory.verifyAccessLog(caseId)).intact, true);
    const v = (await req('admin1', 'GET', '/api/admin/verify')).json() as { intact: boolean; cases: { case: string }[] };
    assert.equal(v.intact, true);
    assert.equal(v.cases.some((c) => c.case === caseId), false, 'a deleted case is not verified as if it were there');
    // Someone new under the same name starts with nothing.
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'leaving', password: PASSWORD } })).statusCode, 201);
    await login('leaving');
    assert.deepEqual((await req('leaving', 'GET', '/api/cases')).json(), []);
    assert.equal((await req('leaving', 'GET', `/api/cases/${caseId}`)).statusCode, 404);
  });

  it('an admin cannot delete their own account; others cannot delete at all', async () => {
    assert.equal((await req('admin1', 'POST', '/api/admin/account-deletion', { username: 'admin1' })).statusCode, 403);
    assert.equal((await req('helper-r', 'POST', '/api/admin/account-deletion', { username: 'forgetful' })).statusCode, 404);
    assert.equal((await tryLogin('forgetful')).statusCode, 401, 'still there (with the password the admin gave)');
  });

  it('a directory made before accounts could be deleted is brought up to date when a process opens it', async () => {
    const schema = freshSchema();
    dropped.push(schema);
    const { Directory } = await import('../src/hosted/directory.js');
    await (await Directory.open({ url: pgs.url, schema })).close();
    const c = new pg.Client({ connectionString: pgs.url });
    await c.connect();
    const shape = async () =>
      (await c.query<{ column_name: string; is_nullable: string }>(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'cases' AND column_name IN ('owner_id', 'deleted_at') ORDER BY column_name`, [schema])).rows.map((r) => `${r.column_name} ${r.is_nullable}`);
    try {
      assert.deepEqual(await shape(), ['deleted_at YES', 'owner_id YES']);
      // As the directory was before: no deleted_at, every case with an owner.
      await c.query(`ALTER TABLE ${schema}.cases DROP COLUMN deleted_at; ALTER TABLE ${schema}.cases ALTER COLUMN owner_id SET NOT NULL`);
      assert.deepEqual(await shape(), ['owner_id NO']);
      const d = await Directory.open({ url: pgs.url, schema, scrypt: CHEAP });
      const owner = await d.createAccount('old-client', PASSWORD, 'client');
      await d.createCase(owner, 'from before');
      const r = await d.deleteAccount(owner, { id: 'test', username: 'test', role: 'admin' }, { deleteCases: true });
      assert.equal(r.deleted.length, 1);
      dropped.push(`case_${r.deleted[0]}`);
      await d.close();
      assert.deepEqual(await shape(), ['deleted_at YES', 'owner_id YES']);
    } finally {
      await c.end();
    }
  });

  it('dunguard account reset-password and delete do the same on the server, in Chinese', async () => {
    const caseId = await client('cli-client', '命令行');
    const row = (await directory.allCases()).find((c) => c.id === caseId)!;
    dropped.push(row.schema_name);
    const reset = cli(['account', 'reset-password', 'cli-client']);
    assert.equal(reset.status, 0, reset.stderr);
    const pw = /cli-client 的新密码：(\S+)/.exec(reset.stdout)?.[1];
    assert.ok(pw, reset.stdout);
    assert.match(reset.stdout, /只显示这一次/);
    assert.equal((await tryLogin('cli-client')).statusCode, 401);
    await login('cli-client', pw);

    const refused = cli(['account', 'delete', 'cli-client']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /还有 1 个案件/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /);
    const del = cli(['account', 'delete', 'cli-client', '--delete-cases', '--json']);
    assert.equal(del.status, 0, del.stderr);
    assert.deepEqual(JSON.parse(del.stdout), { username: 'cli-client', role: 'client', unshared_cases: 0, deleted_cases: 1 });
    assert.equal((await tryLogin('cli-client', pw)).statusCode, 401);
    assert.equal(await schemaExists(row.schema_name), false);
    assert.equal((await directory.accessLog(caseId)).at(-1)!.account, 'command-line');

    const none = cli(['account', 'delete', 'nobody-here']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /没有用户名为“nobody-here”的账号/);
    const noDb = cli(['account', 'reset-password', 'x'], { DUNGUARD_DATABASE_URL: undefined });
    assert.equal(noDb.status, 2);
    assert.match(noDb.stderr, /请设置 DUNGUARD_DATABASE_URL/);
  });
});
