/**
 * The record page's “导入证据包（zip）” against `dunguard serve` (the HTTP backend), in chromium:
 * an edited package refused with the Chinese reason and nothing imported, a package exported by
 * another record imported, its events listed and the record verified intact at the package's head.
 * Needs chromium; DUNGUARD_SKIP_BROWSER=1 skips it (never silently).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { BrowserContext } from 'playwright-core';
import { SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { closeServedPage, openServedPage, type ServedPage } from '../helpers/served-page.js';
import type { TestServer } from '../helpers/server.js';
import { openRecord } from '../../src/service/record-context.js';
import { exportPackage } from '../../src/service/export.js';
import { fields } from '../store-conformance/suite.js';

let served: ServedPage | undefined;
let server: TestServer;
let context: BrowserContext;
const problems: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-web-import-'));

describe('importing an evidence package on the page of dunguard serve', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  before(async () => {
    served = await openServedPage({ timeout: 20_000 });
    ({ server, context } = served);
  });
  after(async () => {
    await closeServedPage(served);
    rmSync(tmp, { recursive: true, force: true });
    // The refused import answers 400 on purpose; nothing else may go wrong.
    assert.deepEqual(problems.filter((p) => !/^HTTP 400 for .*\/api\/import$/.test(p)), [], 'no dialogs, page errors or CSP violations');
  });

  it('refuses an edited package, then imports the real one and verifies it at the same head', async (t) => {
    // Another computer's record, exported.
    const ctx = await openRecord(join(tmp, 'other'));
    await ctx.store.addEvent({ fields: fields({ content: '另一台电脑上记下的催收短信：再不还钱就爆你通讯录' }), analysis: null, source: 'cli' });
    const pkg = join(tmp, 'case.zip');
    const { audit_head: head } = await exportPackage(ctx, pkg);
    await ctx.close();
    const m = unzipSync(readFileSync(pkg));
    m['events.json'] = strToU8(new TextDecoder().decode(m['events.json']).replace('爆你通讯录', '请按时还款'));
    const manifest = JSON.parse(new TextDecoder().decode(m['manifest.json'])) as { files: { path: string; sha256: string; size: number }[] };
    for (const f of manifest.files) if (f.path === 'events.json') Object.assign(f, { sha256: createHash('sha256').update(m['events.json']!).digest('hex'), size: m['events.json']!.length });
    m['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
    const bad = join(tmp, 'forged.zip');
    writeFileSync(bad, zipSync(m));

    await withScreenshots(t, () => context.pages(), async () => {
      const page = await context.newPage();
      watchPage(page, problems);
      await page.goto(server.url + '/#/record');
      const input = page.getByLabel('导入证据包（zip）');
      await input.setInputFiles(bad);
      await page.getByText('这个证据包没有导入').first().waitFor();
      assert.equal(await page.locator('ol.events > li').count(), 0, 'nothing was imported');

      await input.setInputFiles(pkg);
      await page.getByTestId('import-status').waitFor();
      assert.match(await page.getByTestId('import-status').innerText(), /已导入 1 条联系记录/);
      await page.getByTestId('verify-status').filter({ hasText: '记录完整' }).waitFor();
      await page.getByText('另一台电脑上记下的催收短信').first().waitFor();
      const v = (await server.app.inject({ method: 'GET', url: '/api/verify', headers: { 'x-dunguard-token': server.token } })).json() as { intact: boolean; head?: unknown };
      assert.equal(v.intact, true);
      assert.deepEqual(v.head, head);
    });
  });
});
