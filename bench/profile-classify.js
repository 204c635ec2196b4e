// Profiling harness: classifies the dev set (and data/eval/real.jsonl) PASSES times in
// process with the built engine. `node --cpu-prof bench/profile-classify.js [passes]`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../dist/src/engine/check.js';
import { loadEngine } from '../dist/src/data/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [join(root, '..', 'shared', 'data', 'dev.jsonl'), join(root, 'data', 'eval', 'real.jsonl')].filter(existsSync);
const rows = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
const passes = Number(process.argv[2] ?? 10);
const engine = await loadEngine(undefined, { phoneNumbers: false });
for (let p = 0; p < passes; p++) {
  const c0 = process.cpuUsage();
  for (const r of rows) classify(engine, { text: r.text, date: '2026-11-28' });
  const c = process.cpuUsage(c0);
  console.log(`pass ${p}: ${((c.user + c.system) / 1000).toFixed(0)} ms CPU for ${rows.length}`);
}
