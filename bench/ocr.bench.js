// `npm run bench:ocr`: reading a phone screenshot (test/fixtures/ocr: 3 screens, clean PNG and
// degraded JPEG), time per image and character accuracy on the message text, beside two named
// baselines in the same run:
//   - the native Tesseract CLI (Debian tesseract-ocr 5.3, same chi_sim data, --psm 3) on the
//     same file — what the same engine does natively with no preparation (skipped, and said
//     so, where `tesseract` is not installed: apt-get install tesseract-ocr);
//   - a plain decode of the file (pngjs / jpeg-js) — the floor for touching the pixels at all.
// dunguard's time is its whole path (decode, prepare, recognise in its worker thread), warm
// (the worker and data loaded once first, reported as start-up). Median of BENCH_RUNS (3).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const FIX = join(root, 'test', 'fixtures', 'ocr');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const { ScreenshotReader } = await import(join(root, 'dist', 'src', 'ocr', 'reader.js'));
const { characterAccuracy } = await import(join(root, 'dist', 'src', 'ocr', 'accuracy.js'));
const { findChineseData } = await import(join(root, 'dist', 'src', 'ocr', 'tessdata.js'));
const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');

const screens = JSON.parse(readFileSync(join(FIX, 'messages.json'), 'utf8')).screens;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const data = findChineseData();
const hasCli = spawnSync('tesseract', ['--version']).status === 0;

const reader = new ScreenshotReader();
let t = performance.now();
await reader.recognise(readFileSync(join(FIX, `${screens[0].id}.png`)));
const firstMs = performance.now() - t;

const rows = [];
for (const variant of ['.png', '-degraded.jpg']) {
  const acc = { ours: [0, 0], cli: [0, 0] };
  const times = { ours: [], cli: [], decode: [] };
  for (const s of screens) {
    const file = join(FIX, s.id + variant);
    const bytes = readFileSync(file);
    const texts = s.messages.map((m) => m.text);
    const ours = [];
    const cli = [];
    const dec = [];
    let ourText = '';
    let cliText = '';
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      ourText = (await reader.recognise(bytes)).text;
      ours.push(performance.now() - t);
      t = performance.now();
      if (variant.endsWith('.png')) PNG.sync.read(bytes);
      else jpeg.decode(bytes, { useTArray: true });
      dec.push(performance.now() - t);
      if (hasCli) {
        t = performance.now();
        const r = spawnSync('tesseract', [file, 'stdout', '-l', 'chi_sim', '--psm', '3', '--tessdata-dir', data.langPath], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        cli.push(performance.now() - t);
        cliText = r.stdout;
      }
    }
    times.ours.push(median(ours));
    times.decode.push(median(dec));
    const a = characterAccuracy(ourText, texts);
    acc.ours[0] += a.edits;
    acc.ours[1] += a.chars;
    if (hasCli) {
      times.cli.push(median(cli));
      const c = characterAccuracy(cliText, texts);
      acc.cli[0] += c.edits;
      acc.cli[1] += c.chars;
    }
  }
  const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;
  rows.push({ variant, ours: mean(times.ours), decode: mean(times.decode), cli: hasCli ? mean(times.cli) : undefined, accOurs: 1 - acc.ours[0] / acc.ours[1], accCli: hasCli ? 1 - acc.cli[0] / acc.cli[1] : undefined });
}
await reader.close();

console.log(`OCR of phone screenshots (${screens.length} screens, median of ${RUNS} runs each; data: ${data.source})`);
console.log(`start-up (worker + data) and first image: ${firstMs.toFixed(0)} ms`);
for (const r of rows) {
  const name = r.variant === '.png' ? 'clean PNG 780×1688' : 'degraded JPEG 468×1013';
  console.log(`\n${name}:`);
  console.log(`  dunguard (decode, prepare, recognise): ${r.ours.toFixed(0)} ms per image, accuracy ${r.accOurs.toFixed(3)}`);
  if (r.cli !== undefined) console.log(`  baseline tesseract CLI (native, 1 thread, no preparation): ${r.cli.toFixed(0)} ms per image, accuracy ${r.accCli.toFixed(3)}  → dunguard ${(r.ours / r.cli).toFixed(2)}× its time`);
  else console.log('  baseline tesseract CLI: not installed here (apt-get install tesseract-ocr), not measured');
  console.log(`  baseline plain decode: ${r.decode.toFixed(1)} ms per image → dunguard ${(r.ours / r.decode).toFixed(0)}× the decode`);
}
