/**
 * The offline app (dist/app) beyond the check: a person's whole flow on a phone, with no
 * dunguard server and no network — chromium, a 360 × 740 touch screen, dist/app served by a
 * plain static file server under a sub-path (test/helpers/static-app.ts).
 *
 * Offline after the first visit: a loan added on the debts page shows its true annual rate,
 * flags and limitation; a payment and the settlement are recorded; a caller's claim is checked
 * against that ledger in the browser as on the server (a settled loan "overdue" is 诈骗; the
 * same text with the ledger off is ordinary collection); the letters page sets the profile,
 * recommends channels and previews a letter filled from the record and the ledger, and the
 * complaint letter comes out as a PDF (its text read back by pdftotext: the Chinese is there,
 * no internal references); the record is exported as the evidence package, the site's storage
 * cleared, an edited package refused, the real one imported, and the record verifies intact to
 * the same audit head with the ledger back. Every request stays on the app's origin, and none
 * reaches the host while it is offline. The first PDF is made online: the PDF writer and its
 * font are fetched then (not on the first visit) and kept by the service worker.
 *
 * Needs chromium (DUNGUARD_SKIP_BROWSER=1 skips). Run `npm run build` first.
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
import { APP, closeOfflineApp, openOfflineApp, reachedWhileOffline, serviceWorkerInControl, setOffline, type OfflinePhone } from '../helpers/static-app.js';

const BASE = '/pocket/';
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

describe('the offline app: debts, claims and letters on a phone with no network', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
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

  it('asks for the network once for the first PDF, makes it online (the PDF writer and the Chinese font are fetched then, not on the first visit), then goes offline', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/record');
      await page.getByRole('button', { name: '校验记录' }).waitFor();
      // Offline before any PDF was made: a plain message, not a failure.
      await goOffline(true);
      await page.getByRole('button', { name: '下载骚扰报告（PDF）' }).click();
      await page.getByText('第一次生成PDF时需要联网一次').first().waitFor();
      await goOffline(false);
      down.reached.length = 0;
      const before = served.length;
      const pdf = await downloaded(page, '下载骚扰报告（PDF）');
      const text = pdfText(pdf);
      assert.match(text, /骚扰情况报告/);
      assertNothingInternal(text, 'the report');
      const fetched = served.slice(before);
      assert.ok(fetched.some((p) => /\/pdf\/[0-9a-f]{12}\/cjk-sc\.otf$/.test(p)), `the font was fetched for the first PDF: ${fetched.join(', ')}`);
      await goOffline(true);
      await page.reload();
      await page.locator('main h1').waitFor();
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
  it('exports the package, clears the site, refuses an edited package, imports the real one and verifies it intact — offline', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/record');
      await page.getByRole('button', { name: '校验记录' }).click();
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      const pkg = await downloaded(page, '导出证据包（zip）');
      const verdict = await verifyPackage(pkg);
      assert.deepEqual(verdict.problems, []);
      const head = verdict.audit_head;
      assert.ok(head !== null && head.seq >= 5, 'the loans, payments, settlement and profile are in the chain');

      // The site's storage cleared (the record and its evidence), as a person would in the browser's settings.
      await page.goto(origin + BASE + '#/law');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
      await page.goto(origin + BASE + '#/debts');
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
});
