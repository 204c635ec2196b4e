/**
 * `dunguard check --image` and `dunguard log add --image` on the built CLI (npm run build
 * first): the recognised text shown, then the verdict; --json's text is the recognised text;
 * the screenshot stored as the event's evidence; clear Chinese errors for a missing, other,
 * damaged or huge image. Needs tesseract-ocr-chi-sim (DUNGUARD_SKIP_OCR=1 skips).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dunguard } from './helpers/cli.js';

const FIX = join(import.meta.dirname, 'fixtures', 'ocr');
const SCAM = join(FIX, 'sms-scam.png');
const SKIP = process.env.DUNGUARD_SKIP_OCR === '1';

describe('dunguard --image', { skip: SKIP ? 'DUNGUARD_SKIP_OCR=1' : false }, () => {
  it('check --image prints the recognised text, then the verdict', () => {
    const r = dunguard(['check', '--image', SCAM, '--date', '2026-11-20']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^从截图识别出的文字（识别可能有误，请与截图核对）：\n/);
    assert.match(r.out, /手续费消除逾期记录/);
    // Untrusted text: the link from the image is defanged in the terminal.
    assert.match(r.out, /hxxp:\/\/pay-credit\[\.\]example\[\.\]com/);
    assert.doesNotMatch(r.out, /http:\/\/pay-credit\.example/);
    assert.ok(r.out.indexOf('手续费') < r.out.indexOf('诈骗'), 'the text comes before the verdict');
    assert.equal(r.err, '');
  });

  it('check --image --json: the check result, its text the recognised text', () => {
    const r = dunguard(['check', '--image', join(FIX, 'sms-collection-degraded.jpg'), '--json', '--date', '2026-11-20']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { text: string; verdict: string };
    assert.match(j.text, /借款已逾期3天/);
    assert.ok(['collection', 'collection_violation', 'scam', 'other'].includes(j.verdict));
  });

  it('log add --image keeps the recognised text and the screenshot as evidence; --text wins over the image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-ocr-cli-'));
    const a = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 23:15', '--image', SCAM, '--data-dir', dir, '--json']);
    assert.equal(a.code, 0, a.err);
    const e = JSON.parse(a.out) as { id: string; content: string; evidence: string[] };
    assert.match(e.content, /手续费消除逾期记录/);
    assert.equal(e.evidence.length, 1);
    const b = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 23:20', '--image', join(FIX, 'chat-threat.png'), '--text', '我自己打的字', '--data-dir', dir, '--json']);
    assert.equal(b.code, 0, b.err);
    assert.equal((JSON.parse(b.out) as { content: string }).content, '我自己打的字');
    const human = dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 23:25', '--image', SCAM, '--data-dir', dir]);
    assert.equal(human.code, 0, human.err);
    assert.match(human.out, /^从截图识别出的文字/);
    assert.match(human.out, /已记录/);
    const v = dunguard(['verify', '--data-dir', dir, '--json']);
    assert.equal(v.code, 0, v.out + v.err);
    assert.equal((JSON.parse(v.out) as { intact: boolean }).intact, true);
  });

  it('a missing, other, damaged or huge image is refused in Chinese, nothing recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-ocr-bad-'));
    const webp = join(dir, 'a.webp');
    writeFileSync(webp, Buffer.from('RIFF\0\0\0\0WEBPVP8 '));
    const broken = join(dir, 'b.jpg');
    writeFileSync(broken, readFileSync(join(FIX, 'chat-threat-degraded.jpg')).subarray(0, 700));
    const huge = join(dir, 'c.png');
    writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 1));
    const cases: [string, RegExp][] = [
      [join(dir, 'nope.png'), /无法读取文件.*文件不存在/],
      [webp, /只能识别 PNG 或 JPEG.*WebP/],
      [broken, /图片已损坏或不完整/],
      [huge, /图片太大（21 MB，最多 20 MB）/],
    ];
    for (const [file, message] of cases) {
      const r = dunguard(['check', '--image', file]);
      assert.equal(r.code, 2, file);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /at .*\.js:\d+/, 'no stack trace');
    }
    const r = dunguard(['log', 'add', '--kind', 'sms', '--image', webp, '--data-dir', dir, '--json']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.out) as { error: { code: string } }).error.code, 'UNSUPPORTED_IMAGE');
    // nothing recorded: not even an empty record was made in the folder (listing it is refused as holding none)
    const list = dunguard(['log', 'list', '--data-dir', dir, '--json']);
    assert.equal((JSON.parse(list.out) as { error: { code: string } }).error.code, 'NO_RECORD');
    const en = dunguard(['check', '--image', webp, '--lang', 'en']);
    assert.match(en.err, /Only PNG or JPEG screenshots can be read/);
  });
});
