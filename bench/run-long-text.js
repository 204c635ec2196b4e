// One benchmark run in its own process (part 4 of `npm run bench`): one very long text — the dev
// set's messages joined, repeated up to the check's longest (2 Mi characters) — against the same
// messages checked one by one. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { check, MAX_TEXT_LENGTH } from '../dist/src/engine/check.js';
import { loadEngine } from '../dist/src/data/load.js';

const [path, charsArg] = process.argv.slice(2);
const chars = Math.min(MAX_TEXT_LENGTH, Number(charsArg ?? MAX_TEXT_LENGTH));
const texts = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const parts = [];
let length = 0;
for (let i = 0; length + texts[i % texts.length].length + 1 <= chars; i++) {
  parts.push(texts[i % texts.length]);
  length += texts[i % texts.length].length + 1;
}
const engine = await loadEngine(undefined, { phoneNumbers: false });
const date = '2026-11-28';
for (const t of texts.slice(0, 500)) check(engine, { text: t, date }); // warm-up, untimed
const t0 = performance.now();
for (const t of parts) check(engine, { text: t, date });
const eachMs = performance.now() - t0;
const long = parts.join('\n');
const t1 = performance.now();
check(engine, { text: long, date });
const longMs = performance.now() - t1;
console.log(JSON.stringify({ chars: long.length, messages: parts.length, eachMs, longMs, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
