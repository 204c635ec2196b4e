// `npm run bench` (part 6): what a phone downloads on its first visit to the offline app
// (dist/app): every file the service worker precaches — the app shell, the check worker, the
// data bundle and the model — raw, gzip -9 and brotli (what a static host sends compressed),
// against the budget of 1.5 MB compressed. A size, not a time: it is the same on every machine.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET = 1.5 * 1024 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'dist', 'app');
if (!existsSync(join(app, 'sw.js'))) {
  console.error('dist/app/sw.js is missing: run npm run build');
  process.exit(1);
}

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(app);

// The precache list the build wrote into sw.js, plus sw.js itself (the browser fetches it to install).
const sw = readFileSync(join(app, 'sw.js'), 'utf8');
const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
const firstVisit = files.filter((f) => {
  const rel = relative(app, f);
  return precached.has(rel) || rel === 'sw.js' || rel === 'registerSW.js' || rel.startsWith('workbox-');
});

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';
let raw = 0;
let gz = 0;
let br = 0;
console.log('\n6. Offline app, first visit (dist/app, every file the service worker precaches)');
console.log('file'.padEnd(44) + 'raw'.padStart(12) + 'gzip -9'.padStart(12) + 'brotli'.padStart(12));
for (const f of firstVisit.sort()) {
  const b = readFileSync(f);
  const g = gzipSync(b, { level: 9 }).length;
  const r = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += b.length;
  gz += g;
  br += r;
  console.log(relative(app, f).padEnd(44) + kb(b.length) + kb(g) + kb(r));
}
const missing = [...precached].filter((u) => !firstVisit.some((f) => relative(app, f) === u));
if (missing.length) console.log(`precached but not found: ${missing.join(', ')}`);
console.log('total'.padEnd(44) + kb(raw) + kb(gz) + kb(br));
const verdict = (n) => (n <= BUDGET ? `within the ${(BUDGET / 1024 / 1024).toFixed(1)} MiB budget` : `OVER the ${(BUDGET / 1024 / 1024).toFixed(1)} MiB budget`);
console.log(`gzip: ${(gz / 1024 / 1024).toFixed(2)} MiB, ${verdict(gz)}; brotli: ${(br / 1024 / 1024).toFixed(2)} MiB, ${verdict(br)}`);
if (gz > BUDGET) process.exitCode = 1;
