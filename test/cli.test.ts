/** The `dunguard` command as a user runs it: the built CLI in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../src/data/load.js';
import { CheckResult, ClassifyLine, NumberInfo } from '../src/engine/schemas/result.js';

const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

function run(args: string[], input?: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

const DONE_WHEN = '您好，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账';

describe('dunguard check', () => {
  it('refuses a message that is the name of a file here, saying how to check the file\'s text (it judged the name itself)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-filearg-'));
    try {
      const file = join(dir, '短信.txt');
      writeFileSync(file, '请把钱转入安全账户');
      for (const cmd of ['check', 'report-scam']) {
        const r = run([cmd, file]);
        assert.equal(r.code, 2, cmd);
        assert.match(r.err, new RegExp(`是这台电脑上的一个文件名，不是短信内容。要检查文件里的文字，请用：dunguard ${cmd} - <`));
      }
      assert.equal(run(['check', join(dir, '没有这个文件.txt')]).code, 0, 'a name of no file is judged as text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says scam and shows why, in Chinese by default', () => {
    const r = run(['check', DONE_WHEN]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /判定: 诈骗/);
    assert.match(r.out, /⟦[^⟧]*消除[^⟧]*⟧/);
    assert.match(r.out, /付费消除逾期或征信记录/);
    assert.match(r.out, /第二百六十六条/);
    assert.match(r.out, /可以这样问对方/);
    assert.match(r.out, /千万不要/);
  });

  it('speaks English with --lang en', () => {
    const r = run(['check', DONE_WHEN, '--lang', 'en']);
    assert.match(r.out, /Verdict: Scam/);
    assert.match(r.out, /Pay a fee to erase an overdue or credit record/);
  });

  it('prints the documented JSON with --json', () => {
    const r = run(['check', DONE_WHEN, '--json', '--number', '+86 170 1234 5678', '--date', '2025-06-01']);
    assert.equal(r.code, 0, r.err);
    const parsed = CheckResult.parse(JSON.parse(r.out));
    assert.equal(parsed.verdict, 'scam');
    assert.equal(parsed.incident_date, '2025-06-01');
    assert.ok(parsed.number?.flags.includes('virtual_operator'));
  });

  it('reads standard input with "-"', () => {
    const r = run(['check', '-', '--json'], '您的借款已逾期3天，请登录App还款，如有困难可申请分期');
    assert.equal(JSON.parse(r.out).verdict, 'collection');
  });

  it('refuses invalid UTF-8 with a clear message and exit code 2', () => {
    const r = run(['check', '-'], Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xff])); // GBK bytes
    assert.equal(r.code, 2);
    assert.match(r.err, /UTF-8/);
    assert.doesNotMatch(r.err, /at .*\.js:\d+/); // no stack trace
  });

  it('refuses empty input and a bad date with a message, not a stack trace', () => {
    const empty = run(['check', '   ']);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /没有输入内容/);
    const date = run(['check', '逾期', '--date', '2026-13-01']);
    assert.equal(date.code, 2);
    assert.match(date.err, /看不懂日期“2026-13-01”：请写成 2025-11-02、2025\/11\/02/);
  });

  it('prints hostile text inertly: escapes visible, links defanged', () => {
    const r = run(['check', '\u001b]8;;http://evil.top\u0007点我\u001b]8;;\u0007 请转入安全账户 http://pay.evil.top/x']);
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes('\u001b'), 'no raw escape characters reach the terminal');
    assert.ok(!r.out.includes('http://'), 'no live link');
    assert.match(r.out, /hxxp:\/\/pay\[\.\]evil\[\.\]top/);
  });
});

describe('dunguard classify', () => {
  const lines = [
    JSON.stringify({ id: 'a', text: DONE_WHEN }),
    '{"id": "b", "text": ',
    JSON.stringify({ id: 'c' }),
    JSON.stringify({ id: 'd', text: '   ' }),
    '',
    JSON.stringify({ id: 5, text: '您的借款已逾期，请登录App还款', number: '95588' }),
  ];

  it('writes one line per input line, in order, with errors for bad lines', () => {
    const input = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(JSON.stringify({ id: 'z', text: '今晚停水' }) + '\n')]);
    const r = run(['classify', '--quiet'], input, { DUNGUARD_WORKERS: '0' });
    assert.equal(r.code, 0, r.err);
    const out = r.out.trimEnd().split('\n').map((l) => ClassifyLine.parse(JSON.parse(l)));
    assert.equal(out.length, lines.length + 2);
    assert.deepEqual(out.map((o) => o.id), ['a', null, 'c', 'd', null, 5, null, 'z']);
    assert.equal('verdict' in out[0]! && out[0].verdict, 'scam');
    assert.match('error' in out[1]! ? out[1].error : '', /malformed JSON/);
    assert.match('error' in out[2]! ? out[2].error : '', /text/);
    assert.match('error' in out[3]! ? out[3].error : '', /Nothing to check/);
    assert.match('error' in out[6]! ? out[6].error : '', /UTF-8/);
    assert.equal('verdict' in out[7]! && out[7].verdict, 'other');
  });

  it('gives the same output with worker threads as without, in the same order', () => {
    const many: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = i % 3 === 0 ? DONE_WHEN : i % 3 === 1 ? `您的借款已逾期${i}天，请登录App还款` : `会员日第${i}场，全场八折，退订回T`;
      many.push(JSON.stringify({ id: i, text: t }));
    }
    many.splice(1500, 0, 'not json');
    const input = many.join('\n') + '\n';
    const single = run(['classify', '--quiet'], input, { DUNGUARD_WORKERS: '0' });
    const multi = run(['classify'], input, { DUNGUARD_WORKERS: '2' });
    assert.equal(single.code, 0, single.err);
    assert.equal(multi.code, 0, multi.err);
    assert.equal(multi.out, single.out);
    assert.equal(multi.out.trimEnd().split('\n').length, 3001);
  });

  it('reads a file with --input and reports a missing file clearly', () => {
    const missing = run(['classify', '--input', '/nonexistent/x.jsonl']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /ENOENT/);
  });
});

describe('dunguard number', () => {
  it('prints the documented JSON', () => {
    const r = run(['number', '０７５５－１２３４ ５６７８', '--json']);
    assert.equal(r.code, 0, r.err);
    const info = NumberInfo.parse(JSON.parse(r.out));
    assert.equal(info.kind, 'fixed_line');
    assert.equal(info.area_code, '0755');
  });

  it('names official numbers in plain words', () => {
    assert.match(run(['number', '96110']).out, /反诈劝阻咨询专线/);
  });
});
