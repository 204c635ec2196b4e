/**
 * The record page on a record of more events than one page, against `dunguard serve` (the HTTP
 * backend), in chromium: the newest 50 listed with the total, the rest a page at a time with
 * 再显示, the filters applied to all events (not only those shown), the charts and the counts
 * from the whole period, and verification shown as under way before it says "intact".
 * Needs chromium; DUNGUARD_SKIP_BROWSER=1 skips it (never silently).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { closeServedPage, openServedPage, type ServedPage } from '../helpers/served-page.js';
import type { TestServer } from '../helpers/server.js';

let served: ServedPage | undefined;
let server: TestServer;
let context: BrowserContext;
const problems: string[] = [];
const EVENTS = 130;

describe('the record page with more events than one page (dunguard serve)', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  before(async () => {
    served = await openServedPage({ timeout: 20_000 });
    ({ server, context } = served);
    for (let i = 0; i < EVENTS; i++) {
      const at = new Date(Date.parse('2026-10-01T00:00:00+08:00') + i * 7 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      const r = await server.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'x-dunguard-token': server.token },
        payload: { kind: i % 3 === 0 ? 'call_missed' : 'call_incoming', at, number: i % 10 === 0 ? '13900001111' : '17012345678', notes: `第${i}次` },
      });
      assert.equal(r.statusCode, 201, r.body);
    }
  });
  after(async () => {
    await closeServedPage(served);
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP violations');
  });

  it('lists the newest page first, the rest with 再显示, filters over all events, charts the whole period and verifies after drawing', async (t) => {
    await withScreenshots(t, () => context.pages(), async () => {
      const page = await context.newPage();
      watchPage(page, problems);
      // Verification answers only when the test lets it: the page must say it is checking, not "intact".
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/verify', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(server.url + '/#/record');
      const items = page.locator('ol.events > li');
      await page.getByTestId('list-count').filter({ hasText: `显示最近的 50 条，共 ${EVENTS} 条` }).waitFor();
      assert.equal(await items.count(), 50);
      assert.match(await items.first().innerText(), new RegExp(`第${EVENTS - 1}次`), 'newest first');
      assert.equal(await page.locator('figure.chart').count(), 2);
      assert.match(await page.getByTestId('counts-summary').innerText(), new RegExp(`共 ${EVENTS} 条联系记录：来电（接通） ${EVENTS - Math.ceil(EVENTS / 3)}、未接来电 ${Math.ceil(EVENTS / 3)}`));
      const status = page.getByTestId('verify-status');
      await status.filter({ hasText: '正在校验记录' }).waitFor();
      assert.doesNotMatch(await status.innerText(), /记录完整/);
      release();
      await page.locator('[data-testid=verify-status][data-state=intact]').filter({ hasText: `记录完整，未被改动（核对了 ${EVENTS} 条操作日志、${EVENTS} 条联系记录` }).waitFor();

      await page.getByRole('button', { name: `再显示 50 条（共 ${EVENTS} 条）` }).click();
      await page.getByTestId('list-count').filter({ hasText: `显示最近的 100 条` }).waitFor();
      await page.getByRole('button', { name: `再显示 30 条（共 ${EVENTS} 条）` }).click();
      await page.getByTestId('list-count').filter({ hasText: `显示最近的 ${EVENTS} 条` }).waitFor();
      assert.equal(await items.count(), EVENTS);
      assert.match(await items.last().innerText(), /第0次/, 'the oldest at the end');
      assert.equal(await page.getByRole('button', { name: /再显示/ }).count(), 0, 'nothing more to show');
      const ids = await items.evaluateAll((li) => li.map((x) => x.textContent));
      assert.equal(new Set(ids).size, EVENTS, 'no event listed twice');

      // A filter applies to the whole record: the number's events from every page, the oldest included.
      await page.locator('section.card').filter({ hasText: '筛选' }).getByLabel('号码').fill('13900001111');
      await page.getByTestId('list-count').filter({ hasText: `共 ${EVENTS / 10} 条` }).waitFor();
      assert.equal(await items.count(), EVENTS / 10);
      assert.match(await items.last().innerText(), /第0次/);
      await page.close();
    });
  });
});
