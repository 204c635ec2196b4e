// `npm run bench:record` (second part): `dunguard verify`, `export` and `report` over a large record, time and peak
// memory, beside a named baseline in the same run: plain SHA-256 of the same rows read from
// SQLite (every audit entry and every event row, streamed) — the floor for touching them at all.
// For reference, the in-memory check verify used to run (a snapshot of everything, then
// verifyRecord) is measured too, below 300,000 events.
// Export (the whole evidence package, streamed) and the harassment report (compact contacts
// read through listContacts) are measured against the same baseline.
//   DUNGUARD_BENCH_EVENTS=1000000 node bench/verify.bench.js   (default 100,000; BENCH_VERIFY_EVENTS too)
//   DUNGUARD_BENCH_ONLY=package: only export and verify-package, with the floor for reading the package
//   (inflate and hash every entry) as verify-package's baseline.
//   DUNGUARD_BENCH_ONLY=memory: `dunguard verify` (in process), export and verify-package — the three whose
//   memory is meant to be flat in the number of events.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.bench-tmp', 'verify');
const N = Number(process.env.DUNGUARD_BENCH_EVENTS ?? process.env.BENCH_VERIFY_EVENTS ?? 100_000);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const dist = (p) => JSON.stringify(join(root, 'dist', 'src', p));

