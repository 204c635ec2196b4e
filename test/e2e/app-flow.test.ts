/**
 * The offline app (dist/app): a person's whole flow on a phone, with no dunguard server and no
 * network after the first visit — chromium, a 360 × 740 touch screen, dist/app served by a plain
 * static file server under a sub-path (test/helpers/static-app.ts).
 *
 * Installed on the first visit: the service worker precaches the app, and then, in the
 * background, the page has it keep the screenshot reader and the PDF writer too, so that the
 * record page says both work offline. From then on the phone is offline: a screenshot (an OCR
 * fixture) is read, checked and saved with the screenshot as evidence; a loan added on the debts
 * page shows its true annual rate, flags and limitation; a payment and the settlement are
 * recorded; a caller's claim is checked against that ledger in the browser as on the server (a
 * settled loan "overdue" is 诈骗); the record page draws its charts; the letters page sets the
 * profile, recommends channels and previews a letter filled from the record and the ledger, and
 * the complaint letter comes out as a PDF — the first PDF, made offline (its text read back by
 * pdftotext: the Chinese is there, no internal references). The record is exported as the
 * evidence package; the site's data is cleared entirely (record, files, caches and the service
 * worker, as the browser's "clear site data" does); the app is installed again (online, as on a
 * new phone), an edited package is refused offline, the real one imported, and the record
 * verifies intact to the same audit head with the ledger back. Every page then has touch targets
 * of 44 px and no sideways scrolling, in portrait and in landscape. Every request stays on the
 * app's origin, and none reaches the host while it is offline.
 *
 * Needs chromium (DUNGUARD_SKIP_BROWSER=1 skips) and, for the screenshot, tesseract-ocr-chi-sim
 * (DUNGUARD_SKIP_OCR=1 skips that step). Run `npm run build` first.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { verifyPackage } from '../../src/service/package-verify.js';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SKIP_BROWSER, withScreenshots } from '../helpers/browser.js';
import { addLoan, loanForm, previewLetter, recordOnLoan } from '../helpers/page-forms.js';
import { fillPage, layoutFailures, PAGES } from '../helpers/phone-layout.js';
import { characterAccuracy } from '../../src/ocr/accuracy.js';
import { APP, closeOfflineApp, openOfflineApp, reachedWhileOffline, serviceWorkerInControl, setOffline, type OfflinePhone } from '../helpers/static-app.js';

const BASE = '/pocket/';
const SKIP_OCR = process.env.DUNGUARD_SKIP_OCR === '1';
const FIX = join(import.meta.dirname, '..', 'fixtures', 'ocr');
const screens = (JSON.parse(readFileSync(join(FIX, 'messages.json'), 'utf8')) as { screens: { id: string; messages: { text: string }[] }[] }).screens;
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
/** A "collection" message about a loan the ledger says was settled: the claim check's strongest scam sign. */
const SETTLED_CLAIM = '【招联金融】您的借款已逾期，请尽快还款，否则将影响征信';

let phone: OfflinePhone | undefined;
let origin: string;
let context: BrowserContext;
const served: string[] = [];
const down = { now: false, reached: [] as string[] };
const problems: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-app-flow-'));
let files = 0;
const foreign: string[] = [];

const goOffline = (on: boolean): Promise<void> => setOffline(context, down, on);
const reachedOffline = (): string[] => reachedWhileOffline(down, BASE);

async function assertInert(page: Page): Promise<void> {
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'hostile text must not run');
  assert.equal(await page.locator('main img:not([src^="blob:"]), main script, main iframe').count(), 0, 'no element injected from text');
}

