// `npm run bench:record`: the record's targets, each beside a named baseline in the same run.
//  1. `dunguard log import` of 100,000 call-log rows (target < 10 s) vs a bare better-sqlite3
//     insert of the same rows in one transaction (no validation, analysis or audit chain).
//  2. The harassment analysis over 100,000 events in process (target < 1 s) vs JSON.parse
//     of the same events (the floor for touching them at all); and `dunguard report` whole.
//  3. `dunguard verify` over 10,000 evidence files vs hashing the same files with node:crypto
//     in a plain loop ("disk speed").
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tmp = join(root, '.bench-tmp', 'record');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const N = Number(process.env.BENCH_ROWS ?? 100_000);
const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

function run(args, env) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - t, out: r.stdout };
}

console.log(`dunguard record benchmark — ${new Date().toISOString()}, node ${process.version}`);

// 1. Import.
const rows = ['kind,occurred_at,number,platform,content'];
for (let i = 0; i < N; i++) {
  const kind = i % 3 === 0 ? 'sms' : i % 3 === 1 ? 'call_missed' : 'call_incoming';
  const text = kind === 'sms' ? `"第${i}条：您的借款已逾期${i % 30}天，请登录App还款"` : '';
  rows.push(`${kind},2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},1701234${String(i % 500).padStart(4, '0')},平台${i % 20},${text}`);
}
const csv = join(tmp, 'calls.csv');
writeFileSync(csv, rows.join('\n') + '\n');
const home = join(tmp, 'home');
const imp = run(['log', 'import', csv], { DUNGUARD_HOME: home });
const Database = require('better-sqlite3');
const bare = new Database(join(tmp, 'bare.sqlite'));
bare.exec('CREATE TABLE t (kind TEXT, at TEXT, number TEXT, platform TEXT, content TEXT)');
const ins = bare.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
const t0 = performance.now();
bare.transaction(() => {
  for (const line of rows.slice(1)) ins.run(...line.split(',').slice(0, 5));
})();
const bareMs = performance.now() - t0;
bare.close();
console.log(`\n1. Import of ${N.toLocaleString()} rows`);
console.log(`   baseline  bare better-sqlite3 insert, one transaction: ${fmt(bareMs)}`);
console.log(`   dunguard  log import (validate, check each SMS, audit chain, one transaction, whole process): ${fmt(imp.ms)}  (${(imp.ms / bareMs).toFixed(1)}× baseline; target < 10 s)`);

// 2. Report.
const { analyseHarassment } = await import('../dist/src/record/harassment.js');
const { loadData } = await import('../dist/src/data/load.js');
const { LawTable } = await import('../dist/src/engine/law.js');
const { SqliteStore } = await import('../dist/src/store/sqlite/sqlite-store.js');
const store = SqliteStore.open(join(home, 'dunguard.sqlite'));
const events = await store.listEvents();
await store.close();
const data = await loadData();
const law = new LawTable(data.law);
const json = JSON.stringify(events);
const tj = performance.now();
JSON.parse(json);
const parseMs = performance.now() - tj;
const ta = performance.now();
const report = analyseHarassment(events, data.harassment, law);
const analyseMs = performance.now() - ta;
const whole = run(['report', '--json'], { DUNGUARD_HOME: home });
console.log(`\n2. Harassment report over ${events.length.toLocaleString()} events (${report.findings.length} findings)`);
console.log(`   baseline  JSON.parse of the events: ${fmt(parseMs)}`);
console.log(`   dunguard  analysis in process: ${fmt(analyseMs)}  (${(analyseMs / parseMs).toFixed(1)}× baseline; target < 1 s)`);
console.log(`   dunguard  report --json as a whole process (loading the events from SQLite included): ${fmt(whole.ms)}`);

// 3. Verify over many evidence files.
const vhome = join(tmp, 'vhome');
const ev = JSON.parse(run(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 10:00', '--json'], { DUNGUARD_HOME: vhome }).out);
const { SqliteStore: S2 } = await import('../dist/src/store/sqlite/sqlite-store.js');
const { Vault } = await import('../dist/src/store/vault.js');
const vault = new Vault(join(vhome, 'vault'));
const vstore = S2.open(join(vhome, 'dunguard.sqlite'));
const srcDir = join(tmp, 'files');
mkdirSync(srcDir);
for (let i = 0; i < FILES; i++) {
  const p = join(srcDir, `f${i}.jpg`);
  writeFileSync(p, Buffer.alloc(16 * 1024, i % 251).fill(i & 255, 0, 4));
  const put = await vault.put(p);
  await vstore.addEvidence({ sha256: put.sha256, size: put.size, name: `f${i}.jpg`, media_type: 'image/jpeg', added_at: new Date().toISOString() }, ev.id);
}
await vstore.close();
const shas = (await (async () => { const s = S2.open(join(vhome, 'dunguard.sqlite')); const l = await s.listEvidence(); await s.close(); return l; })()).map((f) => f.sha256);
const th = performance.now();
for (const sha of shas) createHash('sha256').update(readFileSync(vault.pathOf(sha))).digest('hex');
const hashMs = performance.now() - th;
const ver = run(['verify'], { DUNGUARD_HOME: vhome });
console.log(`\n3. verify over ${shas.length.toLocaleString()} evidence files of 16 KiB`);
console.log(`   baseline  hashing the same files in a plain loop: ${fmt(hashMs)}`);
console.log(`   dunguard  verify (audit chain, tables, every file re-hashed, whole process): ${fmt(ver.ms)}  (${(ver.ms / hashMs).toFixed(1)}× baseline)`);
rmSync(tmp, { recursive: true, force: true });
