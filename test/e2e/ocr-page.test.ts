/**
 * "From a screenshot" on the check page, in Debian's chromium: pick a screenshot, its text
 * appears in the message box (editable), the verdict follows, a correction is re-checked,
 * and saving keeps the screenshot as the event's evidence. Text from the image stays inert:
 * its link is never made clickable. Needs chromium and tesseract-ocr-chi-sim
 * (DUNGUARD_SKIP_BROWSER=1 or DUNGUARD_SKIP_OCR=1 skip). Run `npm run build` first (the page).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SHOTS, SKIP_BROWSER, watchPage } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';

const SKIP = SKIP_BROWSER || process.env.DUNGUARD_SKIP_OCR === '1';
const FIX = join(import.meta.dirname, '..', 'fixtures', 'ocr');

describe('check page: from a screenshot', { skip: SKIP ? 'skipped by DUNGUARD_SKIP_BROWSER / DUNGUARD_SKIP_OCR' : false }, () => {
  let server: TestServer;
  let browser: Browser;
  const problems: string[] = [];
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the screenshot into the box, checks it, re-checks a correction and saves the screenshot as evidence', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(30_000);
    const page: Page = await context.newPage();
    watchPage(page, problems, { httpErrors: false });
    try {
      await page.goto(server.url + '/#/check');
      await page.getByLabel('从截图识别').setInputFiles(join(FIX, 'sms-scam.png'));
      await page.getByRole('status').filter({ hasText: '已识别' }).waitFor();
      const box = page.getByLabel('短信或通话内容');
      assert.match(await box.inputValue(), /手续费消除逾期记录/);
      const card = page.locator('section.verdict');
      await card.waitFor();
      assert.match(await card.innerText(), /诈骗/);
      // The link read from the image is text, never a link.
      assert.equal(await page.locator('main a[href*="pay-credit"], main a[href^="javascript:"]').count(), 0);
      // The person corrects the text; the verdict follows the corrected text.
      await box.fill((await box.inputValue()) + '\n我补充一句：对方还要我提供验证码。');
      await page.waitForFunction(() => document.querySelector('section.verdict')?.textContent?.includes('验证码') ?? false);
      assert.match(await page.locator('section.save').innerText(), /识别用的截图“sms-scam\.png”会作为证据一起保存/);
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const saved = page.getByRole('status').filter({ hasText: '已保存到记录' });
      await saved.waitFor();
      assert.match(await saved.innerText(), /1 个文件已附上/);
      const auth = { 'x-dunguard-token': server.token };
      const events = (await server.app.inject({ method: 'GET', url: '/api/events', headers: auth })).json() as { content: string; evidence: string[] }[];
      assert.equal(events.length, 1);
      assert.match(events[0]!.content, /验证码/);
      assert.equal(events[0]!.evidence.length, 1);
      const files = (await server.app.inject({ method: 'GET', url: '/api/evidence', headers: auth })).json() as { name: string; media_type: string }[];
      assert.deepEqual(files.map((f) => [f.name, f.media_type]), [['sms-scam.png', 'image/png']]);
      // A file that is no screenshot: a clear sentence, the box untouched.
      const before = await box.inputValue();
      await page.getByLabel('从截图识别').setInputFiles({ name: 'a.webp', mimeType: 'image/webp', buffer: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') });
      await page.getByRole('alert').filter({ hasText: '只能识别 PNG 或 JPEG' }).waitFor();
      assert.equal(await box.inputValue(), before);
      assert.deepEqual(problems.filter((p) => !/415/.test(p)), []);
    } catch (e) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'ocr-page.png'), fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});