/** Clicks the button and returns the file the browser downloaded. */
async function downloaded(page: Page, button: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: button }).click()]);
  const path = join(tmp, `${files++}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return path;
}

/** The PDF's text as pdftotext reads it, without spaces and line breaks. */
function pdfText(path: string): string {
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

/** What a person's PDF must not show: the project's notes, section marks, data-quality words, addresses, ISO timestamps. */
function assertNothingInternal(text: string, what: string): void {
  for (const internal of ['law.md', '§', 'secondary', '@', 'verified', 'LawRefBook']) assert.ok(!text.includes(internal), `${what} shows "${internal}"`);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, `${what} shows an ISO timestamp`);
}

const step = (t: TestContext, f: () => Promise<void>): Promise<void> => withScreenshots(t, () => context.pages(), f, { prefix: 'app-flow-', fullPage: false });

describe('the offline app: a person\'s whole flow on a phone with no network', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  let page: Page;

  before(async () => {
    assert.ok(existsSync(join(APP, 'index.html')), 'dist/app is missing: run npm run build');
    phone = await openOfflineApp({ base: BASE, served, down, deviceScaleFactor: 2, timeout: 30_000, acceptDownloads: true, foreign, problems });
    ({ origin, context, page } = phone);
    await page.goto(origin + BASE);
    await page.locator('main h1').waitFor();
    await serviceWorkerInControl(page);
  });

  after(async () => {
    await closeOfflineApp(phone);
    rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP refusals');
  });

  it('installs on the first visit, then keeps the screenshot reader and the PDF writer in the background; the record page says they work offline', async (t) => {
    await step(t, async () => {
      // What the page fetches by itself after the first visit: this phone's OCR core (one of
      // three builds), the OCR worker and data, the PDF writer and its font.
      const lazy = (p: string): boolean => /\/ocr\/[0-9a-f]{12}\//.test(p) || /\/pdf\/[0-9a-f]{12}\/cjk-sc\.otf$/.test(p) || /\/assets\/pdf-local-[\w-]+\.js$/.test(p);
      for (const until = Date.now() + 120_000; ; ) {
        const fetched = served.filter(lazy);
        if (fetched.some((p) => p.endsWith('/cjk-sc.otf')) && (SKIP_OCR || fetched.some((p) => p.endsWith('/chi_sim.traineddata.gz')))) break;
        assert.ok(Date.now() < until, `the lazy files fetched in the background: ${fetched.join(', ')}`);
        await page.waitForTimeout(200);
      }
      const cores = served.filter((p) => /\.wasm$/.test(p) && p.includes('/ocr/'));
      if (!SKIP_OCR) assert.equal(cores.length, 1, `one OCR core of the three: ${cores.join(', ')}`);
      await page.goto(origin + BASE + '#/record');
      await page.locator('[data-testid=offline-files][data-state=ready]').waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('offline-files').innerText(), SKIP_OCR ? /生成PDF所需的文件已保存在这个手机上，不联网也能用/ : /识别截图和生成PDF所需的文件已保存在这个手机上，不联网也能用/);
      await goOffline(true);
      await page.reload();
      await page.locator('[data-testid=offline-files][data-state=ready]').waitFor();
    });
  });

  it('offline: reads a screenshot, checks it, and saves it with the screenshot as evidence', { skip: SKIP_OCR ? 'DUNGUARD_SKIP_OCR=1' : false }, async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/check');
      await page.getByLabel('从截图识别').setInputFiles(join(FIX, 'sms-scam.png'));
      await page.getByRole('status').filter({ hasText: '正在识别' }).waitFor();
      await page.getByRole('status').filter({ hasText: '已识别' }).waitFor({ timeout: 120_000 });
      const text = await page.getByLabel('短信或通话内容').inputValue();
      const acc = characterAccuracy(text, screens.find((x) => x.id === 'sms-scam')!.messages.map((m) => m.text));
      assert.ok(acc.accuracy >= 0.97, `character accuracy ${acc.accuracy.toFixed(3)}: ${text}`);
      await page.waitForFunction(() => document.querySelector('section.verdict')?.getAttribute('data-verdict') === 'scam');
      const save = page.locator('section.save');
      await save.getByRole('button', { name: '保存', exact: true }).click();
      await save.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor({ timeout: 60_000 });
      assert.match(await save.getByRole('status').innerText(), /1 个文件已附上/);
      assert.deepEqual(reachedOffline(), [], 'nothing reached the host while offline');
    });
  });

  it('adds a loan offline and shows its true annual rate, flags and limitation; records a payment', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/debts');
      const form = loanForm(page);
      await addLoan(form, { lender: `示例花 ${HOSTILE}`, principal: '10000', received: '8000', date: '2026-01-10', instalments: '12', amount: '1000' });
      const debt = page.getByTestId('debt');
      await debt.waitFor({ timeout: 60_000 });
      const rate = Number((await debt.getByTestId('true-rate').innerText()).replace('%', ''));
      // 8,000 received against 12 × 1,000: the same 122.7% the command line computes (test/ledger-cli.test.ts).
      assert.ok(Math.abs(rate - 122.7) < 0.2, `true annual rate ${rate}%`);
      assert.ok((await debt.locator('.flags li').count()) > 0, 'the up-front deduction is flagged');
      assert.match(await debt.innerText(), /诉讼时效/);
      assert.match(await debt.innerText(), /¥12,000\.00/);
      await recordOnLoan(debt, { amount: '1000', date: '2026-02-10' });
      await page.getByTestId('debt').filter({ hasText: '¥11,000.00' }).waitFor();
      // Bad input: the same Chinese error as the server's, and nothing added.
      await addLoan(form, { lender: '坏金额', principal: '1.005', amount: '1' });
      await page.getByText('输入有误').first().waitFor();
      assert.equal(await page.getByTestId('debt').count(), 1);
      // Kept after a reload, offline.
      await page.reload();
      await page.getByTestId('debt').filter({ hasText: '¥11,000.00' }).waitFor();
      await assertInert(page);
    });
  });

  it("checks a caller's claim against the ledger on the phone: overdue on a settled loan is 诈骗", async (t) => {
    await step(t, async () => {
      await addLoan(loanForm(page), { lender: '招联金融', principal: '5000', received: '', date: '2024-06-01', instalments: '6', amount: '900' });
      const zl = page.getByTestId('debt').filter({ hasText: '招联金融' });
      await zl.waitFor();
      await recordOnLoan(zl, { what: 'settle', date: '2025-03-02' });
      await zl.filter({ hasText: '已结清' }).waitFor();

      await page.goto(origin + BASE + '#/check');
      await page.getByLabel('短信或通话内容').fill(SETTLED_CLAIM);
      const card = page.locator('section.verdict');
      await card.waitFor();
      await page.waitForFunction(() => document.querySelector('section.verdict')?.getAttribute('data-verdict') === 'scam');
      assert.match(await page.locator('main').innerText(), /2025-03-02/, 'the reason names the settlement date from the ledger');
      // Saved to the record, with its verdict.
      const save = page.locator('section.save');
      await save.getByRole('button', { name: '保存', exact: true }).click();
      await save.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor({ timeout: 60_000 });
      assert.deepEqual(reachedOffline(), [], 'nothing reached the host while offline');
    });
  });

  it('sets the profile, recommends channels and previews a letter filled from the record and the ledger, offline', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/letters');
      // 𠮷 is not in the app's font (GB 2312): printed as 〓, never as an empty box.
      const letter = await previewLetter(page, `张三𠮷${HOSTILE}`, 'regulator-complaint');
      const text = await letter.innerText();
      assert.match(text, /张三/);
      assert.match(text, /国家金融监督管理总局/, 'addressed to the regulator the routing chose');
      await assertInert(page);
      // The complaint letter as PDF, offline: the Chinese text is in it, in the embedded font.
      const pdf = await downloaded(page, '下载 PDF');
      const inPdf = pdfText(pdf);
      assert.match(inPdf, /国家金融监督管理总局/);
      assert.match(inPdf, /关于.*违规催收的投诉/);
      assert.match(inPdf, /张三〓/, 'a character the font lacks is marked 〓');
      assert.match(inPdf, /此致敬礼/);
      assertNothingInternal(inPdf, 'the letter');
      assert.match(spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout, /NotoSansCJKsc-Regular.*yes\s+yes/, 'the font is embedded as a subset');
      assert.deepEqual(reachedOffline(), [], 'nothing reached the host while offline');
    });
  });
  it('exports the package; the site cleared and the app installed again, refuses an edited package and imports the real one offline, intact', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/record');
      // The pattern of contacts drawn offline: the total, contacts per day and per hour.
      await page.getByTestId('counts-summary').waitFor();
      assert.equal(await page.getByTestId('pattern').locator('svg[role=img]').count(), 2, 'both charts are drawn');
      await page.getByRole('button', { name: '校验记录' }).click();
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      const pkg = await downloaded(page, '导出证据包（zip）');
      const verdict = await verifyPackage(pkg);
      assert.deepEqual(verdict.problems, []);
      const head = verdict.audit_head;
      assert.ok(head !== null && head.seq >= 5, 'the loans, payments, settlement and profile are in the chain');

      // The site's data cleared entirely, as the browser's "clear site data" does: the record and
      // its evidence, the cached files and the service worker. Then the app is installed again,
      // online, as on a new phone, and the phone goes offline before the package is brought in.
      await page.goto(origin + BASE + '#/law');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      assert.deepEqual(await page.evaluate(async () => ({ caches: await caches.keys(), workers: (await navigator.serviceWorker.getRegistrations()).length })), { caches: [], workers: 0 }, 'nothing of the app is left on the phone');
      await goOffline(false);
      await page.goto(origin + BASE + '#/debts');
      await page.reload(); // the address changed only after its '#': a new visit, not a new page
      await serviceWorkerInControl(page);
      // A registration the clearing or the reload cut short is reported by the browser as a page
      // error; the one that counts is the one now in control (above).
      for (let i = problems.length - 1; i >= 0; i--) if (/Failed to register a ServiceWorker.*Operation has been aborted/.test(problems[i]!)) problems.splice(i, 1);
      await page.getByText('还没有借款').first().waitFor();
      await goOffline(true);
      await page.reload();
      await page.getByText('还没有借款').first().waitFor();

      // An edited package: one event's text changed, the manifest's hashes made to match.
      const m = unzipSync(readFileSync(pkg));
      const events = new TextDecoder().decode(m['events.json']);
      const forged = events.replace('招联金融', '某某金融');
      assert.notEqual(forged, events);
      m['events.json'] = strToU8(forged);
      const manifest = JSON.parse(new TextDecoder().decode(m['manifest.json'])) as { files: { path: string; sha256: string; size: number }[] };
      for (const f of manifest.files) if (f.path === 'events.json') Object.assign(f, { sha256: createHash('sha256').update(m['events.json']!).digest('hex'), size: m['events.json']!.length });
      m['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
      const bad = join(tmp, 'forged.zip');
      writeFileSync(bad, zipSync(m));
      await page.goto(origin + BASE + '#/record');
      const input = page.getByLabel('导入证据包（zip）');
      await input.setInputFiles(bad);
      await page.getByText('这个证据包没有导入').first().waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('ol.events > li').count(), 0, 'nothing was imported');

      // The real package.
      await input.setInputFiles(pkg);
      await page.getByTestId('import-status').waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('import-status').innerText(), /已导入 \d+ 条联系记录/);
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: '校验记录' }).click();
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      // The same chain, to the same head: exported again, verify-package finds the head of the first export.
      const again = await verifyPackage(await downloaded(page, '导出证据包（zip）'));
      assert.deepEqual(again.problems, []);
      assert.deepEqual(again.audit_head, head);
      // The ledger came back with it.
      await page.goto(origin + BASE + '#/debts');
      await page.getByTestId('debt').filter({ hasText: '¥11,000.00' }).waitFor();
      await page.getByTestId('debt').filter({ hasText: '招联金融' }).waitFor();
      await assertInert(page);
      assert.deepEqual(reachedOffline(), [], 'nothing reached the host while offline');
    });
  });
  it('has touch targets of at least 44 × 44 px and no sideways scrolling on every page, portrait and landscape, offline', async (t) => {
    await step(t, async () => {
      const failures: string[] = [];
      for (const size of [
        { width: 360, height: 740 },
        { width: 740, height: 360 },
      ]) {
        await page.setViewportSize(size);
        for (const p of PAGES) {
          await page.goto(origin + BASE + `#/${p}`);
          await page.locator('main h1').waitFor();
          await fillPage(page, p, 'zh', SETTLED_CLAIM);
          failures.push(...(await layoutFailures(page, `${p} at ${size.width}×${size.height}`)));
        }
      }
      await page.setViewportSize({ width: 360, height: 740 });
      assert.deepEqual(failures, [], failures.join('\n'));
      assert.deepEqual(reachedOffline(), [], 'nothing reached the host while offline');
    });
  });
});
