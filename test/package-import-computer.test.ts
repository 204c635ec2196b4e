/**
 * An evidence package brought into the record on a computer: `dunguard import-package` (the
 * built CLI, fresh data folders) and `POST /api/import` of `dunguard serve`. Packages made by
 * `dunguard export` on another computer and by the offline app come back with the same audit
 * head and verify intact; an edited package and a record that already holds something are
 * refused in Chinese (exit 2 / HTTP 4xx) with nothing written. The package checks themselves are
 * in test/package-import.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import initSqlJs from 'sql.js';
import { loadData } from '../src/data/load.js';
import { BrowserStore } from '../src/store/browser/browser-store.js';
import { memoryRecordFile } from '../src/store/browser/record-file.js';
import type { SqlJs } from '../src/store/browser/sqljs.js';
import { packageInMemory } from '../src/service/package-memory.js';
import { addDebt } from '../src/service/debts.js';
import { dunguard } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';
import { fields, tickingClock } from './store-conformance/suite.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-import-package-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const home = (): { env: Record<string, string>; dir: string } => {
  const dir = join(tmp, `home${++n}`);
  return { env: { DUNGUARD_HOME: dir }, dir };
};
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SHOT = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);

interface Verified {
  intact: boolean;
  entries: number;
  events: number;
  evidence: number;
  head?: { seq: number; hash: string };
}
const verifyOf = (env: Record<string, string>): Verified => {
  const r = dunguard(['verify', '--json'], { env });
  assert.equal(r.code, 0, r.out + r.err);
  return JSON.parse(r.out) as Verified;
};
/** Files in a data folder's vault (stored ones by their SHA-256, temporary ones included). */
const vaultFiles = (dir: string): string[] => {
  const root = join(dir, 'vault');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => statSync(join(root, p)).isFile()).map((p) => p.split(sep).join(''));
};

/** A record made with the command line in a home of its own, exported. */
function computerPackage(): { zip: string; head: Verified['head']; evidence: string } {
  const { env } = home();
  const add = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 23:15', '-n', '17012345678', '--platform', '某某金融', '--text', '你再不还钱我们就爆你通讯录', '--json'], { env });
  assert.equal(add.code, 0, add.err);
  const id = (JSON.parse(add.out) as { id: string }).id;
  assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-11-21 02:00', '-n', '17012345678'], { env }).code, 0);
  const rec = join(tmp, `call${n}.amr`);
  writeFileSync(rec, Buffer.alloc(2048, 3));
  assert.equal(dunguard(['evidence', 'add', rec, '--event', id], { env }).code, 0);
  const zip = join(tmp, `computer${n}.zip`);
  const r = dunguard(['export', '--out', zip], { env });
  assert.equal(r.code, 0, r.err);
  return { zip, head: verifyOf(env).head, evidence: sha(Buffer.alloc(2048, 3)) };
}

/** A package made by the offline app (its store, under Node with the app's sql.js). */
async function appPackage(): Promise<{ zip: Uint8Array; head: { seq: number; hash: string } | undefined }> {
  const SQL = (await initSqlJs()) as SqlJs;
  const data = await loadData();
  const store = await BrowserStore.open(SQL, memoryRecordFile(), tickingClock());
  const a = await store.addEvent({ fields: fields({ content: '手机上记录的催收短信：再不还钱就爆你通讯录' }), analysis: null, source: 'web' });
  await store.addEvidenceFiles([{ sha256: sha(SHOT), size: SHOT.length, name: 'shot.png', media_type: 'image/png', added_at: '2026-11-28T00:00:00.000Z' }], a.id);
  await addDebt({ store, data, refresh: () => undefined }, { lender: '示例花', principal: '10000', received: '8000', date: '2026-01-10', instalments: '12', amount: '1000' });
  await store.setProfile({ name: '张三' });
  const pkg = await packageInMemory(store, data, async (s) => (s === sha(SHOT) ? SHOT : undefined), { generator: 'dunguard offline app' });
  await store.close();
  return { zip: pkg.zip, head: pkg.audit_head };
}

