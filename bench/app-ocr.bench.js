/* global document, atob, DataTransfer, File, Event, setTimeout, Worker, Blob, URL -- the page.evaluate() bodies run in the browser */
// `npm run bench:ocr` (second part): reading a phone screenshot in the offline app (dist/app),
// in the browser — tesseract.js in the app's OCR worker, its files from the app's own folder —
// under chromium's 4× CPU throttling (CDP Emulation.setCPUThrottlingRate, which stands in for a
// mid-range phone), beside two baselines measured in the same run on the same files:
//   - the server's OCR in Node (src/ocr/reader.ts: the same preparation, data and settings);
//   - the same page without throttling.
// Chromium's CPU throttling slows only the page's main thread, not its workers ("Operation is
// only supported for pages, not workers"), and OCR runs in workers: the bench measures this
// with a plain loop in a worker at 1× and at the throttled rate, and reports, beside the measured
// throttled time, the unthrottled time × the rate as the estimate for a phone that much slower —
// by the wall clock, and by the CPU time of the browser's threads (from /proc: the OCR workers'
// threads, and all), which unlike the wall clock does not count the wait for a core on a loaded
// machine. Time per image: from handing the file to "from a screenshot" to the text in the box
// (the page's own clock), warm: the OCR worker, core and data loaded by one image first, handed
// over as a person picks it (a tap on the picker, BENCH_PICK_MS choosing; reported as start-up).
// The CPU outside the workers is split by kind of thread (the page's main thread, compositing…).
// Median of BENCH_RUNS (3) per image. Target: ≤ 3 s per screenshot under the throttling.
// BENCH_APP measures another build (a kept copy of dist/app) for before/after runs. Skipped, with
// a message, without chromium or without OCR files in dist/app.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_APP: another build of the app to measure (a copy of dist/app kept from before a change), for before/after runs.
const APP = process.env.BENCH_APP ?? join(root, 'dist', 'app');
const FIX = join(root, 'test', 'fixtures', 'ocr');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RATE = Number(process.env.BENCH_CPU_THROTTLE ?? 4);
/** How long the person takes to choose the first screenshot after tapping the picker (the app may start its reader meanwhile). */
const PICK_MS = Number(process.env.BENCH_PICK_MS ?? 3000);
const CHROMIUM = process.env.DUNGUARD_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM) || !existsSync(join(APP, 'ocr'))) {
  console.log(`\nOCR in the offline app: skipped (${existsSync(CHROMIUM) ? 'dist/app was built without OCR data' : `no chromium at ${CHROMIUM}`})`);
  process.exit(0);
}
const { ScreenshotReader } = await import(join(root, 'dist', 'src', 'ocr', 'reader.js'));
const { characterAccuracy } = await import(join(root, 'dist', 'src', 'ocr', 'accuracy.js'));
const screens = JSON.parse(readFileSync(join(FIX, 'messages.json'), 'utf8')).screens;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const files = screens.flatMap((s) => [`${s.id}.png`, `${s.id}-degraded.jpg`].map((f) => ({ file: f, texts: s.messages.map((m) => m.text) })));

// A plain static host for dist/app, as in test/e2e/app-ocr.test.ts.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(APP, path.slice(1) || 'index.html'));
  if (!file.startsWith(APP + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

/**
 * CPU seconds used so far by the processes this bench started (chromium's browser, renderer and
 * GPU processes), from /proc, thread by thread: `workers` for chromium's dedicated-worker threads
 * (the app's OCR worker and tesseract.js's worker inside it, where the reading happens), `all` for
 * every thread (the page's main thread, compositing, the browser process…). The work an image
 * costs, which on this shared machine, unlike the wall-clock time, does not grow with the time
 * spent waiting for a core while other jobs run. Undefined where there is no /proc.
 */
const TICK = 100; // USER_HZ, 100 on Linux
function childrenCpu() {
  if (!existsSync('/proc/self/task')) return undefined;
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* ended meanwhile */
    }
  }
  const ours = (pid) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let all = 0;
  let workers = 0;
  const byThread = new Map();
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    let tasks = [];
    let type = 'browser';
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
      type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const s = (Number(f[11]) + Number(f[12])) / TICK;
        all += s;
        if (name.startsWith('DedicatedWorker')) workers += s;
        else {
          // The other threads by process and kind (renderer CrRendererMain, Compositor, ThreadPoolForeg…: the numbers cut off).
          const kind = `${type} ${name.replace(/[\d/.-]+$/, '')}`;
          byThread.set(kind, (byThread.get(kind) ?? 0) + s);
        }
      } catch {
        /* ended meanwhile */
      }
    }
  }
  return { all, workers, byThread };
}

