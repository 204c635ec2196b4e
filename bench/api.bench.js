// `npm run bench:api` (also run by `npm run bench`): the HTTP API's check under load on
// loopback, measured with autocannon against a named baseline in the same run:
//   baseline  a bare Fastify server (same framework and Node) whose POST route parses the
//             same JSON body and answers a fixed JSON object — the floor any route pays;
//   dunguard  `dunguard serve` answering POST /api/check with the full check result.
// Each server runs in its own process (pinned to core 1 where taskset exists; autocannon
// runs here, on core 0). Two loads: a fixed 500 requests/s for 10 s (the target:
// p99 < 10 ms), and as fast as 10 connections go for 5 s (requests/s). The texts are the
// dev set's messages, cycled.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from './server-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.DUNGUARD_DEV_DATA ?? join(root, '..', 'shared', 'data', 'dev.jsonl');
if (!existsSync(data)) {
  console.error(`bench: the dev data ${data} is missing (set DUNGUARD_DEV_DATA)`);
  process.exit(2);
}
const texts = readFileSync(data, 'utf8').split('\n').filter(Boolean).slice(0, 500).map((l) => JSON.parse(l).text);
const pin = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '1'] : [];

const BASELINE = `
  const Fastify = (await import('fastify')).default;
  const app = Fastify({ bodyLimit: 8 * 1024 * 1024 });
  const answer = { verdict: 'other', confidence: 0.5, signals: [] };
  app.post('/api/check', async (req) => (typeof req.body.text === 'string' ? answer : { error: 'text' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log('baseline http://127.0.0.1:' + app.server.address().port + '/');
`;

function load(port, headers, opts) {
  const requests = texts.map((text) => ({ method: 'POST', path: '/api/check', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text, date: '2026-11-20' }) }));
  return autocannon({ url: `http://127.0.0.1:${port}`, requests, connections: 10, ...opts });
}

async function measure(name, port, headers) {
  await load(port, headers, { duration: 3 }); // warm-up
  // autocannon paces a rate by sending each second's share at once per connection, then idling;
  // its coordinated-omission correction assumes a 1 ms interval here, so it is off: these are
  // the latencies of requests sent 10 at a time in each second's burst (stricter than even pacing).
  const fixed = await load(port, headers, { duration: 10, overallRate: 500, ignoreCoordinatedOmission: true });
  const max = await load(port, headers, { duration: 5 });
  const bad = fixed.non2xx + max.non2xx + fixed.errors + max.errors;
  if (bad > 0) throw new Error(`${name}: ${bad} failed requests`);
  return { name, p50: fixed.latency.p50, p99: fixed.latency.p99, max: fixed.latency.max, rate: fixed.requests.average, rps: max.requests.average, p99AtMax: max.latency.p99 };
}

const home = mkdtempSync(join(tmpdir(), 'dunguard-bench-api-'));
const servers = [];
try {
  const base = await startServer(root, ['--input-type=module', '-e', BASELINE], {}, pin);
  servers.push(base.child);
  const dg = await startServer(root, ['dist/src/cli/main.js', 'serve', '--port', '0'], { DUNGUARD_HOME: home }, pin);
  servers.push(dg.child);
  const token = readFileSync(join(home, 'api-token'), 'utf8').trim();
  const b = await measure('baseline (bare Fastify, fixed JSON)', base.port, {});
  const d = await measure('dunguard POST /api/check', dg.port, { 'x-dunguard-token': token });
  const row = (r) => `   ${r.name.padEnd(38)} p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms at ${Math.round(r.rate)} req/s; flat out ${Math.round(r.rps).toLocaleString('en')} req/s (p99 ${r.p99AtMax} ms)`;
  console.log(`\n4. HTTP API check on loopback (autocannon, 10 connections, ${texts.length} dev messages cycled)`);
  console.log(row(b));
  console.log(row(d));
  console.log(`   p99 at 500 req/s: ${d.p99} ms (target < 10 ms) — ${d.p99 < 10 ? 'met' : 'NOT met'}; ${(d.p99 / Math.max(b.p99, 1)).toFixed(1)}× the baseline's p99`);
  console.log(`   flat-out throughput: ${(d.rps / b.rps * 100).toFixed(1)} % of the baseline's`);
} finally {
  for (const s of servers) s.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
}