/** An event's text changed in events.json, the manifest's hashes updated to match (a careful forger). */
function forged(zip: Uint8Array): Uint8Array {
  const m = unzipSync(zip);
  m['events.json'] = strToU8(new TextDecoder().decode(m['events.json']).replace('爆你通讯录', '请按时还款'));
  const manifest = JSON.parse(new TextDecoder().decode(m['manifest.json'])) as { files: { path: string; sha256: string; size: number }[] };
  for (const f of manifest.files) if (m[f.path]) Object.assign(f, { sha256: sha(m[f.path]!), size: m[f.path]!.length });
  m['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  const z: Zippable = {};
  for (const [k, v] of Object.entries(m)) z[k] = v;
  return zipSync(z);
}

describe('dunguard import-package', () => {
  it('brings a package from dunguard export into a fresh record: same head, verify intact, the chain continues', () => {
    const pkg = computerPackage();
    const { env, dir } = home();
    const r = dunguard(['import-package', pkg.zip], { env });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^证据包已导入：来电和短信记录 2 条，证据文件 1 个/);
    assert.match(r.out, new RegExp(`指纹 ${pkg.head!.hash}`));
    assert.match(r.out, /完好/);
    const v = verifyOf(env);
    assert.equal(v.intact, true);
    assert.deepEqual(v.head, pkg.head);
    assert.equal(v.events, 2);
    assert.equal(v.evidence, 1);
    assert.ok(vaultFiles(dir).includes(pkg.evidence));
    // Exported again: the same events and chain.
    const again = join(tmp, 'again.zip');
    assert.equal(dunguard(['export', '--out', again], { env }).code, 0);
    for (const name of ['events.json', 'audit.jsonl', 'evidence.json']) assert.deepEqual(unzipSync(readFileSync(again))[name], unzipSync(readFileSync(pkg.zip))[name], name);
    // The record keeps working: a new event continues the same chain.
    assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-11-22 01:00', '-n', '17000000000'], { env }).code, 0);
    const after = verifyOf(env);
    assert.equal(after.intact, true);
    assert.equal(after.head!.seq, pkg.head!.seq + 1);
    // English on request.
    const { env: env2 } = home();
    assert.match(dunguard(['import-package', pkg.zip, '--lang', 'en'], { env: env2 }).out, /^package imported: 2 events, 1 evidence files/);
  });

  it('brings a package made by the offline app into a fresh record', async () => {
    const { zip, head } = await appPackage();
    const file = join(tmp, 'app.zip');
    writeFileSync(file, zip);
    const { env, dir } = home();
    const r = dunguard(['import-package', file, '--json'], { env });
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { verify: Verified }).verify.intact, true);
    const v = verifyOf(env);
    assert.equal(v.intact, true);
    assert.deepEqual(v.head, head);
    assert.ok(vaultFiles(dir).includes(sha(SHOT)));
    const list = dunguard(['log', 'list'], { env });
    assert.match(list.out, /手机上记录的催收短信/);
  });

  it('refuses an edited package and a record that already holds something, in Chinese, with exit 2 and nothing written', async () => {
    const pkg = computerPackage();
    // Edited: refused, the fresh record stays empty, no evidence file left in its vault.
    const bad = join(tmp, 'forged.zip');
    writeFileSync(bad, forged(readFileSync(pkg.zip)));
    const fresh = home();
    const r = dunguard(['import-package', bad], { env: fresh.env });
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /这个证据包没有导入：记录与操作日志对不上/);
    assert.equal(r.out, '');
    const v = verifyOf(fresh.env);
    assert.equal(v.entries, 0);
    assert.equal(v.events, 0);
    assert.deepEqual(vaultFiles(fresh.dir), []);
    // A record with something in it: refused, unchanged.
    const busy = home();
    assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-11-22 01:00', '-n', '17000000000'], { env: busy.env }).code, 0);
    const before = verifyOf(busy.env);
    const refused = dunguard(['import-package', pkg.zip], { env: busy.env });
    assert.equal(refused.code, 2);
    assert.match(refused.err, /已经有记录了，证据包没有导入（两份记录不能合并/);
    assert.match(refused.err, /新的数据文件夹/);
    assert.deepEqual(verifyOf(busy.env), before);
    assert.deepEqual(vaultFiles(busy.dir), []);
    // A file that is not there.
    const missing = dunguard(['import-package', join(tmp, 'nope.zip')], { env: fresh.env });
    assert.equal(missing.code, 2);
    assert.match(missing.err, /无法读取 .*nope\.zip：文件不存在/);
  });
});

describe('POST /api/import (dunguard serve)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ listen: false });
  });
  after(async () => s.close());

  const upload = (zip: Uint8Array, name = 'case.zip') => {
    const b = '----pkg' + Date.now();
    const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/zip\r\n\r\n`), Buffer.from(zip), Buffer.from(`\r\n--${b}--\r\n`)]);
    return s.app.inject({ method: 'POST', url: '/api/import', payload: body, headers: { 'x-dunguard-token': s.token, 'content-type': `multipart/form-data; boundary=${b}` } });
  };
  const auth = () => ({ 'x-dunguard-token': s.token });

  it('needs the token, refuses an edited package, imports a real one once, then refuses a second', async () => {
    const { zip, head } = await appPackage();
    const b = '----nt';
    const noToken = await s.app.inject({ method: 'POST', url: '/api/import', payload: `--${b}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.equal(noToken.statusCode, 401);

    const bad = await upload(forged(zip));
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'BAD_PACKAGE');
    assert.match(bad.json().error.zh, /^这个证据包没有导入：/);
    assert.deepEqual((await s.app.inject({ method: 'GET', url: '/api/evidence', headers: auth() })).json(), []);
    assert.deepEqual(vaultFiles(s.dir), []);

    const ok = await upload(zip);
    assert.equal(ok.statusCode, 200, ok.body);
    const got = ok.json() as { imported: { events: number; evidence: number; audit_head: unknown }; verify: Verified };
    assert.equal(got.imported.events, 1);
    assert.equal(got.imported.evidence, 1);
    assert.deepEqual(got.imported.audit_head, head);
    assert.equal(got.verify.intact, true);
    const v = (await s.app.inject({ method: 'GET', url: '/api/verify', headers: auth() })).json() as Verified;
    assert.equal(v.intact, true);
    assert.deepEqual(v.head, head);
    const shot = await s.app.inject({ method: 'GET', url: `/api/evidence/${sha(SHOT)}`, headers: auth() });
    assert.equal(shot.statusCode, 200);
    assert.deepEqual(new Uint8Array(shot.rawPayload), SHOT);
    // The ledger came with it.
    const debts = (await s.app.inject({ method: 'GET', url: '/api/debts', headers: auth() })).json() as { lender: { name: string } }[] | { debts: { lender: { name: string } }[] };
    assert.match(JSON.stringify(debts), /示例花/);

    const again = await upload(zip);
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'NOT_EMPTY');
    assert.match(again.json().error.zh, /两份记录不能合并/);
    assert.deepEqual(((await s.app.inject({ method: 'GET', url: '/api/verify', headers: auth() })).json() as Verified).head, head);
  });
});