/** One screenshot through the page: the file handed to the input, then the text in the box; the page's clock, and the browser's CPU time. */
async function readInPage(page, f) {
  const c0 = childrenCpu();
  const r = await readInPageOnly(page, f);
  const c1 = childrenCpu();
  const others = c0 === undefined ? undefined : Object.fromEntries([...c1.byThread].map(([k, v]) => [k, (v - (c0.byThread.get(k) ?? 0)) * 1000]).filter(([, v]) => v > 0));
  return { ...r, cpu: c0 === undefined ? undefined : (c1.all - c0.all) * 1000, workerCpu: c0 === undefined ? undefined : (c1.workers - c0.workers) * 1000, others };
}

async function readInPageOnly(page, { file }) {
  const b64 = readFileSync(join(FIX, file)).toString('base64');
  return page.evaluate(
    async ({ b64, name }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const input = document.querySelector('.ocr input[type=file]');
      const status = () => document.querySelector('.ocr [role=status]')?.textContent ?? '';
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' }));
      const t0 = performance.now();
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      let seenBusy = false;
      for (;;) {
        // A timer, not requestAnimationFrame: a frame drawn 60 times a second (1080 × 2220 device
        // pixels, drawn in software here) would cost the browser more CPU than the page itself.
        await new Promise((r) => setTimeout(r, 20));
        const s = status();
        if (s.includes('正在识别')) seenBusy = true;
        else if (seenBusy && s.includes('已识别')) break;
        if (document.querySelector('.ocr [role=alert]')) throw new Error(document.querySelector('.ocr [role=alert]').textContent);
        if (performance.now() - t0 > 120_000) throw new Error('no text after 120 s');
      }
      return { ms: performance.now() - t0, text: document.querySelector('textarea').value };
    },
    { b64, name: file },
  );
}

/**
 * A fixed loop on the main thread and in a dedicated worker, on a blank page of its own (the app's
 * CSP allows no blob: worker) throttled at the same rate: how much the throttling slows each.
 */
async function loops(context, rate) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const r = await page.evaluate(async () => {
    const src = 'onmessage=()=>{const t=performance.now();let x=0;for(let i=0;i<2e7;i++)x+=Math.sqrt(i);postMessage(performance.now()-t)}';
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    const worker = await new Promise((r) => {
      w.onmessage = (e) => r(e.data);
      w.postMessage(0);
    });
    w.terminate();
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 2e7; i++) x += Math.sqrt(i);
    return { main: performance.now() - t + x * 0, worker };
  });
  await page.close();
  return r;
}

async function inBrowser(rate) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(origin + '/#/check');
    await page.locator('.ocr input[type=file]').waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const probe = await loops(context, rate);
    // The first screenshot as a person picks it: a tap on the picker (the file chooser, answered
    // by the bench), PICK_MS spent choosing, then the file; timed from the file, as the others.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.ocr input[type=file]').click();
    await chooser;
    await page.waitForTimeout(PICK_MS);
    const first = await readInPage(page, files[0]);
    const out = [];
    for (const f of files) {
      const ms = [];
      const cpu = [];
      const workerCpu = [];
      const others = [];
      let text = '';
      for (let i = 0; i < RUNS; i++) ({ ms: ms[ms.length], cpu: cpu[cpu.length], workerCpu: workerCpu[workerCpu.length], others: others[others.length], text } = await readInPage(page, f));
      out.push({ ...f, ms: median(ms), cpu: cpu.includes(undefined) ? undefined : median(cpu), workerCpu: workerCpu.includes(undefined) ? undefined : median(workerCpu), others, accuracy: characterAccuracy(text, f.texts), text });
    }
    return { first: first.ms, out, probe };
  } finally {
    await browser.close();
  }
}

async function inNode() {
  const reader = new ScreenshotReader();
  try {
    let t = performance.now();
    const first = await reader.recognise(readFileSync(join(FIX, files[0].file)));
    const firstMs = performance.now() - t;
    void first;
    const out = [];
    for (const f of files) {
      const bytes = readFileSync(join(FIX, f.file));
      const ms = [];
      let text = '';
      for (let i = 0; i < RUNS; i++) {
        t = performance.now();
        text = (await reader.recognise(bytes)).text;
        ms.push(performance.now() - t);
      }
      out.push({ ...f, ms: median(ms), accuracy: characterAccuracy(text, f.texts), text });
    }
    return { first: firstMs, out };
  } finally {
    await reader.close();
  }
}

