// `npm run bench`: dunguard's speed as ratios against named baselines measured in the same
// run, each in its own process pinned to one core (taskset, where present):
//  1. messages/s of the whole check over the dev set vs wink-naive-bayes-text-classifier
//     (character bigrams, trained on the same data) — the target is ≥ 10×;
//  2. the same for `dunguard classify` as a whole process (start-up, JSON in and out);
//  3. cold start of `dunguard check` vs a bare `node -e 0` — the target is < 300 ms;
//  4. one text of the check's longest (2 Mi characters: the dev set's messages joined) vs the
//     same messages checked one by one — the time must grow with the text, not its square
//     (target: within 2× of the one-by-one time; a 337,000-character text once took 75 s).
// Peak memory (max RSS) is printed for each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.DUNGUARD_DEV_DATA ?? join(root, '..', 'shared', 'data', 'dev.jsonl');
if (!existsSync(data)) {
  console.error(`bench: the dev data ${data} is missing (set DUNGUARD_DEV_DATA)`);
  process.exit(2);
}
const passes = Number(process.env.BENCH_PASSES ?? 5);
const pin = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
const node = process.execPath;

function runJson(args) {
  const [cmd, ...rest] = [...pin, node, ...args];
  const r = spawnSync(cmd, rest, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function timeCommand(args, runs, env = {}) {
  const times = [];
  const cpu = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const [cmd, ...rest] = [...pin, '/usr/bin/time', '-f', '%U %S %M', node, ...args];
    const r = spawnSync(cmd, rest, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const [user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    cpu.push((user + sys) * 1000);
    rss = Math.max(rss, kb / 1024);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times[times.length - 1], cpuMedianMs: cpu[Math.floor(cpu.length / 2)], maxRssMB: rss };
}

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const results = {};

console.log(`dunguard benchmark — ${new Date().toISOString()}, node ${process.version}, ${pin.length ? 'pinned to core 0' : 'not pinned'}`);
console.log(`data: ${data}, ${passes} passes`);
// What a start loads: the built bundle and the engine's prebuilt tables, or (when a data file
// changed since the build) the sources, validated — a much slower start, measured as such.
const { readFreshBundle, bundleSha } = await import('../dist/src/data/bundle.js');
const { readEngineTables } = await import('../dist/src/data/engine-tables.js');
function startKind() {
  const bundle = readFreshBundle(root);
  return { freshBundle: bundle !== undefined, prebuiltTables: bundle !== undefined && readEngineTables(root, bundleSha(bundle)) !== undefined };
}
results.start = startKind();
console.log(
  !results.start.freshBundle
    ? 'start: WARNING — dist/data/bundle.json is missing or older than data/: every start reads and validates the sources (run npm run build)\n'
    : `start: the built data bundle, ${results.start.prebuiltTables ? 'with' : 'WITHOUT'} the engine's prebuilt tables\n`,
);

// 1. In-process throughput, one core: three rounds, alternating, the median of each side
// (this shared machine's speed drifts; alternating exposes both to the same drift).
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const winkRuns = [];
const ourRuns = [];
for (let r = 0; r < rounds; r++) {
  winkRuns.push(runJson(['bench/run-wink.js', data, String(passes)]));
  ourRuns.push(runJson(['bench/run-dunguard.js', data, String(passes * 2)]));
}
const median = (runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
const wink = median(winkRuns);
const ours = median(ourRuns);
results.throughput = { dunguard: ours, baseline: wink, ratio: ours.perSecond / wink.perSecond };
console.log(`1. Classification throughput, one core, in process (messages/s; median of ${rounds} alternating rounds, after one untimed pass each)`);
console.log(`   baseline  wink-naive-bayes (char bigrams): ${fmt(wink.perSecond)} msg/s, peak RSS ${fmt(wink.maxRssMB)} MB`);
console.log(`   dunguard  whole check (rules + model):   ${fmt(ours.perSecond)} msg/s, peak RSS ${fmt(ours.maxRssMB)} MB`);
console.log(`   ratio dunguard / baseline: ${fmt(results.throughput.ratio, 2)}×  (target ≥ 10×); per round: ${ourRuns.map((o, i) => fmt(o.perSecond / winkRuns[i].perSecond, 1) + '×').join(', ')}`);
// CPU time (user + system) moves far less than wall time when other work shares the core.
const cpuMedian = (runs) => [...runs].map((r) => r.cpuPerSecond).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
results.throughput.cpuRatio = cpuMedian(ourRuns) / cpuMedian(winkRuns);
console.log(`   by CPU time: baseline ${fmt(cpuMedian(winkRuns))} msg/s, dunguard ${fmt(cpuMedian(ourRuns))} msg/s, ratio ${fmt(results.throughput.cpuRatio, 2)}×\n`);

// 2. Whole process: `dunguard classify` over the dev set as JSON Lines, single-threaded.
// Several runs (BENCH_WHOLE_RUNS, default 5): the median is the figure, the range shows the
// noise. The same command over an empty file is the fixed cost (start-up, loading the data).
const tmp = join(root, '.bench-tmp');
mkdirSync(tmp, { recursive: true });
const lines = readFileSync(data, 'utf8').split('\n').filter(Boolean);
const input = join(tmp, 'input.jsonl');
writeFileSync(input, Array.from({ length: passes }, () => lines.join('\n')).join('\n') + '\n');
const empty = join(tmp, 'empty.jsonl');
writeFileSync(empty, '');
const n = lines.length * passes;
const wholeRuns = Number(process.env.BENCH_WHOLE_RUNS ?? 5);
const whole = timeCommand(['dist/src/cli/main.js', 'classify', '--quiet', '--input', input], wholeRuns, { DUNGUARD_WORKERS: '0' });
const fixed = timeCommand(['dist/src/cli/main.js', 'classify', '--quiet', '--input', empty], wholeRuns, { DUNGUARD_WORKERS: '0' });
results.wholeProcess = { messages: n, ...whole, perSecond: n / (whole.medianMs / 1000), ratioToBaseline: n / (whole.medianMs / 1000) / wink.perSecond, emptyInput: fixed };
const ratioAt = (ms) => fmt(n / (ms / 1000) / wink.perSecond, 2);
console.log('2. `dunguard classify` as a whole process, one thread (start-up and JSON included)');
console.log(`   ${fmt(n)} messages in ${fmt(whole.medianMs)} ms (median of ${wholeRuns}; ${fmt(whole.minMs)}–${fmt(whole.maxMs)} ms): ${fmt(results.wholeProcess.perSecond)} msg/s, peak RSS ${fmt(whole.maxRssMB)} MB`);
console.log(`   ratio to the baseline's in-process rate: ${fmt(results.wholeProcess.ratioToBaseline, 2)}× (target ≥ 10×; ${ratioAt(whole.maxMs)}–${ratioAt(whole.minMs)}× over the runs)`);
results.wholeProcess.cpuRatioToBaseline = n / (whole.cpuMedianMs / 1000) / cpuMedian(winkRuns);
console.log(`   by CPU time: ${fmt(whole.cpuMedianMs)} ms (median), ${fmt(results.wholeProcess.cpuRatioToBaseline, 2)}× the baseline's in-process CPU rate`);
console.log(`   the same command over an empty file (start-up and data only): ${fmt(fixed.medianMs)} ms, CPU ${fmt(fixed.cpuMedianMs)} ms (medians of ${wholeRuns})\n`);

// A data file edited while the benchmark ran makes the bundle stale: the starts timed after
// that read the sources, and the figures above are not the built command's.
results.startAfter = startKind();
if (results.startAfter.freshBundle !== results.start.freshBundle || results.startAfter.prebuiltTables !== results.start.prebuiltTables) {
  console.log('WARNING: a data file changed during the run (the bundle is now stale): the whole-process figures mix the two kinds of start; run npm run build and measure again\n');
}

// 3. Cold start.
const bare = timeCommand(['-e', '0'], 9);
const check = timeCommand(['dist/src/cli/main.js', 'check', '您好，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账', '--json'], 9);
const checkNum = timeCommand(['dist/src/cli/main.js', 'check', '您的借款已逾期', '--number', '13800138000', '--json'], 9);
results.startup = { bareNode: bare, check, checkWithNumber: checkNum };
console.log('3. Cold start (median of 9)');
console.log(`   baseline  node -e 0:                        ${fmt(bare.medianMs)} ms`);
console.log(`   dunguard check "…":                         ${fmt(check.medianMs)} ms (${fmt(check.medianMs / bare.medianMs, 2)}× bare node; target < 300 ms), peak RSS ${fmt(check.maxRssMB)} MB`);
console.log(`   dunguard check "…" --number (loads libphonenumber): ${fmt(checkNum.medianMs)} ms`);

// 4. One very long text.
const longText = runJson(['bench/run-long-text.js', data]);
results.longText = { ...longText, ratio: longText.longMs / longText.eachMs };
console.log(`\n4. One text of ${fmt(longText.chars)} characters (${fmt(longText.messages)} of the dev set's messages joined)`);
console.log(`   baseline  the same messages checked one by one: ${fmt(longText.eachMs)} ms`);
console.log(`   dunguard  the whole text as one check:           ${fmt(longText.longMs)} ms (${fmt(results.longText.ratio, 2)}× the baseline; target ≤ 2×: ${results.longText.ratio <= 2 ? 'met' : 'NOT met'}), peak RSS ${fmt(longText.maxRssMB)} MB`);

writeFileSync(join(tmp, 'results.json'), JSON.stringify(results, null, 2));
console.log(`\nraw figures: .bench-tmp/results.json`);
