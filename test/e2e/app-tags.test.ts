/**
 * Tags on numbers, the block list and the one-step report in the offline app, on a phone with no
 * network (chromium's phone emulation; dist/app on a plain static host, no dunguard process, the
 * host cut off once the service worker holds the app): a scam SMS is checked and its number
 * tagged 诈骗; the block list is exported as vCard and CSV, byte for byte what the server's
 * block-list code writes for that tag; a message checked again from the same number (written
 * +86 170 1234 5678) shows the tag; the one-step report's 12321 SMS and its sms: link are what
 * the server's report code makes from the same message; the tag is taken off (gone from the
 * check and from the block list); a tag whose platform is hostile markup stays text. Nothing
 * reaches the host while offline, and nothing ever goes to another origin.
 * Needs chromium and a built dist/app.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { BrowserContext, Page } from 'playwright-core';
import { SKIP_BROWSER, withScreenshots } from '../helpers/browser.js';
import { APP, closeOfflineApp, openOfflineApp, reachedWhileOffline, serviceWorkerInControl, setOffline, type OfflinePhone } from '../helpers/static-app.js';
import { testEngine } from '../helpers/engine.js';
import { tagsCsv, tagsVcard } from '../../src/act/block-list.js';
import { loadReportFormats } from '../../src/data/report-formats.js';
import { prepareScamReport } from '../../src/service/report-scam.js';
import { defangLinks, visibleControls } from '../../src/present/safe-text.js';
import type { NumberTag } from '../../src/record/tags.js';

const BASE = '/pocket/';
const HOSTILE = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', 'javascript:window.__pwned=1', 'http://evil.example.com/pay'].join(' ');
const SCAM = `【某某金融】尊敬的王小明先生，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请扫码转账或点击 ${HOSTILE} 处理`;
const NUMBER = '17012345678';
const PLATFORM = '<img src=x onerror="window.__pwned=1">某贷';
const SKIP = SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : !existsSync(join(APP, 'index.html')) ? 'dist/app is not built (npm run build)' : false;

let phone: OfflinePhone | undefined;
let origin: string;
let context: BrowserContext;
let page: Page;
const served: string[] = [];
const down = { now: false, reached: [] as string[] };
const problems: string[] = [];
const foreign: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-app-tags-'));
let files = 0;

const step = (t: TestContext, f: () => Promise<void>): Promise<void> => withScreenshots(t, () => context.pages(), f, { prefix: 'app-tags-', fullPage: false });

async function assertInert(p: Page): Promise<void> {
  assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'hostile text must not run');
  assert.equal(await p.locator('main img:not([src^="blob:"]), main script, main iframe').count(), 0, 'no element injected from text');
  const hrefs = await p.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const h of hrefs) assert.ok(h.startsWith('blob:') || h.startsWith('sms:12321?body=') || h.startsWith('#/'), `a link the page did not build: ${h}`);
}

/** Clicks the button and returns the downloaded file's text. */
async function downloadedText(p: Page, button: RegExp): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button }).click()]);
  const path = join(tmp, `${files++}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Checks a message from a number on the check page; resolves once the verdict (and the warn panel) shows. */
async function checkMessage(p: Page, text: string, number: string): Promise<void> {
  await p.goto(origin + BASE + '#/check');
  await p.getByLabel('短信或通话内容').fill(text);
  await p.getByLabel('来电或短信号码（可选）').fill(number);
  await p.locator('section.verdict').waitFor();
  await p.locator('#warn-heading').waitFor();
}

/** Untrusted text as the pages show it (web/src/components/SafeText.tsx's safeString). */
const safeString = (text: string): string => defangLinks(visibleControls(text));

/** The CSV's rows after the header (the BOM and CRLFs as the server writes them). */
const csvRows = (csv: string): string[] => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1);

describe('the offline app: tags, block list and one-step report with no network', { skip: SKIP }, () => {
  before(async () => {
    phone = await openOfflineApp({ base: BASE, served, down, deviceScaleFactor: 2, timeout: 60_000, acceptDownloads: true, foreign, problems });
    ({ origin, context, page } = phone);
    await page.goto(origin + BASE);
    await page.locator('main h1').waitFor();
    await serviceWorkerInControl(page);
    await setOffline(context, down, true);
    await page.reload();
    await page.locator('main h1').waitFor();
  });

  after(async () => {
    await closeOfflineApp(phone);
    rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP refusals');
  });

  it('tags a number offline, exports the block list as the server writes it, and shows the tag when the number is checked again', async (t) => {
    await step(t, async () => {
      await checkMessage(page, SCAM, NUMBER);
      assert.equal(await page.locator('section.verdict').getAttribute('data-verdict'), 'scam');
      assert.equal(await page.getByTestId('your-tag').count(), 0, 'no tag before one is set');
      assert.equal(await page.getByLabel('标记', { exact: true }).inputValue(), 'scam', 'the verdict suggests 诈骗');
      await page.getByRole('button', { name: '标记这个号码' }).click();
      await page.getByTestId('your-tag').filter({ hasText: '诈骗' }).waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), /离线版暂不支持/);

      const csv = await downloadedText(page, /导出表格/);
      assert.equal(csv.name, 'dunguard-tags.csv');
      const rows = csvRows(csv.text);
      assert.equal(rows.length, 1, csv.text);
      // The cell is Beijing's clock ("2026-12-01 17:15"), whatever this machine's zone: read back as such.
      const cell = rows[0]!.split(',').at(-1)!.replace(/^"(.*)"$/, '$1');
      assert.match(cell, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      const taggedAt = `${cell.replace(' ', 'T')}:00+08:00`;
      const tag: NumberTag = { number: NUMBER, kind: 'scam', source: 'manual', tagged_at: taggedAt };
      assert.equal(csv.text, tagsCsv([tag], 'zh'), 'the CSV the server writes for this tag');
      const vcf = await downloadedText(page, /导出通讯录/);
      assert.equal(vcf.name, 'dunguard-blocklist.vcf');
      assert.equal(vcf.text, tagsVcard([tag], 'zh'), 'the vCard the server writes for this tag');
      const card = new ICAL.Component(ICAL.parse(vcf.text) as unknown[]);
      assert.equal(card.getFirstPropertyValue('fn'), `⚠ 诈骗 ${NUMBER}`);
      assert.equal(card.getFirstPropertyValue('tel'), NUMBER);

      // Another message from the same number, written another way: its tag shows, after a reload too.
      await page.reload();
      await checkMessage(page, '您好，您的借款已逾期，请尽快处理', '+86 170 1234 5678');
      await page.getByTestId('your-tag').filter({ hasText: '诈骗' }).waitFor();
      assert.match(await page.getByTestId('your-tag').innerText(), new RegExp(`你的标记：诈骗 ${NUMBER}`));
      await assertInert(page);
      assert.deepEqual(reachedWhileOffline(down, BASE), [], 'nothing reached the host while offline');
    });
  });

  it('prepares the one-step report offline exactly as the server does', async (t) => {
    await step(t, async () => {
      await checkMessage(page, SCAM, NUMBER);
      await page.getByRole('button', { name: '准备举报' }).click();
      const link = page.getByTestId('sms-link');
      await link.waitFor();
      const expected = await prepareScamReport(undefined, await testEngine(), loadReportFormats(), { text: SCAM, number: NUMBER });
      const sms = expected.channels.find((c) => c.sms !== undefined)?.sms;
      assert.ok(sms, 'the server prepares a 12321 SMS for this message');
      assert.equal(await link.getAttribute('href'), sms.uri);
      assert.equal(await page.getByTestId('sms-body').inputValue(), sms.body);
      assert.equal(sms.body, `${NUMBER}*${SCAM}`);
      // Every channel the server prepares, with each field's value as the page shows untrusted text (links defanged).
      assert.deepEqual(await page.locator('.report-channel').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-testid'))), expected.channels.map((c) => `report-${c.id}`));
      for (const c of expected.channels) {
        const shown = await page.getByTestId(`report-${c.id}`).locator('.copyable').evaluateAll((es) => es.map((e) => e.textContent));
        assert.deepEqual(shown, (c.fields ?? []).filter((f) => f.value !== '').map((f) => safeString(f.value)), `${c.id}: the fields the server prepares`);
      }
      assert.match(await page.getByTestId('report-app-antifraud').innerText(), /hxxp:\/\/evil\[\.\]example\[\.\]com/);
      await assertInert(page);
      assert.deepEqual(reachedWhileOffline(down, BASE), [], 'nothing reached the host while offline');
    });
  });

  it('takes the tag off (gone from the check and the block list), and a hostile platform in a tag stays text', async (t) => {
    await step(t, async () => {
      await checkMessage(page, SCAM, NUMBER);
      await page.getByTestId('your-tag').filter({ hasText: '诈骗' }).waitFor();
      await page.getByRole('button', { name: '取消标记' }).click();
      await page.getByTestId('your-tag').waitFor({ state: 'detached' });
      assert.deepEqual(csvRows((await downloadedText(page, /导出表格/)).text), [], 'the block list is empty');
      await checkMessage(page, '您好，您的借款已逾期，请尽快处理', NUMBER);
      assert.equal(await page.getByTestId('your-tag').count(), 0, 'no tag after it was taken off');

      // A tag with a hostile platform name: shown as text, nothing runs, exported escaped.
      await page.getByLabel('标记', { exact: true }).selectOption('collection');
      await page.getByLabel('平台或机构（可不填）').fill(PLATFORM);
      await page.getByRole('button', { name: '标记这个号码' }).click();
      const shown = page.getByTestId('your-tag');
      await shown.waitFor();
      assert.ok((await shown.innerText()).includes(`催收-${PLATFORM}`), await shown.innerText());
      await assertInert(page);
      const vcf = await downloadedText(page, /导出通讯录/);
      const card = new ICAL.Component(ICAL.parse(vcf.text) as unknown[]);
      assert.equal(card.getFirstPropertyValue('tel'), NUMBER);
      assert.ok(String(card.getFirstPropertyValue('fn')).includes(PLATFORM), 'the platform kept as text in the contact');
      assert.deepEqual(reachedWhileOffline(down, BASE), [], 'nothing reached the host while offline');
    });
  });
});
