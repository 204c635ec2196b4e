/**
 * `npm run ablation`: what the classifier limit buys. Runs the hand-written examples with
 * the scoring as configured and with the classifier free to push collection messages to
 * "scam" (out_of_domain_cap = -clip), and prints how many of each expected verdict came out right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { classify } from '../src/engine/check.js';
import { loadEngine, packageRoot } from '../src/data/load.js';

const root = packageRoot();
const { examples } = parse(readFileSync(join(root, 'test', 'fixtures', 'collection-examples.yaml'), 'utf8')) as {
  examples: { expect: string; text: string }[];
};
const engine = await loadEngine(root);
const scoring = engine.rules.meta.scoring as { out_of_domain_cap: number; classifier_clip: number };
const configured = scoring.out_of_domain_cap;
for (const [name, cap] of [
  ['as configured', configured],
  ['classifier not limited', -scoring.classifier_clip],
] as const) {
  scoring.out_of_domain_cap = cap;
  const right = new Map<string, [number, number]>();
  for (const e of examples) {
    const v = classify(engine, { text: e.text, date: '2026-11-28' }).verdict;
    const [r, n] = right.get(e.expect) ?? [0, 0];
    right.set(e.expect, [r + (v === e.expect ? 1 : 0), n + 1]);
  }
  console.log(`${name}: ${[...right].map(([k, [r, n]]) => `${k} ${r}/${n}`).join(', ')}`);
}
