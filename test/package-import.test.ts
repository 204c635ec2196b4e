/**
 * Importing an evidence package into the offline app's record (src/service/package-import.ts,
 * src/store/browser/restore.ts), under Node with the app's sql.js: packages made by the app
 * and by `dunguard export` on a computer (SQLite store) come back with every row (events with a
 * deleted and an imported one, evidence, a debt, the profile, an LPR value, a number tag), the same
 * audit chain and head, and verify intact; edited packages — an event changed with its
 * manifest hash updated, an audit entry changed, a swapped evidence file, an unlisted member,
 * a rebuilt chain that disagrees with events.json — are refused with a Chinese error.
 * The whole flow in chromium is in test/e2e/app-flow.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import initSqlJs from 'sql.js';
import { loadData } from '../src/data/load.js';
import { BrowserStore } from '../src/store/browser/browser-store.js';
import { memoryRecordFile } from '../src/store/browser/record-file.js';
import type { SqlJs } from '../src/store/browser/sqljs.js';
import { packageInMemory } from '../src/service/package-memory.js';
import { packageForImport } from '../src/service/package-import.js';
import { verifyTablesWith } from '../src/service/verify-tables.js';
import { openRecord } from '../src/service/record-context.js';
import { exportPackage } from '../src/service/export.js';
import { addDebt } from '../src/service/debts.js';
import { entryHash, type AuditEntry } from '../src/record/audit.js';
import { FIELD_KEYS, importKeyBase } from '../src/record/verify.js';
import { UserError } from '../src/service/errors.js';
import { fields, tickingClock } from './store-conformance/suite.js';

const SQL = (await initSqlJs()) as SqlJs;
const data = await loadData();
const dir = mkdtempSync(join(tmpdir(), 'dunguard-package-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SHOT = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7, 6]);

/** A record in the browser store with events (one deleted), evidence, a debt, the profile and an imported event. */
async function appRecord(): Promise<{ zip: Uint8Array; head: { seq: number; hash: string } | undefined }> {
  const store = await BrowserStore.open(SQL, memoryRecordFile(), tickingClock());
  const a = await store.addEvent({ fields: fields({ content: '<script>x</script> 再不还钱就爆你通讯录' }), analysis: { verdict: 'collection_violation', assessment: 'x', certainty: 'likely', confidence: 0.9, signals: [], engine: { rules: 'r', model: 'm', law: 'l' } } as never, source: 'web' });
  const b = await store.addEvent({ fields: fields({ kind: 'call_missed', content: undefined, occurred_at: '2026-11-21T23:30:00+08:00' }), analysis: null, source: 'web' });
  const imported = fields({ content: '导入的短信' }) as Record<string, unknown>;
  const key = importKeyBase('csv', Object.fromEntries(FIELD_KEYS.filter((k) => imported[k] !== undefined).map((k) => [k, imported[k]])));
  await store.importEvents([{ fields: imported as never, analysis: null, source: 'import:csv:calls.csv', importKey: key }]);
  await store.addEvidenceFiles([{ sha256: sha(SHOT), size: SHOT.length, name: 'shot.png', media_type: 'image/png', added_at: '2026-11-28T00:00:00.000Z' }], a.id);
  await store.deleteEvent(b.id, 'entered twice');
  await addDebt({ store, data, refresh: () => undefined }, { lender: '示例花', principal: '10000', received: '8000', date: '2026-01-10', instalments: '12', amount: '1000' });
  await store.setProfile({ name: '张三', id_tail: '123X' });
  await store.addLpr({ month: '2025-06', rate_percent: 3.0, source: 'typed in by the person' });
  await store.setTag({ number: '17012345678', kind: 'scam', source: 'manual', tagged_at: '2026-11-28T00:00:00.000Z' });
  const pkg = await packageInMemory(store, data, async (s) => (s === sha(SHOT) ? SHOT : undefined), { generator: 'dunguard offline app' });
  await store.close();
  return { zip: pkg.zip, head: pkg.audit_head };
}