/** Runs `code` (an ES module body) in a fresh node; it prints one JSON line; adds its peak RSS. */
function child(code) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${code}\nconsole.log(JSON.stringify({ ...result, maxrss_kb: process.resourceUsage().maxRSS }));`], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, DUNGUARD_HOME: join(tmp, 'home') } });
  if (r.status !== 0) return { failed: (r.stderr || '').split('\n').slice(0, 3).join(' '), ms: performance.now() - t };
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), ms: performance.now() - t };
}

console.log(`dunguard verify benchmark — ${new Date().toISOString()}, node ${process.version}, ${N.toLocaleString()} events`);
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'home'), { recursive: true });

// A large record, quickly: rows straight through the store API (audit chain included), 10,000 per transaction.
const made = child(`
const { SqliteStore } = await import(${dist('store/sqlite/sqlite-store.js')});
const store = SqliteStore.open(${JSON.stringify(join(tmp, 'home', 'dunguard.sqlite'))});
const N = ${N};
for (let i = 0; i < N; i += 10000) {
  const rows = [];
  for (let j = i; j < Math.min(N, i + 10000); j++) {
    const day = String((j % 28) + 1).padStart(2, '0');
    rows.push({ fields: { kind: j % 2 ? 'sms' : 'call_missed', occurred_at: '2026-11-' + day + 'T10:00:00+08:00', time_zone: 'Asia/Shanghai', number: '1701234' + String(j % 5000).padStart(4, '0'), claimed: { platform: '平台' + (j % 20) }, contacted: 'borrower', ...(j % 2 ? { content: '第' + j + '条：您的借款已逾期，请登录App还款' } : {}) }, analysis: null, source: 'bench' });
  }
  await store.importEvents(rows);
}
await store.close();
const result = {};`);
if (made.failed) throw new Error(made.failed);
console.log(`\nrecord of ${N.toLocaleString()} events created through the store in ${fmt(made.ms)}`);

const base = child(`
const { default: Database } = await import(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3', 'lib', 'index.js'))});
const { createHash } = await import('node:crypto');
const db = new Database(${JSON.stringify(join(tmp, 'home', 'dunguard.sqlite'))}, { readonly: true });
const t = performance.now();
let rows = 0;
for (const a of db.prepare('SELECT * FROM audit ORDER BY rowid').iterate()) { createHash('sha256').update(a.payload).update(a.prev_hash).digest(); rows++; }
for (const e of db.prepare('SELECT * FROM events ORDER BY id').iterate()) { createHash('sha256').update(JSON.stringify(e)).digest(); rows++; }
const result = { rows, inner_ms: performance.now() - t };`);

// DUNGUARD_BENCH_ONLY=package: only export and verify-package (and the baselines), to save time at large N;
// =memory: verify too.
const only = process.env.DUNGUARD_BENCH_ONLY;
const skipped = { failed: 'skipped (DUNGUARD_BENCH_ONLY)' };
const ver = only === 'package' ? skipped : child(`
const { openRecord } = await import(${dist('service/record-context.js')});
const { verifyAll } = await import(${dist('service/verify.js')});
const ctx = await openRecord();
const t = performance.now();
const report = await verifyAll(ctx);
const result = { intact: report.intact, events: report.events, entries: report.entries, inner_ms: performance.now() - t };
await ctx.close();`);
const cmd = only === 'package' || only === 'memory' ? skipped : child(`
const { runVerify } = await import(${dist('cli/verify.js')});
const t = performance.now();
const r = await runVerify({ json: true });
const result = { intact: r.intact, inner_ms: performance.now() - t };`);

const old =
  N < 300_000 && only !== 'package' && only !== 'memory'
    ? child(`
const { SqliteStore } = await import(${dist('store/sqlite/sqlite-store.js')});
const { verifyRecord } = await import(${dist('record/verify.js')});
const store = SqliteStore.open(${JSON.stringify(join(tmp, 'home', 'dunguard.sqlite'))});
const t = performance.now();
const findings = verifyRecord(await store.snapshot());
const result = { intact: findings.length === 0, inner_ms: performance.now() - t };`)
    : undefined;

const exp = child(`
const { openRecord } = await import(${dist('service/record-context.js')});
const { exportPackage } = await import(${dist('service/export.js')});
const { statSync } = await import('node:fs');
const ctx = await openRecord();
const out = ${JSON.stringify(join(tmp, 'package.zip'))};
const t = performance.now();
const r = await exportPackage(ctx, out);
const result = { events: r.events, files: r.files, bytes: statSync(out).size, inner_ms: performance.now() - t };
await ctx.close();`);
const pkgCheck =
  !exp.failed
    ? child(`
const { verifyPackage } = await import(${dist('service/package-verify.js')});
const t = performance.now();
const v = await verifyPackage(${JSON.stringify(join(tmp, 'package.zip'))});
const result = { ok: v.ok, problems: v.problems.slice(0, 3).map((p) => p.code), inner_ms: performance.now() - t };`)
    : { failed: 'no package' };
const rep = only === 'package' || only === 'memory' ? skipped : child(`
const { openRecord } = await import(${dist('service/record-context.js')});
const { harassmentReport } = await import(${dist('service/report.js')});
const ctx = await openRecord();
const t = performance.now();
const r = await harassmentReport(ctx, {});
const result = { events: r.totals.events, findings: r.findings.length, inner_ms: performance.now() - t };
await ctx.close();`);

// The floor for verify-package: read the zip by its central directory and inflate and hash every entry, keeping nothing.
const zipBase =
  !exp.failed
    ? child(`
const { readZipIndex, readEntry } = await import(${dist('service/zip-read.js')});
const { open } = await import('node:fs/promises');
const t = performance.now();
const fh = await open(${JSON.stringify(join(tmp, 'package.zip'))}, 'r');
const index = await readZipIndex(fh, (await fh.stat()).size);
let bytes = 0;
for (const e of index.entries) bytes += (await readEntry(fh, e)).size;
await fh.close();
const result = { entries: index.entries.length, bytes, inner_ms: performance.now() - t };`)
    : { failed: 'no package' };
const line = (name, r) => (r.failed ? `   ${name}: FAILED (${r.failed})` : `   ${name}: ${fmt(r.inner_ms)} (whole process ${fmt(r.ms)}), peak RSS ${mb(r.maxrss_kb)}`);
console.log(`\nverify over ${N.toLocaleString()} events (${N.toLocaleString()} audit entries)`);
console.log(line('baseline  SHA-256 of every audit entry and event row, streamed from SQLite', base));
console.log(line('dunguard  verify (chain, every row against its last logged state, streamed)', ver));
if (!ver.failed && !base.failed) console.log(`   ratio     time ${(ver.inner_ms / base.inner_ms).toFixed(1)}× baseline, peak RSS ${(ver.maxrss_kb / base.maxrss_kb).toFixed(1)}× baseline; intact: ${ver.intact}`);
console.log(line('dunguard  the whole verify command (opening the record and loading the data bundle included)', cmd));
if (old) console.log(line('reference the in-memory snapshot check (before streaming)', old));
console.log(`\nexport over ${N.toLocaleString()} events (events.json, events.csv, audit.jsonl, report; streamed)`);
console.log(line('dunguard  export to a package', exp) + (exp.failed ? '' : `; ${(exp.bytes / 1048576).toFixed(0)} MB zip`));
if (!exp.failed && !base.failed) console.log(`   ratio     time ${(exp.inner_ms / base.inner_ms).toFixed(1)}× baseline, peak RSS ${(exp.maxrss_kb / base.maxrss_kb).toFixed(1)}× baseline`);
console.log(`\nverify-package over that package (${N.toLocaleString()} events; members streamed)`);
console.log(line('baseline  read the zip: inflate and SHA-256 every entry, streamed, nothing kept', zipBase) + (zipBase.failed ? '' : `; ${(zipBase.bytes / 1048576).toFixed(0)} MB inflated`));
console.log(line('dunguard  verify-package of that package', pkgCheck) + (pkgCheck.failed ? '' : `; ok: ${pkgCheck.ok}${pkgCheck.ok ? '' : ' ' + pkgCheck.problems.join(',')}`));
if (!pkgCheck.failed && !zipBase.failed) console.log(`   ratio     time ${(pkgCheck.inner_ms / zipBase.inner_ms).toFixed(1)}× baseline, peak RSS ${(pkgCheck.maxrss_kb / zipBase.maxrss_kb).toFixed(1)}× baseline`);
console.log(`\nharassment report over ${N.toLocaleString()} events (in process: read the contacts, analyse)`);
console.log(line('dunguard  report', rep) + (rep.failed ? '' : `; ${rep.findings} findings`));
if (!rep.failed && !base.failed) console.log(`   ratio     time ${(rep.inner_ms / base.inner_ms).toFixed(1)}× baseline, peak RSS ${(rep.maxrss_kb / base.maxrss_kb).toFixed(1)}× baseline`);
rmSync(tmp, { recursive: true, force: true });
