/**
 * The record page of the offline app (the local backend: the worker and the browser store in
 * IndexedDB) on a record of more events than one page, served from a plain static host: a
 * package of 120 events made in Node by the app's own store and package code is imported
 * through 导入证据包; then, on a fresh opening at #/record, the newest 50 are listed with the
 * total, 再显示 brings the rest a page at a time, a filter reaches past the first page, the counts
 * cover every event, and verification says it is under way before it says intact. The same page
 * as dunguard serve's (test/e2e/record-page.test.ts). Needs chromium and a built dist/app.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { APP, staticApp } from '../helpers/static-app.js';
import { BrowserStore } from '../../src/store/browser/browser-store.js';
import { memoryRecordFile } from '../../src/store/browser/record-file.js';
import type { SqlJs } from '../../src/store/browser/sqljs.js';
import { packageInMemory } from '../../src/service/package-memory.js';
import { loadData } from '../../src/data/load.js';
import { fields } from '../store-conformance/suite.js';

const BASE = '/pocket/';
const EVENTS = 120;
const SKIP = SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : !existsSync(join(APP, 'index.html')) ? 'dist/app is not built (npm run build)' : false;

let browser: Browser;
let context: BrowserContext;
let server: Server;
let origin: string;
const problems: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-app-record-'));
const zip = join(tmp, 'record.zip');

describe('the offline app: the record page with more events than one page', { skip: SKIP }, () => {
  before(async () => {
    const store = await BrowserStore.open((await initSqlJs()) as SqlJs, memoryRecordFile());
    await store.importEvents(
      Array.from({ length: EVENTS }, (_, i) => ({
        fields: fields({ kind: i % 4 === 0 ? 'call_missed' : 'sms', occurred_at: new Date(Date.parse('2026-10-01T08:00:00+08:00') + i * 5 * 3600_000).toISOString(), number: i % 12 === 0 ? '13900001111' : '17012345678', content: i % 4 === 0 ? undefined : `第${i}条催收短信` }),
        analysis: null,
        source: 'web',
      })),
    );
    writeFileSync(zip, (await packageInMemory(store, await loadData(), async () => undefined, { generator: 'dunguard offline app' })).zip);
    await store.close();
    ({ server, origin } = await staticApp(BASE, [], { now: false, reached: [] }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(60_000);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    server?.close();
    rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP violations');
  });

  it('lists a page at a time after an import, filters over every event, counts them all and verifies after drawing', async (t) => {
    await withScreenshots(t, () => context.pages(), async () => {
      const page = await context.newPage();
      watchPage(page, problems);
      await page.goto(origin + BASE + '#/record');
      await page.getByLabel('导入证据包（zip）').setInputFiles(zip);
      await page.getByTestId('import-status').filter({ hasText: `已导入 ${EVENTS} 条联系记录` }).waitFor();

      // A fresh opening at #/record: the worker starts with the page and opens the record at once.
      await page.goto('about:blank');
      await page.goto(origin + BASE + '#/record');
      const items = page.locator('ol.events > li');
      await page.getByTestId('list-count').filter({ hasText: `显示最近的 50 条，共 ${EVENTS} 条` }).waitFor();
      assert.equal(await items.count(), 50);
      assert.match(await items.first().innerText(), new RegExp(`第${EVENTS - 1}条`), 'newest first');
      assert.match(await page.getByTestId('counts-summary').innerText(), new RegExp(`共 ${EVENTS} 条联系记录：短信 ${EVENTS * 0.75}、未接来电 ${EVENTS / 4}`));
      assert.equal(await page.locator('figure.chart').count(), 2);
      // Verification ends intact; until then the page never says so.
      const status = page.locator('[data-testid=verify-status]');
      await status.first().waitFor();
      // State and words read together: verification may end between two separate reads.
      const [first, words] = await status.first().evaluate((el) => [el.getAttribute('data-state'), el.textContent ?? '']);
      assert.ok(first === 'checking' || first === 'intact', String(first));
      if (first === 'checking') assert.doesNotMatch(words ?? '', /记录完整/);
      await page.locator('[data-testid=verify-status][data-state=intact]').filter({ hasText: `核对了 ${EVENTS} 条操作日志、${EVENTS} 条联系记录` }).waitFor();

      await page.getByRole('button', { name: `再显示 50 条（共 ${EVENTS} 条）` }).click();
      await page.getByTestId('list-count').filter({ hasText: '显示最近的 100 条' }).waitFor();
      await page.getByRole('button', { name: `再显示 20 条（共 ${EVENTS} 条）` }).click();
      await page.getByTestId('list-count').filter({ hasText: `显示最近的 ${EVENTS} 条` }).waitFor();
      assert.equal(new Set(await items.evaluateAll((li) => li.map((x) => x.textContent))).size, EVENTS, 'each event once');
      assert.equal(await page.getByRole('button', { name: /再显示/ }).count(), 0);

      await page.locator('section.card').filter({ hasText: '筛选' }).getByLabel('号码').fill('13900001111');
      await page.getByTestId('list-count').filter({ hasText: `共 ${EVENTS / 12} 条` }).waitFor();
      assert.equal(await items.count(), EVENTS / 12);
      assert.match(await items.last().innerText(), /2026-10-01 00:00/, 'the oldest of them (the first event), from past the first page');
      await page.close();
    });
  });
});