/** The package with some members replaced and the manifest's hashes updated to match (a careful forger). */
function edited(zip: Uint8Array, change: (m: Record<string, Uint8Array>) => void, rehash = true): Uint8Array {
  const m = unzipSync(zip);
  change(m);
  if (rehash) {
    const manifest = JSON.parse(new TextDecoder().decode(m['manifest.json'])) as { files: { path: string; sha256: string; size: number }[] };
    for (const f of manifest.files) if (m[f.path]) Object.assign(f, { sha256: sha(m[f.path]!), size: m[f.path]!.length });
    m['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  }
  const z: Zippable = {};
  for (const [k, v] of Object.entries(m)) z[k] = v;
  return zipSync(z);
}

async function restoredStore(database: Uint8Array): Promise<BrowserStore> {
  const file = memoryRecordFile();
  await file.save(database);
  return BrowserStore.open(SQL, file);
}

async function refusedWith(zip: Uint8Array, what: RegExp): Promise<void> {
  await assert.rejects(packageForImport(SQL, zip, data), (e: unknown) => {
    assert.ok(e instanceof UserError, String(e));
    assert.equal(e.code, 'BAD_PACKAGE');
    assert.match(e.zh, /^这个证据包没有导入：/);
    assert.match(e.zh, what);
    return true;
  });
}

describe('importing an evidence package into the phone’s record', () => {
  it('restores a package made by the app: every row, the same chain and head, verify intact', async () => {
    const { zip, head } = await appRecord();
    const got = await packageForImport(SQL, zip, data);
    assert.deepEqual(got.audit_head, head);
    assert.equal(got.events, 3);
    assert.deepEqual([...got.evidence.keys()], [sha(SHOT)]);
    const store = await restoredStore(got.database);
    const reader = await store.openReader();
    const checked = await verifyTablesWith(reader);
    await reader.close();
    assert.deepEqual(checked.findings, []);
    assert.deepEqual(reader.head, head);
    assert.equal((await store.listEvents({ includeDeleted: true })).length, 3);
    assert.equal((await store.listDebts())[0]!.lender.name, '示例花');
    assert.deepEqual(await store.getProfile(), { name: '张三', id_tail: '123X' });
    assert.deepEqual(await store.listLpr(), [{ month: '2025-06', rate_percent: 3, source: 'typed in by the person' }]);
    assert.equal((await store.listTags())[0]!.number, '17012345678');
    // Exported again, the package is the same but for its dates.
    const again = unzipSync((await packageInMemory(store, data, async (s) => got.evidence.get(s), { generator: 'dunguard offline app' })).zip);
    const before = unzipSync(zip);
    for (const name of ['events.json', 'events.csv', 'audit.jsonl', 'evidence.json', `evidence/${sha(SHOT)}`]) assert.deepEqual(again[name], before[name], name);
    // The record keeps working: a new event continues the same chain.
    await store.addEvent({ fields: fields({ content: '导入后新加的' }), analysis: null, source: 'web' });
    const r2 = await store.openReader();
    assert.deepEqual((await verifyTablesWith(r2)).findings, []);
    assert.equal(r2.head!.seq, head!.seq + 1);
    await r2.close();
    await store.close();
  });

  it('restores a package made by dunguard export on a computer (SQLite store)', async () => {
    const ctx = await openRecord(join(dir, 'computer'));
    const e = await ctx.store.addEvent({ fields: fields({ content: '电脑上记录的催收短信' }), analysis: null, source: 'cli' });
    const rec = join(dir, 'call.amr');
    writeFileSync(rec, SHOT);
    const put = await ctx.vault.put(rec);
    await ctx.store.addEvidence({ sha256: put.sha256, size: put.size, name: 'call.amr', media_type: 'audio/amr', added_at: '2026-11-28T00:00:00.000Z' }, e.id);
    await addDebt(ctx, { lender: '招联金融', kind: 'consumer_finance', principal: '5000', date: '2024-06-01', instalments: '6', amount: '900' });
    const out = join(dir, 'computer.zip');
    const r = await exportPackage(ctx, out);
    await ctx.close();
    const got = await packageForImport(SQL, readFileSync(out), data);
    assert.deepEqual(got.audit_head, r.audit_head);
    const store = await restoredStore(got.database);
    const reader = await store.openReader();
    assert.deepEqual((await verifyTablesWith(reader)).findings, []);
    await reader.close();
    assert.equal((await store.listDebts())[0]!.lender.name, '招联金融');
    await store.close();
  });

  it('refuses edited and forged packages with a Chinese error, whatever was changed', async () => {
    const { zip } = await appRecord();
    // An event's text changed, the manifest's hashes updated: events.json no longer matches the chain.
    await refusedWith(
      edited(zip, (m) => {
        m['events.json'] = strToU8(new TextDecoder().decode(m['events.json']).replace('爆你通讯录', '请按时还款'));
      }),
      /记录与操作日志对不上/,
    );
    // The same change without updating the manifest.
    await refusedWith(
      edited(zip, (m) => (m['events.csv'] = strToU8('x')), false),
      /与清单记录的校验值不符/,
    );
    // An audit entry's payload changed and its hash recomputed: the next entry's link breaks.
    await refusedWith(
      edited(zip, (m) => {
        const lines = new TextDecoder().decode(m['audit.jsonl']).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
        const first = lines[0]!;
        const payload = first.payload.replace('爆你通讯录', '请按时还款');
        lines[0] = { ...first, payload, hash: entryHash({ ...first, payload }) };
        m['audit.jsonl'] = strToU8(lines.map((l) => JSON.stringify(l) + '\n').join(''));
      }),
      /校验链断了/,
    );
    // A swapped screenshot, the manifest updated.
    await refusedWith(
      edited(zip, (m) => (m[`evidence/${sha(SHOT)}`] = new Uint8Array([1, 2, 3]))),
      /证据文件 shot\.png 缺失或已被改动/,
    );
    // A member the manifest does not list.
    await refusedWith(edited(zip, (m) => (m['extra.txt'] = strToU8('hi')), false), /清单之外的文件 extra\.txt/);
    // Not a zip; not a package.
    await refusedWith(strToU8('not a zip at all'), /不是一个完整的 zip 文件/);
    await refusedWith(zipSync({ 'a.txt': strToU8('x') }), /缺少清单文件/);
    // The last audit entry removed (the manifest's head then points past the end).
    await refusedWith(
      edited(zip, (m) => {
        const lines = new TextDecoder().decode(m['audit.jsonl']).trim().split('\n');
        m['audit.jsonl'] = strToU8(lines.slice(0, -1).join('\n') + '\n');
      }),
      /校验链断了/,
    );
    writeFileSync(join(dir, 'ok.zip'), zip);
  });
});
