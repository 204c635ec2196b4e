/**
 * The engine's prebuilt tables (engine-tables.ts) change nothing but the start: an engine
 * made with them folds every character and finds every term exactly as one built from
 * scratch, and tables that are damaged, truncated or made for other data are ignored.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { AhoCorasick } from '../engine/aho-corasick.js';
import { classify, type Engine } from '../engine/check.js';
import { Normaliser } from '../engine/normalise.js';
import type { Bundle } from './bundle.js';
import { engineFrom } from './engine-from.js';
import { readEngineTables, TABLES_PATH, writeEngineTables, type EngineTables } from './engine-tables.js';
import { loadData, loadModel, packageRoot } from './load.js';

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'dunguard-tables-'));
mkdirSync(join(dir, 'dist', 'data'), { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));
const SHA = 'a'.repeat(64);

function t2sOf(data: Bundle): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < data.t2s.length; i += 2) map.set(data.t2s[i]!, data.t2s[i + 1]!);
  return map;
}

/** Texts to compare on: the real-world set and tricky characters. */
function texts(): string[] {
  const out: string[] = [];
  for (const l of readFileSync(join(root, 'data', 'eval', 'real.jsonl'), 'utf8').split('\n')) if (l.trim() !== '') out.push((JSON.parse(l) as { text: string }).text);
  out.push('您好，您的網貸已逾期，需先繳納伍佰元手續費', '消 除 逾*期 记 录，先 交 5oo 元', '😀 加我微信 💰 领取 𝟓𝟎𝟎 元 ﬁ Ⅻ ㈱ ½ \ud800 \udc00', 'ＡＢＣ１２３ аеор ٣٤٥');
  return out;
}

describe('engine tables', () => {
  let data: Bundle;
  let fresh: Engine;
  let tables: EngineTables;
  before(async () => {
    data = await loadData(root);
    AhoCorasick.offer(undefined);
    fresh = engineFrom(data, loadModel(root));
    // Written from an engine of its own: fullTable() fills that engine's normaliser.
    writeEngineTables(dir, SHA, engineFrom(data, loadModel(root)));
    const read = readEngineTables(dir, SHA);
    assert.ok(read, 'the tables just written are read back');
    tables = read;
  });
  after(() => AhoCorasick.offer(undefined));

  it('fold every BMP character as a normaliser that folds on first sight', () => {
    const lazy = new Normaliser(t2sOf(data));
    const seeded = new Normaliser(t2sOf(data), tables.normaliser);
    for (let c = 0; c < 65536; c++) {
      const s = String.fromCharCode(c);
      assert.deepEqual(seeded.normalise(s), lazy.normalise(s), `U+${c.toString(16)}`);
    }
    for (const t of texts()) assert.deepEqual(seeded.normalise(t), lazy.normalise(t));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        assert.deepEqual(seeded.normalise(s), lazy.normalise(s));
      }),
    );
  });

  it('give the automaton built over the same terms, and are not used for other terms', () => {
    const terms = fresh.rules.terms;
    AhoCorasick.offer(tables.automaton);
    const adopted = new AhoCorasick(terms);
    AhoCorasick.offer(undefined);
    const built = new AhoCorasick(terms);
    assert.deepEqual(adopted.tables(terms), built.tables(terms));
    for (const t of texts()) {
      const folded = fresh.normaliser.normalise(t).text;
      assert.deepEqual(adopted.findAll(folded), built.findAll(folded));
    }
    // Other terms (one left out): built from scratch, whatever is on offer.
    const other = terms.slice(1);
    AhoCorasick.offer(tables.automaton);
    const otherAdopted = new AhoCorasick(other);
    AhoCorasick.offer(undefined);
    assert.deepEqual(otherAdopted.tables(other), new AhoCorasick(other).tables(other));
  });

  it('give the same answers as an engine built from scratch', () => {
    const withTables = engineFrom(data, loadModel(root), undefined, tables);
    AhoCorasick.offer(undefined);
    assert.notEqual(withTables.rules.automaton, fresh.rules.automaton);
    for (const text of texts()) {
      if (!/\S/.test(text)) continue;
      const a = JSON.stringify(classify(withTables, { text, date: '2026-11-28' }));
      const b = JSON.stringify(classify(fresh, { text, date: '2026-11-28' }));
      assert.equal(a, b, text.slice(0, 60));
    }
  });

  it('are ignored when made for another bundle, damaged, truncated or missing', () => {
    const path = join(dir, TABLES_PATH);
    const good = readFileSync(path);
    assert.equal(readEngineTables(dir, 'b'.repeat(64)), undefined, 'another bundle');
    const damaged = Buffer.from(good);
    damaged[damaged.length - 100] ^= 1;
    writeFileSync(path, damaged);
    assert.equal(readEngineTables(dir, SHA), undefined, 'one bit changed in the arrays');
    writeFileSync(path, good.subarray(0, good.length - 8));
    assert.equal(readEngineTables(dir, SHA), undefined, 'truncated');
    writeFileSync(path, good.subarray(0, 20));
    assert.equal(readEngineTables(dir, SHA), undefined, 'cut inside the header');
    rmSync(path);
    assert.equal(readEngineTables(dir, SHA), undefined, 'missing');
    writeFileSync(path, good);
    assert.ok(readEngineTables(dir, SHA), 'intact again');
  });
});
