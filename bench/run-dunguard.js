// One benchmark run in its own process: dunguard's whole check (normalise, rules,
// classifier, score) over the dev set, single-threaded. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { classify } from '../dist/src/engine/check.js';
import { loadEngine } from '../dist/src/data/load.js';

const [path, passesArg] = process.argv.slice(2);
const passes = Number(passesArg ?? 5);
const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const t0 = performance.now();
const engine = await loadEngine(undefined, { phoneNumbers: false });
const loadMs = performance.now() - t0;
let scams = 0;
// One untimed pass, as for the baseline: both are measured in their steady state.
for (const r of rows) classify(engine, { text: r.text, date: '2026-11-28' });
const t1 = performance.now();
const c1 = process.cpuUsage();
for (let p = 0; p < passes; p++) {
  for (const r of rows) if (classify(engine, { text: r.text, date: '2026-11-28' }).verdict === 'scam') scams++;
}
const secs = (performance.now() - t1) / 1000;
const c2 = process.cpuUsage(c1);
const cpuSeconds = (c2.user + c2.system) / 1e6;
console.log(JSON.stringify({ name: 'dunguard', messages: rows.length * passes, seconds: secs, perSecond: (rows.length * passes) / secs, cpuSeconds, cpuPerSecond: (rows.length * passes) / cpuSeconds, loadMs, scamsFound: scams / passes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
