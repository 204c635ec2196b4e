/**
 * Screenshots in: the tidy-up of Tesseract's text, the image checks (kind, size, damage) and
 * the character accuracy on the rendered phone screenshots in test/fixtures/ocr (message
 * text only; scripts/ocr-fixtures.ts draws them from messages.json). Needs Debian's
 * tesseract-ocr-chi-sim (.ci/run installs it); DUNGUARD_SKIP_OCR=1 skips the recognition
 * tests on a machine without it — they never skip silently.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tidyOcrText } from '../src/ocr/text.js';
import { inspectImage, MAX_IMAGE_BYTES } from '../src/ocr/image.js';
import { characterAccuracy } from '../src/ocr/accuracy.js';
import { ScreenshotReader } from '../src/ocr/reader.js';
import { findChineseData } from '../src/ocr/tessdata.js';
import { UserError } from '../src/service/errors.js';

const DIR = join(import.meta.dirname, 'fixtures', 'ocr');
const SKIP = process.env.DUNGUARD_SKIP_OCR === '1';
if (!SKIP) findChineseData(); // throws, with the apt-get line, when the data is missing
const screens = (JSON.parse(readFileSync(join(DIR, 'messages.json'), 'utf8')) as { screens: { id: string; messages: { text: string }[] }[] }).screens;

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    assert.match(e.zh, /[一-龥]/);
    return e.code;
  }
};

describe('OCR text tidy-up', () => {
  it('joins a bubble wrapped over lines, closes spaces between Chinese characters, keeps bubbles apart', () => {
    const raw = '9:41   5G\n\n您好， 您 的网贷已严重逾期，需\n先缴纳500元手续费\n\n处理链接: http://pay-credit.ex\nample.com/fix 请在今天\n\n| 你们是哪个公司的? |\n\n|\n';
    assert.equal(tidyOcrText(raw), '9:41 5G\n您好，您的网贷已严重逾期，需先缴纳500元手续费\n处理链接: http://pay-credit.example.com/fix 请在今天\n你们是哪个公司的?');
  });
  it('joins wrapped English words with a space, a word broken inside Chinese text without one', () => {
    assert.equal(tidyOcrText('your loan is\noverdue'), 'your loan is overdue');
    assert.equal(tidyOcrText('请尽快登录Ap\np或通过官方渠道还款'), '请尽快登录App或通过官方渠道还款');
  });
  it('an empty page is empty text', () => {
    assert.equal(tidyOcrText('\n\n |\n'), '');
  });
});

describe('image checks', () => {
  const png = readFileSync(join(DIR, 'sms-scam.png'));
  const jpg = readFileSync(join(DIR, 'sms-scam-degraded.jpg'));
  it('reads the kind and size of PNG and JPEG', () => {
    assert.deepEqual(inspectImage(png), { kind: 'png', width: 780, height: 1688 });
    assert.equal(inspectImage(jpg).kind, 'jpeg');
    assert.equal(inspectImage(jpg).width, 468);
  });
  it('refuses other formats, damaged, empty and huge images with a clear sentence', () => {
    assert.equal(code(() => inspectImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))), 'UNSUPPORTED_IMAGE');
    assert.equal(code(() => inspectImage(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0'))), 'UNSUPPORTED_IMAGE');
    assert.equal(code(() => inspectImage(Buffer.from('GIF89a'))), 'UNSUPPORTED_IMAGE');
    assert.equal(code(() => inspectImage(Buffer.from('%PDF-1.7'))), 'UNSUPPORTED_IMAGE');
    assert.equal(code(() => inspectImage(Buffer.from('您好，这不是图片'))), 'UNSUPPORTED_IMAGE');
    assert.equal(code(() => inspectImage(Buffer.alloc(0))), 'CORRUPT_IMAGE');
    assert.equal(code(() => inspectImage(png.subarray(0, 20))), 'CORRUPT_IMAGE');
    assert.equal(code(() => inspectImage(jpg.subarray(0, 4))), 'CORRUPT_IMAGE');
    const huge = Buffer.from(png.subarray(0, 33));
    huge.writeUInt32BE(100_000, 16);
    assert.equal(code(() => inspectImage(huge)), 'TOO_LARGE');
    assert.equal(code(() => inspectImage(Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]))), 'TOO_LARGE');
  });
});

describe('OCR of phone screenshots', { skip: SKIP ? 'DUNGUARD_SKIP_OCR=1' : false }, () => {
  const reader = new ScreenshotReader();
  after(() => reader.close());

  const measure = async (suffix: string): Promise<number> => {
    let edits = 0;
    let chars = 0;
    for (const s of screens) {
      const r = await reader.recognise(readFileSync(join(DIR, s.id + suffix)));
      const a = characterAccuracy(r.text, s.messages.map((m) => m.text));
      edits += a.edits;
      chars += a.chars;
      process.stdout.write(`# ${s.id}${suffix}: ${a.perText.map((x) => `${x.edits}/${x.chars}`).join(' ')} edits, ${r.ms} ms\n`);
    }
    const accuracy = 1 - edits / chars;
    process.stdout.write(`# ${suffix}: character accuracy ${accuracy.toFixed(3)} on ${chars} characters of message text\n`);
    return accuracy;
  };

  it('reads the message text of clean screenshots with ≥ 0.97 character accuracy', async () => {
    assert.ok((await measure('.png')) >= 0.97);
  });
  it('reads degraded ones (JPEG quality 40, 60 % size, rotated 2°, noise) with ≥ 0.95 (measured 0.97–0.98)', async () => {
    assert.ok((await measure('-degraded.jpg')) >= 0.95);
  });
  it('says a damaged JPEG is damaged', async () => {
    const jpg = readFileSync(join(DIR, 'chat-threat-degraded.jpg'));
    const broken = Buffer.from(jpg.subarray(0, 700));
    await assert.rejects(reader.recognise(broken), (e: UserError) => e.code === 'CORRUPT_IMAGE' && /损坏/.test(e.zh));
  });
  it('finds the words that matter in the scam screenshot', async () => {
    const r = await reader.recognise(readFileSync(join(DIR, 'sms-scam.png')));
    assert.match(r.text, /手续费消除逾期记录/);
    assert.match(r.text, /http:\/\/pay-credit\.example\.com\/fix/);
  });
});
