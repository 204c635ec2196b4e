// The named baseline in its own process: wink-naive-bayes-text-classifier with character
// bigrams, trained on the same dev set, classifying it. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Classifier = require('wink-naive-bayes-text-classifier');
const nlp = require('wink-nlp-utils');

const [path, passesArg] = process.argv.slice(2);
const passes = Number(passesArg ?? 5);
const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const t0 = performance.now();
const nbc = Classifier();
nbc.definePrepTasks([(text) => nlp.string.ngram(text, 2)]);
nbc.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
for (const r of rows) nbc.learn(r.text, r.label);
nbc.consolidate();
const trainMs = performance.now() - t0;
let scams = 0;
// One untimed pass, as for dunguard: both are measured in their steady state.
for (const r of rows) nbc.predict(r.text);
const t1 = performance.now();
const c1 = process.cpuUsage();
for (let p = 0; p < passes; p++) for (const r of rows) if (nbc.predict(r.text) === 'scam') scams++;
const secs = (performance.now() - t1) / 1000;
const c2 = process.cpuUsage(c1);
const cpuSeconds = (c2.user + c2.system) / 1e6;
console.log(JSON.stringify({ name: 'wink-naive-bayes (char bigrams)', messages: rows.length * passes, seconds: secs, perSecond: (rows.length * passes) / secs, cpuSeconds, cpuPerSecond: (rows.length * passes) / cpuSeconds, trainMs, scamsFound: scams / passes, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
