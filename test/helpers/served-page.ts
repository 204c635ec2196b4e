/**
 * The page of `dunguard serve` in chromium, as the page tests open it: the server on a fresh data
 * folder (startServer) and a browser context in Chinese, on Beijing time.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startServer, type TestServer } from './server.js';

export interface ServedPage {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
}

/** `timeout`: the context's default for every wait; `acceptDownloads` for the tests that save files. */
export async function openServedPage(o: { timeout: number; acceptDownloads?: boolean }): Promise<ServedPage> {
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ ...(o.acceptDownloads === true ? { acceptDownloads: true } : {}), locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(o.timeout);
    return { server, browser, context };
  } catch (e) {
    await closeServedPage({ server, browser });
    throw e;
  }
}

/** Closes what openServedPage opened (whatever of it there is: a failed start leaves some undefined). */
export async function closeServedPage(p: Partial<ServedPage> | undefined): Promise<void> {
  await p?.context?.close();
  await p?.browser?.close();
  await p?.server?.close();
}
