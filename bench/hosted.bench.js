// Hosted mode (dunguard serve --multi-user) under load, on PostgreSQL. Two parts:
//
//  load   200 clients (an account and a case each, logged in once: the session cookie), each a
//         keep-alive connection adding events to its own case through one app process —
//         (a) as fast as they can (closed loop: throughput, latency, errors), (b) paced at half
//         that throughput (open loop: the latency a client sees when the process is not
//         saturated); then (c) the same 200 clients split over two app processes on the same
//         PostgreSQL (throughput ratio two/one). autocannon is the client, in this process.
//  large  a database of DUNGUARD_BENCH_CASES cases (default 10,000) and DUNGUARD_BENCH_EVENTS
//         events (default 1,000,000): one measured client's case of 5,000 events and 3 evidence
//         files, the other cases sharing the rest evenly. Every case is built by the store's own
//         importEvents (each case its own schema, events and audit chain as the app writes them;
//         the whole database verifies), the directory rows in bulk SQL. Then, through an app
//         process, for the heavy client and a typical one: the record page's first draw (the
//         calls it makes at once: a page of 50 events, the counts, evidence, tags), the report
//         (the findings, asked for after the draw), the next page, and for comparison what the
//         page asked for before it was paged (every event and the report with the rest) and the
//         full events list alone; DUNGUARD_BENCH_LARGE_ROUNDS (default 10) rounds.
//         The database (dunguard_bench_large, or DUNGUARD_BENCH_DB) is kept and reused; seeding resumes where it
//         stopped. DUNGUARD_BENCH_SEED_MAX_S bounds the seeding time: the measurement is then
//         made at the size reached, and printed.
//
//  caselist  a staff member with DUNGUARD_BENCH_STAFF_CASES cases shared with them (default 200;
//         each client's case DUNGUARD_BENCH_STAFF_EVENTS events, default 200, written by the
//         store's importEvents): the list summarises them once (the summaries are made in the
//         background, one case at a time: timed), then the staff case list (GET /api/cases: new
//         activity, latest contact, findings) is timed DUNGUARD_BENCH_LARGE_ROUNDS × 2 times, against
//         two baselines measured in the same run: GET /api/me (a request that only checks the
//         session) and the harassment report of every one of the cases, one after another
//         (what the list would cost if it ran the report per case per request).
//
//   DUNGUARD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:hosted
//   node bench/hosted.bench.js load|large|caselist       (one part; after npm run build)
// The URL's user must be able to CREATE DATABASE. PostgreSQL needs max_connections ≥ ~500 for
// the load part (each case a process serves has its own small pool).
// DUNGUARD_BENCH_REPEATS (default 3), DUNGUARD_BENCH_SECONDS (default 10) per load run.
/* global fetch, URL, FormData, Blob, setTimeout */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', 'src', p);
const base = process.env.DUNGUARD_DATABASE_URL;
if (!base) {
  console.error('set DUNGUARD_DATABASE_URL to a PostgreSQL server on which this benchmark may create databases');
  process.exit(2);
}
const part = process.argv[2] ?? 'all';
const REPEATS = Number(process.env.DUNGUARD_BENCH_REPEATS ?? 3);
const SECONDS = Number(process.env.DUNGUARD_BENCH_SECONDS ?? 10);
const CLIENTS = 200;
const PASSWORD = 'correct horse battery';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 }; // accounts made by the bench itself; logins check whatever hash is stored
const home = join(root, '.bench-tmp', 'hosted-home');
mkdirSync(home, { recursive: true });

const { Directory, hashPassword } = await import(dist('hosted/directory.js'));
const { PgStore } = await import(dist('store/postgres/pg-store.js'));

const dbUrl = (name) => {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
};
async function sql(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const range = (xs, f = (x) => x.toFixed(0)) => (xs.length === 1 ? f(xs[0]) : `${f(Math.min(...xs))}–${f(Math.max(...xs))}`);

function startServer(url) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [dist('cli/main.js'), 'serve', '--multi-user', '--port', '0'], {
      env: { ...process.env, DUNGUARD_DATABASE_URL: url, DUNGUARD_HOME: home, DUNGUARD_ADMIN_USERNAME: '', DUNGUARD_ADMIN_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (b) => {
      out += b;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ url: m[1], proc: p });
    });
    p.stderr.on('data', (b) => (out += b));
    p.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}
