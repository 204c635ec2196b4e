/**
 * The offline app (dist/app) on a phone, with no dunguard server: a plain static file server
 * written here (node:http, files only) serves the folder under a sub-path, as any static host
 * would. In chromium with a 360 × 740 touch screen:
 *
 * - the first visit installs the service worker; then the network is cut and the page reloaded,
 *   and a scam SMS pasted into the check still gets the 诈骗 verdict — computed in the browser,
 *   with no request reaching the file server after going offline;
 * - no request, from the page, its worker or the service worker, goes to another origin;
 * - the family warning card is drawn offline;
 * - hostile text in the message (script tags, event handlers, javascript: URLs) stays inert text;
 * - the check in the app's Web Worker gives exactly the answer of the command line's engine;
 * - the law page works offline too (same data bundle, same code as the HTTP API);
 * - the record works offline: a checked message saved with a screenshot, still there after a
 *   reload, verified intact, exported as an evidence package that `verify-package` (in Node)
 *   finds intact — with the hostile text inert in the record page;
 * - the block list is exported offline (tags are answered on the phone, no "use the computer version");
 * - opened on the check page, the worker loads the engine and the model before anything is typed.
 *
 * Needs chromium (DUNGUARD_SKIP_BROWSER=1 skips). Run `npm run build` first.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { SKIP_BROWSER, withScreenshots } from '../helpers/browser.js';
import { APP, closeOfflineApp, openOfflineApp, reachedWhileOffline, serviceWorkerInControl, setOffline, type Down, type OfflinePhone } from '../helpers/static-app.js';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { unzipSync } from 'fflate';
import { verifyPackage } from '../../src/service/package-verify.js';
import { engineFrom, loadNumberData } from '../../src/data/load.js';
import { modelFrom } from '../../src/data/engine-from.js';
import type { Bundle } from '../../src/data/bundle.js';
import type { ModelFile } from '../../src/data/model-file.js';
import { check } from '../../src/engine/check.js';

const BASE = '/dunguard/'; // not the root: the app must work from any folder of a static host

const HOSTILE = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '"><svg onload="window.__pwned=1">', 'javascript:window.__pwned=1'].join(' ');
/** A realistic scam SMS posing as a platform's "credit repair", with hostile markup in it. */
const SCAM_SMS =
  '【安心借】尊敬的用户，您在我司的借款已逾期，已上报征信。为避免影响您的个人征信及家人名下贷款，请于今日18点前添加专员QQ 2894561730，' +
  `按指引将剩余欠款转入指定的安全账户，并提供短信验证码完成征信修复，逾期不处理将移交公安机关立案。${HOSTILE} 退订回T`;

/** A real 1 × 1 PNG: the screenshot saved as evidence. */
const SHOT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-app-'));

let phone: OfflinePhone | undefined;
let origin: string;
let context: BrowserContext;
const served: string[] = [];
const down: Down = { now: false, reached: [] };

const goOffline = (on: boolean): Promise<void> => setOffline(context, down, on);
const reachedOffline = (): string[] => reachedWhileOffline(down, BASE);
const problems: string[] = [];
const foreign: string[] = [];
const seen = new Set<string>();

async function assertInert(page: Page): Promise<void> {
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'hostile text must not run');
  assert.equal(await page.locator('main img:not([src^="blob:"]), main script, main svg[onload], main iframe').count(), 0, 'no element injected from text');
  assert.equal(await page.locator('main a[href^="javascript:"]').count(), 0, 'no link made from text');
}

function step(t: TestContext, f: () => Promise<void>): Promise<void> {
  return withScreenshots(t, () => context.pages(), f, { prefix: 'app-', fullPage: false });
}

