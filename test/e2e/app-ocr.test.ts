/**
 * Reading screenshots in the offline app (dist/app) on a phone, with no dunguard server: a
 * plain static file server (node:http, files only, under a sub-path) and chromium with a
 * 360 × 740 touch screen — with the browser's data saver on, so that the app fetches the
 * screenshot reader's and the PDF writer's files only when asked (without it, it keeps them in
 * the background after the first visit: app-flow.test.ts).
 *
 * - The first visit precaches the app but none of the OCR files (worker script, WebAssembly
 *   core, Chinese data): they are outside the first visit's budget. The record page says they
 *   are not on the phone yet, because of the data saver, and offers to fetch them. The browser
 *   here refuses to keep the site's data for good (navigator.storage.persist): the page says what
 *   that means and to export the evidence package regularly.
 * - Offline before any screenshot was read, picking one says that the first needs the network
 *   once (and nothing is made up); online again, the next screenshot is read (no reload).
 * - The first screenshot is read online: the OCR files come from the app's own folder and the
 *   service worker keeps them; the text equals, character for character, what the server's
 *   OCR (src/ocr/reader.ts, in Node) reads off the same file, and scores ≥ 0.97 character
 *   accuracy against the fixture's messages; a degraded JPEG (the fixture forwarded and
 *   re-compressed) also gives the server's text, and ≥ 0.95 as in the Node OCR test.
 * - Offline after a reload: another screenshot is read (≥ 0.97), shown beside its text, the
 *   verdict on the first screen, checked (诈骗), saved with the screenshot as evidence; the
 *   record lists the message with its screenshot; a WebP is refused with the server's sentence;
 *   nothing reached the host.
 * - Android's share sheet (Web Share Target), offline: a screenshot POSTed to ./share-target
 *   as the share sheet does is taken by the service worker, the check page opens with it shown
 *   and its text read into the box; a share without an image opens it saying so.
 * - The first PDF, offline, says that it needs the network once; the record page's button
 *   fetches the PDF writer and its font, after which a PDF is made offline.
 * - No request from the page, its workers (tesseract's too) or the service worker goes to
 *   another origin; no CSP refusal, no page error.
 *
 * Needs chromium and tesseract-ocr-chi-sim (DUNGUARD_SKIP_BROWSER=1 or DUNGUARD_SKIP_OCR=1
 * skip). Run `npm run build` first.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { APP, closeOfflineApp, openOfflineApp, reachedWhileOffline, serviceWorkerInControl, setOffline, type Down, type OfflinePhone } from '../helpers/static-app.js';
import { characterAccuracy } from '../../src/ocr/accuracy.js';
import { ScreenshotReader } from '../../src/ocr/reader.js';

const SKIP = SKIP_BROWSER || process.env.DUNGUARD_SKIP_OCR === '1';
const FIX = join(import.meta.dirname, '..', 'fixtures', 'ocr');
const BASE = '/dunguard/';
const screens = (JSON.parse(readFileSync(join(FIX, 'messages.json'), 'utf8')) as { screens: { id: string; messages: { text: string }[] }[] }).screens;
const truth = (id: string): string[] => screens.find((s) => s.id === id)!.messages.map((m) => m.text);

/**
 * A page of another app, standing in for Android's share sheet: a form that POSTs a file to the
 * app's share target, as the manifest's share_target says (multipart, field "image"). Served by
 * the test host outside the app's folder, so the app's CSP does not apply to it.
 */
const SHARE_SHEET = `<!doctype html><meta charset="utf-8"><form method="post" enctype="multipart/form-data" action="${BASE}share-target"><input type="file" name="image" aria-label="image"><button>share</button></form>`;

let phone: OfflinePhone | undefined;
let origin: string;
let context: BrowserContext;
const served: string[] = [];
const down: Down = { now: false, reached: [] };
const problems: string[] = [];
const foreign: string[] = [];
const reader = new ScreenshotReader();

const goOffline = (on: boolean): Promise<void> => setOffline(context, down, on);
const reachedOffline = (): string[] => reachedWhileOffline(down, BASE);

/** The OCR files of this build: the folder named by their hash. */
const ocrDir = (): string => {
  const dirs = readdirSync(join(APP, 'ocr'));
  assert.equal(dirs.length, 1, 'one OCR folder in dist/app/ocr');
  return `${BASE}ocr/${dirs[0]}/`;
};

/** Picks a fixture in "from a screenshot" and waits for its text in the box. */
async function readShot(page: Page, file: string): Promise<string> {
  await page.getByLabel('从截图识别').setInputFiles(join(FIX, file));
  // Busy first (so that the last image's "done" is not taken for this one's), then done.
  await page.getByRole('status').filter({ hasText: '正在识别' }).waitFor();
  await page.getByRole('status').filter({ hasText: '已识别' }).waitFor({ timeout: 120_000 });
  return page.getByLabel('短信或通话内容').inputValue();
}