try {
  const node = await inNode();
  const plain = await inBrowser(1);
  const slow = await inBrowser(RATE);
  console.log(`\nOCR in the offline app (chromium, phone emulation), median of ${RUNS} runs per image, beside the server's OCR in Node in the same run`);
  console.log(`start-up and first image: Node ${node.first.toFixed(0)} ms; in the browser from the file chosen, the picker tapped ${PICK_MS} ms before: ${plain.first.toFixed(0)} ms, at ${RATE}× CPU throttling ${slow.first.toFixed(0)} ms (the OCR files from the local host)`);
  const sec = (ms) => (ms === undefined ? '—' : (ms / 1000).toFixed(2) + 's');
  console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
  console.log(`${'image'.padEnd(28)} ${'Node'.padStart(8)} ${'browser'.padStart(9)} ${'CPU: workers / all'.padStart(19)} ${`browser ${RATE}×`.padStart(11)}  ${`${RATE}× / Node`.padStart(9)}  accuracy Node / browser 1× / browser ${RATE}×  same text`);
  for (const [i, n] of node.out.entries()) {
    const p = plain.out[i];
    const s = slow.out[i];
    console.log(`${n.file.padEnd(28)} ${sec(n.ms).padStart(8)} ${sec(p.ms).padStart(9)} ${`${sec(p.workerCpu)} / ${sec(p.cpu)}`.padStart(19)} ${sec(s.ms).padStart(11)}  ${(s.ms / n.ms).toFixed(2).padStart(8)}×  ${n.accuracy.accuracy.toFixed(3)} / ${p.accuracy.accuracy.toFixed(3)} / ${s.accuracy.accuracy.toFixed(3)}           ${n.text === s.text && n.text === p.text ? 'yes' : 'no'}`);
  }
  console.log(
    `CPU throttling ${RATE}× slowed a plain loop on the page's main thread ${(slow.probe.main / plain.probe.main).toFixed(1)}×, in a worker ${(slow.probe.worker / plain.probe.worker).toFixed(1)}× — ` +
      `OCR runs in workers, so the "browser ${RATE}×" column is mostly unthrottled; the estimate for a phone ${RATE}× slower than this machine is the browser time × ${RATE}:`,
  );
  // The CPU outside the OCR workers, per image at 1×, by kind of thread (the mean over every reading).
  const readings = plain.out.flatMap((x) => x.others).filter((o) => o !== undefined);
  if (readings.length > 0) {
    const sum = new Map();
    for (const o of readings) for (const [k, v] of Object.entries(o)) sum.set(k, (sum.get(k) ?? 0) + v / readings.length);
    const top = [...sum].sort((a, b) => b[1] - a[1]);
    console.log(`CPU per image at 1× outside the OCR workers, by thread (mean of ${readings.length} readings): ${(top.reduce((a, [, v]) => a + v, 0) / 1000).toFixed(3)} s — ${top.slice(0, 6).map(([k, v]) => `${k} ${(v / 1000).toFixed(3)} s`).join(', ')}`);
  }
  for (const kind of ['.png', '-degraded.jpg']) {
    const pick = (r) => r.out.filter((x) => x.file.endsWith(kind));
    const t = (r) => mean(pick(r).map((x) => x.ms)) / 1000;
    const worst = Math.max(...pick(slow).map((x) => x.ms)) / 1000;
    const estimate = t(plain) * RATE;
    const cpus = pick(plain).map((x) => x.cpu);
    const cpuMean = cpus.includes(undefined) ? undefined : mean(cpus) / 1000;
    const cpuEstimate = cpuMean === undefined ? undefined : cpuMean * RATE;
    const workerMean = cpuMean === undefined ? undefined : mean(pick(plain).map((x) => x.workerCpu)) / 1000;
    console.log(
      `${kind === '.png' ? 'clean PNG' : 'degraded JPEG'}: mean Node ${t(node).toFixed(2)} s, browser ${t(plain).toFixed(2)} s (${(t(plain) / t(node)).toFixed(2)}× Node), ` +
        `browser under CDP ${RATE}× ${t(slow).toFixed(2)} s (worst ${worst.toFixed(2)} s), estimated at ${RATE}× slower CPU ${estimate.toFixed(1)} s → target ≤ 3 s ${estimate <= 3 ? 'met' : 'NOT met'}` +
        (cpuEstimate === undefined
          ? ''
          : `; by CPU time at 1× × ${RATE} — the OCR workers' threads ${workerMean.toFixed(2)} s per image → ${(workerMean * RATE).toFixed(1)} s, all of the browser's threads ${cpuMean.toFixed(2)} s (worst ${(Math.max(...cpus) / 1000).toFixed(2)} s) → ${cpuEstimate.toFixed(1)} s: ${cpuEstimate <= 3 ? 'met' : 'NOT met'}`),
    );
  }
} finally {
  server.close();
}