/** CPU time a process has used, in ms (Linux /proc; undefined elsewhere): the app's own cost per event, apart from the machine's load. */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
const stopServer = (s) => new Promise((r) => (s.proc.exitCode !== null ? r() : (s.proc.once('exit', r), s.proc.kill('SIGTERM'))));

async function login(server, username) {
  const r = await fetch(server + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return /=([^;]+)/.exec(r.headers.get('set-cookie'))[1];
}

const eventBody = (i) => JSON.stringify({ kind: 'sms', at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 2${i % 4}:1${i % 10}`, number: '13800138000', text: `第 ${i} 条：再不还钱就把你的事告诉你所有的联系人和你单位` });

/** autocannon, one connection per client (clients[k] on connection k): POST an event to the client's own case. */
let answered2xx = 0;
function cannon(server, clients, opts = {}) {
  let next = 0;
  return autocannon({
    url: server,
    connections: clients.length,
    duration: SECONDS,
    timeout: 30,
    ...opts,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          if (context.k === undefined) context.k = next++ % clients.length;
          context.n = (context.n ?? 0) + 1;
          const c = clients[context.k];
          return { ...req, path: `/api/cases/${c.caseId}/events`, headers: { 'content-type': 'application/json', cookie: `__Host-dunguard_session=${c.cookie}` }, body: eventBody(context.n) };
        },
      },
    ],
  }).then((r) => {
    answered2xx += r['2xx'];
    return r;
  });
}
const summary = (r) => ({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts, non2xx: r.non2xx });
const line = (s) => `${s.total} requests, ${s.rps.toFixed(0)}/s, p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms, errors ${s.errors}, non-2xx ${s.non2xx}`;

async function loadPart() {
  const name = `dunguard_bench_load_${process.pid}`;
  await sql(base, `CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  const servers = [];
  try {
    const d = await Directory.open({ url, scrypt: CHEAP });
    const clients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const a = await d.createAccount(`client-${String(i).padStart(3, '0')}`, PASSWORD, 'client');
      clients.push({ name: a.username, caseId: (await d.createCase(a, `案件 ${i}`)).id });
    }
    await d.close();
    servers.push(await startServer(url));
    const [A] = servers;
    for (const c of clients) c.cookie = await login(A.url, c.name);
    // Warm-up: every case's schema made and its pool opened before anything is timed.
    for (let i = 0; i < clients.length; i += 20)
      await Promise.all(clients.slice(i, i + 20).map((c) => fetch(`${A.url}/api/cases/${c.caseId}/events`, { headers: { cookie: `__Host-dunguard_session=${c.cookie}` } }).then((r) => r.arrayBuffer())));
    await cannon(A.url, clients, { duration: 3 });

    const one = [];
    const paced = [];
    const two = [];
    servers.push(await startServer(url));
    const B = servers[1];
    // B's pools warmed for its half of the clients.
    await cannon(B.url, clients.slice(CLIENTS / 2), { duration: 3 });
    for (let rep = 1; rep <= REPEATS; rep++) {
      const c0 = cpuMs(A.proc.pid);
      const s1 = summary(await cannon(A.url, clients));
      if (c0 !== undefined) s1.cpu = (cpuMs(A.proc.pid) - c0) / s1.total;
      one.push(s1);
      console.log(`run ${rep}  one process, ${CLIENTS} clients as fast as they can: ${line(s1)}${s1.cpu === undefined ? '' : `; the app process used ${s1.cpu.toFixed(1)} ms CPU per event`}`);
      const rate = Math.max(10, Math.round(s1.rps / 2));
      const sp = summary(await cannon(A.url, clients, { overallRate: rate }));
      sp.rate = rate;
      paced.push(sp);
      console.log(`run ${rep}  one process, ${CLIENTS} clients paced at ${rate} requests/s in all: ${line(sp)}`);
      const [ra, rb] = await Promise.all([cannon(A.url, clients.slice(0, CLIENTS / 2)), cannon(B.url, clients.slice(CLIENTS / 2))]);
      const sa = summary(ra);
      const sb = summary(rb);
      const s2 = { rps: sa.rps + sb.rps, total: sa.total + sb.total, p50: Math.max(sa.p50, sb.p50), p99: Math.max(sa.p99, sb.p99), max: Math.max(sa.max, sb.max), errors: sa.errors + sb.errors, non2xx: sa.non2xx + sb.non2xx };
      two.push(s2);
      console.log(`run ${rep}  two processes, ${CLIENTS / 2} clients each: ${line(s2)} (p50/p99 the worse of the two) — ${(s2.rps / s1.rps).toFixed(2)}× one process`);
    }
    // Nothing lost: every 2xx answer is an event in its case, and the chains are intact.
    const d2 = await Directory.open({ url, scrypt: CHEAP });
    const { recordContextOver } = await import(dist('service/record-context.js'));
    const { verifyEveryCase } = await import(dist('hosted/verify-cases.js'));
    let last;
    const v = await verifyEveryCase(d2, async (row) => {
      await last?.close(); // one case open at a time (verify reads and re-hashes with two connections)
      last = await PgStore.open({ url, schema: row.schema_name, max: 4 });
      return recordContextOver(home, last, last.vault(), {});
    });
    await last?.close();
    await d2.close();
    const schemas = (await sql(url, 'SELECT schema_name FROM dunguard_directory.cases')).rows.map((r) => r.schema_name);
    const q = schemas.map((s) => `SELECT count(*)::int AS n FROM ${s}.events`).join(' UNION ALL ');
    const stored = (await sql(url, `SELECT sum(n)::int AS n FROM (${q}) x`)).rows[0].n;
    // autocannon stops counting at the end of each run; the requests then in flight are still
    // stored, so there are at least as many events as answers.
    console.log(`afterwards: ${answered2xx} events answered 201 within the runs, ${stored} stored in ${v.cases.length} cases (${stored >= answered2xx ? 'none lost' : 'LOST SOME'}); every case's chain and access log intact: ${v.intact}`);
    console.log(
      `\nSUMMARY load (${REPEATS} runs of ${SECONDS} s, ${CLIENTS} clients)\n` +
        `  one process, saturated:  ${range(one.map((s) => s.rps))} events/s, p50 ${range(one.map((s) => s.p50))} ms, p99 ${range(one.map((s) => s.p99))} ms, errors ${one.reduce((n, s) => n + s.errors + s.non2xx, 0)}${one[0].cpu === undefined ? '' : `, app CPU ${range(one.map((s) => s.cpu), (x) => x.toFixed(1))} ms per event`}\n` +
        `  one process, paced (half): ${range(paced.map((s) => s.rate))} events/s offered, p50 ${range(paced.map((s) => s.p50))} ms, p99 ${range(paced.map((s) => s.p99))} ms, errors ${paced.reduce((n, s) => n + s.errors + s.non2xx, 0)}\n` +
        `  two processes, saturated: ${range(two.map((s) => s.rps))} events/s, p99 ${range(two.map((s) => s.p99))} ms, errors ${two.reduce((n, s) => n + s.errors + s.non2xx, 0)}; ratio two/one ${range(two.map((s, i) => s.rps / one[i].rps), (x) => x.toFixed(2))}×`,
    );
  } finally {
    for (const s of servers) await stopServer(s);
    await sql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const CASES = Number(process.env.DUNGUARD_BENCH_CASES ?? 10_000);
const EVENTS = Number(process.env.DUNGUARD_BENCH_EVENTS ?? 1_000_000);
const MEASURED_EVENTS = 5_000;
const ROUNDS = Number(process.env.DUNGUARD_BENCH_LARGE_ROUNDS ?? 10);
const PAGE = 50; // the record page's page size (web/src/pages/RecordPage.tsx)
const SEED_MAX_S = Number(process.env.DUNGUARD_BENCH_SEED_MAX_S ?? Infinity);
const WORKERS = Number(process.env.DUNGUARD_BENCH_SEED_WORKERS ?? 3);

const eventRow = (j, c) => ({
  fields: { kind: j % 3 ? 'sms' : 'call_incoming', occurred_at: new Date(Date.parse('2026-01-01T00:00:00Z') + j * 600_000).toISOString().replace('Z', '+00:00'), time_zone: 'Asia/Shanghai', number: '1701234' + String((j + c) % 10000).padStart(4, '0'), claimed: { platform: '某某金融' }, contacted: 'borrower', content: `第${j}条：您的借款已逾期，再不还款就通知你的通讯录和单位` },
  analysis: null,
  source: 'manual',
});
const caseIdOf = (i) => i.toString(16).padStart(16, '0');

async function largePart() {
  const name = process.env.DUNGUARD_BENCH_DB ?? 'dunguard_bench_large';
  const exists = (await sql(base, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
  if (!exists) await sql(base, `CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  const d = await Directory.open({ url, scrypt: CHEAP });
  const per = Math.floor((EVENTS - MEASURED_EVENTS) / (CASES - 1));
  const t0 = performance.now();
  // The measured client, built with the store's own functions.
  if ((await d.accountByName('measured')) === undefined) {
    const a = await d.createAccount('measured', PASSWORD, 'client');
    const row = await d.createCase(a, '被测案件');
    const store = await PgStore.open({ url, schema: row.schema_name, max: 1 });
    for (let i = 0; i < MEASURED_EVENTS; i += 1000) await store.importEvents(Array.from({ length: 1000 }, (_, j) => eventRow(i + j, 0)));
    await store.close();
  }
  const hash = await hashPassword(PASSWORD, CHEAP);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query(
    `INSERT INTO dunguard_directory.accounts (id, username, role, password_hash, created_at)
     SELECT lpad(to_hex(i), 16, '0'), 'owner-' || i, 'client', $1, '2026-11-01T00:00:00.000Z' FROM generate_series(1, $2::int) i ON CONFLICT DO NOTHING`,
    [hash, CASES - 1],
  );
  const have = new Set((await pool.query(`SELECT id FROM dunguard_directory.cases`)).rows.map((r) => r.id));
  const todo = [];
  for (let i = 1; i < CASES; i++) if (!have.has(caseIdOf(i))) todo.push(i);
  console.log(`seeding: ${have.size} cases there, ${todo.length} to make (${per} events each), ${WORKERS} at a time`);
  let made = 0;
  let stop = false;
  const worker = async () => {
    while (todo.length > 0 && !stop) {
      const i = todo.shift();
      const id = caseIdOf(i);
      const store = await PgStore.open({ url, schema: `case_${id}`, max: 1 });
      await store.importEvents(Array.from({ length: per }, (_, j) => eventRow(j, i)));
      await store.close();
      // The directory row last: a case listed is a case complete (a stopped run resumes cleanly).
      await pool.query(`INSERT INTO dunguard_directory.cases (id, owner_id, title, schema_name, created_at) VALUES ($1, lpad(to_hex($2::int), 16, '0'), $3, $4, '2026-11-01T00:00:00.000Z')`, [id, i, `案件 ${i}`, `case_${id}`]);
      if (++made % 250 === 0) console.log(`  ${have.size + made} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      if ((performance.now() - t0) / 1000 > SEED_MAX_S) stop = true;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await pool.end();
  // What is there, counted exactly.
  const rows = (await sql(url, `SELECT schema_name FROM dunguard_directory.cases`)).rows.map((r) => r.schema_name);
  let events = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const q = rows.slice(i, i + 500).map((s) => `SELECT count(*)::int AS n FROM ${s}.events`).join(' UNION ALL ');
    events += (await sql(url, `SELECT sum(n)::int AS n FROM (${q}) x`)).rows[0].n;
  }
  const size = (await sql(url, `SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
  console.log(`database: ${rows.length.toLocaleString()} cases, ${events.toLocaleString()} events, ${size}${todo.length > 0 ? ` — seeding stopped by DUNGUARD_BENCH_SEED_MAX_S, ${todo.length} cases not made` : ''} (seeding this run: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  await d.close();

  const server = await startServer(url);
  try {
    // The heavy client (5,000 events, 3 evidence files) and a typical one (owner-1: the average case).
    for (const who of ['measured', 'owner-1']) {
      const cookie = await login(server.url, who);
      const h = { cookie: `__Host-dunguard_session=${cookie}` };
      const caseId = (await (await fetch(server.url + '/api/cases', { headers: h })).json())[0].id;
      const cb = `${server.url}/api/cases/${caseId}`;
      const ev = await (await fetch(cb + '/evidence', { headers: h })).json();
      if (who === 'measured' && ev.length === 0) {
        const events = await (await fetch(cb + '/events', { headers: h })).json();
        for (let k = 0; k < 3; k++) {
          const fd = new FormData();
          fd.append('file', new Blob([Buffer.alloc(200_000 + k, k)], { type: 'image/png' }), `shot-${k}.png`);
          const r = await fetch(`${cb}/events/${events[k].id}/evidence`, { method: 'POST', headers: h, body: fd });
          if (r.status !== 201) throw new Error(`upload ${r.status} ${await r.text()}`);
        }
      }
      const get = async (p) => {
        const r = await fetch(cb + p, { headers: h });
        const body = await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
        return body;
      };
      const size = async (p) => (await get(p)).byteLength;
      // The record page's first draw (web/src/pages/RecordPage.tsx, load()): one page of 50 events,
      // the counts its charts draw, the evidence list and the number tags, at once. The findings
      // (the report) are asked for after that draw, the verification after it in the background.
      const drawCalls = [`/events/page?limit=${PAGE}`, '/events/counts', '/evidence', '/tags'];
      // What the page asked for at once before it was paged (f76d14e): every event and the report with the rest — the baseline.
      const oldCalls = ['/events', '/report', '/evidence', '/tags'];
      const timed = async (f) => {
        const t = performance.now();
        await f();
        return performance.now() - t;
      };
      const all = (calls) => () => Promise.all(calls.map(get));
      const cold = await timed(all(drawCalls));
      const firstPage = JSON.parse(Buffer.from(await get(drawCalls[0])).toString('utf8'));
      const t = { draw: [], report: [], findings: [], more: [], old: [], list: [] };
      const each = drawCalls.map(() => []);
      for (let k = 0; k < ROUNDS; k++) {
        t.draw.push(await timed(all(drawCalls)));
        t.report.push(await timed(() => get('/report')));
        // As a person sees it: the draw, then the findings asked for once it is there.
        t.findings.push(
          await timed(async () => {
            await all(drawCalls)();
            await get('/report');
          }),
        );
        if (firstPage.next) t.more.push(await timed(() => get(`/events/page?limit=${PAGE}&cursor=${encodeURIComponent(firstPage.next)}`)));
        t.old.push(await timed(all(oldCalls)));
        t.list.push(await timed(() => get('/events')));
        for (const [i, c] of drawCalls.entries()) each[i].push(await timed(() => get(c)));
      }
      const verifyMs = await timed(() => get('/verify'));
      const bytes = await size('/events');
      const drawBytes = (await Promise.all(drawCalls.map(size))).reduce((a, b) => a + b, 0);
      const med = (xs) => `median ${pct(xs, 50).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
      const verdict = (xs) => (pct(xs, 50) < 200 ? (Math.max(...xs) < 200 ? 'met' : 'median met, not every run') : 'NOT met');
      console.log(
        `\nSUMMARY large — ${who} (${rows.length.toLocaleString()} cases, ${events.toLocaleString()} events in the database; this case ${firstPage.total} events, ${(bytes / 1e6).toFixed(2)} MB of events JSON; ${ROUNDS} rounds; load ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n` +
          `  record page first draw (page of ${PAGE}, counts, evidence, tags at once; ${(drawBytes / 1e3).toFixed(0)} kB): first ${cold.toFixed(0)} ms (case pool opened), then ${med(t.draw)} — < 200 ms ${verdict(t.draw)}\n` +
          `  the draw's calls one at a time: ${drawCalls.map((c, i) => `${c.split('?')[0]} ${pct(each[i], 50).toFixed(0)}`).join(', ')} ms (medians)\n` +
          `  report (the findings, asked after the draw): ${med(t.report)} — < 200 ms ${verdict(t.report)}\n` +
          `  first draw then the report, one after the other (until the findings are there): ${med(t.findings)}\n` +
          (t.more.length ? `  next page (再显示, cursor): ${med(t.more)}\n` : '') +
          `  before paging — every event, report, evidence, tags at once: ${med(t.old)} (first draw ${(pct(t.old, 50) / pct(t.draw, 50)).toFixed(1)}× faster by the medians)\n` +
          `  the full events list alone: ${med(t.list)};  verification (in the background, once): ${verifyMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await stopServer(server);
  }
}

const STAFF_CASES = Number(process.env.DUNGUARD_BENCH_STAFF_CASES ?? 200);
const STAFF_EVENTS = Number(process.env.DUNGUARD_BENCH_STAFF_EVENTS ?? 200);

async function caseListPart() {
  const name = 'dunguard_bench_caselist';
  await sql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await sql(base, `CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  let server;
  try {
    const t0 = performance.now();
    const d = await Directory.open({ url, scrypt: CHEAP });
    await d.createAccount('staff', PASSWORD, 'helper');
    for (let i = 0; i < STAFF_CASES; i++) {
      const a = await d.createAccount(`client-${i}`, PASSWORD, 'client');
      const row = await d.createCase(a, `案件 ${i}`);
      const store = await PgStore.open({ url, schema: row.schema_name, max: 1 });
      await store.importEvents(Array.from({ length: STAFF_EVENTS }, (_, j) => eventRow(j, i)));
      await store.close();
      await d.share(row.id, 'staff');
    }
    await d.close();
    console.log(`caselist: ${STAFF_CASES} cases of ${STAFF_EVENTS} events shared with one staff member, made in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    server = await startServer(url);
    const h = { cookie: `__Host-dunguard_session=${await login(server.url, 'staff')}` };
    const get = async (p) => {
      const r = await fetch(server.url + p, { headers: h });
      const body = await r.json();
      if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
      return body;
    };
    const timed = async (f) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    // Made before the case list had summaries: the first list answers at once and makes them in the background.
    const tb = performance.now();
    let first = await get('/api/cases');
    const firstMissing = first.filter((c) => c.events === null).length;
    while (first.some((c) => c.events === null)) {
      await new Promise((r) => setTimeout(r, 250));
      first = await get('/api/cases');
    }
    const backfillS = (performance.now() - tb) / 1000;
    if (first.length !== STAFF_CASES || first.some((c) => c.events !== STAFF_EVENTS || c.new_events !== STAFF_EVENTS)) throw new Error('the list does not count every case');
    const t = { list: [], me: [] };
    for (let k = 0; k < ROUNDS * 2; k++) {
      t.list.push(await timed(() => get('/api/cases')));
      t.me.push(await timed(() => get('/api/me')));
    }
    const reports = await timed(async () => {
      for (const c of first) await get(`/api/cases/${c.id}/report`);
    });
    const med = (xs) => pct(xs, 50);
    console.log(
      `\nSUMMARY caselist — ${STAFF_CASES} cases × ${STAFF_EVENTS} events shared with one staff member; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n` +
        `  summaries made in the background after the first list (${firstMissing} missing): ${backfillS.toFixed(1)} s (${((backfillS * 1000) / Math.max(1, firstMissing)).toFixed(0)} ms a case)\n` +
        `  staff case list (GET /api/cases, ${ROUNDS * 2} times): median ${med(t.list).toFixed(1)} ms, max ${Math.max(...t.list).toFixed(1)} ms — < 200 ms ${Math.max(...t.list) < 200 ? 'met' : med(t.list) < 200 ? 'median met, not every run' : 'NOT met'}\n` +
        `  baseline GET /api/me: median ${med(t.me).toFixed(1)} ms (list / me ${(med(t.list) / med(t.me)).toFixed(1)}×)\n` +
        `  baseline every case's report one after another (the report per case per list): ${reports.toFixed(0)} ms (${(reports / med(t.list)).toFixed(0)}× the list's median)`,
    );
  } finally {
    if (server) await stopServer(server);
    await sql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

console.log(`hosted benchmark — ${new Date().toISOString()}, node ${process.version}`);
if (part === 'all' || part === 'load') await loadPart();
if (part === 'all' || part === 'large') await largePart();
if (part === 'all' || part === 'caselist') await caseListPart();