describe('the offline app reads screenshots, on a phone, from a plain static host', { skip: SKIP ? 'skipped by DUNGUARD_SKIP_BROWSER / DUNGUARD_SKIP_OCR' : false }, () => {
  let page: Page;
  const step = (t: TestContext, f: () => Promise<void>) => withScreenshots(t, () => context.pages(), f, { prefix: 'app-ocr-', fullPage: false });

  before(async () => {
    assert.ok(existsSync(join(APP, 'index.html')), 'dist/app is missing: run npm run build');
    assert.ok(existsSync(join(APP, 'ocr')), 'dist/app has no OCR files: the build found no Chinese data (apt-get install tesseract-ocr-chi-sim)');
    phone = await openOfflineApp({ base: BASE, served, down, pages: { '/share-sheet.html': SHARE_SHEET }, deviceScaleFactor: 3, timeout: 30_000, acceptDownloads: true, foreign, problems });
    ({ origin, context, page } = phone);
    // The browser's data saver (Save-Data), as a person on a metered plan turns it on.
    // (A script's text: a function here would carry the test compiler's helpers into the page.)
    await context.addInitScript({ content: "if (navigator.connection) Object.defineProperty(navigator.connection, 'saveData', { get: () => true });" });
    // And a browser that refuses to keep the site's data for good (navigator.storage.persist).
    await context.addInitScript({ content: 'StorageManager.prototype.persist = () => Promise.resolve(false); StorageManager.prototype.persisted = () => Promise.resolve(false);' });
  });

  after(async () => {
    await reader.close();
    await closeOfflineApp(phone);
    assert.ok(served.some((p) => p.endsWith('/chi_sim.traineddata.gz')), 'the watch saw the OCR data fetched from the app folder');
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP refusals');
  });

  it('precaches the app on the first visit, but none of the OCR files', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE);
      await page.locator('main h1').waitFor();
      await serviceWorkerInControl(page);
      const precached = await page.evaluate(async () => {
        const out: string[] = [];
        for (const name of await caches.keys()) if (name.includes('precache')) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
        return out;
      });
      assert.ok(precached.some((p) => /\/assets\/bundle-[\w-]+\.json$/.test(p)), `the app is precached: ${precached.length} files`);
      assert.deepEqual(precached.filter((p) => p.includes('/ocr/')), [], 'no OCR file in the precache');
      // The record page says why they are not there, and offers them; and what the browser's
      // refusal to keep the data for good means, and what to do.
      await page.goto(origin + BASE + '#/record');
      const kept = page.getByTestId('kept-on-phone').filter({ hasText: '浏览器没有同意长期保存' });
      await kept.waitFor();
      assert.match(await kept.innerText(), /记录可能被删除。请定期点“导出证据包”/);
      const note = page.locator('[data-testid=offline-files][data-state=missing]');
      await note.waitFor();
      assert.match(await note.innerText(), /识别截图和生成PDF所需的文件还没有保存在这个手机上（约 [\d.]+ MB）.*省流量模式/s);
      await note.getByRole('button', { name: /现在下载/ }).waitFor();
      await page.waitForTimeout(4000); // longer than the app waits before fetching them by itself
      assert.equal(served.filter((p) => p.includes('/ocr/') || p.includes('/pdf/')).length, 0, 'no OCR or PDF file fetched before the first use');
    });
  });

  it('offline before any screenshot was read: says in Chinese that the first one needs the network once', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/check');
      await goOffline(true);
      await page.getByLabel('从截图识别').setInputFiles(join(FIX, 'chat-threat-degraded.jpg'));
      const alert = page.getByRole('alert').filter({ hasText: '第一次识别截图需要联网' });
      await alert.waitFor({ timeout: 60_000 });
      assert.doesNotMatch(await alert.innerText(), /undefined|Error|\.js/, 'a sentence for a person, nothing technical');
      assert.equal(await page.getByLabel('短信或通话内容').inputValue(), '', 'no text made up');
      await goOffline(false);
      // Only the OCR files were asked for (and not served); the next test reads them online.
      assert.deepEqual(down.reached.filter((p) => !p.includes('/ocr/')), []);
      down.reached.length = 0;
    });
  });

  it('reads the first screenshot online with files of its own folder only, the same text as the server reads, and keeps the files', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/check');
      // A tap on the picker starts the reader while the person chooses: its files come before any screenshot.
      const ocrFiles = (): string[] => served.filter((p) => p.startsWith(ocrDir()));
      assert.deepEqual(ocrFiles(), [], 'no OCR file before the picker is tapped');
      const chooser = page.waitForEvent('filechooser');
      await page.getByLabel('从截图识别').click();
      await chooser;
      for (const until = Date.now() + 60_000; !ocrFiles().some((p) => p.endsWith('/chi_sim.traineddata.gz')); ) {
        assert.ok(Date.now() < until, `the reader's files fetched after a tap on the picker, before any screenshot: ${ocrFiles().join(', ')}`);
        await page.waitForTimeout(100);
      }
      const text = await readShot(page, 'sms-collection.png');
      const acc = characterAccuracy(text, truth('sms-collection'));
      assert.ok(acc.accuracy >= 0.97, `character accuracy ${acc.accuracy.toFixed(3)} (${acc.edits} edits): ${text}`);
      const node = await reader.recognise(readFileSync(join(FIX, 'sms-collection.png')));
      assert.equal(text, node.text, 'the browser reads the same text as the server');
      // A forwarded, re-compressed copy (JPEG quality 40, shrunk, rotated): the same text too.
      const jpegText = await readShot(page, 'sms-scam-degraded.jpg');
      assert.equal(jpegText, (await reader.recognise(readFileSync(join(FIX, 'sms-scam-degraded.jpg')))).text, 'the same text as the server from a JPEG');
      assert.ok(characterAccuracy(jpegText, truth('sms-scam')).accuracy >= 0.95, `degraded: ${jpegText}`);
      const dir = ocrDir();
      const fetched = served.filter((p) => p.startsWith(dir)).map((p) => p.slice(dir.length));
      assert.ok(fetched.includes('worker.min.js') && fetched.includes('chi_sim.traineddata.gz') && fetched.some((f) => /^tesseract-core(-relaxedsimd|-simd)?-lstm\.wasm$/.test(f)), `worker, core and data from the app's folder: ${fetched.join(', ')}`);
      const kept = await page.evaluate(async () => (await (await caches.open('dunguard-ocr')).keys()).map((r) => new URL(r.url).pathname));
      for (const f of fetched) assert.ok(kept.includes(dir + f), `${f} is kept by the service worker (${kept.join(', ')})`);
    });
  });

  it('offline after a reload: reads a screenshot, shows it beside its text, checks it, saves it as evidence, and the record shows it', async (t) => {
    await step(t, async () => {
      await goOffline(true);
      const before = served.length;
      await page.reload();
      await page.locator('main h1').waitFor();
      const text = await readShot(page, 'sms-scam.png');
      const acc = characterAccuracy(text, truth('sms-scam'));
      assert.ok(acc.accuracy >= 0.97, `character accuracy ${acc.accuracy.toFixed(3)} (${acc.edits} edits): ${text}`);
      const shot = page.getByTestId('ocr-shot');
      assert.match((await shot.getAttribute('src')) ?? '', /^blob:/);
      assert.equal(await shot.evaluate((i) => (i as HTMLImageElement).naturalWidth), 780, 'the screenshot itself is shown');
      // Phone first: with the screenshot shown, the verdict on the recognised text is on the first screen.
      await page.locator('section.verdict .verdict-label').waitFor();
      const v = await page.locator('section.verdict .verdict-label').evaluate((el) => ({ ...el.getBoundingClientRect().toJSON(), scrollY: window.scrollY, height: window.innerHeight }) as { top: number; bottom: number; scrollY: number; height: number });
      assert.ok(v.scrollY === 0 && v.top >= 0 && v.bottom <= v.height, `the verdict is on the first screen: label at ${Math.round(v.top)}–${Math.round(v.bottom)} px of ${v.height}, scrolled ${v.scrollY}`);
      // The person corrects the text; the verdict follows the box.
      const box = page.getByLabel('短信或通话内容');
      await box.fill(text + '\n对方还要我提供验证码。');
      const card = page.locator('section.verdict');
      await card.waitFor();
      assert.equal(await card.getAttribute('data-verdict'), 'scam');
      const save = page.locator('section.save');
      assert.match(await save.innerText(), /识别用的截图“sms-scam\.png”会作为证据一起保存/);
      await save.getByRole('button', { name: '保存', exact: true }).click();
      await save.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor({ timeout: 60_000 });
      assert.match(await save.getByRole('status').innerText(), /1 个文件已附上/);
      await page.goto(origin + BASE + '#/record');
      const item = page.locator('ol.events > li').filter({ hasText: '验证码' });
      await item.first().waitFor();
      assert.ok((await item.first().innerText()).includes('手续费'), 'the saved message is the recognised text');
      const img = item.first().locator('img[src^="blob:"]');
      await img.first().waitFor();
      assert.equal(await img.first().evaluate((i) => (i as HTMLImageElement).naturalWidth), 780, 'its screenshot is shown');
      // Text read off an image stays text: the link in it is not made a link.
      assert.equal(await page.locator('main a[href*="pay-credit"]').count(), 0);
      // A file that is no screenshot: the same sentence as the server's, the box untouched.
      await page.goto(origin + BASE + '#/check');
      await page.getByLabel('从截图识别').setInputFiles({ name: 'a.webp', mimeType: 'image/webp', buffer: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') });
      await page.getByRole('alert').filter({ hasText: '只能识别 PNG 或 JPEG' }).waitFor();
      assert.equal(await page.getByLabel('短信或通话内容').inputValue(), '');
      assert.equal(served.length, before, `nothing was served while offline: ${served.slice(before).join(', ')}`);
      assert.deepEqual(reachedOffline(), [], 'neither the page nor its workers asked the host for anything while offline');
    });
  });

  it("offline: a screenshot shared from another app (Android's share sheet) opens the check page with it shown and its text read", async (t) => {
    await step(t, async () => {
      await goOffline(false);
      const sheet = await context.newPage();
      watchPage(sheet, problems, { httpErrors: false });
      await sheet.goto(origin + '/share-sheet.html');
      await sheet.getByLabel('image').setInputFiles(join(FIX, 'chat-threat.png'));
      await goOffline(true);
      const before = served.length;
      await sheet.getByRole('button', { name: 'share' }).click();
      await sheet.waitForURL((u) => u.pathname === BASE && u.hash === '#/check');
      await sheet.getByRole('status').filter({ hasText: '已识别' }).waitFor({ timeout: 120_000 });
      assert.equal(new URL(sheet.url()).search, '', 'the page took the shared screenshot and tidied its address');
      assert.equal(await sheet.getByTestId('ocr-shot').evaluate((i) => (i as HTMLImageElement).naturalWidth), 780, 'the shared screenshot is shown');
      const text = await sheet.getByLabel('短信或通话内容').inputValue();
      const acc = characterAccuracy(text, truth('chat-threat'));
      assert.ok(acc.accuracy >= 0.97, `character accuracy ${acc.accuracy.toFixed(3)} (${acc.edits} edits): ${text}`);
      assert.match(await sheet.locator('section.save').innerText(), /识别用的截图“chat-threat\.png”会作为证据一起保存/);
      // Taken once: the shared image is no longer kept.
      assert.equal(await sheet.evaluate(async () => (await (await caches.open('dunguard-share')).keys()).length), 0);
      assert.equal(served.length, before, `nothing was served while offline: ${served.slice(before).join(', ')}`);
      assert.deepEqual(reachedOffline(), [], 'nothing asked the host while offline');
      // A share that carries no image: the page opens and says so, with nothing in the box.
      await goOffline(false);
      await sheet.goto(origin + '/share-sheet.html');
      await goOffline(true);
      await sheet.getByRole('button', { name: 'share' }).click();
      await sheet.getByRole('alert').filter({ hasText: '没有收到分享过来的图片' }).waitFor();
      assert.equal(await sheet.getByLabel('短信或通话内容').inputValue(), '');
      assert.equal(await sheet.getByTestId('ocr-shot').count(), 0);
      assert.deepEqual(reachedOffline(), [], 'nothing asked the host while offline');
      await sheet.close();
      await goOffline(false);
    });
  });
  it('with the data saver on: the first PDF offline asks for the network once; the record page fetches the PDF writer, and then PDFs are made offline', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/record');
      await page.getByRole('button', { name: '校验记录' }).waitFor();
      // The screenshot reader is kept since its first use; the PDF writer is not.
      const note = page.locator('[data-testid=offline-files][data-state=missing]');
      await note.waitFor();
      await goOffline(true);
      await page.getByRole('button', { name: '下载骚扰报告（PDF）' }).click();
      await page.getByText('第一次生成PDF时需要联网一次').first().waitFor();
      await goOffline(false);
      const before = served.length;
      await note.getByRole('button', { name: /现在下载/ }).click();
      await page.locator('[data-testid=offline-files][data-state=ready]').waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('offline-files').innerText(), /识别截图和生成PDF所需的文件已保存在这个手机上，不联网也能用/);
      const fetched = served.slice(before);
      assert.ok(fetched.some((p) => /\/pdf\/[0-9a-f]{12}\/cjk-sc\.otf$/.test(p)) && fetched.some((p) => /\/assets\/pdf-local-[\w-]+\.js$/.test(p)), `the font and the PDF writer: ${fetched.join(', ')}`);
      assert.equal(fetched.filter((p) => p.includes('/ocr/')).length, 0, 'the OCR files were kept already');
      await goOffline(true);
      await page.reload();
      await page.getByRole('button', { name: '校验记录' }).waitFor();
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: '下载骚扰报告（PDF）' }).click()]);
      const bytes = readFileSync((await dl.path())!);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      assert.deepEqual(reachedOffline(), [], 'nothing asked the host while offline');
      await goOffline(false);
    });
  });
});