describe('the offline app on a phone, from a plain static host', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  let page: Page;

  before(async () => {
    assert.ok(existsSync(join(APP, 'index.html')), 'dist/app is missing: run npm run build');
    // Every request of the page, its workers and the service worker must stay on this origin.
    phone = await openOfflineApp({ base: BASE, served, down, deviceScaleFactor: 3, timeout: 30_000, foreign, problems, onRequest: (url) => seen.add(url.replace(/-[\w-]{8}\.(js|json|f16)$/, '.$1')) });
    ({ origin, context, page } = phone);
  });

  after(async () => {
    await closeOfflineApp(phone);
    rmSync(tmp, { recursive: true, force: true });
    // The watch sees the workers' requests too: the data bundle is fetched only by the check worker, sw.js by the service worker.
    const urls = [...seen];
    assert.ok(urls.some((u) => u.endsWith('/assets/bundle.json')) && urls.some((u) => u.endsWith('/workbox.js')), `the watch saw the workers' requests: ${urls.join(', ')}`);
    assert.deepEqual(foreign, [], 'no request to another origin');
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP refusals');
  });

  it('installs for offline use on the first visit: manifest, icons and a service worker that controls the page', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE);
      await page.locator('main h1').waitFor();
      assert.equal(await page.locator('header .badge').innerText(), '离线版', 'the header says which version this is');
      // The service worker is active (its precache filled) and has taken the page.
      await serviceWorkerInControl(page);
      const manifest = JSON.parse(readFileSync(join(APP, 'manifest.webmanifest'), 'utf8')) as { name: string; display: string; icons: { sizes: string }[] };
      assert.equal(manifest.display, 'standalone');
      assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'a 512 px icon for the home screen');
      assert.match(manifest.name, /催收识别/);
    });
  });

  it('checks a scam SMS offline after a reload: the verdict is 诈骗, and nothing reached the server', async (t) => {
    await step(t, async () => {
      await goOffline(true);
      const before = served.length;
      await page.reload();
      await page.locator('main h1').waitFor();
      await page.getByLabel('短信或通话内容').fill(SCAM_SMS);
      const card = page.locator('section.verdict');
      await card.waitFor();
      assert.equal(await card.getAttribute('data-verdict'), 'scam');
      assert.match(await page.locator('.verdict-label').innerText(), /诈骗/);
      assert.ok((await page.locator('[data-testid=highlighted] button.mark').count()) > 0, 'matched phrases are marked');
      assert.equal(served.length, before, `nothing was served while offline: ${served.slice(before).join(', ')}`);
      assert.deepEqual(reachedOffline(), [], 'neither the page nor its workers asked the host for anything while offline');
    });
  });

  it('draws the family warning card offline, in the page', async (t) => {
    await step(t, async () => {
      await page.getByRole('button', { name: '提醒家人', exact: true }).click();
      const img = page.getByTestId('warn-card');
      await img.waitFor();
      assert.match((await img.getAttribute('src')) ?? '', /^blob:/, 'a PNG drawn in the page');
      assert.equal(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth), 1080);
    });
  });

  it('keeps hostile markup in the message as inert text', async (t) => {
    await step(t, async () => {
      const shown = await page.locator('[data-testid=highlighted]').innerText();
      assert.ok(shown.includes('<script>'), 'markup is shown as text');
      await assertInert(page);
    });
  });

  it('answers the law page offline: the common questions with their sources, and the search', async (t) => {
    await step(t, async () => {
      await page.goto(origin + BASE + '#/law');
      await page.getByTestId('faq').first().waitFor();
      assert.ok((await page.getByTestId('faq').count()) >= 6, 'the common questions are answered');
      await page.getByTestId('provision').first().waitFor();
      const all = await page.getByTestId('provision').count();
      assert.ok(all > 10, `the provisions are listed (${all})`);
      await page.getByLabel('搜索法条').fill('征信');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=provision]').length < n, all);
      assert.ok((await page.getByTestId('provision').count()) > 0);
      // Markup typed into the search stays text, wherever the page shows it back.
      await page.getByLabel('搜索法条').fill(`征信 ${HOSTILE}`);
      await page.waitForTimeout(500);
      await assertInert(page);
    });
  });

  it('saves a checked message with its screenshot offline, and keeps it after a reload', async (t) => {
    await step(t, async () => {
      const before = served.length;
      await page.goto(origin + BASE + '#/check');
      await page.getByLabel('短信或通话内容').fill(SCAM_SMS);
      await page.locator('section.verdict').waitFor();
      const save = page.locator('section.save');
      await save.getByLabel('附上截图或录音（可选）').setInputFiles({ name: 'shot.png', mimeType: 'image/png', buffer: SHOT });
      await save.getByRole('button', { name: '保存', exact: true }).click();
      await save.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor({ timeout: 60_000 });
      assert.match(await save.getByRole('status').innerText(), /1 个文件已附上/);
      // Reloaded, still offline: the record was kept in the browser.
      await page.reload();
      await page.goto(origin + BASE + '#/record');
      const item = page.locator('ol.events > li');
      await item.first().waitFor();
      assert.equal(await item.count(), 1);
      assert.ok((await item.first().innerText()).includes('安全账户'), 'the saved message is listed');
      assert.match(await page.getByTestId('kept-on-phone').innerText(), /只保存在这个手机的这个浏览器里/);
      await page.locator('ol.events img[src^="blob:"]').first().waitFor();
      await assertInert(page);
      assert.equal(served.length, before, `nothing was served: ${served.slice(before).join(', ')}`);
      assert.deepEqual(reachedOffline(), [], 'neither the page nor its workers asked the host for anything while offline');
    });
  });

  it('verifies the record intact and exports an evidence package that verify-package finds intact', async (t) => {
    await step(t, async () => {
      await page.getByRole('button', { name: '校验记录' }).click();
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      assert.match(await page.getByTestId('verify-status').innerText(), /1 条联系记录、1 份证据文件/);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出证据包（zip）' }).click()]);
      const zip = join(tmp, 'from-the-app.zip');
      await dl.saveAs(zip);
      const verdict = await verifyPackage(zip);
      assert.deepEqual(verdict.problems, []);
      assert.equal(verdict.ok, true);
      const members = unzipSync(readFileSync(zip));
      assert.deepEqual(Buffer.from(members[`evidence/${createHash('sha256').update(SHOT).digest('hex')}`]!), SHOT, 'the screenshot is in the package');
      const events = JSON.parse(Buffer.from(members['events.json']!).toString('utf8')) as { content: string; analysis: { verdict: string } }[];
      assert.equal(events[0]!.content, SCAM_SMS);
      assert.equal(events[0]!.analysis.verdict, 'scam', 'the verdict is saved with the message');
    });
  });

  it('exports the block list offline: tags are answered on the phone, with no "use the computer version" message', async (t) => {
    await step(t, async () => {
      // Tags, the block list and the one-step report are answered on the phone (test/e2e/app-tags.test.ts covers them in full).
      await page.goto(origin + BASE + '#/check');
      await page.getByLabel('短信或通话内容').fill(SCAM_SMS);
      await page.locator('section.verdict').waitFor();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出通讯录（vCard，用于来电显示和拦截）' }).click()]);
      assert.equal(dl.suggestedFilename(), 'dunguard-blocklist.vcf');
      assert.equal(await page.getByText('离线版暂不支持').count(), 0);
      await goOffline(false);
    });
  });

  it("gives, in its Web Worker, exactly the command line engine's answer", async (t) => {
    await step(t, async () => {
      const worker = readdirSync(join(APP, 'assets')).find((f) => /^check\.worker-.*\.js$/.test(f));
      assert.ok(worker, 'the check worker is in dist/app/assets');
      const inputs = [
        { text: SCAM_SMS, date: '2026-11-20' },
        { text: '您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。', number: '95188', date: '2026-11-20', answers: { company: null } },
        { text: '再不还钱就把你的事发到你通讯录里每一个人，让你全家都知道，晚上十一点我们还会打。', number: '+86 138 1234 5678', date: '2021-03-01' },
      ];
      const fromWorker = await page.evaluate(
        async ({ url, inputs }) => {
          const w = new Worker(url, { type: 'module' });
          const out: unknown[] = [];
          for (const [id, body] of inputs.entries()) {
            out.push(
              await new Promise((resolve) => {
                w.onmessage = (e: MessageEvent<{ result?: unknown; error?: unknown }>) => resolve(e.data.result ?? e.data.error);
                w.postMessage({ id, op: 'check', body });
              }),
            );
          }
          w.terminate();
          return out;
        },
        { url: `${origin}${BASE}assets/${worker}`, inputs },
      );
      // The same data and model the app ships (dist/app/assets), assembled in Node as the command line assembles them:
      // the runtimes are compared, not a build against sources edited since.
      const asset = (re: RegExp): Buffer => {
        const name = readdirSync(join(APP, 'assets')).find((f) => re.test(f));
        assert.ok(name, `${re} is in dist/app/assets`);
        return readFileSync(join(APP, 'assets', name));
      };
      const bundle = JSON.parse(asset(/^bundle-.*\.json$/).toString('utf8')) as Bundle;
      const meta = JSON.parse(asset(/^classifier-.*\.json$/).toString('utf8')) as ModelFile;
      const weights = asset(/^classifier-.*\.f16$/);
      assert.equal(createHash('sha256').update(weights).digest('hex'), meta.weights_sha256);
      const engine = engineFrom(bundle, modelFrom(meta, weights, { json: 'model', weights: 'weights' }), (await loadNumberData()).parse);
      for (const [i, input] of inputs.entries()) assert.deepEqual(fromWorker[i], JSON.parse(JSON.stringify(check(engine, input))), `same answer for input ${i}`);
    });
  });

  it('opened on the check page, loads the engine and the model in its worker before anything is typed', async (t) => {
    await step(t, async () => {
      // What the page and its workers ask for (not the service worker's own precaching).
      const asked: string[] = [];
      const watch = (r: Request): void => {
        if (r.serviceWorker() === null) asked.push(new URL(r.url()).pathname);
      };
      context.on('request', watch);
      try {
        await page.goto('about:blank');
        await page.goto(origin + BASE + '#/check');
        const box = page.getByLabel('短信或通话内容');
        await box.waitFor();
        const engineAsked = (): boolean => asked.some((p) => /\/assets\/check-engine-[\w-]+\.js$/.test(p)) && asked.some((p) => /\/assets\/classifier-[\w-]+\.f16$/.test(p));
        for (const until = Date.now() + 20_000; !engineAsked() && Date.now() < until; ) await page.waitForTimeout(50);
        assert.ok(engineAsked(), `the engine's code and the model were asked for with nothing typed: ${asked.join(', ')}`);
        assert.equal(await box.inputValue(), '', 'nothing was typed');
        assert.equal(await page.locator('section.verdict').count(), 0, 'no check was made');
        // The first check then answers from that engine.
        await box.fill(SCAM_SMS);
        await page.locator('section.verdict').waitFor();
        assert.equal(await page.locator('section.verdict').getAttribute('data-verdict'), 'scam');
      } finally {
        context.off('request', watch);
      }
    });
  });
});
