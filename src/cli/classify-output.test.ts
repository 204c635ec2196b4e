/**
 * `classify`'s output, byte for byte: every result line must be exactly
 *   JSON.stringify({ id, verdict, confidence, signals, assessment, certainty })
 * of the in-process `classify()` (the engine's own answer), whatever the command does to be
 * fast (batching, the lazily loaded phone-number parser). The input is
 * fixed: the real-world evaluation set, the hand-written example files and edge cases, plus
 * the shared development set when it is there.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { loadEngine, packageRoot } from '../data/load.js';
import { classify, type Classification, type Engine } from '../engine/check.js';
import { runClassify } from './classify.js';
import { classifyLine } from './classify-line.js';

const root = packageRoot();
const DATE = '2026-11-28';
const dir = mkdtempSync(join(tmpdir(), 'dunguard-classify-out-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The fixed input: one JSON line per message, and lines that are not valid input. */
function fixedInput(): string[] {
  const lines: string[] = [];
  for (const l of readFileSync(join(root, 'data', 'eval', 'real.jsonl'), 'utf8').split('\n')) {
    if (l.trim() === '') continue;
    const r = JSON.parse(l) as { id: string; text: string };
    lines.push(JSON.stringify({ id: r.id, text: r.text }));
  }
  const fixtures = join(root, 'test', 'fixtures');
  for (const name of ['collection-examples.yaml', 'principles-examples.yaml', 'blind-examples.yaml', 'blind2-examples.yaml', 'fresh-examples.yaml', 'spam-examples.yaml', 'everyday-examples.yaml']) {
    const path = join(fixtures, name);
    if (!existsSync(path)) continue;
    const doc = parseYaml(readFileSync(path, 'utf8')) as { examples?: { text?: unknown; number?: unknown }[] };
    doc.examples?.forEach((e, i) => {
      if (typeof e.text === 'string') lines.push(JSON.stringify({ id: `${name}#${i}`, text: e.text, ...(typeof e.number === 'string' ? { number: e.number } : {}) }));
    });
  }
  const scam = '您好，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账';
  lines.push(
    JSON.stringify({ id: 1, text: scam }),
    JSON.stringify({ id: -0, text: scam, number: '+86 170 1234 5678' }),
    JSON.stringify({ id: 2.5, text: '您的借款已逾期，请登录App还款', number: '95588' }),
    JSON.stringify({ id: 'num-96110', text: '请把钱转入安全账户', number: '96110' }),
    JSON.stringify({ id: 'num-bad', text: '您的借款已逾期', number: 'abc' }),
    JSON.stringify({ id: 'date', text: scam, date: '2020-02-29' }),
    JSON.stringify({ id: 'trad', text: '您好，您的網貸已逾期，需先繳納伍佰元手續費消除逾期記錄，請掃碼轉賬' }),
    JSON.stringify({ id: 'split', text: '消 除 逾*期 记 录，先 交 5oo 元 手 续 费' }),
    JSON.stringify({ id: 'emoji', text: '😀😀 加我微信 💰 领取 𝟓𝟎𝟎 元红包 https://t.cn/abcd1234' }),
    JSON.stringify({ id: 'quote"\\', text: '他说："转账到\t这个账户\\n" \u2028 \u0001' }),
    '{"id":"lone","text":"\\ud800半个\\udc00代理对 转账"}',
    JSON.stringify({ id: 'dialogue', text: '对方：你好，我是某某贷款的，你欠款已经逾期了。\n我：我不会把钱转到安全账户。\n对方：那你今天必须还清，不然我们就上门找你家人。' }),
    JSON.stringify({ id: 'long', text: (scam + '。今晚停水，请提前储水。').repeat(400) }),
    JSON.stringify({ id: 'ordinary', text: '妈，我周末回家吃饭，给我留点饺子' }),
    JSON.stringify({ id: 'symbols', text: '!!!... ???' }),
    JSON.stringify({ id: 'spaces', text: '   ' }),
    JSON.stringify({ id: 'x', text: scam, extra: { nested: [1, 2] } }),
    JSON.stringify({ id: 'crlf', text: scam }) + '\r',
    '{"id": "b", "text": ',
    JSON.stringify({ id: 'c' }),
    JSON.stringify({ id: 'bad-date', text: scam, date: '2026-13-01' }),
    JSON.stringify({ id: null, text: scam }),
    '[1,2]',
    '',
  );
  const dev = process.env.DUNGUARD_DEV_DATA ?? join(root, '..', 'shared', 'data', 'dev.jsonl');
  if (existsSync(dev)) {
    for (const l of readFileSync(dev, 'utf8').split('\n')) {
      if (l.trim() === '') continue;
      const r = JSON.parse(l) as { id: string; text: string };
      lines.push(JSON.stringify({ id: r.id, text: r.text }));
    }
  }
  return lines;
}

/** What the engine says for a valid line, written with JSON.stringify; undefined for lines that are not valid input. */
function expected(engine: Engine, line: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line.endsWith('\r') ? line.slice(0, -1) : line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as { id?: unknown; text?: unknown; number?: unknown; date?: unknown };
  if ((typeof o.id !== 'string' && typeof o.id !== 'number') || typeof o.text !== 'string') return undefined;
  let c: Classification;
  try {
    c = classify(engine, { text: o.text, number: o.number as string | undefined, date: (o.date as string | undefined) ?? DATE });
  } catch {
    return undefined; // an input error: its line is checked below as an error line
  }
  return JSON.stringify({ id: o.id, verdict: c.verdict, confidence: c.confidence, signals: c.signals, assessment: c.assessment, certainty: c.certainty });
}

async function runToString(input: string): Promise<string> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const saved = process.env.DUNGUARD_WORKERS;
  process.env.DUNGUARD_WORKERS = '0';
  try {
    await runClassify({ input, date: DATE, quiet: true }, sink);
  } finally {
    if (saved === undefined) delete process.env.DUNGUARD_WORKERS;
    else process.env.DUNGUARD_WORKERS = saved;
  }
  return out;
}

describe('classify output is the engine’s answer, byte for byte', () => {
  let engine: Engine;
  let lines: string[];
  let got: string[];
  before(async () => {
    engine = await loadEngine(root);
    lines = fixedInput();
    const path = join(dir, 'input.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    got = (await runToString(path)).split('\n');
    assert.equal(got.pop(), '', 'output ends with a line end');
  });

  it('writes one line per input line', () => {
    assert.equal(got.length, lines.length);
  });

  it('writes exactly JSON.stringify of classify() for every valid line', () => {
    let compared = 0;
    for (let i = 0; i < lines.length; i++) {
      const want = expected(engine, lines[i]!);
      if (want === undefined) continue;
      assert.equal(got[i], want, `line ${i + 1}: ${lines[i]!.slice(0, 80)}`);
      compared++;
    }
    assert.ok(compared > lines.length - 20, `compared ${compared} of ${lines.length}`);
  });

  it('writes the same error lines as classifyLine for input that is not valid', () => {
    for (let i = 0; i < lines.length; i++) {
      if (expected(engine, lines[i]!) !== undefined) continue;
      assert.equal(got[i], classifyLine(engine, lines[i]!, { date: DATE }));
      assert.ok('error' in (JSON.parse(got[i]!) as object), got[i]);
    }
  });
});
