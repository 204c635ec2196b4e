// The PostgreSQL store beside the SQLite one: importing a large record (rows and audit chain, one
// transaction per 10,000 rows), `verify` over it streamed (time and peak memory, each in a fresh
// process), and appends from two processes at once (events per second, chain checked after).
//   DUNGUARD_TEST_DATABASE_URL=postgres://… node bench/pg-store.bench.js   (after npm run build)
//   DUNGUARD_BENCH_EVENTS=200000 for a larger record (default 50,000)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.bench-tmp', 'pg-store');
const url = process.env.DUNGUARD_TEST_DATABASE_URL;
if (!url) {
  console.error('set DUNGUARD_TEST_DATABASE_URL to a PostgreSQL database this benchmark may write throwaway schemas in');
  process.exit(2);
}
const N = Number(process.env.DUNGUARD_BENCH_EVENTS ?? 50_000);
const schema = `bench_${process.pid}`;
const dist = (p) => JSON.stringify(join(root, 'dist', 'src', p));
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

function child(code, env = {}) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${code}\nconsole.log(JSON.stringify({ ...result, maxrss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));`], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, DUNGUARD_HOME: join(tmp, 'home'), ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const open = (backend) =>
  backend === 'pg'
    ? `const { PgStore } = await import(${dist('store/postgres/pg-store.js')}); const store = await PgStore.open({ url: ${JSON.stringify(url)}, schema: ${JSON.stringify(schema)} });`
    : `const { SqliteStore } = await import(${dist('store/sqlite/sqlite-store.js')}); const store = SqliteStore.open(${JSON.stringify(join(tmp, 'home', 'dunguard.sqlite'))});`;

console.log(`PostgreSQL store benchmark — ${new Date().toISOString()}, node ${process.version}, ${N.toLocaleString()} events`);
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'home'), { recursive: true });

for (const backend of ['sqlite', 'pg']) {
  const made = child(`
${open(backend)}
const t = performance.now();
for (let i = 0; i < ${N}; i += 10000) {
  const rows = [];
  for (let j = i; j < Math.min(i + 10000, ${N}); j++) rows.push({ fields: { kind: 'sms', occurred_at: new Date(Date.parse('2026-01-01T00:00:00Z') + j * 60000).toISOString().replace('Z', '+00:00'), time_zone: 'Asia/Shanghai', number: '1701234' + String(j % 10000).padStart(4, '0'), claimed: { platform: '某某金融' }, contacted: 'borrower', content: '第' + j + '条：您的借款已逾期，请登录App还款' }, analysis: null, source: 'manual' });
  await store.importEvents(rows);
}
const result = { ms: performance.now() - t };
await store.close();`);
  const verify = child(`
const { openRecord } = await import(${dist('service/record-context.js')});
const { verifyAll } = await import(${dist('service/verify.js')});
const ctx = await openRecord();
const t = performance.now();
const r = await verifyAll(ctx);
const result = { ms: performance.now() - t, intact: r.intact, entries: r.entries };
await ctx.close();`, backend === 'pg' ? { DUNGUARD_DATABASE_URL: url, DUNGUARD_DATABASE_SCHEMA: schema } : {});
  console.log(`${backend.padEnd(6)} import ${N.toLocaleString()} events: ${fmt(made.ms)} (peak ${made.maxrss_mb} MB)   verify (streamed): ${fmt(verify.ms)}, intact ${verify.intact}, ${verify.entries} entries, peak ${verify.maxrss_mb} MB`);
}

// Two processes appending one event per transaction, at once.
const M = 500;
const appenders = Array.from({ length: 2 }, () => `
${open('pg')}
const t = performance.now();
for (let i = 0; i < ${M}; i++) await store.addEvent({ fields: { kind: 'call_missed', occurred_at: '2026-11-20T10:00:00+08:00', time_zone: 'Asia/Shanghai', claimed: {}, contacted: 'borrower' }, analysis: null, source: 'manual' });
const result = { ms: performance.now() - t };
await store.close();`);
const { spawn } = await import('node:child_process');
const t0 = performance.now();
await Promise.all(
  appenders.map(
    (code) =>
      new Promise((resolve, reject) => {
        const c = spawn(process.execPath, ['--input-type=module', '-e', code + '\nconsole.log(JSON.stringify(result));'], { stdio: ['ignore', 'pipe', 'inherit'] });
        c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('appender failed'))));
      }),
  ),
);
const both = performance.now() - t0;
const check = child(`
${open('pg')}
const { verifyRecord } = await import(${dist('record/verify.js')});
const snap = await store.snapshot();
const result = { entries: snap.audit.length, findings: verifyRecord(snap).length };
await store.close();`);
console.log(`pg     two processes × ${M} single-event transactions at once: ${fmt(both)} (${Math.round((2 * M) / (both / 1000))} events/s incl. start-up), chain ${check.entries} entries, ${check.findings} findings`);

const pg = await import('pg');
const c = new pg.default.Client({ connectionString: url });
await c.connect();
await c.query(`DROP SCHEMA ${schema} CASCADE`);
await c.end();
rmSync(tmp, { recursive: true, force: true });
