/**
 * `npm run evaluate [-- --file NAME]`: runs the current engine over the team's hand-written
 * examples (test/fixtures/collection-examples.yaml, or another file there such as
 * blind-examples.yaml) and prints the confusion table. These examples
 * measure what the public data cannot: the two collection verdicts and official warnings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { classify } from '../src/engine/check.js';
import { loadEngine, packageRoot } from '../src/data/load.js';

const root = packageRoot();
const argFile = process.argv.indexOf('--file');
const name = argFile > 0 ? process.argv[argFile + 1]! : 'collection-examples.yaml';
const file = parse(readFileSync(join(root, 'test', 'fixtures', name), 'utf8')) as {
  examples: { expect: string; text: string }[];
};
const engine = await loadEngine(root);
const verdicts = ['scam', 'collection_violation', 'collection', 'other'];
const table: Record<string, Record<string, number>> = {};
const wrong: string[] = [];
for (const ex of file.examples) {
  const c = classify(engine, { text: ex.text, date: '2026-11-28' });
  table[ex.expect] ??= {};
  table[ex.expect]![c.verdict] = (table[ex.expect]![c.verdict] ?? 0) + 1;
  if (c.verdict !== ex.expect) wrong.push(`expected ${ex.expect}, got ${c.verdict} [${c.signals.map((s) => s.id).join(' ')}]: ${ex.text}`);
}
console.log(`| expected \\ given | ${verdicts.join(' | ')} | right |`);
console.log(`|---|${verdicts.map(() => '---|').join('')}---|`);
for (const e of verdicts) {
  const row = table[e] ?? {};
  const n = verdicts.reduce((s, v) => s + (row[v] ?? 0), 0);
  if (n === 0) continue;
  console.log(`| ${e} | ${verdicts.map((v) => row[v] ?? 0).join(' | ')} | ${row[e] ?? 0}/${n} |`);
}
for (const w of wrong) console.log('\n- ' + w);
