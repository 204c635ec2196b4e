// Development aid: lists dev-set messages the current engine gets wrong, with the signals that fired.
import { readFileSync } from 'node:fs';
import { classify } from '../src/engine/check.js';
import { loadEngine } from '../src/data/load.js';
const e = await loadEngine();
const want = process.argv[2] ?? 'scam';
for (const line of readFileSync('../shared/data/dev.jsonl', 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  const c = classify(e, { text: r.text, date: '2026-11-28' });
  const wrong = r.label === 'scam' ? c.verdict !== 'scam' : c.verdict === 'scam';
  if (wrong && r.label === want) console.log(c.verdict, c.signals.map((s) => `${s.id}:${s.weight}`).join(' '), '|', r.text.slice(0, 90));
}
